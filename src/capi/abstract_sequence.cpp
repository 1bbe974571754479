// The sequence protocol: PySequence_* (CPython's abstract.c, sequence part),
// including the iteration-based search behind `in`, count() and index().
#include <Python.h>

#include "capi/abstract_internal.h"
#include "objects/object_util.h"

using namespace krait;

static PyObject* null_error() {
  if (!PyErr_Occurred())
    PyErr_SetString(PyExc_SystemError, "null argument to internal routine");
  return nullptr;
}

int PySequence_Check(PyObject* s) {
  if (PyDict_Check(s)) return 0;
  PySequenceMethods* m = Py_TYPE(s)->tp_as_sequence;
  return m && m->sq_item != nullptr;
}

Py_ssize_t PySequence_Size(PyObject* s) {
  if (!s) {
    null_error();
    return -1;
  }
  PySequenceMethods* m = Py_TYPE(s)->tp_as_sequence;
  if (m && m->sq_length) return m->sq_length(s);
  PyMappingMethods* mm = Py_TYPE(s)->tp_as_mapping;
  if (mm && mm->mp_length)
    type_error("%.200s is not a sequence", s);
  else
    type_error("object of type '%.200s' has no len()", s);
  return -1;
}

#undef PySequence_Length
Py_ssize_t PySequence_Length(PyObject* s) { return PySequence_Size(s); }

PyObject* PySequence_Concat(PyObject* s, PyObject* o) {
  if (!s || !o) return null_error();
  PySequenceMethods* m = Py_TYPE(s)->tp_as_sequence;
  if (m && m->sq_concat) return m->sq_concat(s, o);
  // Classes defining only __add__ have nb_add but no sq_concat.
  if (PySequence_Check(s) && PySequence_Check(o)) {
    PyObject* r = binary_op1(s, o, &PyNumberMethods::nb_add);
    if (r != Py_NotImplemented) return r;
    Py_DECREF(r);
  }
  return type_error("'%.200s' object can't be concatenated", s);
}

PyObject* PySequence_Repeat(PyObject* o, Py_ssize_t count) {
  if (!o) return null_error();
  PySequenceMethods* m = Py_TYPE(o)->tp_as_sequence;
  if (m && m->sq_repeat) return m->sq_repeat(o, count);
  if (PySequence_Check(o)) {
    Ref<> n = steal(PyLong_FromSsize_t(count));
    if (!n) return nullptr;
    PyObject* r = binary_op1(o, n.get(), &PyNumberMethods::nb_multiply);
    if (r != Py_NotImplemented) return r;
    Py_DECREF(r);
  }
  return type_error("'%.200s' object can't be repeated", o);
}

PyObject* PySequence_InPlaceConcat(PyObject* s, PyObject* o) {
  if (!s || !o) return null_error();
  PySequenceMethods* m = Py_TYPE(s)->tp_as_sequence;
  if (m && m->sq_inplace_concat) return m->sq_inplace_concat(s, o);
  if (m && m->sq_concat) return m->sq_concat(s, o);
  if (PySequence_Check(s) && PySequence_Check(o)) {
    PyObject* r =
        binary_iop1(s, o, &PyNumberMethods::nb_inplace_add, &PyNumberMethods::nb_add);
    if (r != Py_NotImplemented) return r;
    Py_DECREF(r);
  }
  return type_error("'%.200s' object can't be concatenated", s);
}

PyObject* PySequence_InPlaceRepeat(PyObject* o, Py_ssize_t count) {
  if (!o) return null_error();
  PySequenceMethods* m = Py_TYPE(o)->tp_as_sequence;
  if (m && m->sq_inplace_repeat) return m->sq_inplace_repeat(o, count);
  if (m && m->sq_repeat) return m->sq_repeat(o, count);
  if (PySequence_Check(o)) {
    Ref<> n = steal(PyLong_FromSsize_t(count));
    if (!n) return nullptr;
    PyObject* r = binary_iop1(o, n.get(), &PyNumberMethods::nb_inplace_multiply,
                              &PyNumberMethods::nb_multiply);
    if (r != Py_NotImplemented) return r;
    Py_DECREF(r);
  }
  return type_error("'%.200s' object can't be repeated", o);
}

// Negative indices count from the end (when the type knows its length).
static bool adjust_index(PyObject* s, PySequenceMethods* m, Py_ssize_t* i) {
  if (*i < 0 && m->sq_length) {
    Py_ssize_t l = m->sq_length(s);
    if (l < 0) return false;
    *i += l;
  }
  return true;
}

PyObject* PySequence_GetItem(PyObject* s, Py_ssize_t i) {
  if (!s) return null_error();
  PySequenceMethods* m = Py_TYPE(s)->tp_as_sequence;
  if (m && m->sq_item) {
    if (!adjust_index(s, m, &i)) return nullptr;
    return m->sq_item(s, i);
  }
  PyMappingMethods* mm = Py_TYPE(s)->tp_as_mapping;
  if (mm && mm->mp_subscript) return type_error("%.200s is not a sequence", s);
  return type_error("'%.200s' object does not support indexing", s);
}

PyObject* PySequence_GetSlice(PyObject* s, Py_ssize_t i1, Py_ssize_t i2) {
  if (!s) return null_error();
  PyMappingMethods* mp = Py_TYPE(s)->tp_as_mapping;
  if (mp && mp->mp_subscript) {
    Ref<> slice = steal(_PySlice_FromIndices(i1, i2));
    if (!slice) return nullptr;
    return mp->mp_subscript(s, slice.get());
  }
  return type_error("'%.200s' object is unsliceable", s);
}

int PySequence_SetItem(PyObject* s, Py_ssize_t i, PyObject* o) {
  if (!s) {
    null_error();
    return -1;
  }
  PySequenceMethods* m = Py_TYPE(s)->tp_as_sequence;
  if (m && m->sq_ass_item) {
    if (!adjust_index(s, m, &i)) return -1;
    return m->sq_ass_item(s, i, o);
  }
  PyMappingMethods* mm = Py_TYPE(s)->tp_as_mapping;
  if (mm && mm->mp_ass_subscript)
    type_error("%.200s is not a sequence", s);
  else
    type_error("'%.200s' object does not support item assignment", s);
  return -1;
}

int PySequence_DelItem(PyObject* s, Py_ssize_t i) {
  if (!s) {
    null_error();
    return -1;
  }
  PySequenceMethods* m = Py_TYPE(s)->tp_as_sequence;
  if (m && m->sq_ass_item) {
    if (!adjust_index(s, m, &i)) return -1;
    return m->sq_ass_item(s, i, nullptr);
  }
  PyMappingMethods* mm = Py_TYPE(s)->tp_as_mapping;
  if (mm && mm->mp_ass_subscript)
    type_error("%.200s is not a sequence", s);
  else
    type_error("'%.200s' object doesn't support item deletion", s);
  return -1;
}

static int assign_slice(PyObject* s, Py_ssize_t i1, Py_ssize_t i2, PyObject* o,
                        const char* error) {
  if (!s) {
    null_error();
    return -1;
  }
  PyMappingMethods* mp = Py_TYPE(s)->tp_as_mapping;
  if (mp && mp->mp_ass_subscript) {
    Ref<> slice = steal(_PySlice_FromIndices(i1, i2));
    if (!slice) return -1;
    return mp->mp_ass_subscript(s, slice.get(), o);
  }
  type_error(error, s);
  return -1;
}

int PySequence_SetSlice(PyObject* s, Py_ssize_t i1, Py_ssize_t i2, PyObject* o) {
  return assign_slice(s, i1, i2, o, "'%.200s' object doesn't support slice assignment");
}

int PySequence_DelSlice(PyObject* s, Py_ssize_t i1, Py_ssize_t i2) {
  return assign_slice(s, i1, i2, nullptr, "'%.200s' object doesn't support slice deletion");
}

PyObject* PySequence_Tuple(PyObject* v) {
  if (!v) return null_error();
  if (PyTuple_CheckExact(v)) {
    Py_INCREF(v);
    return v;
  }
  if (PyList_CheckExact(v)) return PyList_AsTuple(v);
  Ref<> it = steal(PyObject_GetIter(v));
  if (!it) return nullptr;
  Py_ssize_t n = PyObject_LengthHint(v, 10);
  if (n == -1) return nullptr;
  PyObject* result = PyTuple_New(n);
  if (!result) return nullptr;
  Py_ssize_t j = 0;
  for (;; ++j) {
    PyObject* item = PyIter_Next(it.get());
    if (!item) {
      if (PyErr_Occurred()) {
        Py_DECREF(result);
        return nullptr;
      }
      break;
    }
    if (j >= n) {
      // Grow by about 25% (plus a constant for tiny hints).
      size_t newn = static_cast<size_t>(n) + 10 + (static_cast<size_t>(n) >> 2);
      if (newn > static_cast<size_t>(PY_SSIZE_T_MAX)) {
        Py_DECREF(item);
        Py_DECREF(result);
        PyErr_SetString(PyExc_MemoryError, "too many items");
        return nullptr;
      }
      n = static_cast<Py_ssize_t>(newn);
      if (_PyTuple_Resize(&result, n) != 0) {
        Py_DECREF(item);
        return nullptr;
      }
    }
    PyTuple_SET_ITEM(result, j, item);
  }
  if (j < n && _PyTuple_Resize(&result, j) != 0) return nullptr;
  return result;
}

PyObject* PySequence_List(PyObject* v) {
  if (!v) return null_error();
  Ref<> result = steal(PyList_New(0));
  if (!result) return nullptr;
  Ref<> rv = steal(_PyList_Extend(reinterpret_cast<PyListObject*>(result.get()), v));
  if (!rv) return nullptr;
  return result.release();
}

PyObject* PySequence_Fast(PyObject* v, const char* m) {
  if (!v) return null_error();
  if (PyList_CheckExact(v) || PyTuple_CheckExact(v)) {
    Py_INCREF(v);
    return v;
  }
  Ref<> it = steal(PyObject_GetIter(v));
  if (!it) {
    if (PyErr_ExceptionMatches(PyExc_TypeError)) PyErr_SetString(PyExc_TypeError, m);
    return nullptr;
  }
  return PySequence_List(it.get());
}

// Iterates over seq comparing items to obj with ==: counts them
// (PY_ITERSEARCH_COUNT), finds the first index (_INDEX) or tests
// membership (_CONTAINS).
Py_ssize_t _PySequence_IterSearch(PyObject* seq, PyObject* obj, int operation) {
  if (!seq || !obj) {
    null_error();
    return -1;
  }
  Ref<> it = steal(PyObject_GetIter(seq));
  if (!it) {
    if (PyErr_ExceptionMatches(PyExc_TypeError))
      type_error("argument of type '%.200s' is not iterable", seq);
    return -1;
  }
  Py_ssize_t n = 0;
  bool wrapped = false;
  for (;;) {
    PyObject* item = PyIter_Next(it.get());
    if (!item) {
      if (PyErr_Occurred()) return -1;
      break;
    }
    int cmp = PyObject_RichCompareBool(item, obj, Py_EQ);
    Py_DECREF(item);
    if (cmp < 0) return -1;
    if (cmp > 0) {
      switch (operation) {
        case PY_ITERSEARCH_COUNT:
          if (n == PY_SSIZE_T_MAX) {
            PyErr_SetString(PyExc_OverflowError, "count exceeds C integer size");
            return -1;
          }
          ++n;
          break;
        case PY_ITERSEARCH_INDEX:
          if (wrapped) {
            PyErr_SetString(PyExc_OverflowError, "index exceeds C integer size");
            return -1;
          }
          return n;
        case PY_ITERSEARCH_CONTAINS:
          return 1;
      }
    }
    if (operation == PY_ITERSEARCH_INDEX) {
      if (n == PY_SSIZE_T_MAX) wrapped = true;
      ++n;
    }
  }
  if (operation == PY_ITERSEARCH_INDEX) {
    PyErr_SetString(PyExc_ValueError, "sequence.index(x): x not in sequence");
    return -1;
  }
  return operation == PY_ITERSEARCH_CONTAINS ? 0 : n;
}

Py_ssize_t PySequence_Count(PyObject* s, PyObject* o) {
  return _PySequence_IterSearch(s, o, PY_ITERSEARCH_COUNT);
}

int PySequence_Contains(PyObject* seq, PyObject* ob) {
  PySequenceMethods* m = Py_TYPE(seq)->tp_as_sequence;
  if (m && m->sq_contains) return m->sq_contains(seq, ob);
  return static_cast<int>(_PySequence_IterSearch(seq, ob, PY_ITERSEARCH_CONTAINS));
}

#undef PySequence_In
int PySequence_In(PyObject* w, PyObject* v) { return PySequence_Contains(w, v); }

Py_ssize_t PySequence_Index(PyObject* s, PyObject* o) {
  return _PySequence_IterSearch(s, o, PY_ITERSEARCH_INDEX);
}
