// function_object.cpp — PyFunction_Type (Python functions, PEP 590 vectorcall)
// and PyCell_Type (closure cells).
#include <Python.h>
#include <structmember.h>

#include "interp/eval.h"
#include "interp/support.h"

using namespace krait::interp;

namespace {

void func_dealloc(PyObject* self) {
  auto* f = reinterpret_cast<PyFunctionObject*>(self);
  PyObject_GC_UnTrack(self);
  if (f->func_weakreflist) PyObject_ClearWeakRefs(self);
  Py_CLEAR(f->func_globals);
  Py_CLEAR(f->func_builtins);
  Py_CLEAR(f->func_name);
  Py_CLEAR(f->func_qualname);
  Py_CLEAR(f->func_code);
  Py_CLEAR(f->func_defaults);
  Py_CLEAR(f->func_kwdefaults);
  Py_CLEAR(f->func_closure);
  Py_CLEAR(f->func_doc);
  Py_CLEAR(f->func_dict);
  Py_CLEAR(f->func_module);
  Py_CLEAR(f->func_annotations);
  PyObject_GC_Del(self);
}

int func_traverse(PyObject* self, visitproc visit, void* arg) {
  auto* f = reinterpret_cast<PyFunctionObject*>(self);
  Py_VISIT(f->func_globals);
  Py_VISIT(f->func_builtins);
  Py_VISIT(f->func_code);
  Py_VISIT(f->func_defaults);
  Py_VISIT(f->func_kwdefaults);
  Py_VISIT(f->func_closure);
  Py_VISIT(f->func_doc);
  Py_VISIT(f->func_dict);
  Py_VISIT(f->func_module);
  Py_VISIT(f->func_annotations);
  return 0;
}

int func_clear(PyObject* self) {
  auto* f = reinterpret_cast<PyFunctionObject*>(self);
  Py_CLEAR(f->func_defaults);
  Py_CLEAR(f->func_kwdefaults);
  Py_CLEAR(f->func_closure);
  Py_CLEAR(f->func_doc);
  Py_CLEAR(f->func_dict);
  Py_CLEAR(f->func_module);
  Py_CLEAR(f->func_annotations);
  return 0;
}

PyObject* func_repr(PyObject* self) {
  return PyUnicode_FromFormat("<function %U at %p>", reinterpret_cast<PyFunctionObject*>(self)->func_qualname, self);
}

// Functions are non-data descriptors: instance.method binds.
PyObject* func_descr_get(PyObject* self, PyObject* obj, PyObject*) {
  if (!obj || obj == Py_None) return Py_NewRef(self);
  return PyMethod_New(self, obj);
}

#define FUNC(self) reinterpret_cast<PyFunctionObject*>(self)

PyObject* get_code(PyObject* self, void*) { return Py_NewRef(FUNC(self)->func_code); }
int set_code(PyObject* self, PyObject* v, void*) {
  if (!v || !PyCode_Check(v)) {
    PyErr_SetString(PyExc_TypeError, "__code__ must be set to a code object");
    return -1;
  }
  Py_ssize_t nfree = reinterpret_cast<PyCodeObject*>(v)->co_nfreevars;
  Py_ssize_t nclosure = FUNC(self)->func_closure ? PyTuple_GET_SIZE(FUNC(self)->func_closure) : 0;
  if (nclosure != nfree) {
    PyErr_Format(PyExc_ValueError, "%U() requires a code object with %zd free vars, not %zd", FUNC(self)->func_name,
                 nclosure, nfree);
    return -1;
  }
  Py_SETREF(FUNC(self)->func_code, Py_NewRef(v));
  FUNC(self)->func_version = 0;
  return 0;
}
PyObject* get_defaults(PyObject* self, void*) { return Py_NewRef(FUNC(self)->func_defaults ? FUNC(self)->func_defaults : Py_None); }
int set_defaults(PyObject* self, PyObject* v, void*) {
  if (v == Py_None) v = nullptr;
  if (v && !PyTuple_Check(v)) {
    PyErr_SetString(PyExc_TypeError, "__defaults__ must be set to a tuple object");
    return -1;
  }
  Py_XSETREF(FUNC(self)->func_defaults, Py_XNewRef(v));
  return 0;
}
PyObject* get_kwdefaults(PyObject* self, void*) { return Py_NewRef(FUNC(self)->func_kwdefaults ? FUNC(self)->func_kwdefaults : Py_None); }
int set_kwdefaults(PyObject* self, PyObject* v, void*) {
  if (v == Py_None) v = nullptr;
  if (v && !PyDict_Check(v)) {
    PyErr_SetString(PyExc_TypeError, "__kwdefaults__ must be set to a dict object");
    return -1;
  }
  Py_XSETREF(FUNC(self)->func_kwdefaults, Py_XNewRef(v));
  return 0;
}
PyObject* get_name(PyObject* self, void*) { return Py_NewRef(FUNC(self)->func_name); }
int set_name(PyObject* self, PyObject* v, void*) {
  if (!v || !PyUnicode_Check(v)) {
    PyErr_SetString(PyExc_TypeError, "__name__ must be set to a string object");
    return -1;
  }
  Py_SETREF(FUNC(self)->func_name, Py_NewRef(v));
  return 0;
}
PyObject* get_qualname(PyObject* self, void*) { return Py_NewRef(FUNC(self)->func_qualname); }
int set_qualname(PyObject* self, PyObject* v, void*) {
  if (!v || !PyUnicode_Check(v)) {
    PyErr_SetString(PyExc_TypeError, "__qualname__ must be set to a string object");
    return -1;
  }
  Py_SETREF(FUNC(self)->func_qualname, Py_NewRef(v));
  return 0;
}
PyObject* get_annotations(PyObject* self, void*) {
  if (!FUNC(self)->func_annotations) {
    FUNC(self)->func_annotations = PyDict_New();
    if (!FUNC(self)->func_annotations) return nullptr;
  }
  return Py_NewRef(FUNC(self)->func_annotations);
}
int set_annotations(PyObject* self, PyObject* v, void*) {
  if (v == Py_None) v = nullptr;
  Py_XSETREF(FUNC(self)->func_annotations, Py_XNewRef(v));
  return 0;
}
PyObject* get_dict(PyObject* self, void*) {
  if (!FUNC(self)->func_dict) {
    FUNC(self)->func_dict = PyDict_New();
    if (!FUNC(self)->func_dict) return nullptr;
  }
  return Py_NewRef(FUNC(self)->func_dict);
}
int set_dict(PyObject* self, PyObject* v, void*) {
  if (!v || !PyDict_Check(v)) {
    PyErr_SetString(PyExc_TypeError, "__dict__ must be set to a dictionary");
    return -1;
  }
  Py_XSETREF(FUNC(self)->func_dict, Py_NewRef(v));
  return 0;
}

PyMemberDef func_members[] = {
    {"__closure__", T_OBJECT, offsetof(PyFunctionObject, func_closure), READONLY, nullptr},
    {"__doc__", T_OBJECT, offsetof(PyFunctionObject, func_doc), 0, nullptr},
    {"__globals__", T_OBJECT, offsetof(PyFunctionObject, func_globals), READONLY, nullptr},
    {"__module__", T_OBJECT, offsetof(PyFunctionObject, func_module), 0, nullptr},
    {"__builtins__", T_OBJECT, offsetof(PyFunctionObject, func_builtins), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyGetSetDef func_getset[] = {
    {"__code__", get_code, set_code, nullptr, nullptr},
    {"__defaults__", get_defaults, set_defaults, nullptr, nullptr},
    {"__kwdefaults__", get_kwdefaults, set_kwdefaults, nullptr, nullptr},
    {"__annotations__", get_annotations, set_annotations, nullptr, nullptr},
    {"__dict__", get_dict, set_dict, nullptr, nullptr},
    {"__name__", get_name, set_name, nullptr, nullptr},
    {"__qualname__", get_qualname, set_qualname, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

// -- Cells ------------------------------------------------------------------------------

void cell_dealloc(PyObject* self) {
  PyObject_GC_UnTrack(self);
  Py_XDECREF(PyCell_GET(self));
  PyObject_GC_Del(self);
}
int cell_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(PyCell_GET(self));
  return 0;
}
int cell_clear(PyObject* self) {
  Py_CLEAR(reinterpret_cast<PyCellObject*>(self)->ob_ref);
  return 0;
}
PyObject* cell_repr(PyObject* self) {
  PyObject* v = PyCell_GET(self);
  if (!v) return PyUnicode_FromFormat("<cell at %p: empty>", self);
  return PyUnicode_FromFormat("<cell at %p: %.80s object at %p>", self, Py_TYPE(v)->tp_name, v);
}
PyObject* cell_get_contents(PyObject* self, void*) {
  PyObject* v = PyCell_GET(self);
  if (!v) {
    PyErr_SetString(PyExc_ValueError, "Cell is empty");
    return nullptr;
  }
  return Py_NewRef(v);
}
int cell_set_contents(PyObject* self, PyObject* v, void*) {
  Py_XSETREF(reinterpret_cast<PyCellObject*>(self)->ob_ref, Py_XNewRef(v));
  return 0;
}
PyObject* cell_richcompare(PyObject* a, PyObject* b, int op) {
  if (!PyCell_Check(a) || !PyCell_Check(b)) Py_RETURN_NOTIMPLEMENTED;
  PyObject* x = PyCell_GET(a);
  PyObject* y = PyCell_GET(b);
  if (x && y) return PyObject_RichCompare(x, y, op);
  Py_RETURN_RICHCOMPARE(y == nullptr, x == nullptr, op);
}
PyGetSetDef cell_getset[] = {
    {"cell_contents", cell_get_contents, cell_set_contents, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

// function(code, globals, name=None, argdefs=None, closure=None): types.FunctionType.
PyObject* func_new(PyTypeObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"code", "globals", "name", "argdefs", "closure", nullptr};
  PyObject *code, *globals, *name = Py_None, *defaults = Py_None, *closure = Py_None;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "OO|OOO:function", const_cast<char**>(kwlist), &code, &globals,
                                   &name, &defaults, &closure))
    return nullptr;
  if (!PyCode_Check(code)) {
    return PyErr_Format(PyExc_TypeError, "function() argument 'code' must be code, not %s", Py_TYPE(code)->tp_name);
  }
  if (!PyDict_Check(globals)) {
    return PyErr_Format(PyExc_TypeError, "function() argument 'globals' must be dict, not %s",
                        Py_TYPE(globals)->tp_name);
  }
  if (name != Py_None && !PyUnicode_Check(name)) {
    PyErr_SetString(PyExc_TypeError, "arg 3 (name) must be None or string");
    return nullptr;
  }
  if (defaults != Py_None && !PyTuple_Check(defaults)) {
    PyErr_SetString(PyExc_TypeError, "arg 4 (defaults) must be None or tuple");
    return nullptr;
  }
  auto* co = reinterpret_cast<PyCodeObject*>(code);
  if (!PyTuple_Check(closure)) {
    if (co->co_nfreevars && closure == Py_None) {
      PyErr_SetString(PyExc_TypeError, "arg 5 (closure) must be tuple");
      return nullptr;
    }
    if (closure != Py_None) {
      PyErr_SetString(PyExc_TypeError, "arg 5 (closure) must be None or tuple");
      return nullptr;
    }
  }
  Py_ssize_t nclosure = closure == Py_None ? 0 : PyTuple_GET_SIZE(closure);
  if (co->co_nfreevars != nclosure) {
    return PyErr_Format(PyExc_ValueError, "%U requires closure of length %d, not %zd", co->co_name,
                        co->co_nfreevars, nclosure);
  }
  for (Py_ssize_t i = 0; i < nclosure; i++) {
    PyObject* c = PyTuple_GET_ITEM(closure, i);
    if (!PyCell_Check(c)) {
      return PyErr_Format(PyExc_TypeError, "arg 5 (closure) expected cell, found %s", Py_TYPE(c)->tp_name);
    }
  }
  if (PySys_Audit("function.__new__", "O", code) < 0) return nullptr;
  PyObject* f = PyFunction_New(code, globals);
  if (!f) return nullptr;
  auto* fn = reinterpret_cast<PyFunctionObject*>(f);
  if (name != Py_None) Py_SETREF(fn->func_name, Py_NewRef(name));
  if ((defaults != Py_None && PyFunction_SetDefaults(f, defaults) < 0) ||
      (closure != Py_None && PyFunction_SetClosure(f, closure) < 0)) {
    Py_DECREF(f);
    return nullptr;
  }
  return f;
}

// cell([contents]): types.CellType.
PyObject* cell_new(PyTypeObject*, PyObject* args, PyObject* kwds) {
  PyObject* obj = nullptr;
  if (!_PyArg_NoKeywords("cell", kwds) || !PyArg_UnpackTuple(args, "cell", 0, 1, &obj)) return nullptr;
  return PyCell_New(obj);
}

}  // namespace

extern "C" {

PyTypeObject PyFunction_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "function",
    .tp_basicsize = sizeof(PyFunctionObject),
    .tp_dealloc = func_dealloc,
    .tp_vectorcall_offset = offsetof(PyFunctionObject, vectorcall),
    .tp_repr = func_repr,
    .tp_call = PyVectorcall_Call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL | Py_TPFLAGS_METHOD_DESCRIPTOR,
    .tp_doc = "function(code, globals, name=None, argdefs=None, closure=None)\n--\n\nCreate a function object from a code object and a globals dict.",
    .tp_traverse = func_traverse,
    .tp_clear = func_clear,
    .tp_weaklistoffset = offsetof(PyFunctionObject, func_weakreflist),
    .tp_members = func_members,
    .tp_getset = func_getset,
    .tp_descr_get = func_descr_get,
    .tp_dictoffset = offsetof(PyFunctionObject, func_dict),
    .tp_new = func_new,
};

PyTypeObject PyCell_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "cell",
    .tp_basicsize = sizeof(PyCellObject),
    .tp_dealloc = cell_dealloc,
    .tp_repr = cell_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "cell([contents])\n--\n\nCreate a new cell object, empty or holding contents.",
    .tp_traverse = cell_traverse,
    .tp_clear = cell_clear,
    .tp_richcompare = cell_richcompare,
    .tp_getset = cell_getset,
    .tp_new = cell_new,
};

PyObject* PyFunction_NewWithQualName(PyObject* code, PyObject* globals, PyObject* qualname) {
  if (!PyCode_Check(code)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  auto* co = reinterpret_cast<PyCodeObject*>(code);
  auto* f = PyObject_GC_New(PyFunctionObject, &PyFunction_Type);
  if (!f) return nullptr;
  f->func_globals = Py_NewRef(globals);
  f->func_builtins = Py_NewRef(builtins_for_globals(globals));
  f->func_name = Py_NewRef(co->co_name);
  f->func_qualname = Py_NewRef(qualname ? qualname : co->co_qualname);
  f->func_code = Py_NewRef(code);
  f->func_defaults = nullptr;
  f->func_kwdefaults = nullptr;
  f->func_closure = nullptr;
  // co_consts[0] is the docstring when it is a str (the compiler puts None otherwise).
  PyObject* doc = Py_None;
  if (PyTuple_GET_SIZE(co->co_consts) > 0 && PyUnicode_Check(PyTuple_GET_ITEM(co->co_consts, 0)) &&
      (co->co_flags & CO_OPTIMIZED))
    doc = PyTuple_GET_ITEM(co->co_consts, 0);
  f->func_doc = Py_NewRef(doc);
  f->func_dict = nullptr;
  f->func_weakreflist = nullptr;
  PyObject* module = PyDict_GetItemString(globals, "__name__");
  f->func_module = Py_XNewRef(module);
  f->func_annotations = nullptr;
  f->vectorcall = function_vectorcall;
  f->func_version = 0;
  PyObject_GC_Track(f);
  return reinterpret_cast<PyObject*>(f);
}

PyObject* PyFunction_New(PyObject* code, PyObject* globals) {
  return PyFunction_NewWithQualName(code, globals, nullptr);
}

PyObject* _PyFunction_Vectorcall(PyObject* func, PyObject* const* stack, size_t nargsf, PyObject* kwnames) {
  return function_vectorcall(func, stack, nargsf, kwnames);
}

PyObject* PyFunction_GetCode(PyObject* f) { return FUNC(f)->func_code; }
PyObject* PyFunction_GetGlobals(PyObject* f) { return FUNC(f)->func_globals; }
PyObject* PyFunction_GetModule(PyObject* f) { return FUNC(f)->func_module; }
PyObject* PyFunction_GetDefaults(PyObject* f) { return FUNC(f)->func_defaults; }
PyObject* PyFunction_GetKwDefaults(PyObject* f) { return FUNC(f)->func_kwdefaults; }
PyObject* PyFunction_GetClosure(PyObject* f) { return FUNC(f)->func_closure; }
PyObject* PyFunction_GetAnnotations(PyObject* f) { return FUNC(f)->func_annotations; }
int PyFunction_SetDefaults(PyObject* f, PyObject* v) { return set_defaults(f, v ? v : Py_None, nullptr); }
int PyFunction_SetKwDefaults(PyObject* f, PyObject* v) { return set_kwdefaults(f, v ? v : Py_None, nullptr); }
int PyFunction_SetClosure(PyObject* f, PyObject* v) {
  Py_XSETREF(FUNC(f)->func_closure, v == Py_None ? nullptr : Py_XNewRef(v));
  return 0;
}
int PyFunction_SetAnnotations(PyObject* f, PyObject* v) { return set_annotations(f, v ? v : Py_None, nullptr); }

PyObject* PyCell_New(PyObject* v) {
  auto* c = PyObject_GC_New(PyCellObject, &PyCell_Type);
  if (!c) return nullptr;
  c->ob_ref = Py_XNewRef(v);
  PyObject_GC_Track(c);
  return reinterpret_cast<PyObject*>(c);
}
PyObject* PyCell_Get(PyObject* c) {
  if (!PyCell_Check(c)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  return Py_XNewRef(PyCell_GET(c));
}
int PyCell_Set(PyObject* c, PyObject* v) {
  if (!PyCell_Check(c)) {
    PyErr_BadInternalCall();
    return -1;
  }
  Py_XSETREF(reinterpret_cast<PyCellObject*>(c)->ob_ref, Py_XNewRef(v));
  return 0;
}

}  // extern "C"
