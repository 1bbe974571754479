// list: PyListObject exactly as cpython/listobject.h lays it out (ob_item
// vector + allocated), its methods and operators, the forward and reverse
// iterators, and the list C API. Sorting lives in list_sort.cpp.
//
// Growth follows CPython's pattern (newsize + newsize/8 + 6, rounded down to a
// multiple of 4) so `allocated`, and therefore sys.getsizeof(), match.
#include "objects/list_object.h"

#include <cstring>

#include "gc/gc_inline.h"
#include "objects/container_util.h"

namespace krait {
namespace {

constexpr int kFreeListMax = 80;
PyListObject* g_free_list[kFreeListMax];
int g_num_free = 0;

inline PyListObject* as_list(PyObject* o) { return reinterpret_cast<PyListObject*>(o); }

}  // namespace

int list_resize(PyListObject* self, Py_ssize_t newsize) {
  Py_ssize_t allocated = self->allocated;
  // Enough room and not too much slack: only the size changes.
  if (allocated >= newsize && newsize >= (allocated >> 1)) {
    Py_SET_SIZE(self, newsize);
    return 0;
  }
  size_t new_allocated = (size_t(newsize) + (size_t(newsize) >> 3) + 6) & ~size_t(3);
  // A big jump (extend by many) allocates closer to the request.
  if (newsize - Py_SIZE(self) > Py_ssize_t(new_allocated - size_t(newsize)))
    new_allocated = (size_t(newsize) + 3) & ~size_t(3);
  if (newsize == 0) new_allocated = 0;
  PyObject** items;
  if (new_allocated <= size_t(PY_SSIZE_T_MAX) / sizeof(PyObject*)) {
    items = static_cast<PyObject**>(PyMem_Realloc(self->ob_item, new_allocated * sizeof(PyObject*)));
  } else {
    items = nullptr;
  }
  if (items == nullptr && new_allocated != 0) {
    PyErr_NoMemory();
    return -1;
  }
  self->ob_item = items;
  Py_SET_SIZE(self, newsize);
  self->allocated = Py_ssize_t(new_allocated);
  return 0;
}

namespace {

// Sets an exact capacity for an empty list (rounded up to even, as CPython
// does, which keeps getsizeof() of list(iterable) identical).
int list_preallocate_exact(PyListObject* self, Py_ssize_t size) {
  size = (size + 1) & ~Py_ssize_t(1);
  PyObject** items = PyMem_New(PyObject*, size);
  if (items == nullptr) {
    PyErr_NoMemory();
    return -1;
  }
  self->ob_item = items;
  self->allocated = size;
  return 0;
}

PyListObject* list_alloc() {
  PyListObject* op;
  if (g_num_free > 0) {
    op = g_free_list[--g_num_free];
    _Py_NewReference(reinterpret_cast<PyObject*>(op));
  } else {
    op = PyObject_GC_New(PyListObject, &PyList_Type);
    if (op == nullptr) return nullptr;
  }
  op->ob_item = nullptr;
  Py_SET_SIZE(op, 0);
  op->allocated = 0;
  return op;
}

int app1(PyListObject* self, PyObject* v) {
  Py_ssize_t n = Py_SIZE(self);
  if (list_resize(self, n + 1) < 0) return -1;
  self->ob_item[n] = Py_NewRef(v);
  return 0;
}

}  // namespace

int list_append(PyListObject* self, PyObject* v) {
  Py_ssize_t len = Py_SIZE(self);
  if (len < self->allocated) {
    self->ob_item[len] = Py_NewRef(v);
    Py_SET_SIZE(self, len + 1);
    return 0;
  }
  return app1(self, v);
}

PyObject* list_new_prealloc(Py_ssize_t size) {
  PyListObject* op = list_alloc();
  if (op == nullptr) return nullptr;
  if (size > 0) {
    op->ob_item = PyMem_New(PyObject*, size);
    if (op->ob_item == nullptr) {
      Py_DECREF(op);
      return PyErr_NoMemory();
    }
    op->allocated = size;
  }
  krait::gc::track(op);
  return reinterpret_cast<PyObject*>(op);
}

int list_extend(PyListObject* self, PyObject* iterable) {
  if (PyList_CheckExact(iterable) || PyTuple_CheckExact(iterable) ||
      reinterpret_cast<PyObject*>(self) == iterable) {
    PyObject* seq = PySequence_Fast(iterable, "argument must be iterable");
    if (seq == nullptr) return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    if (n == 0) {
      Py_DECREF(seq);
      return 0;
    }
    Py_ssize_t m = Py_SIZE(self);
    if (self->ob_item == nullptr) {
      if (list_preallocate_exact(self, n) < 0) {
        Py_DECREF(seq);
        return -1;
      }
      Py_SET_SIZE(self, n);
    } else if (list_resize(self, m + n) < 0) {
      Py_DECREF(seq);
      return -1;
    }
    // Read the source after resizing: with self-extension the source is us.
    PyObject** src = PySequence_Fast_ITEMS(seq);
    PyObject** dest = self->ob_item + m;
    for (Py_ssize_t i = 0; i < n; i++) dest[i] = Py_NewRef(src[i]);
    Py_DECREF(seq);
    return 0;
  }

  PyObject* it = PyObject_GetIter(iterable);
  if (it == nullptr) return -1;
  iternextfunc iternext = Py_TYPE(it)->tp_iternext;
  Py_ssize_t n = PyObject_LengthHint(iterable, 8);
  if (n < 0) {
    Py_DECREF(it);
    return -1;
  }
  Py_ssize_t m = Py_SIZE(self);
  if (m > PY_SSIZE_T_MAX - n) {
    // Overflow of the guess: just don't preallocate.
  } else if (self->ob_item == nullptr) {
    if (n && list_preallocate_exact(self, n) < 0) goto error;
  } else {
    if (list_resize(self, m + n) < 0) goto error;
    Py_SET_SIZE(self, m);
  }
  for (;;) {
    PyObject* item = iternext(it);
    if (item == nullptr) {
      if (PyErr_Occurred()) {
        if (PyErr_ExceptionMatches(PyExc_StopIteration)) PyErr_Clear();
        else goto error;
      }
      break;
    }
    if (Py_SIZE(self) < self->allocated) {
      self->ob_item[Py_SIZE(self)] = item;
      Py_SET_SIZE(self, Py_SIZE(self) + 1);
    } else {
      int rc = app1(self, item);
      Py_DECREF(item);
      if (rc < 0) goto error;
    }
  }
  // Give back what the length hint over-estimated.
  if (Py_SIZE(self) < self->allocated && list_resize(self, Py_SIZE(self)) < 0) goto error;
  Py_DECREF(it);
  return 0;
error:
  Py_DECREF(it);
  return -1;
}

namespace {

// -- Core helpers -----------------------------------------------------------

PyObject* list_slice(PyListObject* a, Py_ssize_t lo, Py_ssize_t hi) {
  Py_ssize_t len = hi - lo;
  if (len <= 0) return PyList_New(0);
  PyObject* np = list_new_prealloc(len);
  if (np == nullptr) return nullptr;
  PyObject** src = a->ob_item + lo;
  PyObject** dest = as_list(np)->ob_item;
  for (Py_ssize_t i = 0; i < len; i++) dest[i] = Py_NewRef(src[i]);
  Py_SET_SIZE(np, len);
  return np;
}

int list_clear_impl(PyListObject* a) {
  PyObject** items = a->ob_item;
  if (items != nullptr) {
    // Detach first: decrefs may run code that looks at (or refills) the list.
    Py_ssize_t i = Py_SIZE(a);
    Py_SET_SIZE(a, 0);
    a->ob_item = nullptr;
    a->allocated = 0;
    while (--i >= 0) Py_XDECREF(items[i]);
    PyMem_Free(items);
  }
  return 0;
}

// a[ilow:ihigh] = v (v == NULL deletes). Ordinary slices only.
int list_ass_slice(PyListObject* a, Py_ssize_t ilow, Py_ssize_t ihigh, PyObject* v) {
  PyObject* recycle_on_stack[8];
  PyObject** recycle = recycle_on_stack;
  PyObject* v_as_SF = nullptr;
  PyObject** vitem = nullptr;
  Py_ssize_t n;
  int result = -1;

  if (v == nullptr) {
    n = 0;
  } else {
    if (reinterpret_cast<PyObject*>(a) == v) {
      // a[i:j] = a: assign from a copy.
      v = list_slice(a, 0, Py_SIZE(a));
      if (v == nullptr) return -1;
      result = list_ass_slice(a, ilow, ihigh, v);
      Py_DECREF(v);
      return result;
    }
    v_as_SF = PySequence_Fast(v, "can only assign an iterable");
    if (v_as_SF == nullptr) return -1;
    n = PySequence_Fast_GET_SIZE(v_as_SF);
    vitem = PySequence_Fast_ITEMS(v_as_SF);
  }
  if (ilow < 0) ilow = 0;
  else if (ilow > Py_SIZE(a)) ilow = Py_SIZE(a);
  if (ihigh < ilow) ihigh = ilow;
  else if (ihigh > Py_SIZE(a)) ihigh = Py_SIZE(a);

  Py_ssize_t norig = ihigh - ilow;
  Py_ssize_t d = n - norig;
  if (Py_SIZE(a) + d == 0) {
    Py_XDECREF(v_as_SF);
    return list_clear_impl(a);
  }
  PyObject** item = a->ob_item;
  // Keep the replaced items alive until the list is consistent again.
  size_t s = size_t(norig) * sizeof(PyObject*);
  if (s) {
    if (s > sizeof(recycle_on_stack)) {
      recycle = static_cast<PyObject**>(PyMem_Malloc(s));
      if (recycle == nullptr) {
        PyErr_NoMemory();
        goto done;
      }
    }
    std::memcpy(recycle, &item[ilow], s);
  }
  if (d < 0) {
    Py_ssize_t tail = (Py_SIZE(a) - ihigh) * Py_ssize_t(sizeof(PyObject*));
    std::memmove(&item[ihigh + d], &item[ihigh], size_t(tail));
    if (list_resize(a, Py_SIZE(a) + d) < 0) {
      std::memmove(&item[ihigh], &item[ihigh + d], size_t(tail));
      std::memcpy(&item[ilow], recycle, s);
      goto done;
    }
    item = a->ob_item;
  } else if (d > 0) {
    Py_ssize_t k = Py_SIZE(a);
    if (list_resize(a, k + d) < 0) goto done;
    item = a->ob_item;
    std::memmove(&item[ihigh + d], &item[ihigh], size_t(k - ihigh) * sizeof(PyObject*));
  }
  for (Py_ssize_t k = 0; k < n; k++) item[ilow + k] = Py_NewRef(vitem[k]);
  for (Py_ssize_t k = norig - 1; k >= 0; --k) Py_XDECREF(recycle[k]);
  result = 0;
done:
  if (recycle != recycle_on_stack) PyMem_Free(recycle);
  Py_XDECREF(v_as_SF);
  return result;
}

int ins1(PyListObject* self, Py_ssize_t where, PyObject* v) {
  Py_ssize_t n = Py_SIZE(self);
  if (list_resize(self, n + 1) < 0) return -1;
  if (where < 0) {
    where += n;
    if (where < 0) where = 0;
  }
  if (where > n) where = n;
  PyObject** items = self->ob_item;
  for (Py_ssize_t i = n; --i >= where;) items[i + 1] = items[i];
  items[where] = Py_NewRef(v);
  return 0;
}

void reverse_slice(PyObject** lo, PyObject** hi) {
  --hi;
  while (lo < hi) {
    PyObject* t = *lo;
    *lo++ = *hi;
    *hi-- = t;
  }
}

// -- Object protocol ----------------------------------------------------------

void list_dealloc(PyObject* self) {
  PyListObject* op = as_list(self);
  krait::gc::untrack(self);
  KRAIT_TRASHCAN_BEGIN(op, list_dealloc)
  if (op->ob_item != nullptr) {
    for (Py_ssize_t i = Py_SIZE(op); --i >= 0;) Py_XDECREF(op->ob_item[i]);
    PyMem_Free(op->ob_item);
  }
  if (g_num_free < kFreeListMax && PyList_CheckExact(self)) {
    g_free_list[g_num_free++] = op;
  } else {
    Py_TYPE(self)->tp_free(self);
  }
  KRAIT_TRASHCAN_END
}

int list_traverse(PyObject* self, visitproc visit, void* arg) {
  for (Py_ssize_t i = Py_SIZE(self); --i >= 0;) Py_VISIT(as_list(self)->ob_item[i]);
  return 0;
}

int list_tp_clear(PyObject* self) { return list_clear_impl(as_list(self)); }

PyObject* list_repr(PyObject* self) {
  PyListObject* v = as_list(self);
  if (Py_SIZE(v) == 0) return PyUnicode_FromString("[]");
  int rc = Py_ReprEnter(self);
  if (rc != 0) return rc > 0 ? PyUnicode_FromString("[...]") : nullptr;
  PyObject* result = nullptr;
  PyObject* parts = PyList_New(0);
  if (parts != nullptr) {
    bool ok = true;
    // The list may change while its items' reprs run: re-check the size.
    for (Py_ssize_t i = 0; i < Py_SIZE(v); i++) {
      PyObject* item = Py_NewRef(v->ob_item[i]);
      PyObject* r = PyObject_Repr(item);
      Py_DECREF(item);
      if (r == nullptr || list_append(as_list(parts), r) < 0) {
        Py_XDECREF(r);
        ok = false;
        break;
      }
      Py_DECREF(r);
    }
    if (ok) {
      PyObject* sep = PyUnicode_FromString(", ");
      PyObject* body = sep ? PyUnicode_Join(sep, parts) : nullptr;
      Py_XDECREF(sep);
      if (body != nullptr) {
        result = PyUnicode_FromFormat("[%U]", body);
        Py_DECREF(body);
      }
    }
    Py_DECREF(parts);
  }
  Py_ReprLeave(self);
  return result;
}

PyObject* list_richcompare(PyObject* v, PyObject* w, int op) {
  if (!PyList_Check(v) || !PyList_Check(w)) Py_RETURN_NOTIMPLEMENTED;
  PyListObject* vl = as_list(v);
  PyListObject* wl = as_list(w);
  if (Py_SIZE(vl) != Py_SIZE(wl) && (op == Py_EQ || op == Py_NE)) {
    if (op == Py_EQ) Py_RETURN_FALSE;
    Py_RETURN_TRUE;
  }
  Py_ssize_t i;
  for (i = 0; i < Py_SIZE(vl) && i < Py_SIZE(wl); i++) {
    PyObject* vitem = vl->ob_item[i];
    PyObject* witem = wl->ob_item[i];
    if (vitem == witem) continue;
    Py_INCREF(vitem);
    Py_INCREF(witem);
    int k = PyObject_RichCompareBool(vitem, witem, Py_EQ);
    Py_DECREF(vitem);
    Py_DECREF(witem);
    if (k < 0) return nullptr;
    if (!k) break;
  }
  if (i >= Py_SIZE(vl) || i >= Py_SIZE(wl)) Py_RETURN_RICHCOMPARE(Py_SIZE(vl), Py_SIZE(wl), op);
  if (op == Py_EQ) Py_RETURN_FALSE;
  if (op == Py_NE) Py_RETURN_TRUE;
  PyObject* vitem = Py_NewRef(vl->ob_item[i]);
  PyObject* witem = Py_NewRef(wl->ob_item[i]);
  PyObject* res = PyObject_RichCompare(vitem, witem, op);
  Py_DECREF(vitem);
  Py_DECREF(witem);
  return res;
}

// -- Sequence / mapping protocol ----------------------------------------------

Py_ssize_t list_length(PyObject* self) { return Py_SIZE(self); }

int list_contains(PyObject* self, PyObject* el) {
  PyListObject* a = as_list(self);
  int cmp = 0;
  for (Py_ssize_t i = 0; cmp == 0 && i < Py_SIZE(a); ++i) {
    PyObject* item = Py_NewRef(a->ob_item[i]);
    cmp = PyObject_RichCompareBool(item, el, Py_EQ);
    Py_DECREF(item);
  }
  return cmp;
}

PyObject* list_item(PyObject* self, Py_ssize_t i) {
  if (size_t(i) >= size_t(Py_SIZE(self))) {
    PyErr_SetString(PyExc_IndexError, "list index out of range");
    return nullptr;
  }
  return Py_NewRef(as_list(self)->ob_item[i]);
}

int list_ass_item(PyObject* self, Py_ssize_t i, PyObject* v) {
  PyListObject* a = as_list(self);
  if (size_t(i) >= size_t(Py_SIZE(a))) {
    PyErr_SetString(PyExc_IndexError, "list assignment index out of range");
    return -1;
  }
  if (v == nullptr) return list_ass_slice(a, i, i + 1, v);
  PyObject* old = a->ob_item[i];
  a->ob_item[i] = Py_NewRef(v);
  Py_DECREF(old);
  return 0;
}

PyObject* list_concat(PyObject* self, PyObject* bb) {
  if (!PyList_Check(bb)) {
    PyErr_Format(PyExc_TypeError, "can only concatenate list (not \"%.200s\") to list",
                 Py_TYPE(bb)->tp_name);
    return nullptr;
  }
  PyListObject* a = as_list(self);
  PyListObject* b = as_list(bb);
  if (Py_SIZE(a) > PY_SSIZE_T_MAX - Py_SIZE(b)) return PyErr_NoMemory();
  Py_ssize_t size = Py_SIZE(a) + Py_SIZE(b);
  if (size == 0) return PyList_New(0);
  PyObject* np = list_new_prealloc(size);
  if (np == nullptr) return nullptr;
  PyObject** dest = as_list(np)->ob_item;
  for (Py_ssize_t i = 0; i < Py_SIZE(a); i++) dest[i] = Py_NewRef(a->ob_item[i]);
  dest += Py_SIZE(a);
  for (Py_ssize_t i = 0; i < Py_SIZE(b); i++) dest[i] = Py_NewRef(b->ob_item[i]);
  Py_SET_SIZE(np, size);
  return np;
}

PyObject* list_repeat(PyObject* self, Py_ssize_t n) {
  PyListObject* a = as_list(self);
  Py_ssize_t input_size = Py_SIZE(a);
  if (input_size == 0 || n <= 0) return PyList_New(0);
  if (input_size > PY_SSIZE_T_MAX / n) return PyErr_NoMemory();
  Py_ssize_t output_size = input_size * n;
  PyObject* np = list_new_prealloc(output_size);
  if (np == nullptr) return nullptr;
  PyObject** dest = as_list(np)->ob_item;
  for (Py_ssize_t k = 0; k < n; k++)
    for (Py_ssize_t i = 0; i < input_size; i++) *dest++ = Py_NewRef(a->ob_item[i]);
  Py_SET_SIZE(np, output_size);
  return np;
}

PyObject* list_inplace_concat(PyObject* self, PyObject* other) {
  if (list_extend(as_list(self), other) < 0) return nullptr;
  return Py_NewRef(self);
}

PyObject* list_inplace_repeat(PyObject* self, Py_ssize_t n) {
  PyListObject* a = as_list(self);
  Py_ssize_t size = Py_SIZE(a);
  if (size == 0 || n == 1) return Py_NewRef(self);
  if (n < 1) {
    list_clear_impl(a);
    return Py_NewRef(self);
  }
  if (size > PY_SSIZE_T_MAX / n) return PyErr_NoMemory();
  if (list_resize(a, size * n) < 0) return nullptr;
  PyObject** items = a->ob_item;
  Py_ssize_t p = size;
  for (Py_ssize_t i = 1; i < n; i++)
    for (Py_ssize_t j = 0; j < size; j++) items[p++] = Py_NewRef(items[j]);
  return Py_NewRef(self);
}

PyObject* list_subscript(PyObject* self, PyObject* item) {
  PyListObject* a = as_list(self);
  if (PyIndex_Check(item)) {
    Py_ssize_t i = PyNumber_AsSsize_t(item, PyExc_IndexError);
    if (i == -1 && PyErr_Occurred()) return nullptr;
    if (i < 0) i += Py_SIZE(a);
    return list_item(self, i);
  }
  if (PySlice_Check(item)) {
    Py_ssize_t start, stop, step;
    if (PySlice_Unpack(item, &start, &stop, &step) < 0) return nullptr;
    Py_ssize_t slicelength = PySlice_AdjustIndices(Py_SIZE(a), &start, &stop, step);
    if (slicelength <= 0) return PyList_New(0);
    if (step == 1) return list_slice(a, start, stop);
    PyObject* np = list_new_prealloc(slicelength);
    if (np == nullptr) return nullptr;
    PyObject** src = a->ob_item;
    PyObject** dest = as_list(np)->ob_item;
    for (Py_ssize_t cur = start, i = 0; i < slicelength; cur += step, i++)
      dest[i] = Py_NewRef(src[cur]);
    Py_SET_SIZE(np, slicelength);
    return np;
  }
  PyErr_Format(PyExc_TypeError, "list indices must be integers or slices, not %.200s",
               Py_TYPE(item)->tp_name);
  return nullptr;
}

int list_ass_subscript(PyObject* self, PyObject* item, PyObject* value) {
  PyListObject* a = as_list(self);
  if (PyIndex_Check(item)) {
    Py_ssize_t i = PyNumber_AsSsize_t(item, PyExc_IndexError);
    if (i == -1 && PyErr_Occurred()) return -1;
    if (i < 0) i += Py_SIZE(a);
    return list_ass_item(self, i, value);
  }
  if (!PySlice_Check(item)) {
    PyErr_Format(PyExc_TypeError, "list indices must be integers or slices, not %.200s",
                 Py_TYPE(item)->tp_name);
    return -1;
  }
  Py_ssize_t start, stop, step;
  if (PySlice_Unpack(item, &start, &stop, &step) < 0) return -1;
  Py_ssize_t slicelength = PySlice_AdjustIndices(Py_SIZE(a), &start, &stop, step);
  if (step == 1) return list_ass_slice(a, start, stop, value);

  if (value == nullptr) {
    // Extended-slice deletion: close the gaps block by block.
    if (slicelength <= 0) return 0;
    if (step < 0) {
      stop = start + 1;
      start = stop + step * (slicelength - 1) - 1;
      step = -step;
    }
    PyObject** garbage = PyMem_New(PyObject*, slicelength);
    if (garbage == nullptr) {
      PyErr_NoMemory();
      return -1;
    }
    // Unsigned arithmetic: with a step near PY_SSIZE_T_MAX (del a[9::1<<333]) `cur + step`
    // overflows a signed index, but never a size_t (both operands are below 2**63).
    size_t cur = size_t(start);
    const size_t size = size_t(Py_SIZE(a)), ustep = size_t(step);
    Py_ssize_t i = 0;
    for (; cur < size_t(stop); cur += ustep, i++) {
      size_t lim = ustep - 1;
      garbage[i] = a->ob_item[cur];
      if (cur + ustep >= size) lim = size - cur - 1;
      std::memmove(a->ob_item + cur - i, a->ob_item + cur + 1, lim * sizeof(PyObject*));
    }
    cur = size_t(start) + size_t(slicelength) * ustep;
    if (cur < size) {
      std::memmove(a->ob_item + cur - slicelength, a->ob_item + cur,
                   (size - cur) * sizeof(PyObject*));
    }
    Py_SET_SIZE(a, Py_SIZE(a) - slicelength);
    int res = list_resize(a, Py_SIZE(a));
    for (i = 0; i < slicelength; i++) Py_DECREF(garbage[i]);
    PyMem_Free(garbage);
    return res;
  }

  // Extended-slice assignment: sizes must match exactly.
  PyObject* seq;
  if (self == value) {
    seq = list_slice(a, 0, PyList_GET_SIZE(value));
  } else {
    seq = PySequence_Fast(value, "must assign iterable to extended slice");
  }
  if (seq == nullptr) return -1;
  if (PySequence_Fast_GET_SIZE(seq) != slicelength) {
    PyErr_Format(PyExc_ValueError,
                 "attempt to assign sequence of size %zd to extended slice of size %zd",
                 PySequence_Fast_GET_SIZE(seq), slicelength);
    Py_DECREF(seq);
    return -1;
  }
  if (slicelength == 0) {
    Py_DECREF(seq);
    return 0;
  }
  PyObject** garbage = PyMem_New(PyObject*, slicelength);
  if (garbage == nullptr) {
    Py_DECREF(seq);
    PyErr_NoMemory();
    return -1;
  }
  PyObject** selfitems = a->ob_item;
  PyObject** seqitems = PySequence_Fast_ITEMS(seq);
  for (Py_ssize_t cur = start, i = 0; i < slicelength; cur += step, i++) {
    garbage[i] = selfitems[cur];
    selfitems[cur] = Py_NewRef(seqitems[i]);
  }
  for (Py_ssize_t i = 0; i < slicelength; i++) Py_DECREF(garbage[i]);
  PyMem_Free(garbage);
  Py_DECREF(seq);
  return 0;
}

// -- Methods --------------------------------------------------------------------

PyObject* list_append_meth(PyObject* self, PyObject* object) {
  if (list_append(as_list(self), object) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* list_extend_meth(PyObject* self, PyObject* iterable) {
  if (list_extend(as_list(self), iterable) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* list_insert_meth(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("insert", nargs, 2, 2)) return nullptr;
  Py_ssize_t index;
  {
    PyObject* iobj = PyNumber_Index(args[0]);
    if (iobj == nullptr) return nullptr;
    index = PyLong_AsSsize_t(iobj);
    Py_DECREF(iobj);
    if (index == -1 && PyErr_Occurred()) return nullptr;
  }
  if (ins1(as_list(self), index, args[1]) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* list_clear_meth(PyObject* self, PyObject*) {
  list_clear_impl(as_list(self));
  Py_RETURN_NONE;
}

PyObject* list_copy_meth(PyObject* self, PyObject*) {
  return list_slice(as_list(self), 0, Py_SIZE(self));
}

PyObject* list_pop_meth(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("pop", nargs, 0, 1)) return nullptr;
  PyListObject* a = as_list(self);
  Py_ssize_t index = -1;
  if (nargs >= 1) {
    PyObject* iobj = PyNumber_Index(args[0]);
    if (iobj == nullptr) return nullptr;
    index = PyLong_AsSsize_t(iobj);
    Py_DECREF(iobj);
    if (index == -1 && PyErr_Occurred()) return nullptr;
  }
  if (Py_SIZE(a) == 0) {
    PyErr_SetString(PyExc_IndexError, "pop from empty list");
    return nullptr;
  }
  if (index < 0) index += Py_SIZE(a);
  if (size_t(index) >= size_t(Py_SIZE(a))) {
    PyErr_SetString(PyExc_IndexError, "pop index out of range");
    return nullptr;
  }
  PyObject* v = a->ob_item[index];
  Py_ssize_t size_after = Py_SIZE(a) - 1;
  if (index == size_after) {
    // Popping the last item cannot fail once we own it.
    if (list_resize(a, size_after) < 0) return nullptr;
    return v;
  }
  Py_INCREF(v);
  if (list_ass_slice(a, index, index + 1, nullptr) < 0) {
    Py_DECREF(v);
    return nullptr;
  }
  return v;
}

PyObject* list_index_meth(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("index", nargs, 1, 3)) return nullptr;
  PyListObject* a = as_list(self);
  Py_ssize_t start = 0, stop = PY_SSIZE_T_MAX;
  if (nargs >= 2 && !_PyEval_SliceIndexNotNone(args[1], &start)) return nullptr;
  if (nargs >= 3 && !_PyEval_SliceIndexNotNone(args[2], &stop)) return nullptr;
  if (start < 0) {
    start += Py_SIZE(a);
    if (start < 0) start = 0;
  }
  if (stop < 0) {
    stop += Py_SIZE(a);
    if (stop < 0) stop = 0;
  }
  for (Py_ssize_t i = start; i < stop && i < Py_SIZE(a); i++) {
    PyObject* obj = Py_NewRef(a->ob_item[i]);
    int cmp = PyObject_RichCompareBool(obj, args[0], Py_EQ);
    Py_DECREF(obj);
    if (cmp > 0) return PyLong_FromSsize_t(i);
    if (cmp < 0) return nullptr;
  }
  PyErr_Format(PyExc_ValueError, "%R is not in list", args[0]);
  return nullptr;
}

PyObject* list_count_meth(PyObject* self, PyObject* value) {
  PyListObject* a = as_list(self);
  Py_ssize_t count = 0;
  for (Py_ssize_t i = 0; i < Py_SIZE(a); i++) {
    PyObject* obj = a->ob_item[i];
    if (obj == value) {
      count++;
      continue;
    }
    Py_INCREF(obj);
    int cmp = PyObject_RichCompareBool(obj, value, Py_EQ);
    Py_DECREF(obj);
    if (cmp > 0) count++;
    else if (cmp < 0) return nullptr;
  }
  return PyLong_FromSsize_t(count);
}

PyObject* list_remove_meth(PyObject* self, PyObject* value) {
  PyListObject* a = as_list(self);
  for (Py_ssize_t i = 0; i < Py_SIZE(a); i++) {
    PyObject* obj = Py_NewRef(a->ob_item[i]);
    int cmp = PyObject_RichCompareBool(obj, value, Py_EQ);
    Py_DECREF(obj);
    if (cmp > 0) {
      if (list_ass_slice(a, i, i + 1, nullptr) == 0) Py_RETURN_NONE;
      return nullptr;
    }
    if (cmp < 0) return nullptr;
  }
  PyErr_SetString(PyExc_ValueError, "list.remove(x): x not in list");
  return nullptr;
}

PyObject* list_reverse_meth(PyObject* self, PyObject*) {
  if (Py_SIZE(self) > 1)
    reverse_slice(as_list(self)->ob_item, as_list(self)->ob_item + Py_SIZE(self));
  Py_RETURN_NONE;
}

PyObject* list_sort_meth(PyObject* self, PyObject* const* args, Py_ssize_t nargs,
                         PyObject* kwnames) {
  static const char* const keywords[] = {"key", "reverse", nullptr};
  static _PyArg_Parser parser = {.format = nullptr, .keywords = keywords, .fname = "sort"};
  PyObject* argsbuf[2] = {};  // unpacking leaves absent optionals unset
  PyObject* const* fast = _PyArg_UnpackKeywords(args, nargs, nullptr, kwnames, &parser, 0, 0, 0, argsbuf);
  if (fast == nullptr) return nullptr;
  PyObject* keyfunc = Py_None;
  int reverse = 0;
  Py_ssize_t noptargs = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
  if (noptargs) {
    if (fast[0]) {
      keyfunc = fast[0];
      noptargs--;
    }
    if (noptargs && fast[1]) {
      reverse = _PyLong_AsInt(fast[1]);
      if (reverse == -1 && PyErr_Occurred()) return nullptr;
    }
  }
  if (list_sort(as_list(self), keyfunc, reverse) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* list_sizeof_meth(PyObject* self, PyObject*) {
  Py_ssize_t res = Py_ssize_t(Py_TYPE(self)->tp_basicsize) +
                   as_list(self)->allocated * Py_ssize_t(sizeof(PyObject*));
  return PyLong_FromSsize_t(res);
}

PyObject* list_reversed_meth(PyObject* self, PyObject*);
PyObject* list_getitem_meth(PyObject* self, PyObject* item) { return list_subscript(self, item); }

PyMethodDef list_methods[] = {
    {"__getitem__", list_getitem_meth, METH_O | METH_COEXIST, "x.__getitem__(y) <==> x[y]"},
    {"__reversed__", list_reversed_meth, METH_NOARGS,
     "__reversed__($self, /)\n--\n\nReturn a reverse iterator over the list."},
    {"__sizeof__", list_sizeof_meth, METH_NOARGS,
     "__sizeof__($self, /)\n--\n\nReturn the size of the list in memory, in bytes."},
    {"clear", list_clear_meth, METH_NOARGS, "clear($self, /)\n--\n\nRemove all items from list."},
    {"copy", list_copy_meth, METH_NOARGS, "copy($self, /)\n--\n\nReturn a shallow copy of the list."},
    {"append", list_append_meth, METH_O, "append($self, object, /)\n--\n\nAppend object to the end of the list."},
    {"insert", reinterpret_cast<PyCFunction>(list_insert_meth), METH_FASTCALL,
     "insert($self, index, object, /)\n--\n\nInsert object before index."},
    {"extend", list_extend_meth, METH_O,
     "extend($self, iterable, /)\n--\n\nExtend list by appending elements from the iterable."},
    {"pop", reinterpret_cast<PyCFunction>(list_pop_meth), METH_FASTCALL,
     "pop($self, index=-1, /)\n--\n\nRemove and return item at index (default last).\n\n"
     "Raises IndexError if list is empty or index is out of range."},
    {"remove", list_remove_meth, METH_O,
     "remove($self, value, /)\n--\n\nRemove first occurrence of value.\n\n"
     "Raises ValueError if the value is not present."},
    {"index", reinterpret_cast<PyCFunction>(list_index_meth), METH_FASTCALL,
     "index($self, value, start=0, stop=sys.maxsize, /)\n--\n\nReturn first index of value.\n\n"
     "Raises ValueError if the value is not present."},
    {"count", list_count_meth, METH_O, "count($self, value, /)\n--\n\nReturn number of occurrences of value."},
    {"reverse", list_reverse_meth, METH_NOARGS, "reverse($self, /)\n--\n\nReverse *IN PLACE*."},
    {"sort", reinterpret_cast<PyCFunction>(list_sort_meth), METH_FASTCALL | METH_KEYWORDS,
     "sort($self, /, *, key=None, reverse=False)\n--\n\n"
     "Sort the list in ascending order and return None.\n\n"
     "The sort is in-place (i.e. the list itself is modified) and stable (i.e. the\n"
     "order of two equal elements is maintained).\n\n"
     "If a key function is given, apply it once to each list item and sort them,\n"
     "ascending or descending, according to their function values.\n\n"
     "The reverse flag can be set to sort in descending order."},
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS, "See PEP 585"},
    {nullptr, nullptr, 0, nullptr},
};

// -- Construction -------------------------------------------------------------

int list_init_impl(PyListObject* self, PyObject* iterable) {
  // list.__init__ on an existing list starts over.
  if (self->ob_item != nullptr) list_clear_impl(self);
  if (iterable != nullptr) return list_extend(self, iterable);
  return 0;
}

int list_init(PyObject* self, PyObject* args, PyObject* kwds) {
  if ((Py_IS_TYPE(self, &PyList_Type) || Py_TYPE(self)->tp_new == PyList_Type.tp_new) &&
      !_PyArg_NoKeywords("list", kwds))
    return -1;
  if (!_PyArg_CheckPositional("list", PyTuple_GET_SIZE(args), 0, 1)) return -1;
  return list_init_impl(as_list(self), PyTuple_GET_SIZE(args) ? PyTuple_GET_ITEM(args, 0) : nullptr);
}

PyObject* list_vectorcall(PyObject* type, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  if (!_PyArg_NoKwnames("list", kwnames)) return nullptr;
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  if (!_PyArg_CheckPositional("list", nargs, 0, 1)) return nullptr;
  PyObject* list = PyType_GenericAlloc(reinterpret_cast<PyTypeObject*>(type), 0);
  if (list == nullptr) return nullptr;
  if (nargs && list_init_impl(as_list(list), args[0]) < 0) {
    Py_DECREF(list);
    return nullptr;
  }
  return list;
}

PySequenceMethods list_as_sequence = {
    .sq_length = list_length,
    .sq_concat = list_concat,
    .sq_repeat = list_repeat,
    .sq_item = list_item,
    .sq_ass_item = list_ass_item,
    .sq_contains = list_contains,
    .sq_inplace_concat = list_inplace_concat,
    .sq_inplace_repeat = list_inplace_repeat,
};

PyMappingMethods list_as_mapping = {
    .mp_length = list_length,
    .mp_subscript = list_subscript,
    .mp_ass_subscript = list_ass_subscript,
};

// -- Iterators ------------------------------------------------------------------

struct ListIter {
  PyObject_HEAD
  Py_ssize_t it_index;
  PyListObject* it_seq;  // NULL once exhausted
};

void listiter_dealloc(PyObject* self) {
  krait::gc::untrack(self);
  Py_XDECREF(reinterpret_cast<ListIter*>(self)->it_seq);
  PyObject_GC_Del(self);
}

int listiter_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<ListIter*>(self)->it_seq);
  return 0;
}

PyObject* listiter_next(PyObject* self) {
  ListIter* it = reinterpret_cast<ListIter*>(self);
  PyListObject* seq = it->it_seq;
  if (seq == nullptr) return nullptr;
  if (it->it_index < Py_SIZE(seq)) return Py_NewRef(seq->ob_item[it->it_index++]);
  it->it_seq = nullptr;
  Py_DECREF(seq);
  return nullptr;
}

PyObject* listiter_len(PyObject* self, PyObject*) {
  ListIter* it = reinterpret_cast<ListIter*>(self);
  if (it->it_seq) {
    Py_ssize_t len = Py_SIZE(it->it_seq) - it->it_index;
    if (len >= 0) return PyLong_FromSsize_t(len);
  }
  return PyLong_FromLong(0);
}

PyObject* listiter_reduce(PyObject* self, PyObject*) {
  ListIter* it = reinterpret_cast<ListIter*>(self);
  PyObject* iter = builtin_object("iter");
  if (iter == nullptr) return nullptr;
  if (it->it_seq) return Py_BuildValue("N(O)n", iter, it->it_seq, it->it_index);
  return Py_BuildValue("N([])", iter);
}

PyObject* listiter_setstate(PyObject* self, PyObject* state) {
  ListIter* it = reinterpret_cast<ListIter*>(self);
  Py_ssize_t index = PyLong_AsSsize_t(state);
  if (index == -1 && PyErr_Occurred()) return nullptr;
  if (it->it_seq != nullptr) {
    if (index < 0) index = 0;
    else if (index > Py_SIZE(it->it_seq)) index = Py_SIZE(it->it_seq);
    it->it_index = index;
  }
  Py_RETURN_NONE;
}

PyMethodDef listiter_methods[] = {
    {"__length_hint__", listiter_len, METH_NOARGS, "Private method returning an estimate of len(list(it))."},
    {"__reduce__", listiter_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", listiter_setstate, METH_O, "Set state information for unpickling."},
    {nullptr, nullptr, 0, nullptr},
};

PyObject* list_iter(PyObject* seq) {
  if (!PyList_Check(seq)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  ListIter* it = PyObject_GC_New(ListIter, &PyListIter_Type);
  if (it == nullptr) return nullptr;
  it->it_index = 0;
  it->it_seq = as_list(Py_NewRef(seq));
  krait::gc::track(it);
  return reinterpret_cast<PyObject*>(it);
}

// The reverse iterator: index counts down; -1 (or a shrunk list) ends it.
PyObject* listreviter_next(PyObject* self) {
  ListIter* it = reinterpret_cast<ListIter*>(self);
  PyListObject* seq = it->it_seq;
  if (seq == nullptr) return nullptr;
  Py_ssize_t index = it->it_index;
  if (index >= 0 && index < Py_SIZE(seq)) {
    it->it_index--;
    return Py_NewRef(seq->ob_item[index]);
  }
  it->it_index = -1;
  it->it_seq = nullptr;
  Py_DECREF(seq);
  return nullptr;
}

PyObject* listreviter_len(PyObject* self, PyObject*) {
  ListIter* it = reinterpret_cast<ListIter*>(self);
  Py_ssize_t len = it->it_index + 1;
  if (it->it_seq == nullptr || Py_SIZE(it->it_seq) < len) len = 0;
  return PyLong_FromSsize_t(len);
}

PyObject* listreviter_reduce(PyObject* self, PyObject*) {
  ListIter* it = reinterpret_cast<ListIter*>(self);
  if (it->it_seq) {
    PyObject* rev = builtin_object("reversed");
    if (rev == nullptr) return nullptr;
    return Py_BuildValue("N(O)n", rev, it->it_seq, it->it_index);
  }
  PyObject* iter = builtin_object("iter");
  if (iter == nullptr) return nullptr;
  return Py_BuildValue("N([])", iter);
}

PyObject* listreviter_setstate(PyObject* self, PyObject* state) {
  ListIter* it = reinterpret_cast<ListIter*>(self);
  Py_ssize_t index = PyLong_AsSsize_t(state);
  if (index == -1 && PyErr_Occurred()) return nullptr;
  if (it->it_seq != nullptr) {
    if (index < -1) index = -1;
    else if (index > Py_SIZE(it->it_seq) - 1) index = Py_SIZE(it->it_seq) - 1;
    it->it_index = index;
  }
  Py_RETURN_NONE;
}

PyMethodDef listreviter_methods[] = {
    {"__length_hint__", listreviter_len, METH_NOARGS, "Private method returning an estimate of len(list(it))."},
    {"__reduce__", listreviter_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", listreviter_setstate, METH_O, "Set state information for unpickling."},
    {nullptr, nullptr, 0, nullptr},
};

PyObject* list_reversed_meth(PyObject* self, PyObject*) {
  ListIter* it = PyObject_GC_New(ListIter, &PyListRevIter_Type);
  if (it == nullptr) return nullptr;
  it->it_index = Py_SIZE(self) - 1;
  it->it_seq = as_list(Py_NewRef(self));
  krait::gc::track(it);
  return reinterpret_cast<PyObject*>(it);
}

}  // namespace
}  // namespace krait

using namespace krait;

PyTypeObject PyList_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "list",
    .tp_basicsize = sizeof(PyListObject),
    .tp_dealloc = list_dealloc,
    .tp_repr = list_repr,
    .tp_as_sequence = &list_as_sequence,
    .tp_as_mapping = &list_as_mapping,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE |
                Py_TPFLAGS_LIST_SUBCLASS | _Py_TPFLAGS_MATCH_SELF | Py_TPFLAGS_SEQUENCE,
    .tp_doc = "list(iterable=(), /)\n--\n\n"
              "Built-in mutable sequence.\n\n"
              "If no argument is given, the constructor creates a new empty list.\n"
              "The argument must be an iterable if specified.",
    .tp_traverse = list_traverse,
    .tp_clear = list_tp_clear,
    .tp_richcompare = list_richcompare,
    .tp_iter = list_iter,
    .tp_methods = list_methods,
    .tp_init = list_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = PyType_GenericNew,
    .tp_free = PyObject_GC_Del,
    .tp_vectorcall = list_vectorcall,
};

PyTypeObject PyListIter_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "list_iterator",
    .tp_basicsize = sizeof(ListIter),
    .tp_dealloc = listiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = listiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = listiter_next,
    .tp_methods = listiter_methods,
};

PyTypeObject PyListRevIter_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "list_reverseiterator",
    .tp_basicsize = sizeof(ListIter),
    .tp_dealloc = listiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = listiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = listreviter_next,
    .tp_methods = listreviter_methods,
};

// -- C API ----------------------------------------------------------------------

PyObject* PyList_New(Py_ssize_t size) {
  if (size < 0) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  PyListObject* op = list_alloc();
  if (op == nullptr) return nullptr;
  if (size > 0) {
    // C code fills the slots with PyList_SET_ITEM: they start out NULL.
    op->ob_item = static_cast<PyObject**>(PyMem_Calloc(size_t(size), sizeof(PyObject*)));
    if (op->ob_item == nullptr) {
      Py_DECREF(op);
      return PyErr_NoMemory();
    }
  }
  Py_SET_SIZE(op, size);
  op->allocated = size;
  krait::gc::track(op);
  return reinterpret_cast<PyObject*>(op);
}

Py_ssize_t PyList_Size(PyObject* op) {
  if (!PyList_Check(op)) {
    PyErr_BadInternalCall();
    return -1;
  }
  return Py_SIZE(op);
}

PyObject* PyList_GetItem(PyObject* op, Py_ssize_t i) {
  if (!PyList_Check(op)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  if (size_t(i) >= size_t(Py_SIZE(op))) {
    PyErr_SetString(PyExc_IndexError, "list index out of range");
    return nullptr;
  }
  return as_list(op)->ob_item[i];
}

int PyList_SetItem(PyObject* op, Py_ssize_t i, PyObject* newitem) {
  if (!PyList_Check(op)) {
    Py_XDECREF(newitem);
    PyErr_BadInternalCall();
    return -1;
  }
  if (size_t(i) >= size_t(Py_SIZE(op))) {
    Py_XDECREF(newitem);
    PyErr_SetString(PyExc_IndexError, "list assignment index out of range");
    return -1;
  }
  PyObject** p = as_list(op)->ob_item + i;
  PyObject* old = *p;
  *p = newitem;
  Py_XDECREF(old);
  return 0;
}

int PyList_Insert(PyObject* op, Py_ssize_t where, PyObject* newitem) {
  if (!PyList_Check(op) || newitem == nullptr) {
    PyErr_BadInternalCall();
    return -1;
  }
  return ins1(as_list(op), where, newitem);
}

int PyList_Append(PyObject* op, PyObject* newitem) {
  if (PyList_Check(op) && newitem != nullptr) return list_append(as_list(op), newitem);
  PyErr_BadInternalCall();
  return -1;
}

PyObject* PyList_GetSlice(PyObject* a, Py_ssize_t ilow, Py_ssize_t ihigh) {
  if (!PyList_Check(a)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  if (ilow < 0) ilow = 0;
  else if (ilow > Py_SIZE(a)) ilow = Py_SIZE(a);
  if (ihigh < ilow) ihigh = ilow;
  else if (ihigh > Py_SIZE(a)) ihigh = Py_SIZE(a);
  return list_slice(as_list(a), ilow, ihigh);
}

int PyList_SetSlice(PyObject* a, Py_ssize_t ilow, Py_ssize_t ihigh, PyObject* v) {
  if (!PyList_Check(a)) {
    PyErr_BadInternalCall();
    return -1;
  }
  return list_ass_slice(as_list(a), ilow, ihigh, v);
}

int PyList_Sort(PyObject* v) {
  if (v == nullptr || !PyList_Check(v)) {
    PyErr_BadInternalCall();
    return -1;
  }
  return list_sort(as_list(v), Py_None, 0);
}

int PyList_Reverse(PyObject* v) {
  if (v == nullptr || !PyList_Check(v)) {
    PyErr_BadInternalCall();
    return -1;
  }
  if (Py_SIZE(v) > 1) reverse_slice(as_list(v)->ob_item, as_list(v)->ob_item + Py_SIZE(v));
  return 0;
}

PyObject* PyList_AsTuple(PyObject* v) {
  if (v == nullptr || !PyList_Check(v)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  Py_ssize_t n = Py_SIZE(v);
  PyObject* t = PyTuple_New(n);
  if (t == nullptr) return nullptr;
  for (Py_ssize_t i = 0; i < n; i++) PyTuple_SET_ITEM(t, i, Py_NewRef(as_list(v)->ob_item[i]));
  return t;
}

PyObject* _PyList_Extend(PyListObject* self, PyObject* iterable) {
  if (list_extend(self, iterable) < 0) return nullptr;
  Py_RETURN_NONE;
}

void _PyList_DebugMallocStats(FILE* out) {
  fprintf(out, "free PyListObject: %d\n", g_num_free);
}
