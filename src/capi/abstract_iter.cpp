// The iterator protocol: PyObject_GetIter (iter(o), falling back to the
// sequence protocol), PyIter_Check/Next/Send, and the async variants.
#include <Python.h>

#include "capi/abstract_internal.h"
#include "objects/object_util.h"

using namespace krait;

PyObject* PyObject_GetIter(PyObject* o) {
  getiterfunc f = Py_TYPE(o)->tp_iter;
  if (!f) {
    if (PySequence_Check(o)) return PySeqIter_New(o);
    return type_error("'%.200s' object is not iterable", o);
  }
  PyObject* res = f(o);
  if (res && !PyIter_Check(res)) {
    PyErr_Format(PyExc_TypeError, "iter() returned non-iterator of type '%.100s'",
                 Py_TYPE(res)->tp_name);
    Py_DECREF(res);
    return nullptr;
  }
  return res;
}

PyObject* PyObject_GetAIter(PyObject* o) {
  PyAsyncMethods* am = Py_TYPE(o)->tp_as_async;
  if (!am || !am->am_aiter) return type_error("'%.200s' object is not an async iterable", o);
  PyObject* it = am->am_aiter(o);
  if (it && !PyAIter_Check(it)) {
    PyErr_Format(PyExc_TypeError, "aiter() returned not an async iterator of type '%.100s'",
                 Py_TYPE(it)->tp_name);
    Py_DECREF(it);
    return nullptr;
  }
  return it;
}

// _PyObject_NextNotImplemented is what object's tp_iternext is inherited as
// by types that are not iterators; it does not make them iterators.
int PyIter_Check(PyObject* obj) {
  iternextfunc f = Py_TYPE(obj)->tp_iternext;
  return f != nullptr && f != &_PyObject_NextNotImplemented;
}

int PyAIter_Check(PyObject* obj) {
  PyAsyncMethods* am = Py_TYPE(obj)->tp_as_async;
  return am && am->am_anext && am->am_anext != &_PyObject_NextNotImplemented;
}

// The next item, or nullptr at the end (StopIteration cleared) or on error.
PyObject* PyIter_Next(PyObject* iter) {
  PyObject* result = Py_TYPE(iter)->tp_iternext(iter);
  if (!result && PyErr_Occurred() && PyErr_ExceptionMatches(PyExc_StopIteration))
    PyErr_Clear();
  return result;
}

PySendResult PyIter_Send(PyObject* iter, PyObject* arg, PyObject** result) {
  PyAsyncMethods* am = Py_TYPE(iter)->tp_as_async;
  if (am && am->am_send) return am->am_send(iter, arg, result);
  if (arg == Py_None && PyIter_Check(iter))
    *result = Py_TYPE(iter)->tp_iternext(iter);
  else
    *result = PyObject_CallMethodOneArg(iter, KRAIT_INTERNED("send"), arg);
  if (*result) return PYGEN_NEXT;
  if (_PyGen_FetchStopIterationValue(result) == 0) return PYGEN_RETURN;
  return PYGEN_ERROR;
}
