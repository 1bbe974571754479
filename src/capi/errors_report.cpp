// Reporting errors that cannot propagate (PyErr_WriteUnraisable), attaching a
// location to a SyntaxError (PyErr_SyntaxLocation*), reading a source line
// for it (PyErr_ProgramText*), and the PyFile_Write* helpers they print with.
#include <Python.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "objects/object_util.h"

using krait::Ref;
using krait::steal;

// -- writing to file-like objects ----------------------------------------------------

int PyFile_WriteObject(PyObject* v, PyObject* f, int flags) {
  if (!f) {
    PyErr_SetString(PyExc_TypeError, "writeobject with NULL file");
    return -1;
  }
  Ref<> writer = steal(PyObject_GetAttrString(f, "write"));
  if (!writer) return -1;
  Ref<> value = steal((flags & Py_PRINT_RAW) ? PyObject_Str(v) : PyObject_Repr(v));
  if (!value) return -1;
  Ref<> result = steal(PyObject_CallOneArg(writer.get(), value.get()));
  return result ? 0 : -1;
}

int PyFile_WriteString(const char* s, PyObject* f) {
  if (!f) {
    if (!PyErr_Occurred()) PyErr_SetString(PyExc_SystemError, "null file for PyFile_WriteString");
    return -1;
  }
  if (PyErr_Occurred()) return -1;
  Ref<> v = steal(PyUnicode_FromString(s));
  if (!v) return -1;
  return PyFile_WriteObject(v.get(), f, Py_PRINT_RAW);
}

// -- unraisable exceptions -------------------------------------------------------------

// CPython's default sys.unraisablehook output:
//   Exception ignored in: <obj repr>
//   Traceback (most recent call last): ...
//   module.Type: message
static void write_unraisable(PyObject* err_msg, PyObject* obj, PyObject* type, PyObject* value,
                             PyObject* tb, PyObject* file) {
  if (obj && obj != Py_None) {
    if (err_msg) {
      if (PyFile_WriteObject(err_msg, file, Py_PRINT_RAW) < 0) return;
      if (PyFile_WriteString(": ", file) < 0) return;
    } else if (PyFile_WriteString("Exception ignored in: ", file) < 0) {
      return;
    }
    if (PyFile_WriteObject(obj, file, 0) < 0) {
      PyErr_Clear();
      if (PyFile_WriteString("<object repr() failed>", file) < 0) return;
    }
    if (PyFile_WriteString("\n", file) < 0) return;
  } else if (err_msg) {
    if (PyFile_WriteObject(err_msg, file, Py_PRINT_RAW) < 0) return;
    if (PyFile_WriteString(":\n", file) < 0) return;
  }
  if (tb && tb != Py_None && PyTraceBack_Print(tb, file) < 0) PyErr_Clear();
  if (!type || type == Py_None) return;
  Ref<> modulename = steal(PyObject_GetAttrString(type, "__module__"));
  if (!modulename || !PyUnicode_Check(modulename.get())) {
    PyErr_Clear();
    if (PyFile_WriteString("<unknown>", file) < 0) return;
  } else if (PyUnicode_CompareWithASCIIString(modulename.get(), "builtins") != 0 &&
             PyUnicode_CompareWithASCIIString(modulename.get(), "__main__") != 0) {
    if (PyFile_WriteObject(modulename.get(), file, Py_PRINT_RAW) < 0) return;
    if (PyFile_WriteString(".", file) < 0) return;
  }
  if (PyType_Check(type)) {
    Ref<> qualname = steal(PyType_GetQualName(reinterpret_cast<PyTypeObject*>(type)));
    if (!qualname || PyFile_WriteObject(qualname.get(), file, Py_PRINT_RAW) < 0) {
      PyErr_Clear();
      if (PyFile_WriteString("<unknown>", file) < 0) return;
    }
  } else if (PyFile_WriteString("<unknown>", file) < 0) {
    return;
  }
  if (value && value != Py_None) {
    if (PyFile_WriteString(": ", file) < 0) return;
    if (PyFile_WriteObject(value, file, Py_PRINT_RAW) < 0) {
      PyErr_Clear();
      if (PyFile_WriteString("<exception str() failed>", file) < 0) return;
    }
  }
  PyFile_WriteString("\n", file);
}

// The argument of sys.unraisablehook: a struct sequence (not exposed in sys).
static PyStructSequence_Field unraisable_fields[] = {
    {"exc_type", "Exception type"},
    {"exc_value", "Exception value"},
    {"exc_traceback", "Exception traceback"},
    {"err_msg", "Error message"},
    {"object", "Object causing the exception"},
    {nullptr, nullptr},
};
static PyStructSequence_Desc unraisable_desc = {
    "UnraisableHookArgs",
    "UnraisableHookArgs\n\nType used to pass arguments to sys.unraisablehook.", unraisable_fields, 5};
static PyTypeObject* unraisable_args_type() {
  static PyTypeObject* type = nullptr;
  if (!type) type = PyStructSequence_NewType(&unraisable_desc);
  return type;
}

static void write_default(PyObject* err_msg, PyObject* obj, PyObject* type, PyObject* value, PyObject* tb) {
  PyObject* file = PySys_GetObject("stderr");
  if (file && file != Py_None) {
    write_unraisable(err_msg, obj, type, value, tb, file);
    Ref<> r = steal(PyObject_CallMethod(file, "flush", nullptr));
  }
  PyErr_Clear();
}

// sys.__unraisablehook__: the default output for an UnraisableHookArgs.
extern "C" PyObject* _PyErr_WriteUnraisableDefaultHook(PyObject* args) {
  PyTypeObject* t = unraisable_args_type();
  if (!t) return nullptr;
  if (!Py_IS_TYPE(args, t)) {
    PyErr_SetString(PyExc_TypeError, "sys.unraisablehook argument type must be UnraisableHookArgs");
    return nullptr;
  }
  auto item = [&](int i) {
    PyObject* v = PyStructSequence_GET_ITEM(args, i);
    return v == Py_None ? nullptr : v;
  };
  PyObject* file = PySys_GetObject("stderr");
  if (file && file != Py_None) {
    write_unraisable(item(3), item(4), item(0), item(1), item(2), file);
    Ref<> r = steal(PyObject_CallMethod(file, "flush", nullptr));
    if (!r) return nullptr;
  }
  Py_RETURN_NONE;
}

static Ref<> make_hook_args(PyObject* type, PyObject* value, PyObject* tb, PyObject* err_msg, PyObject* obj) {
  PyTypeObject* t = unraisable_args_type();
  if (!t) return Ref<>();
  Ref<> args = steal(PyStructSequence_New(t));
  if (!args) return args;
  PyObject* items[] = {type, value, tb, err_msg, obj};
  for (int i = 0; i < 5; i++) PyStructSequence_SET_ITEM(args.get(), i, Py_NewRef(items[i] ? items[i] : Py_None));
  return args;
}

void _PyErr_WriteUnraisableMsg(const char* err_msg_str, PyObject* obj) {
  PyObject *type, *value, *tb;
  PyErr_Fetch(&type, &value, &tb);
  if (!type) return;  // nothing to report
  PyErr_NormalizeException(&type, &value, &tb);
  if (!tb) {
    // As CPython: an error without a traceback gets one for the running frame.
    if (PyFrameObject* frame = PyThreadState_GetFrame(PyThreadState_Get())) {
      PyErr_Restore(type, value, nullptr);
      if (PyTraceBack_Here(frame) < 0) PyErr_Clear();
      Py_DECREF(frame);
      PyErr_Fetch(&type, &value, &tb);
      if (!type) return;
    }
  }
  if (tb && value) PyException_SetTraceback(value, tb);
  Ref<> err_msg;
  if (err_msg_str) {
    err_msg = steal(PyUnicode_FromFormat("Exception ignored %s", err_msg_str));
    if (!err_msg) PyErr_Clear();
  }
  // sys.unraisablehook decides; if it is missing the default output is written, and if it fails,
  // its own error is reported by the default output instead.
  PyObject* hook = PySys_GetObject("unraisablehook");
  bool done = false;
  if (hook && hook != Py_None) {
    Ref<> args = make_hook_args(type, value, tb, err_msg.get(), obj);
    Ref<> hook_ref = Ref<>::borrow(hook);
    if (args && PySys_Audit("sys.unraisablehook", "OO", hook, args.get()) >= 0) {
      Ref<> r = steal(PyObject_CallOneArg(hook, args.get()));
      if (r) {
        done = true;
      }
    }
    if (!done) {
      // Report the hook's failure instead of the original error.
      Py_XDECREF(type);
      Py_XDECREF(value);
      Py_XDECREF(tb);
      PyErr_Fetch(&type, &value, &tb);
      PyErr_NormalizeException(&type, &value, &tb);
      if (tb && value) PyException_SetTraceback(value, tb);
      err_msg = steal(PyUnicode_FromString("Exception ignored in sys.unraisablehook"));
      if (type) write_default(err_msg.get(), hook_ref.get(), type, value, tb);
      done = true;
    }
  }
  if (!done) write_default(err_msg.get(), obj, type, value, tb);
  PyErr_Clear();
  Py_XDECREF(type);
  Py_XDECREF(value);
  Py_XDECREF(tb);
}

void PyErr_WriteUnraisable(PyObject* obj) { _PyErr_WriteUnraisableMsg(nullptr, obj); }

// -- SyntaxError locations ----------------------------------------------------------------

// Reads line `lineno` (1-based) of a source file; nullptr without an
// exception when it cannot.
PyObject* PyErr_ProgramTextObject(PyObject* filename, int lineno) {
  if (!filename || lineno <= 0) return nullptr;
  Ref<> encoded = steal(PyUnicode_EncodeFSDefault(filename));
  if (!encoded) {
    PyErr_Clear();
    return nullptr;
  }
  FILE* fp = std::fopen(PyBytes_AS_STRING(encoded.get()), "r");
  if (!fp) return nullptr;
  std::string line;
  int current = 1;
  int c;
  while ((c = std::fgetc(fp)) != EOF) {
    if (current == lineno) line.push_back(static_cast<char>(c));
    if (c == '\n') {
      if (current == lineno) break;
      ++current;
    }
  }
  std::fclose(fp);
  if (current != lineno || line.empty()) return nullptr;
  PyObject* res = PyUnicode_DecodeUTF8(line.data(), static_cast<Py_ssize_t>(line.size()), "replace");
  if (!res) PyErr_Clear();
  return res;
}

PyObject* PyErr_ProgramText(const char* filename, int lineno) {
  if (!filename) return nullptr;
  Ref<> f = steal(PyUnicode_DecodeFSDefault(filename));
  if (!f) {
    PyErr_Clear();
    return nullptr;
  }
  return PyErr_ProgramTextObject(f.get(), lineno);
}

static void set_attr_or_clear(PyObject* v, const char* name, PyObject* value) {
  if (PyObject_SetAttrString(v, name, value) < 0) PyErr_Clear();
}

static void set_long_attr(PyObject* v, const char* name, long value, bool none_if_negative) {
  if (none_if_negative && value < 0) {
    set_attr_or_clear(v, name, Py_None);
    return;
  }
  Ref<> tmp = steal(PyLong_FromLong(value));
  if (!tmp) {
    PyErr_Clear();
    if (none_if_negative) set_attr_or_clear(v, name, Py_None);
    return;
  }
  set_attr_or_clear(v, name, tmp.get());
}

// Adds lineno/offset/end positions/filename/text to the pending exception
// (normally a SyntaxError); every failure along the way is swallowed.
void PyErr_RangedSyntaxLocationObject(PyObject* filename, int lineno, int col_offset,
                                      int end_lineno, int end_col_offset) {
  PyObject *exc, *v, *tb;
  PyErr_Fetch(&exc, &v, &tb);
  PyErr_NormalizeException(&exc, &v, &tb);
  if (!v) {  // nothing pending: nothing to annotate
    PyErr_Restore(exc, v, tb);
    return;
  }
  set_long_attr(v, "lineno", lineno, false);
  set_long_attr(v, "offset", col_offset, true);
  set_long_attr(v, "end_lineno", end_lineno, false);
  set_long_attr(v, "end_offset", end_col_offset, true);
  if (filename) {
    set_attr_or_clear(v, "filename", filename);
    Ref<> text = steal(PyErr_ProgramTextObject(filename, lineno));
    if (text)
      set_attr_or_clear(v, "text", text.get());
    else
      PyErr_Clear();
  }
  if (exc != PyExc_SyntaxError) {
    PyObject* tmp;
    if (_PyObject_LookupAttr(v, krait::steal(PyUnicode_FromString("msg")).get(), &tmp) < 0) {
      PyErr_Clear();
    } else if (tmp) {
      Py_DECREF(tmp);
    } else {
      Ref<> s = steal(PyObject_Str(v));
      if (s)
        set_attr_or_clear(v, "msg", s.get());
      else
        PyErr_Clear();
    }
    if (_PyObject_LookupAttr(v, krait::steal(PyUnicode_FromString("print_file_and_line")).get(),
                             &tmp) < 0) {
      PyErr_Clear();
    } else if (tmp) {
      Py_DECREF(tmp);
    } else {
      set_attr_or_clear(v, "print_file_and_line", Py_None);
    }
  }
  PyErr_Restore(exc, v, tb);
}

void PyErr_SyntaxLocationObject(PyObject* filename, int lineno, int col_offset) {
  PyErr_RangedSyntaxLocationObject(filename, lineno, col_offset, lineno, -1);
}

void PyErr_SyntaxLocationEx(const char* filename, int lineno, int col_offset) {
  Ref<> f;
  if (filename) {
    f = steal(PyUnicode_DecodeFSDefault(filename));
    if (!f) PyErr_Clear();
  }
  PyErr_SyntaxLocationObject(f.get(), lineno, col_offset);
}

void PyErr_SyntaxLocation(const char* filename, int lineno) {
  PyErr_SyntaxLocationEx(filename, lineno, -1);
}
