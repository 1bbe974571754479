// BaseException: construction, args, str/repr, the PEP 3134 chaining fields,
// notes (PEP 678), pickling; the PyException_* C API; the exception module's
// start-up (errno map, ExceptionGroup) and PyErr_NewException.
#include <Python.h>
#include <structmember.h>

#include <cerrno>
#include <cstring>

#include "objects/exceptions.h"
#include "objects/exceptions_impl.h"
#include "objects/object_util.h"
#include "runtime/interp_state.h"

namespace krait::exc {

PyObject* g_exception_group = nullptr;
PyObject* g_errno_map = nullptr;

bool no_keywords(const char* funcname, PyObject* kwds) {
  return _PyArg_NoKeywords(funcname, kwds) != 0;
}

// -- construction and teardown ----------------------------------------------

PyObject* BaseException_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  auto* self = reinterpret_cast<PyBaseExceptionObject*>(type->tp_alloc(type, 0));
  if (!self) return nullptr;
  // tp_alloc zero-fills: dict/notes/traceback/context/cause are NULL.
  self->suppress_context = 0;
  if (args) {
    Py_INCREF(args);
    self->args = args;
  } else {
    self->args = PyTuple_New(0);
    if (!self->args) {
      Py_DECREF(self);
      return nullptr;
    }
  }
  return reinterpret_cast<PyObject*>(self);
}

int BaseException_init(PyObject* op, PyObject* args, PyObject* kwds) {
  if (!no_keywords(Py_TYPE(op)->tp_name, kwds)) return -1;
  Py_INCREF(args);
  Py_XSETREF(as_base(op)->args, args);
  return 0;
}

int BaseException_clear(PyObject* op) {
  auto* self = as_base(op);
  Py_CLEAR(self->dict);
  Py_CLEAR(self->args);
  Py_CLEAR(self->notes);
  Py_CLEAR(self->traceback);
  Py_CLEAR(self->cause);
  Py_CLEAR(self->context);
  return 0;
}

void BaseException_dealloc(PyObject* op) {
  PyObject_GC_UnTrack(op);
  BaseException_clear(op);
  Py_TYPE(op)->tp_free(op);
}

int BaseException_traverse(PyObject* op, visitproc visit, void* arg) {
  auto* self = as_base(op);
  Py_VISIT(self->dict);
  Py_VISIT(self->args);
  Py_VISIT(self->notes);
  Py_VISIT(self->traceback);
  Py_VISIT(self->cause);
  Py_VISIT(self->context);
  return 0;
}

// -- str and repr ------------------------------------------------------------

PyObject* BaseException_str(PyObject* op) {
  PyObject* args = as_base(op)->args;
  switch (PyTuple_GET_SIZE(args)) {
    case 0:
      return PyUnicode_FromStringAndSize("", 0);
    case 1:
      return PyObject_Str(PyTuple_GET_ITEM(args, 0));
    default:
      return PyObject_Str(args);
  }
}

// The unqualified type name, as CPython's _PyType_Name.
static const char* short_type_name(PyTypeObject* type) {
  const char* s = std::strrchr(type->tp_name, '.');
  return s ? s + 1 : type->tp_name;
}

PyObject* BaseException_repr(PyObject* op) {
  PyObject* args = as_base(op)->args;
  const char* name = short_type_name(Py_TYPE(op));
  if (PyTuple_GET_SIZE(args) == 1)
    return PyUnicode_FromFormat("%s(%R)", name, PyTuple_GET_ITEM(args, 0));
  return PyUnicode_FromFormat("%s%R", name, args);
}

// -- methods -------------------------------------------------------------------

static PyObject* BaseException_reduce(PyObject* op, PyObject*) {
  auto* self = as_base(op);
  if (self->args && self->dict) return PyTuple_Pack(3, Py_TYPE(op), self->args, self->dict);
  return PyTuple_Pack(2, Py_TYPE(op), self->args);
}

// Exceptions once kept every attribute in __dict__; unpickling still sets
// them one by one.
static PyObject* BaseException_setstate(PyObject* op, PyObject* state) {
  if (state != Py_None) {
    if (!PyDict_Check(state)) {
      PyErr_SetString(PyExc_TypeError, "state is not a dictionary");
      return nullptr;
    }
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(state, &pos, &key, &value)) {
      Py_INCREF(key);
      Py_INCREF(value);
      int r = PyObject_SetAttr(op, key, value);
      Py_DECREF(value);
      Py_DECREF(key);
      if (r < 0) return nullptr;
    }
  }
  Py_RETURN_NONE;
}

static PyObject* BaseException_with_traceback(PyObject* op, PyObject* tb) {
  if (PyException_SetTraceback(op, tb) < 0) return nullptr;
  Py_INCREF(op);
  return op;
}

static PyObject* BaseException_add_note(PyObject* op, PyObject* note) {
  if (!PyUnicode_Check(note)) {
    PyErr_Format(PyExc_TypeError, "note must be a str, not '%s'", Py_TYPE(note)->tp_name);
    return nullptr;
  }
  // 3.11 keeps notes as an ordinary attribute (in __dict__), not in the
  // struct's `notes` slot.
  PyObject* name = PyUnicode_InternFromString("__notes__");
  if (!name) return nullptr;
  PyObject* notes = PyObject_GetAttr(op, name);
  if (!notes) {
    if (!PyErr_ExceptionMatches(PyExc_AttributeError)) {
      Py_DECREF(name);
      return nullptr;
    }
    PyErr_Clear();
    notes = PyList_New(0);
    if (!notes || PyObject_SetAttr(op, name, notes) < 0) {
      Py_XDECREF(notes);
      Py_DECREF(name);
      return nullptr;
    }
  } else if (!PyList_Check(notes)) {
    Py_DECREF(notes);
    Py_DECREF(name);
    PyErr_SetString(PyExc_TypeError, "Cannot add note: __notes__ is not a list");
    return nullptr;
  }
  Py_DECREF(name);
  int r = PyList_Append(notes, note);
  Py_DECREF(notes);
  if (r < 0) return nullptr;
  Py_RETURN_NONE;
}

PyMethodDef BaseException_methods[] = {
    {"__reduce__", BaseException_reduce, METH_NOARGS, nullptr},
    {"__setstate__", BaseException_setstate, METH_O, nullptr},
    {"with_traceback", BaseException_with_traceback, METH_O,
     "Exception.with_traceback(tb) --\n    set self.__traceback__ to tb and return self."},
    {"add_note", BaseException_add_note, METH_O,
     "Exception.add_note(note) --\n    add a note to the exception"},
    {nullptr, nullptr, 0, nullptr},
};

// -- attributes ------------------------------------------------------------------

static PyObject* get_args(PyObject* op, void*) {
  PyObject* args = as_base(op)->args;
  if (!args) Py_RETURN_NONE;
  Py_INCREF(args);
  return args;
}

static int set_args(PyObject* op, PyObject* value, void*) {
  if (!value) {
    PyErr_SetString(PyExc_TypeError, "args may not be deleted");
    return -1;
  }
  PyObject* seq = PySequence_Tuple(value);
  if (!seq) return -1;
  Py_XSETREF(as_base(op)->args, seq);
  return 0;
}

static PyObject* get_or_none(PyObject* v) {
  if (!v) v = Py_None;
  Py_INCREF(v);
  return v;
}

static PyObject* get_traceback(PyObject* op, void*) { return get_or_none(as_base(op)->traceback); }

static int set_traceback(PyObject* op, PyObject* value, void*) {
  if (!value) {
    PyErr_SetString(PyExc_TypeError, "__traceback__ may not be deleted");
    return -1;
  }
  return PyException_SetTraceback(op, value);
}

static PyObject* get_context(PyObject* op, void*) { return get_or_none(as_base(op)->context); }

static int set_context(PyObject* op, PyObject* value, void*) {
  if (!value) {
    PyErr_SetString(PyExc_TypeError, "__context__ may not be deleted");
    return -1;
  }
  if (value == Py_None) {
    value = nullptr;
  } else if (!PyExceptionInstance_Check(value)) {
    PyErr_SetString(PyExc_TypeError,
                    "exception context must be None or derive from BaseException");
    return -1;
  } else {
    Py_INCREF(value);
  }
  Py_XSETREF(as_base(op)->context, value);
  return 0;
}

static PyObject* get_cause(PyObject* op, void*) { return get_or_none(as_base(op)->cause); }

static int set_cause(PyObject* op, PyObject* value, void*) {
  if (!value) {
    PyErr_SetString(PyExc_TypeError, "__cause__ may not be deleted");
    return -1;
  }
  if (value == Py_None) {
    value = nullptr;
  } else if (!PyExceptionInstance_Check(value)) {
    PyErr_SetString(PyExc_TypeError,
                    "exception cause must be None or derive from BaseException");
    return -1;
  } else {
    Py_INCREF(value);
  }
  PyException_SetCause(op, value);  // steals; sets __suppress_context__
  return 0;
}

PyGetSetDef BaseException_getset[] = {
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, nullptr, nullptr},
    {"args", get_args, set_args, nullptr, nullptr},
    {"__traceback__", get_traceback, set_traceback, nullptr, nullptr},
    {"__context__", get_context, set_context,
     "exception context", nullptr},
    {"__cause__", get_cause, set_cause, "exception cause", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyMemberDef BaseException_members[] = {
    {"__suppress_context__", T_BOOL, offsetof(PyBaseExceptionObject, suppress_context), 0,
     nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

}  // namespace krait::exc

using namespace krait::exc;

// -- the PyException_* C API ----------------------------------------------------

PyObject* PyException_GetTraceback(PyObject* self) {
  PyObject* tb = as_base(self)->traceback;
  Py_XINCREF(tb);
  return tb;
}

int PyException_SetTraceback(PyObject* self, PyObject* tb) {
  if (tb == Py_None) {
    Py_CLEAR(as_base(self)->traceback);
    return 0;
  }
  if (!tb || !PyTraceBack_Check(tb)) {
    PyErr_SetString(PyExc_TypeError, "__traceback__ must be a traceback or None");
    return -1;
  }
  Py_INCREF(tb);
  Py_XSETREF(as_base(self)->traceback, tb);
  return 0;
}

PyObject* PyException_GetCause(PyObject* self) {
  PyObject* c = as_base(self)->cause;
  Py_XINCREF(c);
  return c;
}

void PyException_SetCause(PyObject* self, PyObject* cause) {
  as_base(self)->suppress_context = 1;
  Py_XSETREF(as_base(self)->cause, cause);
}

PyObject* PyException_GetContext(PyObject* self) {
  PyObject* c = as_base(self)->context;
  Py_XINCREF(c);
  return c;
}

void PyException_SetContext(PyObject* self, PyObject* context) {
  Py_XSETREF(as_base(self)->context, context);
}

const char* PyExceptionClass_Name(PyObject* ob) {
  return reinterpret_cast<PyTypeObject*>(ob)->tp_name;
}

// -- PyErr_NewException ------------------------------------------------------------

PyObject* PyErr_NewException(const char* name, PyObject* base, PyObject* dict) {
  const char* dot = std::strrchr(name, '.');
  if (!dot) {
    PyErr_SetString(PyExc_SystemError, "PyErr_NewException: name must be module.class");
    return nullptr;
  }
  if (!base) base = PyExc_Exception;
  krait::Ref<> own_dict;
  if (!dict) {
    own_dict = krait::steal(PyDict_New());
    if (!own_dict) return nullptr;
    dict = own_dict.get();
  }
  if (!PyDict_GetItemString(dict, "__module__")) {
    krait::Ref<> modname = krait::steal(PyUnicode_FromStringAndSize(name, dot - name));
    if (!modname || PyDict_SetItemString(dict, "__module__", modname.get()) < 0) return nullptr;
  }
  krait::Ref<> bases;
  if (PyTuple_Check(base)) {
    bases = krait::borrow(base);
  } else {
    bases = krait::steal(PyTuple_Pack(1, base));
    if (!bases) return nullptr;
  }
  return PyObject_CallFunction(reinterpret_cast<PyObject*>(&PyType_Type), "sOO", dot + 1,
                               bases.get(), dict);
}

PyObject* PyErr_NewExceptionWithDoc(const char* name, const char* doc, PyObject* base,
                                    PyObject* dict) {
  krait::Ref<> own_dict;
  if (!dict) {
    own_dict = krait::steal(PyDict_New());
    if (!own_dict) return nullptr;
    dict = own_dict.get();
  }
  if (doc) {
    krait::Ref<> docobj = krait::steal(PyUnicode_FromString(doc));
    if (!docobj || PyDict_SetItemString(dict, "__doc__", docobj.get()) < 0) return nullptr;
  }
  return PyErr_NewException(name, base, dict);
}

// -- start-up ------------------------------------------------------------------------

namespace krait {

int exceptions_init() {
  if (!g_errno_map) {
    g_errno_map = PyDict_New();
    if (!g_errno_map) return -1;
    struct {
      int code;
      PyObject* type;
    } const map[] = {
        {EAGAIN, PyExc_BlockingIOError},       {EALREADY, PyExc_BlockingIOError},
        {EINPROGRESS, PyExc_BlockingIOError},  {EWOULDBLOCK, PyExc_BlockingIOError},
        {EPIPE, PyExc_BrokenPipeError},        {ESHUTDOWN, PyExc_BrokenPipeError},
        {ECHILD, PyExc_ChildProcessError},     {ECONNABORTED, PyExc_ConnectionAbortedError},
        {ECONNREFUSED, PyExc_ConnectionRefusedError},
        {ECONNRESET, PyExc_ConnectionResetError},
        {EEXIST, PyExc_FileExistsError},       {ENOENT, PyExc_FileNotFoundError},
        {EISDIR, PyExc_IsADirectoryError},     {ENOTDIR, PyExc_NotADirectoryError},
        {EINTR, PyExc_InterruptedError},       {EACCES, PyExc_PermissionError},
        {EPERM, PyExc_PermissionError},        {ESRCH, PyExc_ProcessLookupError},
        {ETIMEDOUT, PyExc_TimeoutError},
    };
    for (const auto& m : map) {
      Ref<> code = steal(PyLong_FromLong(m.code));
      if (!code || PyDict_SetItem(g_errno_map, code.get(), m.type) < 0) return -1;
    }
  }
  if (!g_exception_group) {
    Ref<> bases = steal(PyTuple_Pack(2, PyExc_BaseExceptionGroup, PyExc_Exception));
    if (!bases) return -1;
    g_exception_group = PyErr_NewException("builtins.ExceptionGroup", bases.get(), nullptr);
    if (!g_exception_group) return -1;
  }
  return 0;
}

int exceptions_add_to_builtins(PyObject* d) {
#define KRAIT_EXCEPTION_ROOT(Name, Kind, Doc) \
  if (PyDict_SetItemString(d, #Name, PyExc_##Name) < 0) return -1;
#define KRAIT_EXCEPTION(Name, Base, Kind, Doc) \
  if (PyDict_SetItemString(d, #Name, PyExc_##Name) < 0) return -1;
#define KRAIT_EXCEPTION_ALIAS(Name, Target) \
  if (PyDict_SetItemString(d, #Name, PyExc_##Target) < 0) return -1;
#define KRAIT_EXCEPTION_HEAP(Name, Base1, Base2) \
  if (g_exception_group && PyDict_SetItemString(d, #Name, g_exception_group) < 0) return -1;
#include "objects/exceptions.def"
  return 0;
}

int init_exceptions() {
  if (exceptions_init() < 0) return -1;
  PyObject* builtins = main_interp()->builtins;
  if (builtins && exceptions_add_to_builtins(builtins) < 0) return -1;
  return 0;
}

void exceptions_fini() {
  Py_CLEAR(g_errno_map);
  Py_CLEAR(g_exception_group);
}

PyObject* exception_group_type() { return g_exception_group; }

PyObject* create_exception_group(const char* msg, PyObject* excs) {
  Ref<> m = steal(PyUnicode_FromString(msg));
  if (!m) return nullptr;
  Ref<> args = steal(PyTuple_Pack(2, m.get(), excs));
  if (!args) return nullptr;
  return PyObject_CallObject(PyExc_BaseExceptionGroup, args.get());
}

}  // namespace krait
