// PyErr_Warn*: warnings issued from C, until the `warnings` machinery proper
// (the _warnings module synchronised with warnings.filters) exists.
//
// What this does now, as CPython's default filters would:
//   - DeprecationWarning, PendingDeprecationWarning, ImportWarning and
//     ResourceWarning are ignored, except DeprecationWarning attributed to
//     __main__;
//   - every other category prints "file:line: Category: message" (plus the
//     stripped source line when the file is readable) to sys.stderr, once per
//     (file, line, category, message);
//   - sys.warnoptions (filled from -W / PYTHONWARNINGS) is honoured for the
//     action and category fields: "error" raises the warning as an exception,
//     "ignore" drops it, "always" prints every time, "default"/"module"/"once"
//     print once.
// The location of a warning raised from C is the calling Python frame; the
// interpreter installs krait::warnings_location_hook to supply it. Without it
// the location is "sys:1", as CPython reports when no frame is running.
#include <Python.h>

#include <cstring>
#include <set>
#include <string>
#include <tuple>

#include "modules/sys_module.h"
#include "objects/object_util.h"

namespace krait {

WarningsLocationHook warnings_location_hook = nullptr;

namespace {

enum class Action { kDefault, kError, kIgnore, kAlways, kModule, kOnce };

// The first matching -W option (most recent first, as the warnings module
// inserts them); false when none applies.
bool option_action(PyObject* category, Action* action) {
  PyObject* opts = PySys_GetObject("warnoptions");
  if (!opts || !PyList_Check(opts)) return false;
  for (Py_ssize_t i = PyList_GET_SIZE(opts) - 1; i >= 0; i--) {
    PyObject* opt = PyList_GET_ITEM(opts, i);
    if (!PyUnicode_Check(opt)) continue;
    const char* s = PyUnicode_AsUTF8(opt);
    if (!s) {
      PyErr_Clear();
      continue;
    }
    std::string text(s);
    std::string fields[5];
    size_t start = 0;
    for (int f = 0; f < 5; f++) {
      size_t colon = text.find(':', start);
      fields[f] = text.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
      if (colon == std::string::npos) break;
      start = colon + 1;
    }
    auto trim = [](std::string& x) {
      while (!x.empty() && x.front() == ' ') x.erase(0, 1);
      while (!x.empty() && x.back() == ' ') x.pop_back();
    };
    for (auto& f : fields) trim(f);
    if (!fields[2].empty()) {
      // Match the category by name along its MRO.
      bool matched = false;
      PyObject* mro = reinterpret_cast<PyTypeObject*>(category)->tp_mro;
      if (mro && PyTuple_Check(mro)) {
        for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(mro); k++) {
          auto* t = reinterpret_cast<PyTypeObject*>(PyTuple_GET_ITEM(mro, k));
          const char* dot = std::strrchr(t->tp_name, '.');
          if (fields[2] == (dot ? dot + 1 : t->tp_name)) matched = true;
        }
      }
      if (!matched) continue;
    }
    const std::string& a = fields[0];
    auto prefix = [&](const char* full) {
      return !a.empty() && std::strncmp(full, a.c_str(), a.size()) == 0;
    };
    if (prefix("error")) *action = Action::kError;
    else if (prefix("ignore")) *action = Action::kIgnore;
    else if (prefix("always")) *action = Action::kAlways;
    else if (prefix("module")) *action = Action::kModule;
    else if (prefix("once")) *action = Action::kOnce;
    else *action = Action::kDefault;
    return true;
  }
  return false;
}

bool is_subclass(PyObject* category, PyObject* base) {
  return PyType_IsSubtype(reinterpret_cast<PyTypeObject*>(category),
                          reinterpret_cast<PyTypeObject*>(base));
}

Action default_action(PyObject* category, PyObject* module) {
  if (is_subclass(category, PyExc_DeprecationWarning)) {
    if (module && PyUnicode_Check(module) && PyUnicode_CompareWithASCIIString(module, "__main__") == 0)
      return Action::kDefault;
    return Action::kIgnore;
  }
  if (is_subclass(category, PyExc_PendingDeprecationWarning) ||
      is_subclass(category, PyExc_ImportWarning) || is_subclass(category, PyExc_ResourceWarning))
    return Action::kIgnore;
  return Action::kDefault;
}

std::set<std::tuple<std::string, int, std::string, std::string>> g_shown;

std::string utf8_or_empty(PyObject* o) {
  if (!o || !PyUnicode_Check(o)) return {};
  const char* s = PyUnicode_AsUTF8(o);
  if (!s) {
    PyErr_Clear();
    return {};
  }
  return s;
}

int show(PyObject* category, PyObject* text, PyObject* filename, int lineno) {
  PyObject* file = PySys_GetObject("stderr");
  if (!file || file == Py_None) return 0;
  const char* name = reinterpret_cast<PyTypeObject*>(category)->tp_name;
  const char* dot = std::strrchr(name, '.');
  Ref<> line = steal(PyUnicode_FromFormat("%S:%d: %s: %S\n", filename, lineno, dot ? dot + 1 : name,
                                          text));
  if (!line) return -1;
  if (PyFile_WriteObject(line.get(), file, Py_PRINT_RAW) < 0) return -1;
  Ref<> source = steal(PyErr_ProgramTextObject(filename, lineno));
  if (source) {
    Ref<> stripped = steal(PyObject_CallMethod(source.get(), "strip", nullptr));
    if (!stripped) return -1;
    if (PyUnicode_GET_LENGTH(stripped.get()) > 0) {
      Ref<> out = steal(PyUnicode_FromFormat("  %S\n", stripped.get()));
      if (!out || PyFile_WriteObject(out.get(), file, Py_PRINT_RAW) < 0) return -1;
    }
  }
  return 0;
}

// The common path. message may be a str or a Warning instance.
int warn_explicit(PyObject* category, PyObject* message, PyObject* filename, int lineno,
                  PyObject* module) {
  if (!category) category = PyExc_UserWarning;
  Ref<> text;
  if (PyExceptionInstance_Check(message)) {
    category = reinterpret_cast<PyObject*>(Py_TYPE(message));
    text = steal(PyObject_Str(message));
  } else {
    text = borrow(message);
  }
  if (!text) return -1;
  Ref<> own_module;
  if (!module) {
    // The module name is the file name without ".py".
    Py_ssize_t len = PyUnicode_GET_LENGTH(filename);
    if (len >= 3 && PyUnicode_Tailmatch(filename, krait::steal(PyUnicode_FromString(".py")).get(),
                                        0, len, 1) == 1)
      own_module = steal(PyUnicode_Substring(filename, 0, len - 3));
    else
      own_module = borrow(filename);
    if (!own_module) return -1;
    module = own_module.get();
  }
  Action action;
  if (!option_action(category, &action)) action = default_action(category, module);
  if (PyErr_Occurred()) return -1;
  switch (action) {
    case Action::kError: {
      if (PyExceptionInstance_Check(message))
        PyErr_SetObject(category, message);
      else
        PyErr_SetObject(category, text.get());
      return -1;
    }
    case Action::kIgnore:
      return 0;
    case Action::kAlways:
      break;
    case Action::kDefault:
    case Action::kModule:
    case Action::kOnce: {
      auto key = std::make_tuple(action == Action::kOnce ? std::string() : utf8_or_empty(filename),
                                 action == Action::kDefault ? lineno : 0,
                                 std::string(reinterpret_cast<PyTypeObject*>(category)->tp_name),
                                 utf8_or_empty(text.get()));
      if (!g_shown.insert(key).second) return 0;
      break;
    }
  }
  return show(category, text.get(), filename, lineno);
}

int warn(PyObject* category, PyObject* message, Py_ssize_t stack_level) {
  Ref<> filename;
  Ref<> module;
  int lineno = 1;
  if (!warnings_location_hook ||
      warnings_location_hook(stack_level, &filename, &lineno, &module) < 0) {
    if (PyErr_Occurred()) return -1;
    filename = steal(PyUnicode_FromString("sys"));
    module = steal(PyUnicode_FromString("sys"));
    lineno = 1;
  }
  if (!filename) return -1;
  return warn_explicit(category, message, filename.get(), lineno, module.get());
}

}  // namespace
}  // namespace krait

using namespace krait;

int PyErr_WarnEx(PyObject* category, const char* text, Py_ssize_t stack_level) {
  Ref<> message = steal(PyUnicode_FromString(text));
  if (!message) return -1;
  return warn(category, message.get(), stack_level);
}

int PyErr_WarnFormat(PyObject* category, Py_ssize_t stack_level, const char* format, ...) {
  va_list vargs;
  va_start(vargs, format);
  Ref<> message = steal(PyUnicode_FromFormatV(format, vargs));
  va_end(vargs);
  if (!message) return -1;
  return warn(category, message.get(), stack_level);
}

int PyErr_ResourceWarning(PyObject* source, Py_ssize_t stack_level, const char* format, ...) {
  va_list vargs;
  va_start(vargs, format);
  Ref<> message = steal(PyUnicode_FromFormatV(format, vargs));
  va_end(vargs);
  if (!message) return -1;
  return warn(PyExc_ResourceWarning, message.get(), stack_level);
}

int PyErr_WarnExplicitObject(PyObject* category, PyObject* message, PyObject* filename,
                             int lineno, PyObject* module, PyObject* registry) {
  if (!filename || !message) {
    PyErr_BadInternalCall();
    return -1;
  }
  return warn_explicit(category, message, filename, lineno, module);
}

int PyErr_WarnExplicit(PyObject* category, const char* text, const char* filename_str,
                       int lineno, const char* module_str, PyObject* registry) {
  Ref<> message = steal(PyUnicode_DecodeUTF8(text, static_cast<Py_ssize_t>(std::strlen(text)), "replace"));
  Ref<> filename = steal(PyUnicode_DecodeFSDefault(filename_str));
  Ref<> module;
  if (module_str) {
    module = steal(PyUnicode_FromString(module_str));
    if (!module) return -1;
  }
  if (!message || !filename) return -1;
  return warn_explicit(category, message.get(), filename.get(), lineno, module.get());
}

int PyErr_WarnExplicitFormat(PyObject* category, const char* filename_str, int lineno,
                             const char* module_str, PyObject* registry, const char* format, ...) {
  va_list vargs;
  va_start(vargs, format);
  Ref<> message = steal(PyUnicode_FromFormatV(format, vargs));
  va_end(vargs);
  if (!message) return -1;
  Ref<> filename = steal(PyUnicode_DecodeFSDefault(filename_str));
  if (!filename) return -1;
  Ref<> module;
  if (module_str) {
    module = steal(PyUnicode_FromString(module_str));
    if (!module) return -1;
  }
  return warn_explicit(category, message.get(), filename.get(), lineno, module.get());
}
