// reversed(seq): calls seq.__reversed__() when the type defines it (None
// there means "not reversible"), else walks the sequence protocol
// backwards from len(seq) - 1.
#include "objects/container_util.h"

namespace krait {
namespace {

struct ReversedObject {
  PyObject_HEAD
  Py_ssize_t index;
  PyObject* seq;  // NULL once exhausted
};

PyObject* reversed_str() {
  static PyObject* s = nullptr;
  if (s == nullptr) s = PyUnicode_InternFromString("__reversed__");
  return s;
}

PyObject* reversed_new_impl(PyTypeObject* type, PyObject* seq) {
  // __reversed__ is a special method: looked up on the type, then bound.
  PyObject* meth = _PyType_Lookup(Py_TYPE(seq), reversed_str());
  if (meth == Py_None) {
    PyErr_Format(PyExc_TypeError, "'%.200s' object is not reversible", Py_TYPE(seq)->tp_name);
    return nullptr;
  }
  if (meth != nullptr) {
    Py_INCREF(meth);
    PyObject* res;
    descrgetfunc get = Py_TYPE(meth)->tp_descr_get;
    if (get != nullptr) {
      PyObject* bound = get(meth, seq, reinterpret_cast<PyObject*>(Py_TYPE(seq)));
      res = bound ? PyObject_CallNoArgs(bound) : nullptr;
      Py_XDECREF(bound);
    } else {
      res = PyObject_CallNoArgs(meth);
    }
    Py_DECREF(meth);
    return res;
  }
  if (PyErr_Occurred()) return nullptr;
  if (!PySequence_Check(seq)) {
    PyErr_Format(PyExc_TypeError, "'%.200s' object is not reversible", Py_TYPE(seq)->tp_name);
    return nullptr;
  }
  Py_ssize_t n = PySequence_Size(seq);
  if (n == -1) return nullptr;
  ReversedObject* ro = reinterpret_cast<ReversedObject*>(type->tp_alloc(type, 0));
  if (ro == nullptr) return nullptr;
  ro->index = n - 1;
  ro->seq = Py_NewRef(seq);
  return reinterpret_cast<PyObject*>(ro);
}

PyObject* reversed_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  if ((type == &PyReversed_Type || type->tp_init == PyReversed_Type.tp_init) &&
      !_PyArg_NoKeywords("reversed", kwds))
    return nullptr;
  if (!_PyArg_CheckPositional("reversed", PyTuple_GET_SIZE(args), 1, 1)) return nullptr;
  return reversed_new_impl(type, PyTuple_GET_ITEM(args, 0));
}

PyObject* reversed_vectorcall(PyObject* type, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  if (!_PyArg_NoKwnames("reversed", kwnames)) return nullptr;
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  if (!_PyArg_CheckPositional("reversed", nargs, 1, 1)) return nullptr;
  return reversed_new_impl(reinterpret_cast<PyTypeObject*>(type), args[0]);
}

void reversed_dealloc(PyObject* self) {
  PyObject_GC_UnTrack(self);
  Py_XDECREF(reinterpret_cast<ReversedObject*>(self)->seq);
  Py_TYPE(self)->tp_free(self);
}

int reversed_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<ReversedObject*>(self)->seq);
  return 0;
}

PyObject* reversed_next(PyObject* self) {
  ReversedObject* ro = reinterpret_cast<ReversedObject*>(self);
  Py_ssize_t index = ro->index;
  if (index >= 0) {
    PyObject* item = PySequence_GetItem(ro->seq, index);
    if (item != nullptr) {
      ro->index--;
      return item;
    }
    if (PyErr_ExceptionMatches(PyExc_IndexError) || PyErr_ExceptionMatches(PyExc_StopIteration))
      PyErr_Clear();
  }
  ro->index = -1;
  Py_CLEAR(ro->seq);
  return nullptr;
}

PyObject* reversed_len(PyObject* self, PyObject*) {
  ReversedObject* ro = reinterpret_cast<ReversedObject*>(self);
  if (ro->seq == nullptr) return PyLong_FromLong(0);
  Py_ssize_t seqsize = PySequence_Size(ro->seq);
  if (seqsize == -1) return nullptr;
  Py_ssize_t position = ro->index + 1;
  return PyLong_FromSsize_t(seqsize < position ? 0 : position);
}

PyObject* reversed_reduce(PyObject* self, PyObject*) {
  ReversedObject* ro = reinterpret_cast<ReversedObject*>(self);
  if (ro->seq) return Py_BuildValue("O(O)n", Py_TYPE(ro), ro->seq, ro->index);
  return Py_BuildValue("O(())", Py_TYPE(ro));
}

PyObject* reversed_setstate(PyObject* self, PyObject* state) {
  ReversedObject* ro = reinterpret_cast<ReversedObject*>(self);
  Py_ssize_t index = PyLong_AsSsize_t(state);
  if (index == -1 && PyErr_Occurred()) return nullptr;
  if (ro->seq != nullptr) {
    Py_ssize_t n = PySequence_Size(ro->seq);
    if (n < 0) return nullptr;
    if (index < -1) index = -1;
    else if (index > n - 1) index = n - 1;
    ro->index = index;
  }
  Py_RETURN_NONE;
}

PyMethodDef reversed_methods[] = {
    {"__length_hint__", reversed_len, METH_NOARGS, "Private method returning an estimate of len(list(it))."},
    {"__reduce__", reversed_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", reversed_setstate, METH_O, "Set state information for unpickling."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace
}  // namespace krait

using namespace krait;

PyTypeObject PyReversed_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "reversed",
    .tp_basicsize = sizeof(ReversedObject),
    .tp_dealloc = reversed_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_doc = "reversed(sequence, /)\n--\n\nReturn a reverse iterator over the values of the given sequence.",
    .tp_traverse = reversed_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = reversed_next,
    .tp_methods = reversed_methods,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = reversed_new,
    .tp_free = PyObject_GC_Del,
    .tp_vectorcall = reversed_vectorcall,
};
