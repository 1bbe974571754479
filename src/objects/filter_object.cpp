// filter(function or None, iterable): the items for which function(item)
// is true (or the true items themselves for None / bool).
#include "objects/container_util.h"

namespace krait {
namespace {

struct FilterObject {
  PyObject_HEAD
  PyObject* func;
  PyObject* it;
};

PyObject* filter_make(PyTypeObject* type, PyObject* func, PyObject* seq) {
  PyObject* it = PyObject_GetIter(seq);
  if (it == nullptr) return nullptr;
  FilterObject* lz = reinterpret_cast<FilterObject*>(type->tp_alloc(type, 0));
  if (lz == nullptr) {
    Py_DECREF(it);
    return nullptr;
  }
  lz->func = Py_NewRef(func);
  lz->it = it;
  return reinterpret_cast<PyObject*>(lz);
}

PyObject* filter_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  if ((type == &PyFilter_Type || type->tp_init == PyFilter_Type.tp_init) &&
      !_PyArg_NoKeywords("filter", kwds))
    return nullptr;
  PyObject *func, *seq;
  if (!PyArg_UnpackTuple(args, "filter", 2, 2, &func, &seq)) return nullptr;
  return filter_make(type, func, seq);
}

PyObject* filter_vectorcall(PyObject* type, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  PyTypeObject* tp = reinterpret_cast<PyTypeObject*>(type);
  if (tp == &PyFilter_Type && !_PyArg_NoKwnames("filter", kwnames)) return nullptr;
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  if (!_PyArg_CheckPositional("filter", nargs, 2, 2)) return nullptr;
  return filter_make(tp, args[0], args[1]);
}

void filter_dealloc(PyObject* self) {
  FilterObject* lz = reinterpret_cast<FilterObject*>(self);
  PyObject_GC_UnTrack(self);
  Py_XDECREF(lz->func);
  Py_XDECREF(lz->it);
  Py_TYPE(self)->tp_free(self);
}

int filter_traverse(PyObject* self, visitproc visit, void* arg) {
  FilterObject* lz = reinterpret_cast<FilterObject*>(self);
  Py_VISIT(lz->it);
  Py_VISIT(lz->func);
  return 0;
}

PyObject* filter_next(PyObject* self) {
  FilterObject* lz = reinterpret_cast<FilterObject*>(self);
  PyObject* it = lz->it;
  iternextfunc iternext = Py_TYPE(it)->tp_iternext;
  bool checktrue = lz->func == Py_None || lz->func == reinterpret_cast<PyObject*>(&PyBool_Type);
  for (;;) {
    PyObject* item = iternext(it);
    if (item == nullptr) return nullptr;
    long ok;
    if (checktrue) {
      ok = PyObject_IsTrue(item);
    } else {
      PyObject* good = PyObject_CallOneArg(lz->func, item);
      if (good == nullptr) {
        Py_DECREF(item);
        return nullptr;
      }
      ok = PyObject_IsTrue(good);
      Py_DECREF(good);
    }
    if (ok > 0) return item;
    Py_DECREF(item);
    if (ok < 0) return nullptr;
  }
}

PyObject* filter_reduce(PyObject* self, PyObject*) {
  FilterObject* lz = reinterpret_cast<FilterObject*>(self);
  return Py_BuildValue("O(OO)", Py_TYPE(lz), lz->func, lz->it);
}

PyMethodDef filter_methods[] = {
    {"__reduce__", filter_reduce, METH_NOARGS, "Return state information for pickling."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace
}  // namespace krait

using namespace krait;

PyTypeObject PyFilter_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "filter",
    .tp_basicsize = sizeof(FilterObject),
    .tp_dealloc = filter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_doc = "filter(function or None, iterable) --> filter object\n\n"
              "Return an iterator yielding those items of iterable for which function(item)\n"
              "is true. If function is None, return the items that are true.",
    .tp_traverse = filter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = filter_next,
    .tp_methods = filter_methods,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = filter_new,
    .tp_free = PyObject_GC_Del,
    .tp_vectorcall = filter_vectorcall,
};
