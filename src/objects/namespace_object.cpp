// types.SimpleNamespace (CPython's _PyNamespace_Type): an object whose
// attributes live in a plain dict, built from keyword arguments only.
// repr lists the attributes in insertion order, `namespace(a=1, b=2)`
// (subclasses print their own name), with "..." for a recursive reference.
#include <Python.h>

#include <structmember.h>

#include <cstddef>

#include "objects/namespace_object.h"
#include "objects/object_util.h"

using krait::Ref;
using krait::steal;

namespace krait {
namespace {

struct Namespace {
  PyObject_HEAD
  PyObject* ns_dict;
};

inline PyObject*& dict_of(PyObject* op) { return reinterpret_cast<Namespace*>(op)->ns_dict; }

PyObject* ns_new(PyTypeObject* type, PyObject*, PyObject*) {
  PyObject* self = type->tp_alloc(type, 0);
  if (self == nullptr) return nullptr;
  dict_of(self) = PyDict_New();
  if (dict_of(self) == nullptr) {
    Py_DECREF(self);
    return nullptr;
  }
  return self;
}

int ns_init(PyObject* self, PyObject* args, PyObject* kwds) {
  if (PyTuple_GET_SIZE(args) != 0) {
    PyErr_SetString(PyExc_TypeError, "no positional arguments expected");
    return -1;
  }
  if (kwds == nullptr) return 0;
  if (!PyArg_ValidateKeywordArguments(kwds)) return -1;
  return PyDict_Update(dict_of(self), kwds);
}

void ns_dealloc(PyObject* self) {
  PyObject_GC_UnTrack(self);
  Py_CLEAR(dict_of(self));
  Py_TYPE(self)->tp_free(self);
}

int ns_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(dict_of(self));
  return 0;
}

int ns_clear(PyObject* self) {
  Py_CLEAR(dict_of(self));
  return 0;
}

PyObject* ns_repr(PyObject* self) {
  const char* name = Py_IS_TYPE(self, &_PyNamespace_Type) ? "namespace" : Py_TYPE(self)->tp_name;
  int entered = Py_ReprEnter(self);
  if (entered != 0) return entered > 0 ? PyUnicode_FromFormat("%s(...)", name) : nullptr;

  PyObject* result = nullptr;
  Ref<> dict = borrow(dict_of(self));
  Ref<> pairs = steal(PyList_New(0));
  Ref<> keys = steal(pairs ? PyDict_Keys(dict.get()) : nullptr);
  bool ok = static_cast<bool>(keys);
  // Only non-empty string keys are shown (others cannot be attributes).
  for (Py_ssize_t i = 0; ok && i < PyList_GET_SIZE(keys.get()); ++i) {
    PyObject* key = PyList_GET_ITEM(keys.get(), i);
    if (!PyUnicode_Check(key) || PyUnicode_GET_LENGTH(key) == 0) continue;
    PyObject* value = PyDict_GetItemWithError(dict.get(), key);
    if (value == nullptr) {
      ok = !PyErr_Occurred();
      continue;
    }
    Ref<> hold = borrow(value);  // the repr of value may mutate the dict
    Ref<> item = steal(PyUnicode_FromFormat("%U=%R", key, value));
    ok = item && PyList_Append(pairs.get(), item.get()) == 0;
  }
  if (ok) {
    Ref<> sep = steal(PyUnicode_FromString(", "));
    Ref<> joined = steal(sep ? PyUnicode_Join(sep.get(), pairs.get()) : nullptr);
    if (joined) result = PyUnicode_FromFormat("%s(%S)", name, joined.get());
  }
  Py_ReprLeave(self);
  return result;
}

PyObject* ns_richcompare(PyObject* self, PyObject* other, int op) {
  if (PyObject_TypeCheck(self, &_PyNamespace_Type) && PyObject_TypeCheck(other, &_PyNamespace_Type)) {
    return PyObject_RichCompare(dict_of(self), dict_of(other), op);
  }
  Py_RETURN_NOTIMPLEMENTED;
}

PyObject* ns_reduce(PyObject* self, PyObject*) {
  Ref<> args = steal(PyTuple_New(0));
  if (!args) return nullptr;
  return PyTuple_Pack(3, reinterpret_cast<PyObject*>(Py_TYPE(self)), args.get(), dict_of(self));
}

PyMethodDef ns_methods[] = {
    {"__reduce__", ns_reduce, METH_NOARGS, "Return state information for pickling"},
    {nullptr, nullptr, 0, nullptr},
};

PyMemberDef ns_members[] = {
    {"__dict__", T_OBJECT, offsetof(Namespace, ns_dict), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

}  // namespace
}  // namespace krait

PyTypeObject _PyNamespace_Type = {
    .ob_base = KRAIT_IMMORTAL_VAR_HEAD(&PyType_Type, 0),
    .tp_name = "types.SimpleNamespace",
    .tp_basicsize = sizeof(krait::Namespace),
    .tp_dealloc = krait::ns_dealloc,
    .tp_repr = krait::ns_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_doc = "A simple attribute-based namespace.\n\nSimpleNamespace(**kwargs)",
    .tp_traverse = krait::ns_traverse,
    .tp_clear = krait::ns_clear,
    .tp_richcompare = krait::ns_richcompare,
    .tp_methods = krait::ns_methods,
    .tp_members = krait::ns_members,
    .tp_dictoffset = offsetof(krait::Namespace, ns_dict),
    .tp_init = krait::ns_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = krait::ns_new,
    .tp_free = PyObject_GC_Del,
};

PyObject* _PyNamespace_New(PyObject* kwds) {
  PyObject* ns = krait::ns_new(&_PyNamespace_Type, nullptr, nullptr);
  if (ns == nullptr || kwds == nullptr) return ns;
  if (PyDict_Update(krait::dict_of(ns), kwds) != 0) {
    Py_DECREF(ns);
    return nullptr;
  }
  return ns;
}
