// map(func, *iterables): func applied to one item from each iterator,
// stopping at the shortest.
#include "objects/container_util.h"

namespace krait {
namespace {

struct MapObject {
  PyObject_HEAD
  PyObject* iters;  // tuple of iterators
  PyObject* func;
};

// Takes over `iters`.
PyObject* map_make(PyTypeObject* type, PyObject* func, PyObject* iters) {
  MapObject* lz = reinterpret_cast<MapObject*>(type->tp_alloc(type, 0));
  if (lz == nullptr) {
    Py_DECREF(iters);
    return nullptr;
  }
  lz->iters = iters;
  lz->func = Py_NewRef(func);
  return reinterpret_cast<PyObject*>(lz);
}

PyObject* map_from_array(PyTypeObject* type, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs < 2) {
    PyErr_SetString(PyExc_TypeError, "map() must have at least two arguments.");
    return nullptr;
  }
  PyObject* iters = PyTuple_New(nargs - 1);
  if (iters == nullptr) return nullptr;
  for (Py_ssize_t i = 1; i < nargs; i++) {
    PyObject* it = PyObject_GetIter(args[i]);
    if (it == nullptr) {
      Py_DECREF(iters);
      return nullptr;
    }
    PyTuple_SET_ITEM(iters, i - 1, it);
  }
  return map_make(type, args[0], iters);
}

PyObject* map_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  if ((type == &PyMap_Type || type->tp_init == PyMap_Type.tp_init) && !_PyArg_NoKeywords("map", kwds))
    return nullptr;
  return map_from_array(type, &PyTuple_GET_ITEM(args, 0), PyTuple_GET_SIZE(args));
}

PyObject* map_vectorcall(PyObject* type, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  if (!_PyArg_NoKwnames("map", kwnames)) return nullptr;
  return map_from_array(reinterpret_cast<PyTypeObject*>(type), args, PyVectorcall_NARGS(nargsf));
}

void map_dealloc(PyObject* self) {
  MapObject* lz = reinterpret_cast<MapObject*>(self);
  PyObject_GC_UnTrack(self);
  Py_XDECREF(lz->iters);
  Py_XDECREF(lz->func);
  Py_TYPE(self)->tp_free(self);
}

int map_traverse(PyObject* self, visitproc visit, void* arg) {
  MapObject* lz = reinterpret_cast<MapObject*>(self);
  Py_VISIT(lz->iters);
  Py_VISIT(lz->func);
  return 0;
}

PyObject* map_next(PyObject* self) {
  MapObject* lz = reinterpret_cast<MapObject*>(self);
  PyObject* small_stack[5];
  Py_ssize_t niters = PyTuple_GET_SIZE(lz->iters);
  PyObject** stack = small_stack;
  if (niters > 5) {
    stack = PyMem_New(PyObject*, niters);
    if (stack == nullptr) {
      PyErr_NoMemory();
      return nullptr;
    }
  }
  PyObject* result = nullptr;
  Py_ssize_t nargs = 0;
  for (Py_ssize_t i = 0; i < niters; i++) {
    PyObject* it = PyTuple_GET_ITEM(lz->iters, i);
    PyObject* val = Py_TYPE(it)->tp_iternext(it);
    if (val == nullptr) goto exit;
    stack[i] = val;
    nargs++;
  }
  result = PyObject_Vectorcall(lz->func, stack, size_t(nargs), nullptr);
exit:
  for (Py_ssize_t i = 0; i < nargs; i++) Py_DECREF(stack[i]);
  if (stack != small_stack) PyMem_Free(stack);
  return result;
}

PyObject* map_reduce(PyObject* self, PyObject*) {
  MapObject* lz = reinterpret_cast<MapObject*>(self);
  Py_ssize_t numargs = PyTuple_GET_SIZE(lz->iters);
  PyObject* args = PyTuple_New(numargs + 1);
  if (args == nullptr) return nullptr;
  PyTuple_SET_ITEM(args, 0, Py_NewRef(lz->func));
  for (Py_ssize_t i = 0; i < numargs; i++)
    PyTuple_SET_ITEM(args, i + 1, Py_NewRef(PyTuple_GET_ITEM(lz->iters, i)));
  return Py_BuildValue("ON", Py_TYPE(lz), args);
}

PyMethodDef map_methods[] = {
    {"__reduce__", map_reduce, METH_NOARGS, "Return state information for pickling."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace
}  // namespace krait

using namespace krait;

PyTypeObject PyMap_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "map",
    .tp_basicsize = sizeof(MapObject),
    .tp_dealloc = map_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_doc = "map(func, *iterables) --> map object\n\n"
              "Make an iterator that computes the function using arguments from\n"
              "each of the iterables.  Stops when the shortest iterable is exhausted.",
    .tp_traverse = map_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = map_next,
    .tp_methods = map_methods,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = map_new,
    .tp_free = PyObject_GC_Del,
    .tp_vectorcall = map_vectorcall,
};
