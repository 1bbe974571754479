// The exception types with small extra state: StopIteration.value,
// SystemExit.code, ImportError.msg/name/path, NameError.name,
// AttributeError.name/obj, SyntaxError's location fields, KeyError's str.
#include <Python.h>
#include <structmember.h>

#include "objects/exceptions_impl.h"
#include "objects/object_util.h"

namespace krait::exc {

// Parses keyword-only arguments out of kwds (positional args are the
// exception's args and are not parsed). `format` is e.g. "|$O:NameError".
static int parse_keywords(PyObject* kwds, const char* format, char** kwlist, PyObject** a,
                          PyObject** b) {
  Ref<> empty = steal(PyTuple_New(0));
  if (!empty) return -1;
  if (b ? !PyArg_ParseTupleAndKeywords(empty.get(), kwds, format, kwlist, a, b)
        : !PyArg_ParseTupleAndKeywords(empty.get(), kwds, format, kwlist, a))
    return -1;
  return 0;
}

static PyObject* first_arg_or_none(PyObject* args) {
  return PyTuple_GET_SIZE(args) > 0 ? PyTuple_GET_ITEM(args, 0) : Py_None;
}

// -- StopIteration ------------------------------------------------------------

static PyStopIterationObject* as_stopiter(PyObject* o) {
  return reinterpret_cast<PyStopIterationObject*>(o);
}

int StopIteration_init(PyObject* op, PyObject* args, PyObject* kwds) {
  if (BaseException_init(op, args, kwds) < 0) return -1;
  PyObject* value = first_arg_or_none(args);
  Py_INCREF(value);
  Py_XSETREF(as_stopiter(op)->value, value);
  return 0;
}

int StopIteration_clear(PyObject* op) {
  Py_CLEAR(as_stopiter(op)->value);
  return BaseException_clear(op);
}

void StopIteration_dealloc(PyObject* op) {
  PyObject_GC_UnTrack(op);
  StopIteration_clear(op);
  Py_TYPE(op)->tp_free(op);
}

int StopIteration_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(as_stopiter(op)->value);
  return BaseException_traverse(op, visit, arg);
}

PyMemberDef StopIteration_members[] = {
    {"value", T_OBJECT, offsetof(PyStopIterationObject, value), 0, "generator return value"},
    {nullptr, 0, 0, 0, nullptr},
};

// -- SystemExit ------------------------------------------------------------------

static PySystemExitObject* as_sysexit(PyObject* o) {
  return reinterpret_cast<PySystemExitObject*>(o);
}

int SystemExit_init(PyObject* op, PyObject* args, PyObject* kwds) {
  if (BaseException_init(op, args, kwds) < 0) return -1;
  Py_ssize_t n = PyTuple_GET_SIZE(args);
  if (n == 0) return 0;
  PyObject* code = n == 1 ? PyTuple_GET_ITEM(args, 0) : args;
  Py_INCREF(code);
  Py_XSETREF(as_sysexit(op)->code, code);
  return 0;
}

int SystemExit_clear(PyObject* op) {
  Py_CLEAR(as_sysexit(op)->code);
  return BaseException_clear(op);
}

void SystemExit_dealloc(PyObject* op) {
  PyObject_GC_UnTrack(op);
  SystemExit_clear(op);
  Py_TYPE(op)->tp_free(op);
}

int SystemExit_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(as_sysexit(op)->code);
  return BaseException_traverse(op, visit, arg);
}

PyMemberDef SystemExit_members[] = {
    {"code", T_OBJECT, offsetof(PySystemExitObject, code), 0, "exception code"},
    {nullptr, 0, 0, 0, nullptr},
};

// -- ImportError ---------------------------------------------------------------------

static PyImportErrorObject* as_import(PyObject* o) {
  return reinterpret_cast<PyImportErrorObject*>(o);
}

int ImportError_init(PyObject* op, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"name", "path", nullptr};
  if (BaseException_init(op, args, nullptr) < 0) return -1;
  PyObject *name = nullptr, *path = nullptr;
  if (parse_keywords(kwds, "|$OO:ImportError", const_cast<char**>(kwlist), &name, &path) < 0)
    return -1;
  auto* self = as_import(op);
  Py_XINCREF(name);
  Py_XSETREF(self->name, name);
  Py_XINCREF(path);
  Py_XSETREF(self->path, path);
  PyObject* msg = nullptr;
  if (PyTuple_GET_SIZE(args) == 1) {
    msg = PyTuple_GET_ITEM(args, 0);
    Py_INCREF(msg);
  }
  Py_XSETREF(self->msg, msg);
  return 0;
}

int ImportError_clear(PyObject* op) {
  auto* self = as_import(op);
  Py_CLEAR(self->msg);
  Py_CLEAR(self->name);
  Py_CLEAR(self->path);
  return BaseException_clear(op);
}

void ImportError_dealloc(PyObject* op) {
  PyObject_GC_UnTrack(op);
  ImportError_clear(op);
  Py_TYPE(op)->tp_free(op);
}

int ImportError_traverse(PyObject* op, visitproc visit, void* arg) {
  auto* self = as_import(op);
  Py_VISIT(self->msg);
  Py_VISIT(self->name);
  Py_VISIT(self->path);
  return BaseException_traverse(op, visit, arg);
}

PyObject* ImportError_str(PyObject* op) {
  PyObject* msg = as_import(op)->msg;
  if (msg && PyUnicode_CheckExact(msg)) {
    Py_INCREF(msg);
    return msg;
  }
  return BaseException_str(op);
}

// The pickled state: __dict__ plus name/path when set.
static PyObject* ImportError_getstate(PyObject* op) {
  auto* self = as_import(op);
  PyObject* dict = self->dict;
  if (self->name || self->path) {
    Ref<> d = steal(dict ? PyDict_Copy(dict) : PyDict_New());
    if (!d) return nullptr;
    if (self->name && PyDict_SetItemString(d.get(), "name", self->name) < 0) return nullptr;
    if (self->path && PyDict_SetItemString(d.get(), "path", self->path) < 0) return nullptr;
    return d.release();
  }
  if (dict) {
    Py_INCREF(dict);
    return dict;
  }
  Py_RETURN_NONE;
}

static PyObject* ImportError_reduce(PyObject* op, PyObject*) {
  Ref<> state = steal(ImportError_getstate(op));
  if (!state) return nullptr;
  PyObject* args = as_base(op)->args;
  if (state.get() == Py_None) return PyTuple_Pack(2, Py_TYPE(op), args);
  return PyTuple_Pack(3, Py_TYPE(op), args, state.get());
}

PyMemberDef ImportError_members[] = {
    {"msg", T_OBJECT, offsetof(PyImportErrorObject, msg), 0, "exception message"},
    {"name", T_OBJECT, offsetof(PyImportErrorObject, name), 0, "module name"},
    {"path", T_OBJECT, offsetof(PyImportErrorObject, path), 0, "module path"},
    {nullptr, 0, 0, 0, nullptr},
};

PyMethodDef ImportError_methods[] = {
    {"__reduce__", ImportError_reduce, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

// -- NameError ---------------------------------------------------------------------------

static PyNameErrorObject* as_name(PyObject* o) { return reinterpret_cast<PyNameErrorObject*>(o); }

int NameError_init(PyObject* op, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"name", nullptr};
  if (BaseException_init(op, args, nullptr) < 0) return -1;
  PyObject* name = nullptr;
  if (parse_keywords(kwds, "|$O:NameError", const_cast<char**>(kwlist), &name, nullptr) < 0)
    return -1;
  Py_XINCREF(name);
  Py_XSETREF(as_name(op)->name, name);
  return 0;
}

int NameError_clear(PyObject* op) {
  Py_CLEAR(as_name(op)->name);
  return BaseException_clear(op);
}

void NameError_dealloc(PyObject* op) {
  PyObject_GC_UnTrack(op);
  NameError_clear(op);
  Py_TYPE(op)->tp_free(op);
}

int NameError_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(as_name(op)->name);
  return BaseException_traverse(op, visit, arg);
}

PyMemberDef NameError_members[] = {
    {"name", T_OBJECT, offsetof(PyNameErrorObject, name), 0, "name"},
    {nullptr, 0, 0, 0, nullptr},
};

// -- AttributeError ---------------------------------------------------------------------

static PyAttributeErrorObject* as_attr(PyObject* o) {
  return reinterpret_cast<PyAttributeErrorObject*>(o);
}

int AttributeError_init(PyObject* op, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"name", "obj", nullptr};
  if (BaseException_init(op, args, nullptr) < 0) return -1;
  PyObject *name = nullptr, *obj = nullptr;
  if (parse_keywords(kwds, "|$OO:AttributeError", const_cast<char**>(kwlist), &name, &obj) < 0)
    return -1;
  auto* self = as_attr(op);
  Py_XINCREF(name);
  Py_XSETREF(self->name, name);
  Py_XINCREF(obj);
  Py_XSETREF(self->obj, obj);
  return 0;
}

int AttributeError_clear(PyObject* op) {
  Py_CLEAR(as_attr(op)->obj);
  Py_CLEAR(as_attr(op)->name);
  return BaseException_clear(op);
}

void AttributeError_dealloc(PyObject* op) {
  PyObject_GC_UnTrack(op);
  AttributeError_clear(op);
  Py_TYPE(op)->tp_free(op);
}

int AttributeError_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(as_attr(op)->obj);
  Py_VISIT(as_attr(op)->name);
  return BaseException_traverse(op, visit, arg);
}

PyMemberDef AttributeError_members[] = {
    {"name", T_OBJECT, offsetof(PyAttributeErrorObject, name), 0, "attribute name"},
    {"obj", T_OBJECT, offsetof(PyAttributeErrorObject, obj), 0, "object"},
    {nullptr, 0, 0, 0, nullptr},
};

// -- SyntaxError ------------------------------------------------------------------------

static PySyntaxErrorObject* as_syntax(PyObject* o) {
  return reinterpret_cast<PySyntaxErrorObject*>(o);
}

// SyntaxError(msg, (filename, lineno, offset, text[, end_lineno, end_offset]))
int SyntaxError_init(PyObject* op, PyObject* args, PyObject* kwds) {
  if (BaseException_init(op, args, kwds) < 0) return -1;
  auto* self = as_syntax(op);
  Py_ssize_t n = PyTuple_GET_SIZE(args);
  if (n >= 1) {
    PyObject* msg = PyTuple_GET_ITEM(args, 0);
    Py_INCREF(msg);
    Py_XSETREF(self->msg, msg);
  }
  if (n == 2) {
    Ref<> info = steal(PySequence_Tuple(PyTuple_GET_ITEM(args, 1)));
    if (!info) return -1;
    PyObject *filename, *lineno, *offset, *text;
    PyObject *end_lineno = nullptr, *end_offset = nullptr;
    if (!PyArg_ParseTuple(info.get(), "OOOO|OO", &filename, &lineno, &offset, &text,
                          &end_lineno, &end_offset))
      return -1;
    PyObject* fields[] = {filename, lineno, offset, text, end_lineno, end_offset};
    PyObject** slots[] = {&self->filename, &self->lineno,     &self->offset,
                          &self->text,     &self->end_lineno, &self->end_offset};
    for (int i = 0; i < 6; i++) {
      Py_XINCREF(fields[i]);
      Py_XSETREF(*slots[i], fields[i]);
    }
    if (end_lineno && !end_offset) {
      PyErr_SetString(PyExc_TypeError,
                      "end_offset must be provided when end_lineno is provided");
      return -1;
    }
  }
  return 0;
}

int SyntaxError_clear(PyObject* op) {
  auto* self = as_syntax(op);
  Py_CLEAR(self->msg);
  Py_CLEAR(self->filename);
  Py_CLEAR(self->lineno);
  Py_CLEAR(self->offset);
  Py_CLEAR(self->end_lineno);
  Py_CLEAR(self->end_offset);
  Py_CLEAR(self->text);
  Py_CLEAR(self->print_file_and_line);
  return BaseException_clear(op);
}

void SyntaxError_dealloc(PyObject* op) {
  PyObject_GC_UnTrack(op);
  SyntaxError_clear(op);
  Py_TYPE(op)->tp_free(op);
}

int SyntaxError_traverse(PyObject* op, visitproc visit, void* arg) {
  auto* self = as_syntax(op);
  Py_VISIT(self->msg);
  Py_VISIT(self->filename);
  Py_VISIT(self->lineno);
  Py_VISIT(self->offset);
  Py_VISIT(self->end_lineno);
  Py_VISIT(self->end_offset);
  Py_VISIT(self->text);
  Py_VISIT(self->print_file_and_line);
  return BaseException_traverse(op, visit, arg);
}

// The part of a path after its last '/'.
static PyObject* basename_of(PyObject* path) {
  Py_ssize_t len = PyUnicode_GET_LENGTH(path);
  Py_ssize_t slash = PyUnicode_FindChar(path, '/', 0, len, -1);
  if (slash == -2) return nullptr;
  if (slash < 0) {
    Py_INCREF(path);
    return path;
  }
  return PyUnicode_Substring(path, slash + 1, len);
}

// "msg (file, line N)", "msg (file)", "msg (line N)" or str(msg).
PyObject* SyntaxError_str(PyObject* op) {
  auto* self = as_syntax(op);
  PyObject* msg = self->msg ? self->msg : Py_None;
  Ref<> filename;
  if (self->filename && PyUnicode_Check(self->filename)) {
    filename = steal(basename_of(self->filename));
    if (!filename) return nullptr;
  }
  bool have_lineno = self->lineno && PyLong_CheckExact(self->lineno);
  if (!filename && !have_lineno) return PyObject_Str(msg);
  int overflow;
  long lineno = have_lineno ? PyLong_AsLongAndOverflow(self->lineno, &overflow) : 0;
  if (filename && have_lineno)
    return PyUnicode_FromFormat("%S (%U, line %ld)", msg, filename.get(), lineno);
  if (filename) return PyUnicode_FromFormat("%S (%U)", msg, filename.get());
  return PyUnicode_FromFormat("%S (line %ld)", msg, lineno);
}

PyMemberDef SyntaxError_members[] = {
    {"msg", T_OBJECT, offsetof(PySyntaxErrorObject, msg), 0, "exception msg"},
    {"filename", T_OBJECT, offsetof(PySyntaxErrorObject, filename), 0, "exception filename"},
    {"lineno", T_OBJECT, offsetof(PySyntaxErrorObject, lineno), 0, "exception lineno"},
    {"offset", T_OBJECT, offsetof(PySyntaxErrorObject, offset), 0, "exception offset"},
    {"text", T_OBJECT, offsetof(PySyntaxErrorObject, text), 0, "exception text"},
    {"end_lineno", T_OBJECT, offsetof(PySyntaxErrorObject, end_lineno), 0,
     "exception end lineno"},
    {"end_offset", T_OBJECT, offsetof(PySyntaxErrorObject, end_offset), 0,
     "exception end offset"},
    {"print_file_and_line", T_OBJECT, offsetof(PySyntaxErrorObject, print_file_and_line), 0,
     "exception print_file_and_line"},
    {nullptr, 0, 0, 0, nullptr},
};

// -- KeyError ---------------------------------------------------------------------------

// A single argument prints as its repr, so `{}['']` reports "KeyError: ''".
PyObject* KeyError_str(PyObject* op) {
  PyObject* args = as_base(op)->args;
  if (PyTuple_GET_SIZE(args) == 1) return PyObject_Repr(PyTuple_GET_ITEM(args, 0));
  return BaseException_str(op);
}

}  // namespace krait::exc

// -- PyErr_SetImportError ---------------------------------------------------------------

PyObject* PyErr_SetImportErrorSubclass(PyObject* exception, PyObject* msg, PyObject* name,
                                       PyObject* path) {
  int issub = PyObject_IsSubclass(exception, PyExc_ImportError);
  if (issub < 0) return nullptr;
  if (!issub) {
    PyErr_SetString(PyExc_TypeError, "expected a subclass of ImportError");
    return nullptr;
  }
  if (!msg) {
    PyErr_SetString(PyExc_TypeError, "expected a message argument");
    return nullptr;
  }
  krait::Ref<> kwargs = krait::steal(PyDict_New());
  if (!kwargs) return nullptr;
  if (PyDict_SetItemString(kwargs.get(), "name", name ? name : Py_None) < 0) return nullptr;
  if (PyDict_SetItemString(kwargs.get(), "path", path ? path : Py_None) < 0) return nullptr;
  krait::Ref<> args = krait::steal(PyTuple_Pack(1, msg));
  if (!args) return nullptr;
  krait::Ref<> error = krait::steal(PyObject_Call(exception, args.get(), kwargs.get()));
  if (error) PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(error.get())), error.get());
  return nullptr;
}

PyObject* PyErr_SetImportError(PyObject* msg, PyObject* name, PyObject* path) {
  return PyErr_SetImportErrorSubclass(PyExc_ImportError, msg, name, path);
}
