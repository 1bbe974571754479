// range: an immutable arithmetic sequence of arbitrary-size ints, with O(1)
// len/contains/index for ints, slicing, reversal, equality and hashing as
// CPython 3.11; plus the two iterator types: range_iterator over C longs
// (the common case, no int arithmetic per step) and longrange_iterator.
//
// The object layout is private (rangeobject.h only names the type): four
// int objects, with the length computed once at construction.
#include <climits>

#include "objects/container_util.h"

#include <structmember.h>

namespace krait {
namespace {

struct RangeObject {
  PyObject_HEAD
  PyObject* start;
  PyObject* stop;
  PyObject* step;
  PyObject* length;
};

inline RangeObject* as_range(PyObject* o) { return reinterpret_cast<RangeObject*>(o); }

PyObject* small_int(long v) {
  // Cached 0/1/-1 for the arithmetic below (ints are immutable).
  static PyObject* cache[3];
  PyObject*& slot = cache[v + 1];
  if (slot == nullptr) slot = PyLong_FromLong(v);
  return slot;
}
inline PyObject* zero() { return small_int(0); }
inline PyObject* one() { return small_int(1); }

// Length of range(lo, hi, step) for C longs; step != 0.
unsigned long get_len_of_range(long lo, long hi, long step) {
  if (step > 0 && lo < hi) return 1UL + (unsigned long)(hi - 1UL - lo) / (unsigned long)step;
  if (step < 0 && lo > hi) return 1UL + (unsigned long)(lo - 1UL - hi) / (0UL - (unsigned long)step);
  return 0UL;
}

// Length with int objects: (hi - lo - 1) // step + 1 when non-empty.
PyObject* compute_range_length(PyObject* start, PyObject* stop, PyObject* step) {
  // Fast path when everything fits in a C long.
  int overflow = 0;
  long lstart = PyLong_AsLongAndOverflow(start, &overflow);
  long lstop = overflow ? 0 : PyLong_AsLongAndOverflow(stop, &overflow);
  long lstep = overflow ? 0 : PyLong_AsLongAndOverflow(step, &overflow);
  if (!overflow && !PyErr_Occurred()) {
    unsigned long len = get_len_of_range(lstart, lstop, lstep);
    if (len <= (unsigned long)LONG_MAX) return PyLong_FromLong(long(len));
  }
  if (PyErr_Occurred()) return nullptr;

  PyObject *lo, *hi;
  int cmp_result = PyObject_RichCompareBool(step, zero(), Py_GT);
  if (cmp_result == -1) return nullptr;
  Py_INCREF(step);
  if (cmp_result == 1) {
    lo = start;
    hi = stop;
  } else {
    lo = stop;
    hi = start;
    PyObject* neg = PyNumber_Negative(step);
    Py_DECREF(step);
    step = neg;
    if (step == nullptr) return nullptr;
  }
  cmp_result = PyObject_RichCompareBool(lo, hi, Py_GE);
  if (cmp_result != 0) {
    Py_DECREF(step);
    if (cmp_result < 0) return nullptr;
    return Py_NewRef(zero());
  }
  PyObject* result = nullptr;
  PyObject* diff = PyNumber_Subtract(hi, lo);
  PyObject* diff1 = diff ? PyNumber_Subtract(diff, one()) : nullptr;
  PyObject* q = diff1 ? PyNumber_FloorDivide(diff1, step) : nullptr;
  if (q) result = PyNumber_Add(q, one());
  Py_XDECREF(q);
  Py_XDECREF(diff1);
  Py_XDECREF(diff);
  Py_DECREF(step);
  return result;
}

// Takes over the references to start, stop, step.
RangeObject* make_range_object(PyTypeObject* type, PyObject* start, PyObject* stop, PyObject* step) {
  PyObject* length = compute_range_length(start, stop, step);
  if (length == nullptr) return nullptr;
  RangeObject* obj = PyObject_New(RangeObject, type);
  if (obj == nullptr) {
    Py_DECREF(length);
    return nullptr;
  }
  obj->start = start;
  obj->stop = stop;
  obj->step = step;
  obj->length = length;
  return obj;
}

PyObject* range_from_array(PyTypeObject* type, PyObject* const* args, Py_ssize_t num_args) {
  PyObject *start = nullptr, *stop = nullptr, *step = nullptr;
  switch (num_args) {
    case 3:
      step = PyNumber_Index(args[2]);
      if (step == nullptr) return nullptr;
      if (_PyLong_Sign(step) == 0) {
        PyErr_SetString(PyExc_ValueError, "range() arg 3 must not be zero");
        Py_DECREF(step);
        return nullptr;
      }
      [[fallthrough]];
    case 2:
      start = PyNumber_Index(args[0]);
      if (start == nullptr) {
        Py_XDECREF(step);
        return nullptr;
      }
      stop = PyNumber_Index(args[1]);
      if (stop == nullptr) {
        Py_DECREF(start);
        Py_XDECREF(step);
        return nullptr;
      }
      break;
    case 1:
      stop = PyNumber_Index(args[0]);
      if (stop == nullptr) return nullptr;
      start = Py_NewRef(zero());
      break;
    case 0:
      PyErr_SetString(PyExc_TypeError, "range expected at least 1 argument, got 0");
      return nullptr;
    default:
      PyErr_Format(PyExc_TypeError, "range expected at most 3 arguments, got %zd", num_args);
      return nullptr;
  }
  if (step == nullptr) step = Py_NewRef(one());
  RangeObject* obj = make_range_object(type, start, stop, step);
  if (obj != nullptr) return reinterpret_cast<PyObject*>(obj);
  Py_DECREF(start);
  Py_DECREF(stop);
  Py_DECREF(step);
  return nullptr;
}

PyObject* range_new(PyTypeObject* type, PyObject* args, PyObject* kw) {
  if (!_PyArg_NoKeywords("range", kw)) return nullptr;
  return range_from_array(type, &PyTuple_GET_ITEM(args, 0), PyTuple_GET_SIZE(args));
}

PyObject* range_vectorcall(PyObject* type, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  if (!_PyArg_NoKwnames("range", kwnames)) return nullptr;
  return range_from_array(reinterpret_cast<PyTypeObject*>(type), args, nargs);
}

void range_dealloc(PyObject* self) {
  RangeObject* r = as_range(self);
  Py_DECREF(r->start);
  Py_DECREF(r->stop);
  Py_DECREF(r->step);
  Py_DECREF(r->length);
  PyObject_Free(self);
}

Py_ssize_t range_length(PyObject* self) { return PyLong_AsSsize_t(as_range(self)->length); }

// start + i * step (i an int object, already in range).
PyObject* compute_item(RangeObject* r, PyObject* i) {
  if (r->step == one()) return PyNumber_Add(r->start, i);
  PyObject* incr = PyNumber_Multiply(i, r->step);
  if (incr == nullptr) return nullptr;
  PyObject* result = PyNumber_Add(r->start, incr);
  Py_DECREF(incr);
  return result;
}

PyObject* compute_range_item(RangeObject* r, PyObject* arg) {
  PyObject* i;
  int cmp_result = PyObject_RichCompareBool(arg, zero(), Py_LT);
  if (cmp_result == -1) return nullptr;
  if (cmp_result == 1) {
    i = PyNumber_Add(r->length, arg);
    if (i == nullptr) return nullptr;
  } else {
    i = Py_NewRef(arg);
  }
  // Now check 0 <= i < length.
  cmp_result = PyObject_RichCompareBool(i, zero(), Py_LT);
  if (cmp_result == 0) cmp_result = PyObject_RichCompareBool(i, r->length, Py_GE);
  if (cmp_result == -1) {
    Py_DECREF(i);
    return nullptr;
  }
  if (cmp_result == 1) {
    Py_DECREF(i);
    PyErr_SetString(PyExc_IndexError, "range object index out of range");
    return nullptr;
  }
  PyObject* result = compute_item(r, i);
  Py_DECREF(i);
  return result;
}

PyObject* range_item(PyObject* self, Py_ssize_t i) {
  PyObject* arg = PyLong_FromSsize_t(i);
  if (arg == nullptr) return nullptr;
  PyObject* res = compute_range_item(as_range(self), arg);
  Py_DECREF(arg);
  return res;
}

PyObject* compute_slice(RangeObject* r, PyObject* slice) {
  PyObject *start, *stop, *step;
  if (_PySlice_GetLongIndices(reinterpret_cast<PySliceObject*>(slice), r->length, &start, &stop, &step) < 0)
    return nullptr;
  PyObject *substep = nullptr, *substart = nullptr, *substop = nullptr;
  substep = PyNumber_Multiply(r->step, step);
  if (substep == nullptr) goto fail;
  Py_CLEAR(step);
  substart = compute_item(r, start);
  if (substart == nullptr) goto fail;
  Py_CLEAR(start);
  substop = compute_item(r, stop);
  if (substop == nullptr) goto fail;
  Py_CLEAR(stop);
  {
    RangeObject* result = make_range_object(Py_TYPE(r), substart, substop, substep);
    if (result != nullptr) return reinterpret_cast<PyObject*>(result);
  }
fail:
  Py_XDECREF(start);
  Py_XDECREF(stop);
  Py_XDECREF(step);
  Py_XDECREF(substart);
  Py_XDECREF(substop);
  Py_XDECREF(substep);
  return nullptr;
}

// O(1) membership for ints.
int range_contains_long(RangeObject* r, PyObject* ob) {
  int cmp1, cmp2, cmp3;
  PyObject *tmp1 = nullptr, *tmp2 = nullptr;
  int result = -1;
  cmp1 = PyObject_RichCompareBool(r->step, zero(), Py_GT);
  if (cmp1 == -1) goto end;
  if (cmp1 == 1) {  // positive steps: start <= ob < stop
    cmp2 = PyObject_RichCompareBool(r->start, ob, Py_LE);
    cmp3 = PyObject_RichCompareBool(ob, r->stop, Py_LT);
  } else {  // negative steps: stop < ob <= start
    cmp2 = PyObject_RichCompareBool(ob, r->start, Py_LE);
    cmp3 = PyObject_RichCompareBool(r->stop, ob, Py_LT);
  }
  if (cmp2 == -1 || cmp3 == -1) goto end;
  if (cmp2 == 0 || cmp3 == 0) {
    result = 0;
    goto end;
  }
  // Check that the stride does not invalidate ob's membership.
  tmp1 = PyNumber_Subtract(ob, r->start);
  if (tmp1 == nullptr) goto end;
  tmp2 = PyNumber_Remainder(tmp1, r->step);
  if (tmp2 == nullptr) goto end;
  result = PyObject_RichCompareBool(tmp2, zero(), Py_EQ);
end:
  Py_XDECREF(tmp1);
  Py_XDECREF(tmp2);
  return result;
}

int range_contains(PyObject* self, PyObject* ob) {
  if (PyLong_CheckExact(ob) || PyBool_Check(ob)) return range_contains_long(as_range(self), ob);
  return int(_PySequence_IterSearch(self, ob, PY_ITERSEARCH_CONTAINS));
}

// 1 if equal, 0 if not, -1 on error.
int range_equals(RangeObject* r0, RangeObject* r1) {
  if (r0 == r1) return 1;
  int cmp_result = PyObject_RichCompareBool(r0->length, r1->length, Py_EQ);
  if (cmp_result != 1) return cmp_result;  // different lengths, or error
  cmp_result = PyObject_Not(r0->length);
  if (cmp_result != 0) return cmp_result;  // both empty: equal
  cmp_result = PyObject_RichCompareBool(r0->start, r1->start, Py_EQ);
  if (cmp_result != 1) return cmp_result;
  cmp_result = PyObject_RichCompareBool(r0->length, one(), Py_EQ);
  if (cmp_result != 0) return cmp_result;  // one element: the step is irrelevant
  return PyObject_RichCompareBool(r0->step, r1->step, Py_EQ);
}

PyObject* range_richcompare(PyObject* self, PyObject* other, int op) {
  if (!PyRange_Check(other)) Py_RETURN_NOTIMPLEMENTED;
  switch (op) {
    case Py_NE:
    case Py_EQ: {
      int result = range_equals(as_range(self), as_range(other));
      if (result == -1) return nullptr;
      if (op == Py_NE) result = !result;
      return PyBool_FromLong(result);
    }
    default:
      Py_RETURN_NOTIMPLEMENTED;
  }
}

// Equal ranges hash equally: hash((len, start, step)) with the parts that
// do not matter for equality replaced by None.
Py_hash_t range_hash(PyObject* self) {
  RangeObject* r = as_range(self);
  Py_hash_t result = -1;
  PyObject* t = PyTuple_New(3);
  if (t == nullptr) return -1;
  PyTuple_SET_ITEM(t, 0, Py_NewRef(r->length));
  int cmp_result = PyObject_Not(r->length);
  if (cmp_result == -1) goto end;
  if (cmp_result == 1) {
    PyTuple_SET_ITEM(t, 1, Py_NewRef(Py_None));
    PyTuple_SET_ITEM(t, 2, Py_NewRef(Py_None));
  } else {
    PyTuple_SET_ITEM(t, 1, Py_NewRef(r->start));
    cmp_result = PyObject_RichCompareBool(r->length, one(), Py_EQ);
    if (cmp_result == -1) goto end;
    PyTuple_SET_ITEM(t, 2, Py_NewRef(cmp_result == 1 ? Py_None : r->step));
  }
  result = PyObject_Hash(t);
end:
  Py_DECREF(t);
  return result;
}

PyObject* range_repr(PyObject* self) {
  RangeObject* r = as_range(self);
  Py_ssize_t istep = PyNumber_AsSsize_t(r->step, nullptr);
  if (istep == -1 && PyErr_Occurred()) PyErr_Clear();
  if (istep == 1) return PyUnicode_FromFormat("range(%R, %R)", r->start, r->stop);
  return PyUnicode_FromFormat("range(%R, %R, %R)", r->start, r->stop, r->step);
}

PyObject* range_subscript(PyObject* self, PyObject* item) {
  RangeObject* r = as_range(self);
  if (PyLong_Check(item)) return compute_range_item(r, item);
  if (PySlice_Check(item)) return compute_slice(r, item);
  if (PyIndex_Check(item)) {
    PyObject* i = PyNumber_Index(item);
    if (i == nullptr) return nullptr;
    PyObject* res = compute_range_item(r, i);
    Py_DECREF(i);
    return res;
  }
  PyErr_Format(PyExc_TypeError, "range indices must be integers or slices, not %.200s",
               Py_TYPE(item)->tp_name);
  return nullptr;
}

int range_bool(PyObject* self) { return PyObject_IsTrue(as_range(self)->length); }

PyObject* range_count(PyObject* self, PyObject* ob) {
  if (PyLong_CheckExact(ob) || PyBool_Check(ob)) {
    int result = range_contains_long(as_range(self), ob);
    if (result == -1) return nullptr;
    return PyLong_FromLong(result);
  }
  Py_ssize_t count = _PySequence_IterSearch(self, ob, PY_ITERSEARCH_COUNT);
  if (count == -1) return nullptr;
  return PyLong_FromSsize_t(count);
}

PyObject* range_index(PyObject* self, PyObject* ob) {
  RangeObject* r = as_range(self);
  if (!PyLong_CheckExact(ob) && !PyBool_Check(ob)) {
    Py_ssize_t index = _PySequence_IterSearch(self, ob, PY_ITERSEARCH_INDEX);
    if (index == -1) return nullptr;
    return PyLong_FromSsize_t(index);
  }
  int contains = range_contains_long(r, ob);
  if (contains == -1) return nullptr;
  if (contains) {
    PyObject* idx = PyNumber_Subtract(ob, r->start);
    if (idx == nullptr) return nullptr;
    if (r->step == one()) return idx;
    // idx = (ob - r.start) // r.step
    PyObject* sidx = PyNumber_FloorDivide(idx, r->step);
    Py_DECREF(idx);
    return sidx;
  }
  PyErr_Format(PyExc_ValueError, "%R is not in range", ob);
  return nullptr;
}

PyObject* range_reduce(PyObject* self, PyObject*) {
  RangeObject* r = as_range(self);
  return Py_BuildValue("(O(OOO))", Py_TYPE(self), r->start, r->stop, r->step);
}

PyObject* range_reverse(PyObject* self, PyObject*);
PyObject* range_iter(PyObject* self);

PyMethodDef range_methods[] = {
    {"__reversed__", range_reverse, METH_NOARGS, "Return a reverse iterator."},
    {"__reduce__", range_reduce, METH_NOARGS, nullptr},
    {"count", range_count, METH_O, "rangeobject.count(value) -> integer -- return number of occurrences of value"},
    {"index", range_index, METH_O,
     "rangeobject.index(value) -> integer -- return index of value.\n"
     "Raise ValueError if the value is not present."},
    {nullptr, nullptr, 0, nullptr},
};

PyMemberDef range_members[] = {
    {"start", T_OBJECT_EX, offsetof(RangeObject, start), READONLY, nullptr},
    {"stop", T_OBJECT_EX, offsetof(RangeObject, stop), READONLY, nullptr},
    {"step", T_OBJECT_EX, offsetof(RangeObject, step), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyNumberMethods range_as_number = {
    .nb_bool = range_bool,
};

PySequenceMethods range_as_sequence = {
    .sq_length = range_length,
    .sq_item = range_item,
    .sq_contains = range_contains,
};

PyMappingMethods range_as_mapping = {
    .mp_length = range_length,
    .mp_subscript = range_subscript,
};

// -- range_iterator: C longs ------------------------------------------------------

struct RangeIter {
  PyObject_HEAD
  long start;
  long step;
  long len;
  long index;  // items produced so far
};

PyObject* rangeiter_next(PyObject* self) {
  RangeIter* r = reinterpret_cast<RangeIter*>(self);
  if (r->index < r->len) {
    // Unsigned arithmetic: the product may not fit a long mid-way even
    // though the final value does.
    return PyLong_FromLong(long(static_cast<unsigned long>(r->start) +
                                static_cast<unsigned long>(r->index++) * static_cast<unsigned long>(r->step)));
  }
  return nullptr;
}

PyObject* rangeiter_len(PyObject* self, PyObject*) {
  RangeIter* r = reinterpret_cast<RangeIter*>(self);
  return PyLong_FromLong(r->len - r->index);
}

PyObject* rangeiter_reduce(PyObject* self, PyObject*) {
  RangeIter* r = reinterpret_cast<RangeIter*>(self);
  // Pickled as iter(range(...)) plus the position.
  PyObject* start = PyLong_FromLong(r->start);
  PyObject* stop = start ? PyLong_FromLong(long(static_cast<unsigned long>(r->start) +
                                                static_cast<unsigned long>(r->len) *
                                                    static_cast<unsigned long>(r->step)))
                         : nullptr;
  PyObject* step = stop ? PyLong_FromLong(r->step) : nullptr;
  if (step == nullptr) {
    Py_XDECREF(start);
    Py_XDECREF(stop);
    return nullptr;
  }
  RangeObject* range = make_range_object(&PyRange_Type, start, stop, step);
  if (range == nullptr) {
    Py_DECREF(start);
    Py_DECREF(stop);
    Py_DECREF(step);
    return nullptr;
  }
  PyObject* iter = builtin_object("iter");
  if (iter == nullptr) {
    Py_DECREF(range);
    return nullptr;
  }
  return Py_BuildValue("N(N)l", iter, range, r->index);
}

PyObject* rangeiter_setstate(PyObject* self, PyObject* state) {
  RangeIter* r = reinterpret_cast<RangeIter*>(self);
  long index = PyLong_AsLong(state);
  if (index == -1 && PyErr_Occurred()) return nullptr;
  // Silently clip to the valid range.
  if (index < 0) index = 0;
  else if (index > r->len) index = r->len;
  r->index = index;
  Py_RETURN_NONE;
}

PyMethodDef rangeiter_methods[] = {
    {"__length_hint__", rangeiter_len, METH_NOARGS, "Private method returning an estimate of len(list(it))."},
    {"__reduce__", rangeiter_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", rangeiter_setstate, METH_O, "Set state information for unpickling."},
    {nullptr, nullptr, 0, nullptr},
};

PyObject* fast_range_iter(long start, long stop, long step, long len) {
  RangeIter* it = PyObject_New(RangeIter, &PyRangeIter_Type);
  if (it == nullptr) return nullptr;
  it->start = start;
  it->step = step;
  it->len = len;
  it->index = 0;
  (void)stop;
  return reinterpret_cast<PyObject*>(it);
}

// -- longrange_iterator: int objects ----------------------------------------------------

struct LongRangeIter {
  PyObject_HEAD
  PyObject* index;
  PyObject* start;
  PyObject* step;
  PyObject* len;
};

void longrangeiter_dealloc(PyObject* self) {
  LongRangeIter* r = reinterpret_cast<LongRangeIter*>(self);
  Py_XDECREF(r->index);
  Py_XDECREF(r->start);
  Py_XDECREF(r->step);
  Py_XDECREF(r->len);
  PyObject_Free(self);
}

PyObject* longrangeiter_next(PyObject* self) {
  LongRangeIter* r = reinterpret_cast<LongRangeIter*>(self);
  if (PyObject_RichCompareBool(r->index, r->len, Py_LT) != 1) return nullptr;
  PyObject* new_index = PyNumber_Add(r->index, one());
  if (new_index == nullptr) return nullptr;
  PyObject* product = PyNumber_Multiply(r->index, r->step);
  if (product == nullptr) {
    Py_DECREF(new_index);
    return nullptr;
  }
  PyObject* result = PyNumber_Add(r->start, product);
  Py_DECREF(product);
  if (result) Py_SETREF(r->index, new_index);
  else Py_DECREF(new_index);
  return result;
}

PyObject* longrangeiter_len(PyObject* self, PyObject*) {
  LongRangeIter* r = reinterpret_cast<LongRangeIter*>(self);
  return PyNumber_Subtract(r->len, r->index);
}

PyObject* longrangeiter_reduce(PyObject* self, PyObject*) {
  LongRangeIter* r = reinterpret_cast<LongRangeIter*>(self);
  PyObject* product = PyNumber_Multiply(r->len, r->step);
  if (product == nullptr) return nullptr;
  PyObject* stop = PyNumber_Add(r->start, product);
  Py_DECREF(product);
  if (stop == nullptr) return nullptr;
  RangeObject* range = make_range_object(&PyRange_Type, Py_NewRef(r->start), stop, Py_NewRef(r->step));
  if (range == nullptr) {
    Py_DECREF(r->start);
    Py_DECREF(stop);
    Py_DECREF(r->step);
    return nullptr;
  }
  PyObject* iter = builtin_object("iter");
  if (iter == nullptr) {
    Py_DECREF(range);
    return nullptr;
  }
  return Py_BuildValue("N(N)O", iter, range, r->index);
}

PyObject* longrangeiter_setstate(PyObject* self, PyObject* state) {
  LongRangeIter* r = reinterpret_cast<LongRangeIter*>(self);
  if (!PyLong_CheckExact(state)) {
    PyErr_Format(PyExc_TypeError, "'%.200s' object cannot be interpreted as an integer",
                 Py_TYPE(state)->tp_name);
    return nullptr;
  }
  // Clip to [0, len].
  int cmp = PyObject_RichCompareBool(state, zero(), Py_LT);
  if (cmp < 0) return nullptr;
  if (cmp > 0) {
    state = zero();
  } else {
    cmp = PyObject_RichCompareBool(r->len, state, Py_LT);
    if (cmp < 0) return nullptr;
    if (cmp > 0) state = r->len;
  }
  Py_XSETREF(r->index, Py_NewRef(state));
  Py_RETURN_NONE;
}

PyMethodDef longrangeiter_methods[] = {
    {"__length_hint__", longrangeiter_len, METH_NOARGS, "Private method returning an estimate of len(list(it))."},
    {"__reduce__", longrangeiter_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", longrangeiter_setstate, METH_O, "Set state information for unpickling."},
    {nullptr, nullptr, 0, nullptr},
};

// Takes over start, step, len.
PyObject* long_range_iter(PyObject* start, PyObject* step, PyObject* len) {
  LongRangeIter* it = PyObject_New(LongRangeIter, &PyLongRangeIter_Type);
  if (it == nullptr) {
    Py_DECREF(start);
    Py_DECREF(step);
    Py_DECREF(len);
    return nullptr;
  }
  it->index = Py_NewRef(zero());
  it->start = start;
  it->step = step;
  it->len = len;
  return reinterpret_cast<PyObject*>(it);
}

// The C-long iterator applies when start, stop and step fit a long and the
// last value start + len*step cannot overflow.
bool fits_fast(long lstart, long lstop, long lstep, unsigned long ulen) {
  if (ulen > (unsigned long)LONG_MAX) return false;
  if (ulen) {
    if (lstep > 0) {
      if (lstop > LONG_MAX - (lstep - 1)) return false;
    } else if (lstop < LONG_MIN + (-1 - lstep)) {
      return false;
    }
  }
  return true;
}

bool as_longs(RangeObject* r, long* lstart, long* lstop, long* lstep) {
  int overflow = 0;
  *lstart = PyLong_AsLongAndOverflow(r->start, &overflow);
  if (!overflow) *lstop = PyLong_AsLongAndOverflow(r->stop, &overflow);
  if (!overflow) *lstep = PyLong_AsLongAndOverflow(r->step, &overflow);
  if (PyErr_Occurred()) {
    PyErr_Clear();
    return false;
  }
  return !overflow;
}

PyObject* range_iter(PyObject* self) {
  RangeObject* r = as_range(self);
  long lstart, lstop, lstep;
  if (as_longs(r, &lstart, &lstop, &lstep)) {
    unsigned long ulen = get_len_of_range(lstart, lstop, lstep);
    if (fits_fast(lstart, lstop, lstep, ulen)) return fast_range_iter(lstart, lstop, lstep, long(ulen));
  }
  return long_range_iter(Py_NewRef(r->start), Py_NewRef(r->step), Py_NewRef(r->length));
}

// reversed(range(start, stop, step)) is
// range(start + (len-1)*step, start - step, -step).
PyObject* range_reverse(PyObject* self, PyObject*) {
  RangeObject* r = as_range(self);
  long lstart, lstop, lstep;
  if (as_longs(r, &lstart, &lstop, &lstep) && lstep != LONG_MIN) {
    unsigned long ulen = get_len_of_range(lstart, lstop, lstep);
    if (ulen <= (unsigned long)LONG_MAX) {
      // Exact values in 128 bits; use the C-long iterator only if they fit.
      __int128 new_start = ulen ? __int128(lstart) + __int128(ulen - 1) * lstep : __int128(lstart);
      __int128 new_stop = __int128(lstart) - lstep;
      if (new_start >= LONG_MIN && new_start <= LONG_MAX && new_stop >= LONG_MIN && new_stop <= LONG_MAX &&
          fits_fast(long(new_start), long(new_stop), -lstep, ulen))
        return fast_range_iter(long(new_start), long(new_stop), -lstep, long(ulen));
    }
  } else if (PyErr_Occurred()) {
    return nullptr;
  }
  // Arbitrary precision.
  PyObject* len = Py_NewRef(r->length);
  PyObject* step = PyNumber_Negative(r->step);
  if (step == nullptr) {
    Py_DECREF(len);
    return nullptr;
  }
  PyObject* lenm1 = PyNumber_Subtract(len, one());
  PyObject* product = lenm1 ? PyNumber_Multiply(lenm1, r->step) : nullptr;
  PyObject* start = product ? PyNumber_Add(r->start, product) : nullptr;
  Py_XDECREF(lenm1);
  Py_XDECREF(product);
  if (start == nullptr) {
    Py_DECREF(len);
    Py_DECREF(step);
    return nullptr;
  }
  return long_range_iter(start, step, len);
}

}  // namespace
}  // namespace krait

using namespace krait;

PyTypeObject PyRange_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "range",
    .tp_basicsize = sizeof(RangeObject),
    .tp_dealloc = range_dealloc,
    .tp_repr = range_repr,
    .tp_as_number = &range_as_number,
    .tp_as_sequence = &range_as_sequence,
    .tp_as_mapping = &range_as_mapping,
    .tp_hash = range_hash,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_SEQUENCE,
    .tp_doc = "range(stop) -> range object\n"
              "range(start, stop[, step]) -> range object\n\n"
              "Return an object that produces a sequence of integers from start (inclusive)\n"
              "to stop (exclusive) by step.  range(i, j) produces i, i+1, i+2, ..., j-1.\n"
              "start defaults to 0, and stop is omitted!  range(4) produces 0, 1, 2, 3.\n"
              "These are exactly the valid indices for a list of 4 elements.\n"
              "When step is given, it specifies the increment (or decrement).",
    .tp_richcompare = range_richcompare,
    .tp_iter = range_iter,
    .tp_methods = range_methods,
    .tp_members = range_members,
    .tp_new = range_new,
    .tp_vectorcall = range_vectorcall,
};

PyTypeObject PyRangeIter_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "range_iterator",
    .tp_basicsize = sizeof(RangeIter),
    .tp_dealloc = reinterpret_cast<destructor>(PyObject_Free),
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = rangeiter_next,
    .tp_methods = rangeiter_methods,
};

PyTypeObject PyLongRangeIter_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "longrange_iterator",
    .tp_basicsize = sizeof(LongRangeIter),
    .tp_dealloc = longrangeiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = longrangeiter_next,
    .tp_methods = longrangeiter_methods,
};
