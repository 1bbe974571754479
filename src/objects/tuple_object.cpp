// tuple: PyTupleObject exactly as cpython/tupleobject.h lays it out (items
// inline in ob_item[]), the tuple iterator, and the tuple C API.
//
// Allocation: the empty tuple is one immortal object; tuples of 1..19 items
// are recycled through per-size free lists (2000 each), because small
// tuples are the most allocated objects in Python programs (argument packs,
// multiple return values, dict items).
#include "objects/tuple_object.h"

#include <cstdarg>

#include "capi/pyruntime_shim.h"
#include "gc/gc_inline.h"
#include "objects/container_util.h"

namespace krait {
namespace {

constexpr Py_ssize_t kFreeListSizes = 20;  // sizes 1..19 are recycled
constexpr int kFreeListMax = 2000;

// Free list per size: singly linked through ob_item[0].
PyTupleObject* g_free_list[kFreeListSizes];
int g_free_count[kFreeListSizes];

inline PyObject** items_of(PyObject* t) { return reinterpret_cast<PyTupleObject*>(t)->ob_item; }

// A tuple of `size` > 0 NULL items, not yet tracked by the GC.
PyTupleObject* tuple_alloc(Py_ssize_t size) {
  if (size < kFreeListSizes) {
    PyTupleObject* op = g_free_list[size];
    if (op != nullptr) {
      g_free_list[size] = reinterpret_cast<PyTupleObject*>(op->ob_item[0]);
      g_free_count[size]--;
      _Py_NewReference(reinterpret_cast<PyObject*>(op));
      for (Py_ssize_t i = 0; i < size; i++) op->ob_item[i] = nullptr;
      return op;
    }
  }
  if (size > (PY_SSIZE_T_MAX - Py_ssize_t(sizeof(PyTupleObject))) / Py_ssize_t(sizeof(PyObject*))) {
    PyErr_NoMemory();
    return nullptr;
  }
  PyTupleObject* op = PyObject_GC_NewVar(PyTupleObject, &PyTuple_Type, size);
  if (op == nullptr) return nullptr;
  for (Py_ssize_t i = 0; i < size; i++) op->ob_item[i] = nullptr;
  return op;
}

}  // namespace

PyObject* empty_tuple() {
  // Immortal, untracked, with a zeroed GC header in front: it lives in the
  // exported `_PyRuntime` (capi/pyruntime_shim.cpp) so `_Py_SINGLETON(tuple_empty)`
  // in extensions is this same object.
  return reinterpret_cast<PyObject*>(&_PyRuntime.tuple_empty);
}

PyObject* tuple_from_array(PyObject* const* items, Py_ssize_t n) {
  if (n == 0) return Py_NewRef(empty_tuple());
  PyTupleObject* t = tuple_alloc(n);
  if (t == nullptr) return nullptr;
  for (Py_ssize_t i = 0; i < n; i++) t->ob_item[i] = Py_NewRef(items[i]);
  krait::gc::track(t);
  return reinterpret_cast<PyObject*>(t);
}

PyObject* tuple_from_array_steal(PyObject* const* items, Py_ssize_t n) {
  if (n == 0) return Py_NewRef(empty_tuple());
  PyTupleObject* t = tuple_alloc(n);
  if (t == nullptr) {
    for (Py_ssize_t i = 0; i < n; i++) Py_DECREF(items[i]);
    return nullptr;
  }
  for (Py_ssize_t i = 0; i < n; i++) t->ob_item[i] = items[i];
  krait::gc::track(t);
  return reinterpret_cast<PyObject*>(t);
}

namespace {

// -- Object protocol ------------------------------------------------------

void tuple_dealloc(PyObject* self) {
  PyTupleObject* op = reinterpret_cast<PyTupleObject*>(self);
  Py_ssize_t len = Py_SIZE(op);
  krait::gc::untrack(self);
  KRAIT_TRASHCAN_BEGIN(op, tuple_dealloc)
  for (Py_ssize_t i = len; --i >= 0;) Py_XDECREF(op->ob_item[i]);
  if (len > 0 && len < kFreeListSizes && Py_IS_TYPE(self, &PyTuple_Type) &&
      g_free_count[len] < kFreeListMax) {
    op->ob_item[0] = reinterpret_cast<PyObject*>(g_free_list[len]);
    g_free_list[len] = op;
    g_free_count[len]++;
  } else {
    Py_TYPE(self)->tp_free(self);
  }
  KRAIT_TRASHCAN_END
}

int tuple_traverse(PyObject* self, visitproc visit, void* arg) {
  PyObject** items = items_of(self);
  for (Py_ssize_t i = Py_SIZE(self); --i >= 0;) Py_VISIT(items[i]);
  return 0;
}

PyObject* tuple_repr(PyObject* self) {
  Py_ssize_t n = Py_SIZE(self);
  if (n == 0) return PyUnicode_FromString("()");
  int rc = Py_ReprEnter(self);
  if (rc != 0) return rc > 0 ? PyUnicode_FromString("(...)") : nullptr;
  PyObject* result = nullptr;
  PyObject* parts = PyList_New(0);
  if (parts != nullptr) {
    Py_ssize_t i = 0;
    // Items are re-read each round: a repr may not change a tuple, but a
    // tuple under construction by C code could still be odd; stay defensive.
    for (; i < Py_SIZE(self); i++) {
      PyObject* r = PyObject_Repr(items_of(self)[i]);
      if (r == nullptr || PyList_Append(parts, r) < 0) {
        Py_XDECREF(r);
        break;
      }
      Py_DECREF(r);
    }
    if (i == Py_SIZE(self)) {
      PyObject* sep = PyUnicode_FromString(", ");
      PyObject* body = sep ? PyUnicode_Join(sep, parts) : nullptr;
      Py_XDECREF(sep);
      if (body != nullptr) {
        result = PyUnicode_FromFormat(n == 1 ? "(%U,)" : "(%U)", body);
        Py_DECREF(body);
      }
    }
    Py_DECREF(parts);
  }
  Py_ReprLeave(self);
  return result;
}

// CPython 3.11's tuple hash: an xxHash-style lane mix of the item hashes
// (64-bit constants; Py_hash_t is 64 bits on every platform we target).
constexpr Py_uhash_t kXXPrime1 = 11400714785074694791ULL;
constexpr Py_uhash_t kXXPrime2 = 14029467366897019727ULL;
constexpr Py_uhash_t kXXPrime5 = 2870177450012600261ULL;

Py_hash_t tuple_hash(PyObject* self) {
  Py_ssize_t len = Py_SIZE(self);
  PyObject** items = items_of(self);
  Py_uhash_t acc = kXXPrime5;
  for (Py_ssize_t i = 0; i < len; i++) {
    Py_uhash_t lane = Py_uhash_t(PyObject_Hash(items[i]));
    if (lane == Py_uhash_t(-1)) return -1;
    acc += lane * kXXPrime2;
    acc = (acc << 31) | (acc >> 33);
    acc *= kXXPrime1;
  }
  acc += Py_uhash_t(len) ^ (kXXPrime5 ^ 3527539UL);
  if (acc == Py_uhash_t(-1)) return 1546275796;
  return Py_hash_t(acc);
}

PyObject* tuple_richcompare(PyObject* v, PyObject* w, int op) {
  if (!PyTuple_Check(v) || !PyTuple_Check(w)) Py_RETURN_NOTIMPLEMENTED;
  Py_ssize_t vlen = Py_SIZE(v), wlen = Py_SIZE(w);
  PyObject** vi = items_of(v);
  PyObject** wi = items_of(w);
  Py_ssize_t i = 0;
  for (; i < vlen && i < wlen; i++) {
    int k = PyObject_RichCompareBool(vi[i], wi[i], Py_EQ);
    if (k < 0) return nullptr;
    if (!k) break;
  }
  if (i >= vlen || i >= wlen) Py_RETURN_RICHCOMPARE(vlen, wlen, op);
  if (op == Py_EQ) Py_RETURN_FALSE;
  if (op == Py_NE) Py_RETURN_TRUE;
  return PyObject_RichCompare(vi[i], wi[i], op);
}

// -- Sequence protocol ----------------------------------------------------

Py_ssize_t tuple_length(PyObject* self) { return Py_SIZE(self); }

int tuple_contains(PyObject* self, PyObject* el) {
  int cmp = 0;
  for (Py_ssize_t i = 0; cmp == 0 && i < Py_SIZE(self); i++)
    cmp = PyObject_RichCompareBool(items_of(self)[i], el, Py_EQ);
  return cmp;
}

PyObject* tuple_item(PyObject* self, Py_ssize_t i) {
  if (size_t(i) >= size_t(Py_SIZE(self))) {
    PyErr_SetString(PyExc_IndexError, "tuple index out of range");
    return nullptr;
  }
  return Py_NewRef(items_of(self)[i]);
}

PyObject* tuple_slice(PyObject* self, Py_ssize_t lo, Py_ssize_t hi) {
  Py_ssize_t n = Py_SIZE(self);
  if (lo < 0) lo = 0;
  if (hi > n) hi = n;
  if (hi < lo) hi = lo;
  if (lo == 0 && hi == n && PyTuple_CheckExact(self)) return Py_NewRef(self);
  return tuple_from_array(items_of(self) + lo, hi - lo);
}

PyObject* tuple_subscript(PyObject* self, PyObject* item) {
  if (PyIndex_Check(item)) {
    Py_ssize_t i = PyNumber_AsSsize_t(item, PyExc_IndexError);
    if (i == -1 && PyErr_Occurred()) return nullptr;
    if (i < 0) i += Py_SIZE(self);
    return tuple_item(self, i);
  }
  if (PySlice_Check(item)) {
    Py_ssize_t start, stop, step;
    if (PySlice_Unpack(item, &start, &stop, &step) < 0) return nullptr;
    Py_ssize_t n = PySlice_AdjustIndices(Py_SIZE(self), &start, &stop, step);
    if (n <= 0) return Py_NewRef(empty_tuple());
    if (start == 0 && step == 1 && n == Py_SIZE(self) && PyTuple_CheckExact(self))
      return Py_NewRef(self);
    if (step == 1) return tuple_from_array(items_of(self) + start, n);
    PyTupleObject* r = tuple_alloc(n);
    if (r == nullptr) return nullptr;
    PyObject** src = items_of(self);
    for (Py_ssize_t cur = start, i = 0; i < n; cur += step, i++) r->ob_item[i] = Py_NewRef(src[cur]);
    krait::gc::track(r);
    return reinterpret_cast<PyObject*>(r);
  }
  PyErr_Format(PyExc_TypeError, "tuple indices must be integers or slices, not %.200s",
               Py_TYPE(item)->tp_name);
  return nullptr;
}

PyObject* tuple_concat(PyObject* a, PyObject* b) {
  if (!PyTuple_Check(b)) {
    PyErr_Format(PyExc_TypeError, "can only concatenate tuple (not \"%.200s\") to tuple",
                 Py_TYPE(b)->tp_name);
    return nullptr;
  }
  if (Py_SIZE(b) == 0 && PyTuple_CheckExact(a)) return Py_NewRef(a);
  if (Py_SIZE(a) == 0 && PyTuple_CheckExact(b)) return Py_NewRef(b);
  Py_ssize_t na = Py_SIZE(a), nb = Py_SIZE(b);
  if (na > PY_SSIZE_T_MAX - nb) return PyErr_NoMemory();
  if (na + nb == 0) return Py_NewRef(empty_tuple());
  PyTupleObject* r = tuple_alloc(na + nb);
  if (r == nullptr) return nullptr;
  for (Py_ssize_t i = 0; i < na; i++) r->ob_item[i] = Py_NewRef(items_of(a)[i]);
  for (Py_ssize_t i = 0; i < nb; i++) r->ob_item[na + i] = Py_NewRef(items_of(b)[i]);
  krait::gc::track(r);
  return reinterpret_cast<PyObject*>(r);
}

PyObject* tuple_repeat(PyObject* self, Py_ssize_t n) {
  Py_ssize_t size = Py_SIZE(self);
  if (size == 0 || n == 1) {
    if (PyTuple_CheckExact(self)) return Py_NewRef(self);
    if (size == 0) return Py_NewRef(empty_tuple());
  }
  if (n <= 0) return Py_NewRef(empty_tuple());
  if (size > PY_SSIZE_T_MAX / n) return PyErr_NoMemory();
  Py_ssize_t total = size * n;
  PyTupleObject* r = tuple_alloc(total);
  if (r == nullptr) return nullptr;
  PyObject** src = items_of(self);
  PyObject** dst = r->ob_item;
  for (Py_ssize_t k = 0; k < n; k++)
    for (Py_ssize_t i = 0; i < size; i++) *dst++ = Py_NewRef(src[i]);
  krait::gc::track(r);
  return reinterpret_cast<PyObject*>(r);
}

// -- Methods --------------------------------------------------------------

PyObject* tuple_index(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("index", nargs, 1, 3)) return nullptr;
  Py_ssize_t start = 0, stop = PY_SSIZE_T_MAX;
  if (nargs >= 2 && !_PyEval_SliceIndexNotNone(args[1], &start)) return nullptr;
  if (nargs >= 3 && !_PyEval_SliceIndexNotNone(args[2], &stop)) return nullptr;
  Py_ssize_t n = Py_SIZE(self);
  if (start < 0) {
    start += n;
    if (start < 0) start = 0;
  }
  if (stop < 0) stop += n;
  else if (stop > n) stop = n;
  for (Py_ssize_t i = start; i < stop && i < Py_SIZE(self); i++) {
    int cmp = PyObject_RichCompareBool(items_of(self)[i], args[0], Py_EQ);
    if (cmp > 0) return PyLong_FromSsize_t(i);
    if (cmp < 0) return nullptr;
  }
  PyErr_SetString(PyExc_ValueError, "tuple.index(x): x not in tuple");
  return nullptr;
}

PyObject* tuple_count(PyObject* self, PyObject* value) {
  Py_ssize_t count = 0;
  for (Py_ssize_t i = 0; i < Py_SIZE(self); i++) {
    int cmp = PyObject_RichCompareBool(items_of(self)[i], value, Py_EQ);
    if (cmp > 0) count++;
    else if (cmp < 0) return nullptr;
  }
  return PyLong_FromSsize_t(count);
}

PyObject* tuple_getnewargs(PyObject* self, PyObject*) {
  return Py_BuildValue("(N)", tuple_slice(self, 0, Py_SIZE(self)));
}

PyMethodDef tuple_methods[] = {
    {"__getnewargs__", tuple_getnewargs, METH_NOARGS,
     "__getnewargs__($self, /)\n--\n\n"},
    {"index", reinterpret_cast<PyCFunction>(tuple_index), METH_FASTCALL,
     "index($self, value, start=0, stop=sys.maxsize, /)\n--\n\n"
     "Return first index of value.\n\nRaises ValueError if the value is not present."},
    {"count", tuple_count, METH_O,
     "count($self, value, /)\n--\n\nReturn number of occurrences of value."},
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS,
     "See PEP 585"},
    {nullptr, nullptr, 0, nullptr},
};

// -- Construction ---------------------------------------------------------

PyObject* tuple_new_impl(PyTypeObject* type, PyObject* iterable);

PyObject* tuple_subtype_new(PyTypeObject* type, PyObject* iterable) {
  PyObject* tmp = tuple_new_impl(&PyTuple_Type, iterable);
  if (tmp == nullptr) return nullptr;
  Py_ssize_t n = PyTuple_GET_SIZE(tmp);
  PyObject* r = type->tp_alloc(type, n);
  if (r != nullptr) {
    for (Py_ssize_t i = 0; i < n; i++) items_of(r)[i] = Py_NewRef(items_of(tmp)[i]);
  }
  Py_DECREF(tmp);
  return r;
}

PyObject* tuple_new_impl(PyTypeObject* type, PyObject* iterable) {
  if (type != &PyTuple_Type) return tuple_subtype_new(type, iterable);
  if (iterable == nullptr) return Py_NewRef(empty_tuple());
  return PySequence_Tuple(iterable);
}

PyObject* tuple_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  if ((type == &PyTuple_Type || type->tp_init == PyTuple_Type.tp_init) &&
      !_PyArg_NoKeywords("tuple", kwds))
    return nullptr;
  if (!_PyArg_CheckPositional("tuple", PyTuple_GET_SIZE(args), 0, 1)) return nullptr;
  return tuple_new_impl(type, PyTuple_GET_SIZE(args) ? items_of(args)[0] : nullptr);
}

PyObject* tuple_vectorcall(PyObject* type, PyObject* const* args, size_t nargsf,
                           PyObject* kwnames) {
  if (!_PyArg_NoKwnames("tuple", kwnames)) return nullptr;
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  if (!_PyArg_CheckPositional("tuple", nargs, 0, 1)) return nullptr;
  return tuple_new_impl(reinterpret_cast<PyTypeObject*>(type), nargs ? args[0] : nullptr);
}

PyObject* tuple_iter(PyObject* seq);

PySequenceMethods tuple_as_sequence = {
    .sq_length = tuple_length,
    .sq_concat = tuple_concat,
    .sq_repeat = tuple_repeat,
    .sq_item = tuple_item,
    .sq_contains = tuple_contains,
};

PyMappingMethods tuple_as_mapping = {
    .mp_length = tuple_length,
    .mp_subscript = tuple_subscript,
};

// -- Iterator -------------------------------------------------------------

struct TupleIter {
  PyObject_HEAD
  Py_ssize_t it_index;
  PyObject* it_seq;  // NULL once exhausted
};

void tupleiter_dealloc(PyObject* self) {
  krait::gc::untrack(self);
  Py_XDECREF(reinterpret_cast<TupleIter*>(self)->it_seq);
  PyObject_GC_Del(self);
}

int tupleiter_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<TupleIter*>(self)->it_seq);
  return 0;
}

PyObject* tupleiter_next(PyObject* self) {
  TupleIter* it = reinterpret_cast<TupleIter*>(self);
  PyObject* seq = it->it_seq;
  if (seq == nullptr) return nullptr;
  if (it->it_index < PyTuple_GET_SIZE(seq)) return Py_NewRef(items_of(seq)[it->it_index++]);
  it->it_seq = nullptr;
  Py_DECREF(seq);
  return nullptr;
}

PyObject* tupleiter_len(PyObject* self, PyObject*) {
  TupleIter* it = reinterpret_cast<TupleIter*>(self);
  Py_ssize_t len = it->it_seq ? PyTuple_GET_SIZE(it->it_seq) - it->it_index : 0;
  return PyLong_FromSsize_t(len < 0 ? 0 : len);
}

PyObject* tupleiter_reduce(PyObject* self, PyObject*) {
  TupleIter* it = reinterpret_cast<TupleIter*>(self);
  PyObject* iter = builtin_object("iter");
  if (iter == nullptr) return nullptr;
  if (it->it_seq) return Py_BuildValue("N(O)n", iter, it->it_seq, it->it_index);
  return Py_BuildValue("N(())", iter);
}

PyObject* tupleiter_setstate(PyObject* self, PyObject* state) {
  TupleIter* it = reinterpret_cast<TupleIter*>(self);
  Py_ssize_t index = PyLong_AsSsize_t(state);
  if (index == -1 && PyErr_Occurred()) return nullptr;
  if (it->it_seq != nullptr) {
    if (index < 0) index = 0;
    else if (index > PyTuple_GET_SIZE(it->it_seq)) index = PyTuple_GET_SIZE(it->it_seq);
    it->it_index = index;
  }
  Py_RETURN_NONE;
}

PyMethodDef tupleiter_methods[] = {
    {"__length_hint__", tupleiter_len, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {"__reduce__", tupleiter_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", tupleiter_setstate, METH_O, "Set state information for unpickling."},
    {nullptr, nullptr, 0, nullptr},
};

PyObject* tuple_iter(PyObject* seq) {
  if (!PyTuple_Check(seq)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  TupleIter* it = PyObject_GC_New(TupleIter, &PyTupleIter_Type);
  if (it == nullptr) return nullptr;
  it->it_index = 0;
  it->it_seq = Py_NewRef(seq);
  krait::gc::track(it);
  return reinterpret_cast<PyObject*>(it);
}

}  // namespace
}  // namespace krait

using namespace krait;

PyTypeObject PyTuple_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "tuple",
    .tp_basicsize = sizeof(PyTupleObject) - sizeof(PyObject*),
    .tp_itemsize = sizeof(PyObject*),
    .tp_dealloc = tuple_dealloc,
    .tp_repr = tuple_repr,
    .tp_as_sequence = &tuple_as_sequence,
    .tp_as_mapping = &tuple_as_mapping,
    .tp_hash = tuple_hash,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE |
                Py_TPFLAGS_TUPLE_SUBCLASS | _Py_TPFLAGS_MATCH_SELF | Py_TPFLAGS_SEQUENCE,
    .tp_doc = "tuple(iterable=(), /)\n--\n\n"
              "Built-in immutable sequence.\n\n"
              "If no argument is given, the constructor returns an empty tuple.\n"
              "If iterable is specified the tuple is initialized from iterable's items.\n\n"
              "If the argument is a tuple, the return value is the same object.",
    .tp_traverse = tuple_traverse,
    .tp_richcompare = tuple_richcompare,
    .tp_iter = tuple_iter,
    .tp_methods = tuple_methods,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = tuple_new,
    .tp_free = PyObject_GC_Del,
    .tp_vectorcall = tuple_vectorcall,
};

PyTypeObject PyTupleIter_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "tuple_iterator",
    .tp_basicsize = sizeof(TupleIter),
    .tp_dealloc = tupleiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = tupleiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = tupleiter_next,
    .tp_methods = tupleiter_methods,
};

// -- C API ------------------------------------------------------------------

PyObject* PyTuple_New(Py_ssize_t size) {
  if (size < 0) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  if (size == 0) return Py_NewRef(empty_tuple());
  PyTupleObject* op = tuple_alloc(size);
  if (op == nullptr) return nullptr;
  krait::gc::track(op);
  return reinterpret_cast<PyObject*>(op);
}

Py_ssize_t PyTuple_Size(PyObject* op) {
  if (!PyTuple_Check(op)) {
    PyErr_BadInternalCall();
    return -1;
  }
  return Py_SIZE(op);
}

PyObject* PyTuple_GetItem(PyObject* op, Py_ssize_t i) {
  if (!PyTuple_Check(op)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  if (i < 0 || i >= Py_SIZE(op)) {
    PyErr_SetString(PyExc_IndexError, "tuple index out of range");
    return nullptr;
  }
  return items_of(op)[i];
}

int PyTuple_SetItem(PyObject* op, Py_ssize_t i, PyObject* newitem) {
  if (!PyTuple_Check(op) || Py_REFCNT(op) != 1) {
    Py_XDECREF(newitem);
    PyErr_BadInternalCall();
    return -1;
  }
  if (i < 0 || i >= Py_SIZE(op)) {
    Py_XDECREF(newitem);
    PyErr_SetString(PyExc_IndexError, "tuple assignment index out of range");
    return -1;
  }
  PyObject* old = items_of(op)[i];
  items_of(op)[i] = newitem;
  Py_XDECREF(old);
  return 0;
}

PyObject* PyTuple_GetSlice(PyObject* op, Py_ssize_t i, Py_ssize_t j) {
  if (op == nullptr || !PyTuple_Check(op)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  return tuple_slice(op, i, j);
}

PyObject* PyTuple_Pack(Py_ssize_t n, ...) {
  if (n == 0) return Py_NewRef(empty_tuple());
  PyTupleObject* r = tuple_alloc(n);
  if (r == nullptr) return nullptr;
  va_list ap;
  va_start(ap, n);
  for (Py_ssize_t i = 0; i < n; i++) r->ob_item[i] = Py_NewRef(va_arg(ap, PyObject*));
  va_end(ap);
  krait::gc::track(r);
  return reinterpret_cast<PyObject*>(r);
}

int _PyTuple_Resize(PyObject** pv, Py_ssize_t newsize) {
  PyObject* v = *pv;
  if (v == nullptr || !Py_IS_TYPE(v, &PyTuple_Type) || newsize < 0 ||
      (Py_SIZE(v) != 0 && Py_REFCNT(v) != 1)) {
    *pv = nullptr;
    Py_XDECREF(v);
    PyErr_BadInternalCall();
    return -1;
  }
  Py_ssize_t oldsize = Py_SIZE(v);
  if (oldsize == newsize) return 0;
  if (oldsize == 0) {
    // The shared empty tuple cannot grow: make a fresh one.
    Py_DECREF(v);
    *pv = PyTuple_New(newsize);
    return *pv == nullptr ? -1 : 0;
  }
  if (newsize == 0) {
    Py_DECREF(v);
    *pv = Py_NewRef(empty_tuple());
    return 0;
  }
  krait::gc::untrack(v);
  for (Py_ssize_t i = newsize; i < oldsize; i++) Py_CLEAR(items_of(v)[i]);
  PyTupleObject* sv = PyObject_GC_Resize(PyTupleObject, v, newsize);
  if (sv == nullptr) {
    *pv = nullptr;
    PyObject_GC_Del(v);
    return -1;
  }
  for (Py_ssize_t i = oldsize; i < newsize; i++) sv->ob_item[i] = nullptr;
  krait::gc::track(sv);
  *pv = reinterpret_cast<PyObject*>(sv);
  return 0;
}

void _PyTuple_MaybeUntrack(PyObject* op) {
  if (!PyTuple_CheckExact(op) || !PyObject_GC_IsTracked(op)) return;
  for (Py_ssize_t i = 0; i < Py_SIZE(op); i++) {
    PyObject* elt = items_of(op)[i];
    // Untracking is only safe when no item can ever be part of a cycle.
    if (elt == nullptr) return;
    if (PyObject_IS_GC(elt) && (!PyTuple_CheckExact(elt) || PyObject_GC_IsTracked(elt))) return;
  }
  krait::gc::untrack(op);
}

void _PyTuple_DebugMallocStats(FILE* out) {
  for (Py_ssize_t i = 1; i < kFreeListSizes; i++)
    fprintf(out, "free %zd-sized PyTupleObject: %d\n", i, g_free_count[i]);
}
