// zip(*iterables, strict=False): tuples of one item from each iterator.
// With strict=True, unequal lengths raise ValueError with CPython 3.11's
// messages ("zip() argument 2 is shorter than argument 1", "... longer
// than arguments 1-2"). The result tuple is recycled when possible.
#include "objects/container_util.h"

namespace krait {
namespace {

struct ZipObject {
  PyObject_HEAD
  Py_ssize_t tuplesize;
  PyObject* ittuple;  // tuple of iterators
  PyObject* result;   // recycled result tuple
  int strict;
};

PyObject* zip_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  int strict = 0;
  if (kwds != nullptr && PyDict_GET_SIZE(kwds) > 0) {
    static const char* kwlist[] = {"strict", nullptr};
    PyObject* empty = PyTuple_New(0);
    if (empty == nullptr) return nullptr;
    int parsed = PyArg_ParseTupleAndKeywords(empty, kwds, "|$p:zip", const_cast<char**>(kwlist), &strict);
    Py_DECREF(empty);
    if (!parsed) return nullptr;
  }
  Py_ssize_t tuplesize = PyTuple_GET_SIZE(args);
  PyObject* ittuple = PyTuple_New(tuplesize);
  if (ittuple == nullptr) return nullptr;
  for (Py_ssize_t i = 0; i < tuplesize; ++i) {
    PyObject* it = PyObject_GetIter(PyTuple_GET_ITEM(args, i));
    if (it == nullptr) {
      Py_DECREF(ittuple);
      return nullptr;
    }
    PyTuple_SET_ITEM(ittuple, i, it);
  }
  // The recycled result starts as a tuple of Nones.
  PyObject* result = PyTuple_New(tuplesize);
  if (result == nullptr) {
    Py_DECREF(ittuple);
    return nullptr;
  }
  for (Py_ssize_t i = 0; i < tuplesize; i++) PyTuple_SET_ITEM(result, i, Py_NewRef(Py_None));
  ZipObject* lz = reinterpret_cast<ZipObject*>(type->tp_alloc(type, 0));
  if (lz == nullptr) {
    Py_DECREF(ittuple);
    Py_DECREF(result);
    return nullptr;
  }
  lz->ittuple = ittuple;
  lz->tuplesize = tuplesize;
  lz->result = result;
  lz->strict = strict;
  return reinterpret_cast<PyObject*>(lz);
}

void zip_dealloc(PyObject* self) {
  ZipObject* lz = reinterpret_cast<ZipObject*>(self);
  PyObject_GC_UnTrack(self);
  Py_XDECREF(lz->ittuple);
  Py_XDECREF(lz->result);
  Py_TYPE(self)->tp_free(self);
}

int zip_traverse(PyObject* self, visitproc visit, void* arg) {
  ZipObject* lz = reinterpret_cast<ZipObject*>(self);
  Py_VISIT(lz->ittuple);
  Py_VISIT(lz->result);
  return 0;
}

// Iterator i ran out (item NULL): StopIteration is normal exhaustion;
// strict mode then checks that every iterator is exhausted together.
PyObject* zip_exhausted(ZipObject* lz, Py_ssize_t i) {
  if (PyErr_Occurred()) {
    if (!PyErr_ExceptionMatches(PyExc_StopIteration)) return nullptr;
    PyErr_Clear();
  }
  if (!lz->strict) return nullptr;
  if (i) {
    const char* plural = i == 1 ? " " : "s 1-";
    return PyErr_Format(PyExc_ValueError, "zip() argument %zd is shorter than argument%s%zd", i + 1,
                        plural, i);
  }
  for (i = 1; i < lz->tuplesize; i++) {
    PyObject* it = PyTuple_GET_ITEM(lz->ittuple, i);
    PyObject* item = Py_TYPE(it)->tp_iternext(it);
    if (item) {
      Py_DECREF(item);
      const char* plural = i == 1 ? " " : "s 1-";
      return PyErr_Format(PyExc_ValueError, "zip() argument %zd is longer than argument%s%zd", i + 1,
                          plural, i);
    }
    if (PyErr_Occurred()) {
      if (!PyErr_ExceptionMatches(PyExc_StopIteration)) return nullptr;
      PyErr_Clear();
    }
  }
  return nullptr;
}

PyObject* zip_next(PyObject* self) {
  ZipObject* lz = reinterpret_cast<ZipObject*>(self);
  Py_ssize_t tuplesize = lz->tuplesize;
  if (tuplesize == 0) return nullptr;
  PyObject* result = lz->result;
  if (Py_REFCNT(result) == 1) {
    Py_INCREF(result);
    for (Py_ssize_t i = 0; i < tuplesize; i++) {
      PyObject* it = PyTuple_GET_ITEM(lz->ittuple, i);
      PyObject* item = Py_TYPE(it)->tp_iternext(it);
      if (item == nullptr) {
        Py_DECREF(result);
        return zip_exhausted(lz, i);
      }
      PyObject* olditem = PyTuple_GET_ITEM(result, i);
      PyTuple_SET_ITEM(result, i, item);
      Py_DECREF(olditem);
    }
    // The GC may have untracked the tuple while it held atomic items.
    if (!PyObject_GC_IsTracked(result)) PyObject_GC_Track(result);
    return result;
  }
  result = PyTuple_New(tuplesize);
  if (result == nullptr) return nullptr;
  for (Py_ssize_t i = 0; i < tuplesize; i++) {
    PyObject* it = PyTuple_GET_ITEM(lz->ittuple, i);
    PyObject* item = Py_TYPE(it)->tp_iternext(it);
    if (item == nullptr) {
      Py_DECREF(result);
      return zip_exhausted(lz, i);
    }
    PyTuple_SET_ITEM(result, i, item);
  }
  return result;
}

PyObject* zip_reduce(PyObject* self, PyObject*) {
  ZipObject* lz = reinterpret_cast<ZipObject*>(self);
  if (lz->strict) return PyTuple_Pack(3, Py_TYPE(lz), lz->ittuple, Py_True);
  return PyTuple_Pack(2, Py_TYPE(lz), lz->ittuple);
}

PyObject* zip_setstate(PyObject* self, PyObject* state) {
  int strict = PyObject_IsTrue(state);
  if (strict < 0) return nullptr;
  reinterpret_cast<ZipObject*>(self)->strict = strict;
  Py_RETURN_NONE;
}

PyMethodDef zip_methods[] = {
    {"__reduce__", zip_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", zip_setstate, METH_O, "Set state information for unpickling."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace
}  // namespace krait

using namespace krait;

PyTypeObject PyZip_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "zip",
    .tp_basicsize = sizeof(ZipObject),
    .tp_dealloc = zip_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_doc = "zip(*iterables, strict=False) --> Yield tuples until an input is exhausted.\n\n"
              "   >>> list(zip('abcdefg', range(3), range(4)))\n"
              "   [('a', 0, 0), ('b', 1, 1), ('c', 2, 2)]\n\n"
              "The zip object yields n-length tuples, where n is the number of iterables\n"
              "passed as positional arguments to zip().  The i-th element in every tuple\n"
              "comes from the i-th iterable argument to zip().  This continues until the\n"
              "shortest argument is exhausted.\n\n"
              "If strict is true and one of the arguments is exhausted before the others,\n"
              "raise a ValueError.",
    .tp_traverse = zip_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = zip_next,
    .tp_methods = zip_methods,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = zip_new,
    .tp_free = PyObject_GC_Del,
};
