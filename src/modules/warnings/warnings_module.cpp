// warnings_module.cpp — the `_warnings` module (filters, _defaultaction,
// _onceregistry, warn, warn_explicit, _filters_mutated) and the one filter
// engine behind both it and PyErr_Warn* (src/capi/warnings.cpp calls
// krait::warnings::warn / warn_explicit).
//
// CPython 3.11's algorithm: the filter list, once-registry and default
// action are this module's objects until warnings.py is imported, after which
// warnings.filters etc. (the same objects, unless rebound) are consulted.
// Per-module __warningregistry__ dicts remember what was shown, keyed by
// (text, category, lineno) and invalidated by _filters_mutated()'s version.
// Display goes through warnings._showwarnmsg(WarningMessage(...)) when
// warnings.py is loaded (imported on demand when `source` is given), else
// the C format "file:line: Category: text\n  source line\n".
#include <Python.h>

#include <cstdio>
#include <string>

#include "interp/eval.h"
#include "interp/frame.h"
#include "modules/warnings/warnings.h"
#include "support/ref.h"

using namespace krait;

namespace {

PyObject* g_filters = nullptr;        // list
PyObject* g_once_registry = nullptr;  // dict
PyObject* g_default_action = nullptr; // str
long g_filters_version = 0;
bool g_importing_for_options = false;

int init_state() {
  if (g_filters) return 0;
  g_once_registry = PyDict_New();
  g_default_action = PyUnicode_InternFromString("default");
  g_filters = PyList_New(0);
  if (!g_once_registry || !g_default_action || !g_filters) return -1;
  struct {
    const char* action;
    PyObject* cat;
    const char* module;
  } defaults[] = {{"default", PyExc_DeprecationWarning, "__main__"},
                  {"ignore", PyExc_DeprecationWarning, nullptr},
                  {"ignore", PyExc_PendingDeprecationWarning, nullptr},
                  {"ignore", PyExc_ImportWarning, nullptr},
                  {"ignore", PyExc_ResourceWarning, nullptr}};
  for (auto& d : defaults) {
    Ref<> mod = d.module ? steal(PyUnicode_FromString(d.module)) : borrow(Py_None);
    Ref<> item = steal(Py_BuildValue("(sOOOi)", d.action, Py_None, d.cat, mod.get(), 0));
    if (!item || PyList_Append(g_filters, item.get()) < 0) return -1;
  }
  return 0;
}

// warnings.<attr> when warnings.py is loaded (imported first if try_import);
// NULL without an error when unavailable.
PyObject* get_warnings_attr(const char* attr, bool try_import) {
  Ref<> mod;
  if (try_import) {
    mod = steal(PyImport_ImportModule("warnings"));
    if (!mod) {
      if (!PyErr_ExceptionMatches(PyExc_ImportError)) return nullptr;
      PyErr_Clear();
      return nullptr;
    }
  } else {
    mod = steal(PyImport_GetModule(Ref<>(steal(PyUnicode_FromString("warnings"))).get()));
    if (!mod) return nullptr;
  }
  PyObject* v = PyObject_GetAttrString(mod.get(), attr);
  if (!v && PyErr_ExceptionMatches(PyExc_AttributeError)) PyErr_Clear();
  return v;
}

// As CPython imports warnings at start-up when -W options exist, so that
// they take effect: done lazily at the first warning.
int apply_warnoptions() {
  if (g_importing_for_options) return 0;
  PyObject* opts = PySys_GetObject("warnoptions");
  if (!opts || !PyList_Check(opts) || PyList_GET_SIZE(opts) == 0) return 0;
  Ref<> name = steal(PyUnicode_FromString("warnings"));
  Ref<> have = steal(PyImport_GetModule(name.get()));
  if (have) return 0;
  if (PyErr_Occurred()) return -1;
  g_importing_for_options = true;
  Ref<> mod = steal(PyImport_Import(name.get()));
  g_importing_for_options = false;
  if (!mod) return -1;
  return 0;
}

PyObject* get_filters() {  // borrowed-ish: returns new ref
  Ref<> f = steal(get_warnings_attr("filters", false));
  if (!f) {
    if (PyErr_Occurred()) return nullptr;
    return Py_NewRef(g_filters);
  }
  if (!PyList_Check(f.get())) {
    PyErr_SetString(PyExc_ValueError, "_warnings.filters must be a list");
    return nullptr;
  }
  Py_SETREF(g_filters, Py_NewRef(f.get()));
  return f.release();
}

PyObject* get_once_registry() {
  Ref<> r = steal(get_warnings_attr("onceregistry", false));
  if (!r) {
    if (PyErr_Occurred()) return nullptr;
    return Py_NewRef(g_once_registry);
  }
  if (!PyDict_Check(r.get())) {
    PyErr_Format(PyExc_TypeError, "_warnings.onceregistry must be a dict, not '%.200s'",
                 Py_TYPE(r.get())->tp_name);
    return nullptr;
  }
  Py_SETREF(g_once_registry, Py_NewRef(r.get()));
  return r.release();
}

PyObject* get_default_action() {
  Ref<> a = steal(get_warnings_attr("defaultaction", false));
  if (!a) {
    if (PyErr_Occurred()) return nullptr;
    return Py_NewRef(g_default_action);
  }
  if (!PyUnicode_Check(a.get())) {
    PyErr_Format(PyExc_TypeError, "_warnings.defaultaction must be a string, not '%.200s'",
                 Py_TYPE(a.get())->tp_name);
    return nullptr;
  }
  Py_SETREF(g_default_action, Py_NewRef(a.get()));
  return a.release();
}

int check_matched(PyObject* obj, PyObject* arg) {
  if (obj == Py_None) return 1;
  if (PyUnicode_CheckExact(obj)) {
    int r = PyUnicode_Compare(obj, arg);
    if (r == -1 && PyErr_Occurred()) return -1;
    return r == 0;
  }
  Ref<> res = steal(PyObject_CallMethod(obj, "match", "O", arg));
  if (!res) return -1;
  return PyObject_IsTrue(res.get());
}

// The action (new ref) for this warning; *item gets the matching filter.
PyObject* get_filter(PyObject* category, PyObject* text, Py_ssize_t lineno, PyObject* module,
                     Ref<>* item) {
  Ref<> filters = steal(get_filters());
  if (!filters) return nullptr;
  for (Py_ssize_t i = 0; i < PyList_GET_SIZE(filters.get()); i++) {
    Ref<> tmp = borrow(PyList_GET_ITEM(filters.get(), i));
    if (!PyTuple_Check(tmp.get()) || PyTuple_GET_SIZE(tmp.get()) != 5) {
      PyErr_Format(PyExc_ValueError, "_warnings.filters item %zd isn't a 5-tuple", i);
      return nullptr;
    }
    PyObject* action = PyTuple_GET_ITEM(tmp.get(), 0);
    PyObject* msg = PyTuple_GET_ITEM(tmp.get(), 1);
    PyObject* cat = PyTuple_GET_ITEM(tmp.get(), 2);
    PyObject* mod = PyTuple_GET_ITEM(tmp.get(), 3);
    PyObject* ln_obj = PyTuple_GET_ITEM(tmp.get(), 4);
    if (!PyUnicode_Check(action)) {
      PyErr_Format(PyExc_TypeError, "action must be a string, not '%.200s'", Py_TYPE(action)->tp_name);
      return nullptr;
    }
    int good_msg = check_matched(msg, text);
    if (good_msg < 0) return nullptr;
    int good_mod = check_matched(mod, module);
    if (good_mod < 0) return nullptr;
    int is_sub = PyObject_IsSubclass(category, cat);
    if (is_sub < 0) return nullptr;
    Py_ssize_t ln = PyLong_AsSsize_t(ln_obj);
    if (ln == -1 && PyErr_Occurred()) return nullptr;
    if (good_msg && is_sub && good_mod && (ln == 0 || lineno == ln)) {
      *item = tmp;
      return Py_NewRef(action);
    }
  }
  *item = borrow(Py_None);
  return get_default_action();
}

int already_warned(PyObject* registry, PyObject* key, bool should_set) {
  if (key == nullptr) return -1;
  PyObject* version = PyDict_GetItemString(registry, "version");
  if (version == nullptr || !PyLong_CheckExact(version) || PyLong_AsLong(version) != g_filters_version) {
    if (PyErr_Occurred()) return -1;
    PyDict_Clear(registry);
    Ref<> v = steal(PyLong_FromLong(g_filters_version));
    if (!v || PyDict_SetItemString(registry, "version", v.get()) < 0) return -1;
  } else {
    PyObject* flag = PyDict_GetItemWithError(registry, key);
    if (flag) return PyObject_IsTrue(flag);
    if (PyErr_Occurred()) return -1;
  }
  if (!should_set) return 0;
  return PyDict_SetItem(registry, key, Py_True) < 0 ? -1 : 0;
}

int update_registry(PyObject* registry, PyObject* text, PyObject* category) {
  Ref<> altkey = steal(PyTuple_Pack(2, text, category));
  if (!altkey) return -1;
  return already_warned(registry, altkey.get(), true);
}

PyObject* normalize_module(PyObject* filename) {
  Py_ssize_t len = PyUnicode_GetLength(filename);
  if (len < 0) return nullptr;
  if (len >= 3 && PyUnicode_ReadChar(filename, len - 3) == '.' && PyUnicode_ReadChar(filename, len - 2) == 'p' &&
      PyUnicode_ReadChar(filename, len - 1) == 'y')
    return PyUnicode_Substring(filename, 0, len - 3);
  return Py_NewRef(filename);
}

// Line `lineno` of the file (UTF-8), or NULL; as _Py_DisplaySourceLine.
PyObject* read_source_line(PyObject* filename, int lineno) {
  const char* path = PyUnicode_Check(filename) ? PyUnicode_AsUTF8(filename) : nullptr;
  if (!path || lineno < 1) return nullptr;
  FILE* fp = std::fopen(path, "rb");
  if (!fp) return nullptr;
  std::string line;
  int n = 1, c;
  while ((c = std::fgetc(fp)) != EOF) {
    if (n == lineno) {
      if (c == '\n') break;
      line.push_back(static_cast<char>(c));
    } else if (c == '\n' && ++n > lineno) {
      break;
    }
  }
  std::fclose(fp);
  if (n != lineno) return nullptr;
  return PyUnicode_DecodeUTF8(line.data(), static_cast<Py_ssize_t>(line.size()), "replace");
}

// The C fallback display (warnings.py not loaded).
int show_warning(PyObject* filename, int lineno, PyObject* text, PyObject* category, PyObject* sourceline) {
  Ref<> name = steal(PyObject_GetAttrString(category, "__name__"));
  if (!name) return -1;
  PyObject* f = PySys_GetObject("stderr");
  if (!f || f == Py_None) return 0;
  Ref<> line = steal(PyUnicode_FromFormat("%S:%d: %S: %S\n", filename, lineno, name.get(), text));
  if (!line || PyFile_WriteObject(line.get(), f, Py_PRINT_RAW) < 0) return -1;
  Ref<> src;
  if (sourceline && sourceline != Py_None) src = borrow(sourceline);
  else {
    src = steal(read_source_line(filename, lineno));
    if (!src) PyErr_Clear();
  }
  if (src && PyUnicode_Check(src.get())) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(src.get()), i = 0;
    while (i < n && Py_UNICODE_ISSPACE(PyUnicode_READ_CHAR(src.get(), i))) i++;
    while (n > i && (PyUnicode_READ_CHAR(src.get(), n - 1) == '\n' || PyUnicode_READ_CHAR(src.get(), n - 1) == '\r')) n--;
    Ref<> body = steal(PyUnicode_Substring(src.get(), i, n));
    if (!body) return -1;
    Ref<> out = steal(PyUnicode_FromFormat("  %S\n", body.get()));
    if (!out || PyFile_WriteObject(out.get(), f, Py_PRINT_RAW) < 0) return -1;
  }
  return 0;
}

int call_show_warning(PyObject* category, PyObject* text, PyObject* message, PyObject* filename,
                      int lineno, PyObject* lineno_obj, PyObject* sourceline, PyObject* source) {
  Ref<> show_fn = steal(get_warnings_attr("_showwarnmsg", source != nullptr));
  if (!show_fn) {
    if (PyErr_Occurred()) return -1;
    return show_warning(filename, lineno, text, category, sourceline);
  }
  if (!PyCallable_Check(show_fn.get())) {
    PyErr_SetString(PyExc_TypeError, "warnings._showwarnmsg() must be set to a callable");
    return -1;
  }
  Ref<> cls = steal(get_warnings_attr("WarningMessage", false));
  if (!cls) {
    if (!PyErr_Occurred()) PyErr_SetString(PyExc_RuntimeError, "unable to get warnings.WarningMessage");
    return -1;
  }
  Ref<> msg = steal(PyObject_CallFunctionObjArgs(cls.get(), message, category, filename, lineno_obj,
                                                 Py_None, Py_None, source ? source : Py_None, nullptr));
  if (!msg) return -1;
  Ref<> r = steal(PyObject_CallOneArg(show_fn.get(), msg.get()));
  return r ? 0 : -1;
}

}  // namespace

namespace krait::warnings {

PyObject* warn_explicit(PyObject* category, PyObject* message, PyObject* filename, int lineno,
                        PyObject* module, PyObject* registry, PyObject* sourceline, PyObject* source) {
  if (init_state() < 0 || apply_warnoptions() < 0) return nullptr;
  if (registry && registry != Py_None && !PyDict_Check(registry)) {
    PyErr_SetString(PyExc_TypeError, "'registry' must be a dict or None");
    return nullptr;
  }
  Ref<> mod;
  if (module) mod = borrow(module);
  else {
    mod = steal(normalize_module(filename));
    if (!mod) return nullptr;
  }
  Ref<> text, msg;
  if (PyObject_IsInstance(message, PyExc_Warning) == 1) {
    text = steal(PyObject_Str(message));
    if (!text) return nullptr;
    category = reinterpret_cast<PyObject*>(Py_TYPE(message));
    msg = borrow(message);
  } else {
    if (PyErr_Occurred()) return nullptr;
    text = borrow(message);
    msg = steal(PyObject_CallOneArg(category, message));
    if (!msg) return nullptr;
  }
  Ref<> lineno_obj = steal(PyLong_FromLong(lineno));
  if (!lineno_obj) return nullptr;
  Ref<> key = steal(PyTuple_Pack(3, text.get(), category, lineno_obj.get()));
  if (!key) return nullptr;
  bool have_registry = registry && registry != Py_None;
  if (have_registry) {
    int r = already_warned(registry, key.get(), false);
    if (r < 0) return nullptr;
    if (r > 0) Py_RETURN_NONE;
  }
  Ref<> item;
  Ref<> action = steal(get_filter(category, text.get(), lineno, mod.get(), &item));
  if (!action) return nullptr;
  if (PyUnicode_CompareWithASCIIString(action.get(), "error") == 0) {
    PyErr_SetObject(category, msg.get());
    return nullptr;
  }
  if (PyUnicode_CompareWithASCIIString(action.get(), "ignore") == 0) Py_RETURN_NONE;
  int rc = 0;
  if (PyUnicode_CompareWithASCIIString(action.get(), "always") != 0) {
    if (have_registry && PyDict_SetItem(registry, key.get(), Py_True) < 0) return nullptr;
    if (PyUnicode_CompareWithASCIIString(action.get(), "once") == 0) {
      Ref<> once;
      if (!have_registry) {
        once = steal(get_once_registry());
        if (!once) return nullptr;
      } else {
        once = borrow(registry);
      }
      rc = update_registry(once.get(), text.get(), category);
    } else if (PyUnicode_CompareWithASCIIString(action.get(), "module") == 0) {
      if (have_registry) rc = update_registry(registry, text.get(), category);
    } else if (PyUnicode_CompareWithASCIIString(action.get(), "default") != 0) {
      PyErr_Format(PyExc_RuntimeError, "Unrecognized action (%R) in warnings.filters:\n %R",
                   action.get(), item.get());
      return nullptr;
    }
  }
  if (rc < 0) return nullptr;
  if (rc == 0 && call_show_warning(category, text.get(), msg.get(), filename, lineno, lineno_obj.get(),
                                   sourceline, source) < 0)
    return nullptr;
  Py_RETURN_NONE;
}

namespace {
bool is_internal_frame(interp::Frame* f) {
  if (!f || !f->code) return false;
  PyObject* fn = f->code->co_filename;
  if (!fn || !PyUnicode_Check(fn)) return false;
  Ref<> a = steal(PyUnicode_FromString("importlib")), b = steal(PyUnicode_FromString("_bootstrap"));
  return PyUnicode_Contains(fn, a.get()) == 1 && PyUnicode_Contains(fn, b.get()) == 1;
}
interp::Frame* next_external(interp::Frame* f) {
  do f = f->previous;
  while (f && is_internal_frame(f));
  return f;
}
}  // namespace

PyObject* warn(PyObject* message, PyObject* category, Py_ssize_t stack_level, PyObject* source) {
  // The category.
  if (PyObject_IsInstance(message, PyExc_Warning) == 1) {
    category = reinterpret_cast<PyObject*>(Py_TYPE(message));
  } else {
    if (PyErr_Occurred()) return nullptr;
    if (!category || category == Py_None) category = PyExc_UserWarning;
    int sub = PyType_Check(category) ? PyObject_IsSubclass(category, PyExc_Warning) : 0;
    if (sub < 0) return nullptr;
    if (!sub) {
      PyErr_Format(PyExc_TypeError, "category must be a Warning subclass, not '%s'",
                   Py_TYPE(category)->tp_name);
      return nullptr;
    }
  }
  // The context.
  interp::Frame* f = interp::current_frame();
  if (stack_level <= 0 || is_internal_frame(f)) {
    while (--stack_level > 0 && f) f = f->previous;
  } else {
    while (--stack_level > 0 && f) f = next_external(f);
  }
  Ref<> globals, filename;
  int lineno;
  if (!f) {
    globals = borrow(PySys_GetObject("__dict__"));
    if (!globals) {
      Ref<> sysmod = steal(PyImport_ImportModule("sys"));
      if (!sysmod) return nullptr;
      globals = borrow(PyModule_GetDict(sysmod.get()));
    }
    filename = steal(PyUnicode_FromString("sys"));
    lineno = 1;
  } else {
    globals = borrow(f->globals);
    filename = borrow(f->code->co_filename);
    lineno = interp::frame_lineno(f);
  }
  if (!filename) return nullptr;
  Ref<> registry = borrow(PyDict_GetItemString(globals.get(), "__warningregistry__"));
  if (!registry) {
    if (PyErr_Occurred()) return nullptr;
    registry = steal(PyDict_New());
    if (!registry || PyDict_SetItemString(globals.get(), "__warningregistry__", registry.get()) < 0)
      return nullptr;
  }
  Ref<> module = borrow(PyDict_GetItemString(globals.get(), "__name__"));
  if (!module || !(module.get() == Py_None || PyUnicode_Check(module.get())))
    module = steal(PyUnicode_FromString("<string>"));
  return warn_explicit(category, message, filename.get(), lineno, module.get(), registry.get(), nullptr,
                       source);
}

}  // namespace krait::warnings

namespace {

PyObject* w_warn(PyObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"message", "category", "stacklevel", "source", nullptr};
  PyObject *message, *category = Py_None, *source = Py_None;
  Py_ssize_t stacklevel = 1;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|OnO:warn", const_cast<char**>(kwlist), &message,
                                   &category, &stacklevel, &source))
    return nullptr;
  return warnings::warn(message, category, stacklevel, source);
}

PyObject* source_line(PyObject* module_globals, int lineno) {
  PyObject* loader = PyDict_GetItemString(module_globals, "__loader__");
  Ref<> ldr;
  if (!loader || loader == Py_None) {
    PyObject* spec = PyDict_GetItemString(module_globals, "__spec__");
    if (!spec || spec == Py_None) return Py_NewRef(Py_None);
    ldr = steal(PyObject_GetAttrString(spec, "loader"));
    if (!ldr) {
      PyErr_Clear();
      return Py_NewRef(Py_None);
    }
  } else {
    ldr = borrow(loader);
  }
  PyObject* name = PyDict_GetItemString(module_globals, "__name__");
  if (!name) return Py_NewRef(Py_None);
  Ref<> src = steal(PyObject_CallMethod(ldr.get(), "get_source", "O", name));
  if (!src) return nullptr;
  if (src.get() == Py_None) return src.release();
  Ref<> lines = steal(PyUnicode_Splitlines(src.get(), 0));
  if (!lines) return nullptr;
  PyObject* line = PyList_GetItem(lines.get(), lineno - 1);
  if (!line) return nullptr;
  return Py_NewRef(line);
}

PyObject* w_warn_explicit(PyObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"message", "category", "filename", "lineno", "module",
                                 "registry", "module_globals", "source", nullptr};
  PyObject *message, *category, *filename, *module = nullptr, *registry = nullptr,
                                           *module_globals = Py_None, *source = nullptr;
  int lineno;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "OOUi|OOOO:warn_explicit", const_cast<char**>(kwlist),
                                   &message, &category, &filename, &lineno, &module, &registry,
                                   &module_globals, &source))
    return nullptr;
  Ref<> sourceline;
  if (module_globals != Py_None) {
    if (!PyDict_Check(module_globals)) {
      PyErr_Format(PyExc_TypeError, "module_globals must be a dict, not '%.200s'",
                   Py_TYPE(module_globals)->tp_name);
      return nullptr;
    }
    sourceline = steal(source_line(module_globals, lineno));
    if (!sourceline) return nullptr;
    if (sourceline.get() == Py_None) sourceline = nullptr;
  }
  return warnings::warn_explicit(category, message, filename, lineno, module, registry,
                                 sourceline.get(), source == Py_None ? nullptr : source);
}

PyObject* w_filters_mutated(PyObject*, PyObject*) {
  g_filters_version++;
  Py_RETURN_NONE;
}

PyMethodDef warnings_methods[] = {
    {"warn", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(w_warn)),
     METH_VARARGS | METH_KEYWORDS, "Issue a warning, or maybe ignore it or raise an exception."},
    {"warn_explicit", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(w_warn_explicit)),
     METH_VARARGS | METH_KEYWORDS, "Low-level interface to warnings functionality."},
    {"_filters_mutated", w_filters_mutated, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef warnings_def = {PyModuleDef_HEAD_INIT, "_warnings",
                            "_warnings provides basic warning filtering support.\nIt is a helper module "
                            "to speed up interpreter start-up.",
                            -1, warnings_methods, nullptr, nullptr, nullptr, nullptr};

}  // namespace

extern "C" PyObject* PyInit__warnings(void) {
  if (init_state() < 0) return nullptr;
  Ref<> m = steal(PyModule_Create(&warnings_def));
  if (!m) return nullptr;
  if (PyModule_AddObjectRef(m.get(), "filters", g_filters) < 0 ||
      PyModule_AddObjectRef(m.get(), "_onceregistry", g_once_registry) < 0 ||
      PyModule_AddObjectRef(m.get(), "_defaultaction", g_default_action) < 0)
    return nullptr;
  return m.release();
}
