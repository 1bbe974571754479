// callable_iterator: iter(callable, sentinel) (PyCallIter_Type,
// PyCallIter_New). Calls callable() until the result equals sentinel or
// the callable raises StopIteration.
#include "objects/container_util.h"

namespace krait {
namespace {

struct CallIter {
  PyObject_HEAD
  PyObject* it_callable;  // both NULL once exhausted
  PyObject* it_sentinel;
};

void calliter_dealloc(PyObject* self) {
  CallIter* it = reinterpret_cast<CallIter*>(self);
  PyObject_GC_UnTrack(self);
  Py_XDECREF(it->it_callable);
  Py_XDECREF(it->it_sentinel);
  PyObject_GC_Del(self);
}

int calliter_traverse(PyObject* self, visitproc visit, void* arg) {
  CallIter* it = reinterpret_cast<CallIter*>(self);
  Py_VISIT(it->it_callable);
  Py_VISIT(it->it_sentinel);
  return 0;
}

PyObject* calliter_next(PyObject* self) {
  CallIter* it = reinterpret_cast<CallIter*>(self);
  if (it->it_callable == nullptr) return nullptr;
  PyObject* result = PyObject_CallNoArgs(it->it_callable);
  if (result != nullptr) {
    int ok = PyObject_RichCompareBool(it->it_sentinel, result, Py_EQ);
    if (ok == 0) return result;  // the common case
    Py_DECREF(result);
    if (ok > 0) {
      Py_CLEAR(it->it_callable);
      Py_CLEAR(it->it_sentinel);
    }
  } else if (PyErr_ExceptionMatches(PyExc_StopIteration)) {
    PyErr_Clear();
    Py_CLEAR(it->it_callable);
    Py_CLEAR(it->it_sentinel);
  }
  return nullptr;
}

PyObject* calliter_reduce(PyObject* self, PyObject*) {
  CallIter* it = reinterpret_cast<CallIter*>(self);
  PyObject* iter = builtin_object("iter");
  if (iter == nullptr) return nullptr;
  if (it->it_callable != nullptr && it->it_sentinel != nullptr)
    return Py_BuildValue("N(OO)", iter, it->it_callable, it->it_sentinel);
  return Py_BuildValue("N(())", iter);
}

PyMethodDef calliter_methods[] = {
    {"__reduce__", calliter_reduce, METH_NOARGS, "Return state information for pickling."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace
}  // namespace krait

using namespace krait;

PyTypeObject PyCallIter_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "callable_iterator",
    .tp_basicsize = sizeof(CallIter),
    .tp_dealloc = calliter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = calliter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = calliter_next,
    .tp_methods = calliter_methods,
};

PyObject* PyCallIter_New(PyObject* callable, PyObject* sentinel) {
  CallIter* it = PyObject_GC_New(CallIter, &PyCallIter_Type);
  if (it == nullptr) return nullptr;
  it->it_callable = Py_NewRef(callable);
  it->it_sentinel = Py_NewRef(sentinel);
  PyObject_GC_Track(it);
  return reinterpret_cast<PyObject*>(it);
}
