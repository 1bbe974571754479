// `method` (a function bound to an instance: obj.f) and `instancemethod`
// (PyInstanceMethod_Type, which binds a callable like a function would).
//
// A bound method forwards calls by vectorcall with `self` prepended; when the
// caller leaves PY_VECTORCALL_ARGUMENTS_OFFSET room, no new array is built.
#include <Python.h>
#include <structmember.h>

#include "objects/object_util.h"
#include "runtime/identifiers.h"

using krait::Ref;

namespace krait {
namespace {

inline PyMethodObject* as_method(PyObject* o) { return reinterpret_cast<PyMethodObject*>(o); }

PyObject* method_vectorcall(PyObject* method, PyObject* const* args, size_t nargsf,
                            PyObject* kwnames) {
  PyObject* self = as_method(method)->im_self;
  PyObject* func = as_method(method)->im_func;
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  if (nargsf & PY_VECTORCALL_ARGUMENTS_OFFSET) {
    // The caller lent us args[-1]: put self there temporarily.
    PyObject** newargs = const_cast<PyObject**>(args) - 1;
    PyObject* saved = newargs[0];
    newargs[0] = self;
    PyObject* r = PyObject_Vectorcall(func, newargs, nargs + 1, kwnames);
    newargs[0] = saved;
    return r;
  }
  Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
  Py_ssize_t total = nargs + nkw;
  PyObject* small[8];
  PyObject** newargs = total + 1 <= 8
      ? small : static_cast<PyObject**>(PyMem_Malloc((total + 1) * sizeof(PyObject*)));
  if (!newargs) return PyErr_NoMemory();
  newargs[0] = self;
  if (total) memcpy(newargs + 1, args, total * sizeof(PyObject*));
  PyObject* r = PyObject_Vectorcall(func, newargs, nargs + 1, kwnames);
  if (newargs != small) PyMem_Free(newargs);
  return r;
}

void method_dealloc(PyObject* self) {
  PyMethodObject* im = as_method(self);
  PyObject_GC_UnTrack(self);
  // Bounded C recursion for long chains (f.__call__.__call__..., tb_next links).
  Py_TRASHCAN_BEGIN(self, method_dealloc)
  if (im->im_weakreflist != nullptr) PyObject_ClearWeakRefs(self);
  Py_DECREF(im->im_func);
  Py_XDECREF(im->im_self);
  PyObject_GC_Del(self);
  Py_TRASHCAN_END
}

int method_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(as_method(self)->im_func);
  Py_VISIT(as_method(self)->im_self);
  return 0;
}

PyObject* method_richcompare(PyObject* a, PyObject* b, int op) {
  if ((op != Py_EQ && op != Py_NE) || !PyMethod_Check(a) || !PyMethod_Check(b))
    Py_RETURN_NOTIMPLEMENTED;
  // 3.8+: bound methods compare their __self__ by identity.
  bool eq = as_method(a)->im_self == as_method(b)->im_self;
  if (eq) {
    int r = PyObject_RichCompareBool(as_method(a)->im_func, as_method(b)->im_func, Py_EQ);
    if (r < 0) return nullptr;
    eq = r;
  }
  return PyBool_FromLong(op == Py_EQ ? eq : !eq);
}

Py_hash_t method_hash(PyObject* self) {
  Py_hash_t x = _Py_HashPointer(as_method(self)->im_self);
  Py_hash_t y = PyObject_Hash(as_method(self)->im_func);
  if (y == -1) return -1;
  x ^= y;
  return x == -1 ? -2 : x;
}

PyObject* method_repr(PyObject* self) {
  PyMethodObject* m = as_method(self);
  PyObject* name;
  if (_PyObject_LookupAttr(m->im_func, id::qualname, &name) < 0) return nullptr;
  if (name == nullptr || !PyUnicode_Check(name)) {
    Py_XDECREF(name);
    if (_PyObject_LookupAttr(m->im_func, id::name, &name) < 0) return nullptr;
  }
  Ref<> owned = steal(name);
  if (!owned || !PyUnicode_Check(owned.get())) owned = steal(PyUnicode_FromString("?"));
  if (!owned) return nullptr;
  return PyUnicode_FromFormat("<bound method %U of %R>", owned.get(), m->im_self);
}

// Attributes not found on the method come from the function (m.__doc__ etc.).
PyObject* method_getattro(PyObject* self, PyObject* name) {
  PyTypeObject* tp = Py_TYPE(self);
  PyObject* descr = _PyType_Lookup(tp, name);
  if (descr != nullptr) {
    descrgetfunc f = Py_TYPE(descr)->tp_descr_get;
    if (f != nullptr) return f(descr, self, reinterpret_cast<PyObject*>(tp));
    Py_INCREF(descr);
    return descr;
  }
  return PyObject_GetAttr(as_method(self)->im_func, name);
}

PyObject* method_get_doc(PyObject* self, void*) {
  return PyObject_GetAttr(as_method(self)->im_func, id::doc);
}

PyObject* method_reduce(PyObject* self, PyObject*) {
  PyMethodObject* m = as_method(self);
  Ref<> funcname = steal(PyObject_GetAttr(m->im_func, id::name));
  if (!funcname) return nullptr;
  Ref<> builtins = steal(PyImport_ImportModule("builtins"));
  if (!builtins) return nullptr;
  Ref<> getattr_fn = steal(PyObject_GetAttrString(builtins.get(), "getattr"));
  if (!getattr_fn) return nullptr;
  return Py_BuildValue("O(OO)", getattr_fn.get(), m->im_self, funcname.get());
}

PyMemberDef method_members[] = {
    {"__func__", T_OBJECT, offsetof(PyMethodObject, im_func), READONLY, "the function (or other callable) implementing a method"},
    {"__self__", T_OBJECT, offsetof(PyMethodObject, im_self), READONLY, "the instance to which a method is bound"},
    {nullptr, 0, 0, 0, nullptr}};

PyGetSetDef method_getsets[] = {{"__doc__", method_get_doc, nullptr, nullptr, nullptr},
                                {nullptr, nullptr, nullptr, nullptr, nullptr}};

PyMethodDef method_methods[] = {{"__reduce__", method_reduce, METH_NOARGS, nullptr},
                                {nullptr, nullptr, 0, nullptr}};

// --- instancemethod ------------------------------------------------------------------

struct InstanceMethod {
  PyObject_HEAD
  PyObject* func;
};

void im_dealloc(PyObject* self) {
  PyObject_GC_UnTrack(self);
  Py_DECREF(reinterpret_cast<InstanceMethod*>(self)->func);
  PyObject_GC_Del(self);
}

int im_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<InstanceMethod*>(self)->func);
  return 0;
}

PyObject* im_call(PyObject* self, PyObject* args, PyObject* kw) {
  return PyObject_Call(reinterpret_cast<InstanceMethod*>(self)->func, args, kw);
}

PyObject* im_descr_get(PyObject* self, PyObject* obj, PyObject*) {
  PyObject* func = reinterpret_cast<InstanceMethod*>(self)->func;
  if (obj == nullptr) {
    Py_INCREF(func);
    return func;
  }
  return PyMethod_New(func, obj);
}

PyObject* im_repr(PyObject* self) {
  PyObject* func = reinterpret_cast<InstanceMethod*>(self)->func;
  return PyUnicode_FromFormat("<instancemethod %R at %p>", func, self);
}

PyObject* im_new(PyTypeObject*, PyObject* args, PyObject* kw) {
  PyObject* func;
  if (kw && PyDict_GET_SIZE(kw)) {
    PyErr_SetString(PyExc_TypeError, "instancemethod does not take keyword arguments");
    return nullptr;
  }
  if (!PyArg_UnpackTuple(args, "instancemethod", 1, 1, &func)) return nullptr;
  if (!PyCallable_Check(func)) {
    PyErr_SetString(PyExc_TypeError, "first argument must be callable");
    return nullptr;
  }
  return PyInstanceMethod_New(func);
}

// method(function, instance): types.MethodType.
PyObject* method_new(PyTypeObject*, PyObject* args, PyObject* kwds) {
  PyObject *func, *self;
  if (!_PyArg_NoKeywords("method", kwds)) return nullptr;
  if (!PyArg_UnpackTuple(args, "method", 2, 2, &func, &self)) return nullptr;
  if (!PyCallable_Check(func)) {
    PyErr_SetString(PyExc_TypeError, "first argument must be callable");
    return nullptr;
  }
  if (self == nullptr || self == Py_None) {
    PyErr_SetString(PyExc_TypeError, "instance must not be None");
    return nullptr;
  }
  return PyMethod_New(func, self);
}

PyMemberDef im_members[] = {
    {"__func__", T_OBJECT, offsetof(InstanceMethod, func), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr}};

}  // namespace
}  // namespace krait

using namespace krait;

PyTypeObject PyMethod_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "method",
    .tp_basicsize = sizeof(PyMethodObject),
    .tp_dealloc = method_dealloc,
    .tp_vectorcall_offset = offsetof(PyMethodObject, vectorcall),
    .tp_repr = method_repr,
    .tp_hash = method_hash,
    .tp_call = PyVectorcall_Call,
    .tp_getattro = method_getattro,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = "method(function, instance, /)\n--\n\n"
              "Create a bound instance method object.",
    .tp_traverse = method_traverse,
    .tp_richcompare = method_richcompare,
    .tp_weaklistoffset = offsetof(PyMethodObject, im_weakreflist),
    .tp_methods = method_methods,
    .tp_members = method_members,
    .tp_getset = method_getsets,
    .tp_new = method_new,
};

PyTypeObject PyInstanceMethod_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "instancemethod",
    .tp_basicsize = sizeof(InstanceMethod),
    .tp_dealloc = im_dealloc,
    .tp_repr = im_repr,
    .tp_call = im_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = im_traverse,
    .tp_members = im_members,
    .tp_descr_get = im_descr_get,
    .tp_new = im_new,
};

extern "C" {

PyObject* PyMethod_New(PyObject* func, PyObject* self) {
  if (self == nullptr) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  auto* im = PyObject_GC_New(PyMethodObject, &PyMethod_Type);
  if (im == nullptr) return nullptr;
  im->im_weakreflist = nullptr;
  Py_INCREF(func);
  im->im_func = func;
  Py_INCREF(self);
  im->im_self = self;
  im->vectorcall = method_vectorcall;
  PyObject_GC_Track(im);
  return reinterpret_cast<PyObject*>(im);
}

PyObject* PyMethod_Function(PyObject* im) {
  if (!PyMethod_Check(im)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  return as_method(im)->im_func;
}

PyObject* PyMethod_Self(PyObject* im) {
  if (!PyMethod_Check(im)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  return as_method(im)->im_self;
}

PyObject* PyInstanceMethod_New(PyObject* func) {
  auto* m = PyObject_GC_New(InstanceMethod, &PyInstanceMethod_Type);
  if (m == nullptr) return nullptr;
  Py_INCREF(func);
  m->func = func;
  PyObject_GC_Track(m);
  return reinterpret_cast<PyObject*>(m);
}

PyObject* PyInstanceMethod_Function(PyObject* im) {
  if (!PyInstanceMethod_Check(im)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  return reinterpret_cast<InstanceMethod*>(im)->func;
}

}  // extern "C"
