// slice: PySliceObject (start/stop/step, never NULL, as sliceobject.h lays
// it out), the slice-index helpers every sequence type uses, and the slice
// C API. Ellipsis lives with the other singletons (none_object.cpp).
//
// _PyEval_SliceIndex/_PyEval_SliceIndexNotNone are declared by
// cpython/ceval.h but are pure slice-index conversions, so they live here.
#include "objects/container_util.h"

#include <structmember.h>

namespace krait {
namespace {

// One recycled slice: slicing in a loop allocates no slice objects.
PySliceObject* g_slice_cache = nullptr;

PyObject* get_zero() {
  static PyObject* zero = nullptr;
  if (zero == nullptr) zero = PyLong_FromLong(0);
  return zero;
}
PyObject* get_one() {
  static PyObject* one = nullptr;
  if (one == nullptr) one = PyLong_FromLong(1);
  return one;
}

void slice_dealloc(PyObject* self) {
  PySliceObject* r = reinterpret_cast<PySliceObject*>(self);
  PyObject_GC_UnTrack(self);
  Py_DECREF(r->step);
  Py_DECREF(r->start);
  Py_DECREF(r->stop);
  if (g_slice_cache == nullptr) g_slice_cache = r;
  else PyObject_GC_Del(self);
}

int slice_traverse(PyObject* self, visitproc visit, void* arg) {
  PySliceObject* r = reinterpret_cast<PySliceObject*>(self);
  Py_VISIT(r->start);
  Py_VISIT(r->stop);
  Py_VISIT(r->step);
  return 0;
}

PyObject* slice_repr(PyObject* self) {
  PySliceObject* r = reinterpret_cast<PySliceObject*>(self);
  return PyUnicode_FromFormat("slice(%R, %R, %R)", r->start, r->stop, r->step);
}

PyObject* slice_richcompare(PyObject* v, PyObject* w, int op) {
  if (!PySlice_Check(v) || !PySlice_Check(w)) Py_RETURN_NOTIMPLEMENTED;
  if (v == w) {
    switch (op) {
      case Py_EQ:
      case Py_LE:
      case Py_GE:
        Py_RETURN_TRUE;
      default:
        Py_RETURN_FALSE;
    }
  }
  PySliceObject* a = reinterpret_cast<PySliceObject*>(v);
  PySliceObject* b = reinterpret_cast<PySliceObject*>(w);
  PyObject* t1 = PyTuple_Pack(3, a->start, a->stop, a->step);
  if (t1 == nullptr) return nullptr;
  PyObject* t2 = PyTuple_Pack(3, b->start, b->stop, b->step);
  if (t2 == nullptr) {
    Py_DECREF(t1);
    return nullptr;
  }
  PyObject* res = PyObject_RichCompare(t1, t2, op);
  Py_DECREF(t1);
  Py_DECREF(t2);
  return res;
}

PyObject* slice_new(PyTypeObject* type, PyObject* args, PyObject* kw) {
  PyObject *start = nullptr, *stop = nullptr, *step = nullptr;
  if (!_PyArg_NoKeywords("slice", kw)) return nullptr;
  if (!PyArg_UnpackTuple(args, "slice", 1, 3, &start, &stop, &step)) return nullptr;
  // slice(x) means slice(None, x, None).
  if (stop == nullptr) {
    stop = start;
    start = nullptr;
  }
  return PySlice_New(start, stop, step);
}

// Index conversion for _PySlice_GetLongIndices (arbitrary precision).
PyObject* evaluate_slice_index(PyObject* v) {
  if (PyIndex_Check(v)) return PyNumber_Index(v);
  PyErr_SetString(PyExc_TypeError,
                  "slice indices must be integers or None or have an __index__ method");
  return nullptr;
}

PyObject* slice_indices(PyObject* self, PyObject* len) {
  PyObject* length = PyNumber_Index(len);
  if (length == nullptr) return nullptr;
  if (_PyLong_Sign(length) < 0) {
    PyErr_SetString(PyExc_ValueError, "length should not be negative");
    Py_DECREF(length);
    return nullptr;
  }
  PyObject *start, *stop, *step;
  int error = _PySlice_GetLongIndices(reinterpret_cast<PySliceObject*>(self), length, &start, &stop, &step);
  Py_DECREF(length);
  if (error == -1) return nullptr;
  return Py_BuildValue("(NNN)", start, stop, step);
}

PyObject* slice_reduce(PyObject* self, PyObject*) {
  PySliceObject* r = reinterpret_cast<PySliceObject*>(self);
  return Py_BuildValue("O(OOO)", Py_TYPE(self), r->start, r->stop, r->step);
}

PyMethodDef slice_methods[] = {
    {"indices", slice_indices, METH_O,
     "S.indices(len) -> (start, stop, stride)\n\n"
     "Assuming a sequence of length len, calculate the start and stop\n"
     "indices, and the stride length of the extended slice described by\n"
     "S. Out of bounds indices are clipped in a manner consistent with the\n"
     "handling of normal slices."},
    {"__reduce__", slice_reduce, METH_NOARGS, "Return state information for pickling."},
    {nullptr, nullptr, 0, nullptr},
};

PyMemberDef slice_members[] = {
    {"start", T_OBJECT, offsetof(PySliceObject, start), READONLY, nullptr},
    {"stop", T_OBJECT, offsetof(PySliceObject, stop), READONLY, nullptr},
    {"step", T_OBJECT, offsetof(PySliceObject, step), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

}  // namespace
}  // namespace krait

using namespace krait;

PyTypeObject PySlice_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "slice",
    .tp_basicsize = sizeof(PySliceObject),
    .tp_dealloc = slice_dealloc,
    .tp_repr = slice_repr,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "slice(stop)\nslice(start, stop[, step])\n\n"
              "Create a slice object.  This is used for extended slicing (e.g. a[0:10:2]).",
    .tp_traverse = slice_traverse,
    .tp_richcompare = slice_richcompare,
    .tp_methods = slice_methods,
    .tp_members = slice_members,
    .tp_new = slice_new,
};

PyObject* PySlice_New(PyObject* start, PyObject* stop, PyObject* step) {
  if (step == nullptr) step = Py_None;
  if (start == nullptr) start = Py_None;
  if (stop == nullptr) stop = Py_None;
  PySliceObject* obj;
  if (g_slice_cache != nullptr) {
    obj = g_slice_cache;
    g_slice_cache = nullptr;
    _Py_NewReference(reinterpret_cast<PyObject*>(obj));
  } else {
    obj = PyObject_GC_New(PySliceObject, &PySlice_Type);
    if (obj == nullptr) return nullptr;
  }
  obj->start = Py_NewRef(start);
  obj->stop = Py_NewRef(stop);
  obj->step = Py_NewRef(step);
  PyObject_GC_Track(obj);
  return reinterpret_cast<PyObject*>(obj);
}

PyObject* _PySlice_FromIndices(Py_ssize_t istart, Py_ssize_t istop) {
  PyObject* start = PyLong_FromSsize_t(istart);
  if (start == nullptr) return nullptr;
  PyObject* end = PyLong_FromSsize_t(istop);
  if (end == nullptr) {
    Py_DECREF(start);
    return nullptr;
  }
  PyObject* slice = PySlice_New(start, end, nullptr);
  Py_DECREF(start);
  Py_DECREF(end);
  return slice;
}

int _PyEval_SliceIndex(PyObject* v, Py_ssize_t* pi) {
  if (v == Py_None) return 1;
  if (!PyIndex_Check(v)) {
    PyErr_SetString(PyExc_TypeError,
                    "slice indices must be integers or None or have an __index__ method");
    return 0;
  }
  // Out-of-range values clamp to PY_SSIZE_T_MIN/MAX (NULL exception arg).
  Py_ssize_t x = PyNumber_AsSsize_t(v, nullptr);
  if (x == -1 && PyErr_Occurred()) return 0;
  *pi = x;
  return 1;
}

int _PyEval_SliceIndexNotNone(PyObject* v, Py_ssize_t* pi) {
  if (!PyIndex_Check(v)) {
    PyErr_SetString(PyExc_TypeError, "slice indices must be integers or have an __index__ method");
    return 0;
  }
  Py_ssize_t x = PyNumber_AsSsize_t(v, nullptr);
  if (x == -1 && PyErr_Occurred()) return 0;
  *pi = x;
  return 1;
}

int PySlice_Unpack(PyObject* _r, Py_ssize_t* start, Py_ssize_t* stop, Py_ssize_t* step) {
  PySliceObject* r = reinterpret_cast<PySliceObject*>(_r);
  if (r->step == Py_None) {
    *step = 1;
  } else {
    if (!_PyEval_SliceIndex(r->step, step)) return -1;
    if (*step == 0) {
      PyErr_SetString(PyExc_ValueError, "slice step cannot be zero");
      return -1;
    }
    // -step must not overflow when a reversed slice is normalized.
    if (*step < -PY_SSIZE_T_MAX) *step = -PY_SSIZE_T_MAX;
  }
  if (r->start == Py_None) {
    *start = *step < 0 ? PY_SSIZE_T_MAX : 0;
  } else if (!_PyEval_SliceIndex(r->start, start)) {
    return -1;
  }
  if (r->stop == Py_None) {
    *stop = *step < 0 ? PY_SSIZE_T_MIN : PY_SSIZE_T_MAX;
  } else if (!_PyEval_SliceIndex(r->stop, stop)) {
    return -1;
  }
  return 0;
}

Py_ssize_t PySlice_AdjustIndices(Py_ssize_t length, Py_ssize_t* start, Py_ssize_t* stop, Py_ssize_t step) {
  if (*start < 0) {
    *start += length;
    if (*start < 0) *start = (step < 0) ? -1 : 0;
  } else if (*start >= length) {
    *start = (step < 0) ? length - 1 : length;
  }
  if (*stop < 0) {
    *stop += length;
    if (*stop < 0) *stop = (step < 0) ? -1 : 0;
  } else if (*stop >= length) {
    *stop = (step < 0) ? length - 1 : length;
  }
  if (step < 0) {
    if (*stop < *start) return (*start - *stop - 1) / (-step) + 1;
  } else if (*start < *stop) {
    return (*stop - *start - 1) / step + 1;
  }
  return 0;
}

int PySlice_GetIndices(PyObject* _r, Py_ssize_t length, Py_ssize_t* start, Py_ssize_t* stop,
                       Py_ssize_t* step) {
  PySliceObject* r = reinterpret_cast<PySliceObject*>(_r);
  // The historical API: only exact ints, errors without exceptions.
  if (r->step == Py_None) {
    *step = 1;
  } else {
    if (!PyLong_Check(r->step)) return -1;
    *step = PyLong_AsSsize_t(r->step);
  }
  if (r->start == Py_None) {
    *start = *step < 0 ? length - 1 : 0;
  } else {
    if (!PyLong_Check(r->start)) return -1;
    *start = PyLong_AsSsize_t(r->start);
    if (*start < 0) *start += length;
  }
  if (r->stop == Py_None) {
    *stop = *step < 0 ? -1 : length;
  } else {
    if (!PyLong_Check(r->stop)) return -1;
    *stop = PyLong_AsSsize_t(r->stop);
    if (*stop < 0) *stop += length;
  }
  if (*stop > length) return -1;
  if (*start >= length) return -1;
  if (*step == 0) return -1;
  return 0;
}

#undef PySlice_GetIndicesEx
int PySlice_GetIndicesEx(PyObject* _r, Py_ssize_t length, Py_ssize_t* start, Py_ssize_t* stop,
                         Py_ssize_t* step, Py_ssize_t* slicelength) {
  if (PySlice_Unpack(_r, start, stop, step) < 0) return -1;
  *slicelength = PySlice_AdjustIndices(length, start, stop, *step);
  return 0;
}

// Arbitrary-precision slice.indices(): start/stop/step as new int objects.
int _PySlice_GetLongIndices(PySliceObject* self, PyObject* length, PyObject** start_ptr,
                            PyObject** stop_ptr, PyObject** step_ptr) {
  PyObject *start = nullptr, *stop = nullptr, *step = nullptr;
  PyObject *upper = nullptr, *lower = nullptr;
  int step_is_negative, cmp;

  if (self->step == Py_None) {
    step = Py_NewRef(get_one());
    step_is_negative = 0;
  } else {
    step = evaluate_slice_index(self->step);
    if (step == nullptr) goto error;
    int step_sign = _PyLong_Sign(step);
    if (step_sign == 0) {
      PyErr_SetString(PyExc_ValueError, "slice step cannot be zero");
      goto error;
    }
    step_is_negative = step_sign < 0;
  }

  // Bounds: [-1, length-1] for negative steps, [0, length] otherwise.
  if (step_is_negative) {
    lower = PyLong_FromLong(-1L);
    if (lower == nullptr) goto error;
    upper = PyNumber_Add(length, lower);
    if (upper == nullptr) goto error;
  } else {
    lower = Py_NewRef(get_zero());
    upper = Py_NewRef(length);
  }

  if (self->start == Py_None) {
    start = Py_NewRef(step_is_negative ? upper : lower);
  } else {
    start = evaluate_slice_index(self->start);
    if (start == nullptr) goto error;
    if (_PyLong_Sign(start) < 0) {
      PyObject* tmp = PyNumber_Add(start, length);
      Py_SETREF(start, tmp);
      if (start == nullptr) goto error;
      cmp = PyObject_RichCompareBool(start, lower, Py_LT);
      if (cmp < 0) goto error;
      if (cmp) Py_SETREF(start, Py_NewRef(lower));
    } else {
      cmp = PyObject_RichCompareBool(start, upper, Py_GT);
      if (cmp < 0) goto error;
      if (cmp) Py_SETREF(start, Py_NewRef(upper));
    }
  }

  if (self->stop == Py_None) {
    stop = Py_NewRef(step_is_negative ? lower : upper);
  } else {
    stop = evaluate_slice_index(self->stop);
    if (stop == nullptr) goto error;
    if (_PyLong_Sign(stop) < 0) {
      PyObject* tmp = PyNumber_Add(stop, length);
      Py_SETREF(stop, tmp);
      if (stop == nullptr) goto error;
      cmp = PyObject_RichCompareBool(stop, lower, Py_LT);
      if (cmp < 0) goto error;
      if (cmp) Py_SETREF(stop, Py_NewRef(lower));
    } else {
      cmp = PyObject_RichCompareBool(stop, upper, Py_GT);
      if (cmp < 0) goto error;
      if (cmp) Py_SETREF(stop, Py_NewRef(upper));
    }
  }

  *start_ptr = start;
  *stop_ptr = stop;
  *step_ptr = step;
  Py_DECREF(upper);
  Py_DECREF(lower);
  return 0;

error:
  *start_ptr = *stop_ptr = *step_ptr = nullptr;
  Py_XDECREF(start);
  Py_XDECREF(stop);
  Py_XDECREF(step);
  Py_XDECREF(upper);
  Py_XDECREF(lower);
  return -1;
}
