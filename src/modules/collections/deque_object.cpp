// deque_object.cpp — collections.deque and its two iterator types.
//
// Layout: a growable ring buffer (power-of-two capacity, head index, size in
// ob_size) instead of CPython's linked list of 64-slot blocks. Both give O(1)
// appends and pops at either end; the ring also gives O(1) indexing and keeps
// the items contiguous for cache-friendly iteration. `state` counts
// structural mutations so iterators and searches can detect a deque changed
// under them and raise CPython's errors.
#include "modules/collections/collections.h"

#include <cstddef>
#include <cstring>
#include <utility>

#include "support/ref.h"

using namespace krait;
using namespace krait::collections;

namespace {

struct DequeObject {
  PyObject_VAR_HEAD
  PyObject** items;
  Py_ssize_t cap;  // 0 or a power of two
  Py_ssize_t head;
  Py_ssize_t maxlen;  // -1: unbounded
  size_t state;
  PyObject* weakreflist;
};

inline DequeObject* D(PyObject* op) { return reinterpret_cast<DequeObject*>(op); }
inline PyObject*& at(DequeObject* d, Py_ssize_t i) { return d->items[(d->head + i) & (d->cap - 1)]; }

constexpr Py_ssize_t kMinCap = 8;

// Ensures room for one more item.
bool grow(DequeObject* d) {
  Py_ssize_t n = Py_SIZE(d);
  if (n < d->cap) return true;
  Py_ssize_t ncap = d->cap ? d->cap * 2 : kMinCap;
  auto** nitems = static_cast<PyObject**>(PyMem_Malloc(size_t(ncap) * sizeof(PyObject*)));
  if (!nitems) {
    PyErr_NoMemory();
    return false;
  }
  for (Py_ssize_t i = 0; i < n; i++) nitems[i] = at(d, i);
  PyMem_Free(d->items);
  d->items = nitems;
  d->cap = ncap;
  d->head = 0;
  return true;
}

// Gives memory back after the deque shrank a lot.
void maybe_shrink(DequeObject* d) {
  Py_ssize_t n = Py_SIZE(d);
  if (d->cap <= 64 || n * 8 > d->cap) return;
  Py_ssize_t ncap = d->cap / 4;
  auto** nitems = static_cast<PyObject**>(PyMem_Malloc(size_t(ncap) * sizeof(PyObject*)));
  if (!nitems) return;  // keep the big buffer
  for (Py_ssize_t i = 0; i < n; i++) nitems[i] = at(d, i);
  PyMem_Free(d->items);
  d->items = nitems;
  d->cap = ncap;
  d->head = 0;
}

PyObject* pop_right(DequeObject* d) {
  Py_ssize_t n = Py_SIZE(d) - 1;
  PyObject* item = at(d, n);
  Py_SET_SIZE(d, n);
  d->state++;
  return item;
}

PyObject* pop_left(DequeObject* d) {
  PyObject* item = at(d, 0);
  d->head = (d->head + 1) & (d->cap - 1);
  Py_SET_SIZE(d, Py_SIZE(d) - 1);
  d->state++;
  return item;
}

// Steals `item`; trims from the left when beyond maxlen.
int push_right(DequeObject* d, PyObject* item) {
  if (!grow(d)) {
    Py_DECREF(item);
    return -1;
  }
  at(d, Py_SIZE(d)) = item;
  Py_SET_SIZE(d, Py_SIZE(d) + 1);
  d->state++;
  if (d->maxlen >= 0 && Py_SIZE(d) > d->maxlen) Py_DECREF(pop_left(d));
  return 0;
}

int push_left(DequeObject* d, PyObject* item) {
  if (!grow(d)) {
    Py_DECREF(item);
    return -1;
  }
  d->head = (d->head - 1) & (d->cap - 1);
  d->items[d->head] = item;
  Py_SET_SIZE(d, Py_SIZE(d) + 1);
  d->state++;
  if (d->maxlen >= 0 && Py_SIZE(d) > d->maxlen) Py_DECREF(pop_right(d));
  return 0;
}

void deque_clear_items(DequeObject* d) {
  // Detach first: decrefs may run code that looks at the deque.
  Py_ssize_t n = Py_SIZE(d);
  PyObject** items = d->items;
  Py_ssize_t head = d->head, cap = d->cap;
  d->items = nullptr;
  d->cap = 0;
  d->head = 0;
  Py_SET_SIZE(d, 0);
  d->state++;
  for (Py_ssize_t i = 0; i < n; i++) Py_DECREF(items[(head + i) & (cap - 1)]);
  PyMem_Free(items);
}

PyObject* deque_new(PyTypeObject* type, PyObject*, PyObject*) {
  auto* d = reinterpret_cast<DequeObject*>(type->tp_alloc(type, 0));
  if (!d) return nullptr;
  d->items = nullptr;
  d->cap = 0;
  d->head = 0;
  d->maxlen = -1;
  d->state = 0;
  d->weakreflist = nullptr;
  return reinterpret_cast<PyObject*>(d);
}

int deque_tp_clear(PyObject* op) {
  deque_clear_items(D(op));
  return 0;
}

void deque_dealloc(PyObject* op) {
  PyObject_GC_UnTrack(op);
  if (D(op)->weakreflist) PyObject_ClearWeakRefs(op);
  deque_clear_items(D(op));
  Py_TYPE(op)->tp_free(op);
}

int deque_traverse(PyObject* op, visitproc visit, void* arg) {
  DequeObject* d = D(op);
  for (Py_ssize_t i = 0; i < Py_SIZE(d); i++) Py_VISIT(at(d, i));
  return 0;
}

// -- methods --------------------------------------------------------------------

PyObject* deque_append(PyObject* op, PyObject* item) {
  if (push_right(D(op), Py_NewRef(item)) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* deque_appendleft(PyObject* op, PyObject* item) {
  if (push_left(D(op), Py_NewRef(item)) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* deque_pop(PyObject* op, PyObject*) {
  DequeObject* d = D(op);
  if (Py_SIZE(d) == 0) {
    PyErr_SetString(PyExc_IndexError, "pop from an empty deque");
    return nullptr;
  }
  PyObject* item = pop_right(d);
  maybe_shrink(d);
  return item;
}

PyObject* deque_popleft(PyObject* op, PyObject*) {
  DequeObject* d = D(op);
  if (Py_SIZE(d) == 0) {
    PyErr_SetString(PyExc_IndexError, "pop from an empty deque");
    return nullptr;
  }
  PyObject* item = pop_left(d);
  maybe_shrink(d);
  return item;
}

// Drains `iterable` into the deque at one end.
PyObject* deque_extend_impl(PyObject* op, PyObject* iterable, bool left) {
  DequeObject* d = D(op);
  if (iterable == op) {
    // Extending by itself: iterate over a snapshot.
    Ref<> s = steal(PySequence_List(iterable));
    if (!s) return nullptr;
    return deque_extend_impl(op, s.get(), left);
  }
  Ref<> it = steal(PyObject_GetIter(iterable));
  if (!it) return nullptr;
  iternextfunc next = Py_TYPE(it.get())->tp_iternext;
  if (d->maxlen == 0) {
    // Nothing is kept, but the iterable is still consumed.
    while (PyObject* item = next(it.get())) Py_DECREF(item);
  } else {
    while (PyObject* item = next(it.get())) {
      if ((left ? push_left(d, item) : push_right(d, item)) < 0) return nullptr;
    }
  }
  if (PyErr_Occurred()) {
    if (!PyErr_ExceptionMatches(PyExc_StopIteration)) return nullptr;
    PyErr_Clear();
  }
  Py_RETURN_NONE;
}

PyObject* deque_extend(PyObject* op, PyObject* iterable) {
  return deque_extend_impl(op, iterable, false);
}
PyObject* deque_extendleft(PyObject* op, PyObject* iterable) {
  return deque_extend_impl(op, iterable, true);
}

PyObject* deque_clearmethod(PyObject* op, PyObject*) {
  deque_clear_items(D(op));
  Py_RETURN_NONE;
}

PyObject* deque_copy(PyObject* op, PyObject* = nullptr) {
  DequeObject* d = D(op);
  if (Py_IS_TYPE(op, &deque_type)) {
    PyObject* result = deque_new(&deque_type, nullptr, nullptr);
    if (!result) return nullptr;
    D(result)->maxlen = d->maxlen;
    for (Py_ssize_t i = 0; i < Py_SIZE(d); i++) {
      if (push_right(D(result), Py_NewRef(at(d, i))) < 0) {
        Py_DECREF(result);
        return nullptr;
      }
    }
    return result;
  }
  if (d->maxlen < 0) return PyObject_CallOneArg(reinterpret_cast<PyObject*>(Py_TYPE(op)), op);
  return PyObject_CallFunction(reinterpret_cast<PyObject*>(Py_TYPE(op)), "On", op, d->maxlen);
}

PyObject* mutated_error(PyObject* exc = PyExc_RuntimeError) {
  PyErr_SetString(exc, "deque mutated during iteration");
  return nullptr;
}

PyObject* deque_count(PyObject* op, PyObject* v) {
  DequeObject* d = D(op);
  size_t start_state = d->state;
  Py_ssize_t count = 0;
  for (Py_ssize_t i = 0; i < Py_SIZE(d); i++) {
    PyObject* item = Py_NewRef(at(d, i));
    int cmp = PyObject_RichCompareBool(item, v, Py_EQ);
    Py_DECREF(item);
    if (cmp < 0) return nullptr;
    count += cmp;
    if (start_state != d->state) return mutated_error();
  }
  return PyLong_FromSsize_t(count);
}

int deque_contains(PyObject* op, PyObject* v) {
  DequeObject* d = D(op);
  size_t start_state = d->state;
  for (Py_ssize_t i = 0; i < Py_SIZE(d); i++) {
    PyObject* item = Py_NewRef(at(d, i));
    int cmp = PyObject_RichCompareBool(item, v, Py_EQ);
    Py_DECREF(item);
    if (cmp) return cmp;
    if (start_state != d->state) {
      mutated_error();
      return -1;
    }
  }
  return 0;
}

PyObject* deque_index(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs < 1 || nargs > 3) {
    if (nargs < 1)
      PyErr_Format(PyExc_TypeError, "index() takes at least 1 argument (%zd given)", nargs);
    else
      PyErr_Format(PyExc_TypeError, "index() takes at most 3 arguments (%zd given)", nargs);
    return nullptr;
  }
  DequeObject* d = D(op);
  PyObject* v = args[0];
  Py_ssize_t start = 0, stop = PY_SSIZE_T_MAX;
  if (nargs >= 2 && !_PyEval_SliceIndexNotNone(args[1], &start)) return nullptr;
  if (nargs >= 3 && !_PyEval_SliceIndexNotNone(args[2], &stop)) return nullptr;
  Py_ssize_t n = Py_SIZE(d);
  if (start < 0) {
    start += n;
    if (start < 0) start = 0;
  }
  if (stop < 0) {
    stop += n;
    if (stop < 0) stop = 0;
  }
  if (stop > n) stop = n;
  if (start > stop) start = stop;
  size_t start_state = d->state;
  for (Py_ssize_t i = start; i < stop && i < Py_SIZE(d); i++) {
    PyObject* item = Py_NewRef(at(d, i));
    int cmp = PyObject_RichCompareBool(item, v, Py_EQ);
    Py_DECREF(item);
    if (cmp > 0) return PyLong_FromSsize_t(i);
    if (cmp < 0) return nullptr;
    if (start_state != d->state) return mutated_error();
  }
  PyErr_Format(PyExc_ValueError, "%R is not in deque", v);
  return nullptr;
}

// Removes the item at i (0 <= i < size), returning the owned reference.
PyObject* take_at(DequeObject* d, Py_ssize_t i) {
  Py_ssize_t n = Py_SIZE(d);
  PyObject* item = at(d, i);
  if (i < n / 2) {
    for (Py_ssize_t j = i; j > 0; j--) at(d, j) = at(d, j - 1);
    d->head = (d->head + 1) & (d->cap - 1);
  } else {
    for (Py_ssize_t j = i; j < n - 1; j++) at(d, j) = at(d, j + 1);
  }
  Py_SET_SIZE(d, n - 1);
  d->state++;
  return item;
}

PyObject* deque_remove(PyObject* op, PyObject* v) {
  DequeObject* d = D(op);
  size_t start_state = d->state;
  for (Py_ssize_t i = 0; i < Py_SIZE(d); i++) {
    PyObject* item = Py_NewRef(at(d, i));
    int cmp = PyObject_RichCompareBool(item, v, Py_EQ);
    Py_DECREF(item);
    if (cmp < 0) return nullptr;
    if (start_state != d->state) return mutated_error(PyExc_IndexError);
    if (cmp > 0) {
      Py_DECREF(take_at(d, i));
      Py_RETURN_NONE;
    }
  }
  PyErr_Format(PyExc_ValueError, "%R is not in deque", v);
  return nullptr;
}

PyObject* deque_insert(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs != 2) {
    PyErr_Format(PyExc_TypeError, "insert() takes exactly 2 arguments (%zd given)", nargs);
    return nullptr;
  }
  Py_ssize_t index;
  {
    PyObject* iobj = PyNumber_Index(args[0]);
    if (!iobj) return nullptr;
    index = PyLong_AsSsize_t(iobj);
    Py_DECREF(iobj);
    if (index == -1 && PyErr_Occurred()) return nullptr;
  }
  DequeObject* d = D(op);
  Py_ssize_t n = Py_SIZE(d);
  if (d->maxlen == n) {
    PyErr_SetString(PyExc_IndexError, "deque already at its maximum size");
    return nullptr;
  }
  if (index >= n) return deque_append(op, args[1]);
  if (index <= -n || index == 0) return deque_appendleft(op, args[1]);
  if (index < 0) index += n;
  if (!grow(d)) return nullptr;
  // Open a hole at `index` by shifting the shorter side.
  if (index < n / 2) {
    d->head = (d->head - 1) & (d->cap - 1);
    for (Py_ssize_t j = 0; j < index; j++) at(d, j) = at(d, j + 1);
  } else {
    for (Py_ssize_t j = n; j > index; j--) at(d, j) = at(d, j - 1);
  }
  at(d, index) = Py_NewRef(args[1]);
  Py_SET_SIZE(d, n + 1);
  d->state++;
  Py_RETURN_NONE;
}

PyObject* deque_reverse(PyObject* op, PyObject*) {
  DequeObject* d = D(op);
  for (Py_ssize_t i = 0, j = Py_SIZE(d) - 1; i < j; i++, j--) std::swap(at(d, i), at(d, j));
  Py_RETURN_NONE;
}

void rotate_by(DequeObject* d, Py_ssize_t n) {
  Py_ssize_t len = Py_SIZE(d);
  if (len <= 1) return;
  n %= len;
  if (n < 0) n += len;
  if (n == 0) return;
  if (len == d->cap) {
    // Full ring: rotating is moving the head.
    d->head = (d->head - n) & (d->cap - 1);
    return;
  }
  if (n <= len / 2) {
    for (Py_ssize_t k = 0; k < n; k++) {
      PyObject* item = at(d, len - 1);
      d->head = (d->head - 1) & (d->cap - 1);
      at(d, 0) = item;
    }
  } else {
    for (Py_ssize_t k = 0; k < len - n; k++) {
      PyObject* item = at(d, 0);
      d->head = (d->head + 1) & (d->cap - 1);
      at(d, len - 1) = item;
    }
  }
}

PyObject* deque_rotate(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("deque.rotate", nargs, 0, 1)) return nullptr;
  Py_ssize_t n = 1;
  if (nargs == 1) {
    PyObject* iobj = PyNumber_Index(args[0]);
    if (!iobj) return nullptr;
    n = PyLong_AsSsize_t(iobj);
    Py_DECREF(iobj);
    if (n == -1 && PyErr_Occurred()) return nullptr;
  }
  rotate_by(D(op), n);
  Py_RETURN_NONE;
}

PyObject* deque_reduce(PyObject* op, PyObject*) {
  DequeObject* d = D(op);
  // The state is what __getstate__ says (CPython's _PyObject_GetState): the instance dict and,
  // for subclasses with __slots__, the slot values too.
  static PyObject* getstate_name = PyUnicode_InternFromString("__getstate__");
  Ref<> state = steal(PyObject_CallMethodNoArgs(op, getstate_name));
  if (!state) return nullptr;
  Ref<> it = steal(PyObject_GetIter(op));
  if (!it) return nullptr;
  if (d->maxlen < 0)
    return Py_BuildValue("O()OO", Py_TYPE(op), state.get(), it.get());
  return Py_BuildValue("O(()n)OO", Py_TYPE(op), d->maxlen, state.get(), it.get());
}

PyObject* deque_sizeof(PyObject* op, PyObject*) {
  return PyLong_FromSsize_t(Py_TYPE(op)->tp_basicsize +
                            D(op)->cap * Py_ssize_t(sizeof(PyObject*)));
}

PyObject* deque_reversed(PyObject* op, PyObject*);

PyObject* deque_get_maxlen(PyObject* op, void*) {
  if (D(op)->maxlen < 0) Py_RETURN_NONE;
  return PyLong_FromSsize_t(D(op)->maxlen);
}

// -- slots ----------------------------------------------------------------------

int deque_init(PyObject* op, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"iterable", "maxlen", nullptr};
  PyObject* iterable = nullptr;
  PyObject* maxlenobj = nullptr;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|OO:deque", const_cast<char**>(kwlist), &iterable,
                                   &maxlenobj))
    return -1;
  Py_ssize_t maxlen = -1;
  if (maxlenobj != nullptr && maxlenobj != Py_None) {
    maxlen = PyLong_AsSsize_t(maxlenobj);
    if (maxlen == -1 && PyErr_Occurred()) return -1;
    if (maxlen < 0) {
      PyErr_SetString(PyExc_ValueError, "maxlen must be non-negative");
      return -1;
    }
  }
  DequeObject* d = D(op);
  d->maxlen = maxlen;
  if (Py_SIZE(d) > 0) deque_clear_items(d);
  if (iterable != nullptr) {
    PyObject* r = deque_extend(op, iterable);
    if (!r) return -1;
    Py_DECREF(r);
  }
  return 0;
}

Py_ssize_t deque_len(PyObject* op) { return Py_SIZE(op); }

PyObject* deque_item(PyObject* op, Py_ssize_t i) {
  DequeObject* d = D(op);
  if (i < 0 || i >= Py_SIZE(d)) {
    PyErr_SetString(PyExc_IndexError, "deque index out of range");
    return nullptr;
  }
  return Py_NewRef(at(d, i));
}

int deque_ass_item(PyObject* op, Py_ssize_t i, PyObject* v) {
  DequeObject* d = D(op);
  if (i < 0 || i >= Py_SIZE(d)) {
    PyErr_SetString(PyExc_IndexError, "deque index out of range");
    return -1;
  }
  if (v == nullptr) {
    Py_DECREF(take_at(d, i));
    return 0;
  }
  Py_SETREF(at(d, i), Py_NewRef(v));
  return 0;
}

PyObject* deque_concat(PyObject* op, PyObject* other) {
  int rv = PyObject_IsInstance(other, reinterpret_cast<PyObject*>(&deque_type));
  if (rv <= 0) {
    if (rv == 0)
      PyErr_Format(PyExc_TypeError, "can only concatenate deque (not \"%.200s\") to deque",
                   Py_TYPE(other)->tp_name);
    return nullptr;
  }
  Ref<> nd = steal(deque_copy(op));
  if (!nd) return nullptr;
  Ref<> r = steal(deque_extend(nd.get(), other));
  if (!r) return nullptr;
  return nd.release();
}

PyObject* deque_inplace_concat(PyObject* op, PyObject* other) {
  Ref<> r = steal(deque_extend(op, other));
  if (!r) return nullptr;
  return Py_NewRef(op);
}

PyObject* deque_inplace_repeat(PyObject* op, Py_ssize_t n) {
  DequeObject* d = D(op);
  Py_ssize_t size = Py_SIZE(d);
  if (size == 0 || n == 1) return Py_NewRef(op);
  if (n <= 0) {
    deque_clear_items(d);
    return Py_NewRef(op);
  }
  if (d->maxlen < 0 && size > PY_SSIZE_T_MAX / n) return PyErr_NoMemory();
  Ref<> snapshot = steal(PySequence_List(op));
  if (!snapshot) return nullptr;
  Py_ssize_t reps = n - 1;
  // With a bound only the last maxlen items survive: skip whole copies.
  if (d->maxlen >= 0 && reps > d->maxlen / size + 1) reps = d->maxlen / size + 1;
  for (Py_ssize_t r = 0; r < reps; r++)
    for (Py_ssize_t i = 0; i < size; i++)
      if (push_right(d, Py_NewRef(PyList_GET_ITEM(snapshot.get(), i))) < 0) return nullptr;
  return Py_NewRef(op);
}

PyObject* deque_repeat(PyObject* op, Py_ssize_t n) {
  Ref<> nd = steal(deque_copy(op));
  if (!nd) return nullptr;
  PyObject* r = deque_inplace_repeat(nd.get(), n);
  return r;  // deque_inplace_repeat returned a new reference to nd
}

PyObject* deque_repr(PyObject* op) {
  int i = Py_ReprEnter(op);
  if (i != 0) {
    if (i < 0) return nullptr;
    return PyUnicode_FromString("[...]");
  }
  PyObject* aslist = PySequence_List(op);
  if (!aslist) {
    Py_ReprLeave(op);
    return nullptr;
  }
  PyObject* result;
  if (D(op)->maxlen >= 0)
    result = PyUnicode_FromFormat("%s(%R, maxlen=%zd)", _PyType_Name(Py_TYPE(op)), aslist,
                                  D(op)->maxlen);
  else
    result = PyUnicode_FromFormat("%s(%R)", _PyType_Name(Py_TYPE(op)), aslist);
  Py_ReprLeave(op);
  Py_DECREF(aslist);
  return result;
}

PyObject* deque_richcompare(PyObject* v, PyObject* w, int op) {
  if (!PyObject_TypeCheck(v, &deque_type) || !PyObject_TypeCheck(w, &deque_type))
    Py_RETURN_NOTIMPLEMENTED;
  Py_ssize_t vs = Py_SIZE(v), ws = Py_SIZE(w);
  if (op == Py_EQ) {
    if (v == w) Py_RETURN_TRUE;
    if (vs != ws) Py_RETURN_FALSE;
  }
  if (op == Py_NE) {
    if (v == w) Py_RETURN_FALSE;
    if (vs != ws) Py_RETURN_TRUE;
  }
  Ref<> it1 = steal(PyObject_GetIter(v));
  if (!it1) return nullptr;
  Ref<> it2 = steal(PyObject_GetIter(w));
  if (!it2) return nullptr;
  Ref<> x, y;
  for (;;) {
    x = steal(PyIter_Next(it1.get()));
    if (!x && PyErr_Occurred()) return nullptr;
    y = steal(PyIter_Next(it2.get()));
    if (!x || !y) break;
    int b = PyObject_RichCompareBool(x.get(), y.get(), Py_EQ);
    if (b == 0) return PyObject_RichCompare(x.get(), y.get(), op);
    if (b < 0) return nullptr;
  }
  if (PyErr_Occurred()) return nullptr;
  bool cmp = false;
  switch (op) {
    case Py_LT: cmp = bool(y); break;
    case Py_LE: cmp = !x; break;
    case Py_EQ: cmp = x.get() == y.get(); break;
    case Py_NE: cmp = x.get() != y.get(); break;
    case Py_GT: cmp = bool(x); break;
    case Py_GE: cmp = !y; break;
  }
  return PyBool_FromLong(cmp);
}

// -- iterators --------------------------------------------------------------------

struct DequeIter {
  PyObject_HEAD
  DequeObject* deque;
  Py_ssize_t index;    // next position to yield
  Py_ssize_t counter;  // items left
  size_t state;
};

PyObject* make_iter(PyTypeObject* type, DequeObject* d) {
  auto* it = PyObject_GC_New(DequeIter, type);
  if (!it) return nullptr;
  it->deque = reinterpret_cast<DequeObject*>(Py_NewRef(reinterpret_cast<PyObject*>(d)));
  it->index = type == &dequereviter_type ? Py_SIZE(d) - 1 : 0;
  it->counter = Py_SIZE(d);
  it->state = d->state;
  PyObject_GC_Track(it);
  return reinterpret_cast<PyObject*>(it);
}

PyObject* deque_iter(PyObject* op) { return make_iter(&dequeiter_type, D(op)); }
PyObject* deque_reversed(PyObject* op, PyObject*) { return make_iter(&dequereviter_type, D(op)); }

void dequeiter_dealloc(PyObject* op) {
  PyObject_GC_UnTrack(op);
  Py_CLEAR(reinterpret_cast<DequeIter*>(op)->deque);
  PyObject_GC_Del(op);
}

int dequeiter_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<PyObject*>(reinterpret_cast<DequeIter*>(op)->deque));
  return 0;
}

PyObject* dequeiter_next_impl(PyObject* op, Py_ssize_t step) {
  auto* it = reinterpret_cast<DequeIter*>(op);
  if (it->deque->state != it->state) {
    it->counter = 0;
    return mutated_error();
  }
  if (it->counter == 0) return nullptr;
  PyObject* item = at(it->deque, it->index);
  it->index += step;
  it->counter--;
  return Py_NewRef(item);
}

PyObject* dequeiter_next(PyObject* op) { return dequeiter_next_impl(op, 1); }
PyObject* dequereviter_next(PyObject* op) { return dequeiter_next_impl(op, -1); }

PyObject* dequeiter_len(PyObject* op, PyObject*) {
  return PyLong_FromSsize_t(reinterpret_cast<DequeIter*>(op)->counter);
}

PyObject* dequeiter_reduce(PyObject* op, PyObject*) {
  auto* it = reinterpret_cast<DequeIter*>(op);
  return Py_BuildValue("O(On)", Py_TYPE(op), it->deque, Py_SIZE(it->deque) - it->counter);
}

PyObject* dequeiter_new_common(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  PyObject* deque;
  Py_ssize_t index = 0;
  if (!PyArg_ParseTuple(args, "O!|n", &deque_type, &deque, &index)) return nullptr;
  PyObject* it = make_iter(type, D(deque));
  if (!it) return nullptr;
  // Advance to the position the pickled iterator had.
  for (Py_ssize_t i = 0; i < index; i++) {
    PyObject* item = Py_TYPE(it)->tp_iternext(it);
    if (!item) {
      if (PyErr_Occurred()) {
        Py_DECREF(it);
        return nullptr;
      }
      break;
    }
    Py_DECREF(item);
  }
  return it;
}

PyMethodDef dequeiter_methods[] = {
    {"__length_hint__", dequeiter_len, METH_NOARGS, "Private method returning an estimate of len(list(it))."},
    {"__reduce__", dequeiter_reduce, METH_NOARGS, "Return state information for pickling."},
    {nullptr, nullptr, 0, nullptr},
};

#define FASTCALL(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(f))

PyMethodDef deque_methods[] = {
    {"append", deque_append, METH_O, "Add an element to the right side of the deque."},
    {"appendleft", deque_appendleft, METH_O, "Add an element to the left side of the deque."},
    {"clear", deque_clearmethod, METH_NOARGS, "Remove all elements from the deque."},
    {"__copy__", deque_copy, METH_NOARGS, "Return a shallow copy of a deque."},
    {"copy", deque_copy, METH_NOARGS, "Return a shallow copy of a deque."},
    {"count", deque_count, METH_O, "D.count(value) -- return number of occurrences of value"},
    {"extend", deque_extend, METH_O, "Extend the right side of the deque with elements from the iterable"},
    {"extendleft", deque_extendleft, METH_O, "Extend the left side of the deque with elements from the iterable"},
    {"index", FASTCALL(deque_index), METH_FASTCALL,
     "D.index(value, [start, [stop]]) -- return first index of value.\n"
     "Raises ValueError if the value is not present."},
    {"insert", FASTCALL(deque_insert), METH_FASTCALL, "D.insert(index, object) -- insert object before index"},
    {"pop", deque_pop, METH_NOARGS, "Remove and return the rightmost element."},
    {"popleft", deque_popleft, METH_NOARGS, "Remove and return the leftmost element."},
    {"__reduce__", deque_reduce, METH_NOARGS, "Return state information for pickling."},
    {"remove", deque_remove, METH_O, "D.remove(value) -- remove first occurrence of value."},
    {"__reversed__", deque_reversed, METH_NOARGS, "D.__reversed__() -- return a reverse iterator over the deque"},
    {"reverse", deque_reverse, METH_NOARGS, "D.reverse() -- reverse *IN PLACE*"},
    {"rotate", FASTCALL(deque_rotate), METH_FASTCALL, "Rotate the deque n steps to the right (default n=1).  If n is negative, rotates left."},
    {"__sizeof__", deque_sizeof, METH_NOARGS, "D.__sizeof__() -- size of D in memory, in bytes"},
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS, "See PEP 585"},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef deque_getset[] = {
    {"maxlen", deque_get_maxlen, nullptr, "maximum size of a deque or None if unbounded", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PySequenceMethods deque_as_sequence = {
    .sq_length = deque_len,
    .sq_concat = deque_concat,
    .sq_repeat = deque_repeat,
    .sq_item = deque_item,
    .sq_ass_item = deque_ass_item,
    .sq_contains = deque_contains,
    .sq_inplace_concat = deque_inplace_concat,
    .sq_inplace_repeat = deque_inplace_repeat,
};

}  // namespace

namespace krait::collections {

PyTypeObject deque_type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "collections.deque",
    .tp_basicsize = sizeof(DequeObject),
    .tp_dealloc = deque_dealloc,
    .tp_repr = deque_repr,
    .tp_as_sequence = &deque_as_sequence,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC |
                Py_TPFLAGS_SEQUENCE,
    .tp_doc = "deque([iterable[, maxlen]]) --> deque object\n\n"
              "A list-like sequence optimized for data accesses near its endpoints.",
    .tp_traverse = deque_traverse,
    .tp_clear = deque_tp_clear,
    .tp_richcompare = deque_richcompare,
    .tp_weaklistoffset = offsetof(DequeObject, weakreflist),
    .tp_iter = deque_iter,
    .tp_methods = deque_methods,
    .tp_getset = deque_getset,
    .tp_init = deque_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = deque_new,
    .tp_free = PyObject_GC_Del,
};

PyTypeObject dequeiter_type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "_collections._deque_iterator",
    .tp_basicsize = sizeof(DequeIter),
    .tp_dealloc = dequeiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = dequeiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = dequeiter_next,
    .tp_methods = dequeiter_methods,
    .tp_new = dequeiter_new_common,
};

PyTypeObject dequereviter_type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "_collections._deque_reverse_iterator",
    .tp_basicsize = sizeof(DequeIter),
    .tp_dealloc = dequeiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = dequeiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = dequereviter_next,
    .tp_methods = dequeiter_methods,
    .tp_new = dequeiter_new_common,
};

}  // namespace krait::collections
