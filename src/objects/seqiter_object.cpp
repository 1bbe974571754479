// iterator: the sequence iterator behind iter(obj) for objects that only
// define __getitem__ (PySeqIter_Type, PySeqIter_New). It calls
// obj[0], obj[1], ... until IndexError or StopIteration.
#include "objects/container_util.h"

namespace krait {
namespace {

struct SeqIter {
  PyObject_HEAD
  Py_ssize_t it_index;
  PyObject* it_seq;  // NULL once exhausted
};

void seqiter_dealloc(PyObject* self) {
  PyObject_GC_UnTrack(self);
  Py_XDECREF(reinterpret_cast<SeqIter*>(self)->it_seq);
  PyObject_GC_Del(self);
}

int seqiter_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<SeqIter*>(self)->it_seq);
  return 0;
}

PyObject* seqiter_next(PyObject* self) {
  SeqIter* it = reinterpret_cast<SeqIter*>(self);
  PyObject* seq = it->it_seq;
  if (seq == nullptr) return nullptr;
  if (it->it_index == PY_SSIZE_T_MAX) {
    PyErr_SetString(PyExc_OverflowError, "iter index too large");
    return nullptr;
  }
  PyObject* result = PySequence_GetItem(seq, it->it_index);
  if (result != nullptr) {
    it->it_index++;
    return result;
  }
  if (PyErr_ExceptionMatches(PyExc_IndexError) || PyErr_ExceptionMatches(PyExc_StopIteration)) {
    PyErr_Clear();
    it->it_seq = nullptr;
    Py_DECREF(seq);
  }
  return nullptr;
}

PyObject* seqiter_len(PyObject* self, PyObject*) {
  SeqIter* it = reinterpret_cast<SeqIter*>(self);
  if (it->it_seq) {
    if (!_PyObject_HasLen(it->it_seq)) Py_RETURN_NOTIMPLEMENTED;
    Py_ssize_t seqsize = PySequence_Size(it->it_seq);
    if (seqsize == -1) return nullptr;
    Py_ssize_t len = seqsize - it->it_index;
    if (len >= 0) return PyLong_FromSsize_t(len);
  }
  return PyLong_FromLong(0);
}

PyObject* seqiter_reduce(PyObject* self, PyObject*) {
  SeqIter* it = reinterpret_cast<SeqIter*>(self);
  PyObject* iter = builtin_object("iter");
  if (iter == nullptr) return nullptr;
  if (it->it_seq != nullptr) return Py_BuildValue("N(O)n", iter, it->it_seq, it->it_index);
  return Py_BuildValue("N(())", iter);
}

PyObject* seqiter_setstate(PyObject* self, PyObject* state) {
  SeqIter* it = reinterpret_cast<SeqIter*>(self);
  Py_ssize_t index = PyLong_AsSsize_t(state);
  if (index == -1 && PyErr_Occurred()) return nullptr;
  if (it->it_seq != nullptr) it->it_index = index < 0 ? 0 : index;
  Py_RETURN_NONE;
}

PyMethodDef seqiter_methods[] = {
    {"__length_hint__", seqiter_len, METH_NOARGS, "Private method returning an estimate of len(list(it))."},
    {"__reduce__", seqiter_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", seqiter_setstate, METH_O, "Set state information for unpickling."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace
}  // namespace krait

using namespace krait;

PyTypeObject PySeqIter_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "iterator",
    .tp_basicsize = sizeof(SeqIter),
    .tp_dealloc = seqiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = seqiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = seqiter_next,
    .tp_methods = seqiter_methods,
};

PyObject* PySeqIter_New(PyObject* seq) {
  if (!PySequence_Check(seq)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  SeqIter* it = PyObject_GC_New(SeqIter, &PySeqIter_Type);
  if (it == nullptr) return nullptr;
  it->it_index = 0;
  it->it_seq = Py_NewRef(seq);
  PyObject_GC_Track(it);
  return reinterpret_cast<PyObject*>(it);
}
