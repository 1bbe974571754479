// itertools_combinatorics.cpp — product, permutations, combinations and
// combinations_with_replacement.
//
// Each keeps its pools as tuples and the positions as an index array, and
// (as CPython) reuses the previous result tuple when nobody else holds it, so
// a plain `for` loop over product() allocates one tuple in total.
#include "modules/itertools/itertools.h"

#include <cstring>

#include "support/ref.h"

using namespace krait;
using namespace krait::itertools;

namespace {

// The result tuple to fill for the next value: `*result` itself when we own
// the only reference, else a fresh copy that replaces it. nullptr on error.
PyObject* writable_result(PyObject** result) {
  if (Py_REFCNT(*result) == 1) return *result;
  Py_ssize_t n = PyTuple_GET_SIZE(*result);
  PyObject* copy = PyTuple_New(n);
  if (!copy) return nullptr;
  for (Py_ssize_t i = 0; i < n; i++)
    PyTuple_SET_ITEM(copy, i, Py_NewRef(PyTuple_GET_ITEM(*result, i)));
  Py_SETREF(*result, copy);
  return copy;
}

void set_slot(PyObject* tuple, Py_ssize_t i, PyObject* value) {
  PyObject* old = PyTuple_GET_ITEM(tuple, i);
  PyTuple_SET_ITEM(tuple, i, Py_NewRef(value));
  Py_XDECREF(old);
}

Py_ssize_t* new_indices(Py_ssize_t n) {
  auto* p = static_cast<Py_ssize_t*>(PyMem_Calloc(n ? size_t(n) : 1, sizeof(Py_ssize_t)));
  if (!p) PyErr_NoMemory();
  return p;
}

// ---------------------------------------------------------------- product

struct ProductObject {
  PyObject_HEAD
  PyObject* pools;  // tuple of tuples
  Py_ssize_t* indices;
  PyObject* result;
  int stopped;
};

PyObject* product_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  Py_ssize_t repeat = 1;
  if (kwds != nullptr) {
    static const char* kwlist[] = {"repeat", nullptr};
    Ref<> empty = steal(PyTuple_New(0));
    if (!empty) return nullptr;
    if (!PyArg_ParseTupleAndKeywords(empty.get(), kwds, "|n:product", const_cast<char**>(kwlist),
                                     &repeat))
      return nullptr;
    if (repeat < 0) {
      PyErr_SetString(PyExc_ValueError, "repeat argument cannot be negative");
      return nullptr;
    }
  }
  Py_ssize_t nargs = repeat == 0 ? 0 : PyTuple_GET_SIZE(args);
  if (repeat && nargs > PY_SSIZE_T_MAX / Py_ssize_t(sizeof(Py_ssize_t)) / repeat) {
    PyErr_SetString(PyExc_OverflowError, "repeat argument too large");
    return nullptr;
  }
  Py_ssize_t npools = nargs * repeat;
  Ref<> pools = steal(PyTuple_New(npools));
  if (!pools) return nullptr;
  for (Py_ssize_t i = 0; i < nargs; i++) {
    PyObject* pool = PySequence_Tuple(PyTuple_GET_ITEM(args, i));
    if (!pool) return nullptr;
    PyTuple_SET_ITEM(pools.get(), i, pool);
  }
  for (Py_ssize_t i = nargs; i < npools; i++)
    PyTuple_SET_ITEM(pools.get(), i, Py_NewRef(PyTuple_GET_ITEM(pools.get(), i - nargs)));
  Py_ssize_t* indices = new_indices(npools);
  if (!indices) return nullptr;
  auto* lz = reinterpret_cast<ProductObject*>(type->tp_alloc(type, 0));
  if (!lz) {
    PyMem_Free(indices);
    return nullptr;
  }
  lz->pools = pools.release();
  lz->indices = indices;
  lz->result = nullptr;
  lz->stopped = 0;
  return reinterpret_cast<PyObject*>(lz);
}

void product_dealloc(PyObject* op) {
  auto* lz = reinterpret_cast<ProductObject*>(op);
  PyMem_Free(lz->indices);
  lz->indices = nullptr;
  dealloc_gc(op, {&lz->pools, &lz->result});
}

int product_traverse(PyObject* op, visitproc visit, void* arg) {
  auto* lz = reinterpret_cast<ProductObject*>(op);
  Py_VISIT(lz->pools);
  Py_VISIT(lz->result);
  return 0;
}

PyObject* product_next(PyObject* op) {
  auto* lz = reinterpret_cast<ProductObject*>(op);
  if (lz->stopped) return nullptr;
  PyObject* pools = lz->pools;
  Py_ssize_t npools = PyTuple_GET_SIZE(pools);
  if (lz->result == nullptr) {
    PyObject* result = PyTuple_New(npools);
    if (!result) goto empty;
    lz->result = result;
    for (Py_ssize_t i = 0; i < npools; i++) {
      PyObject* pool = PyTuple_GET_ITEM(pools, i);
      if (PyTuple_GET_SIZE(pool) == 0) goto empty;
      PyTuple_SET_ITEM(result, i, Py_NewRef(PyTuple_GET_ITEM(pool, 0)));
    }
  } else {
    PyObject* result = writable_result(&lz->result);
    if (!result) goto empty;
    Py_ssize_t* indices = lz->indices;
    Py_ssize_t i;
    // Advance the rightmost pool; carry leftwards on roll-over.
    for (i = npools - 1; i >= 0; i--) {
      PyObject* pool = PyTuple_GET_ITEM(pools, i);
      indices[i]++;
      if (indices[i] == PyTuple_GET_SIZE(pool)) {
        indices[i] = 0;
        set_slot(result, i, PyTuple_GET_ITEM(pool, 0));
      } else {
        set_slot(result, i, PyTuple_GET_ITEM(pool, indices[i]));
        break;
      }
    }
    if (i < 0) goto empty;
  }
  return Py_NewRef(lz->result);
empty:
  lz->stopped = 1;
  return nullptr;
}

PyObject* product_sizeof(PyObject* op, PyObject*) {
  auto* lz = reinterpret_cast<ProductObject*>(op);
  return PyLong_FromSsize_t(Py_TYPE(op)->tp_basicsize +
                            PyTuple_GET_SIZE(lz->pools) * Py_ssize_t(sizeof(Py_ssize_t)));
}

// A tuple of the Py_ssize_t values p[0..n) (the index arrays in pickles).
PyObject* index_tuple(const Py_ssize_t* p, Py_ssize_t n) {
  PyObject* t = PyTuple_New(n);
  if (!t) return nullptr;
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject* v = PyLong_FromSsize_t(p[i]);
    if (!v) {
      Py_DECREF(t);
      return nullptr;
    }
    PyTuple_SET_ITEM(t, i, v);
  }
  return t;
}

// The result tuple for the current indices (after __setstate__).
bool rebuild_result(PyObject** result, const Py_ssize_t* indices, Py_ssize_t r,
                    PyObject* (*pool_of)(void*, Py_ssize_t), void* ctx) {
  PyObject* t = PyTuple_New(r);
  if (!t) return false;
  for (Py_ssize_t i = 0; i < r; i++) PyTuple_SET_ITEM(t, i, Py_NewRef(PyTuple_GET_ITEM(pool_of(ctx, i), indices[i])));
  Py_XSETREF(*result, t);
  return true;
}

// product(*pools) while unstarted; plus the indices once running; product(()) when done.
PyObject* product_reduce(PyObject* op, PyObject*) {
  auto* lz = reinterpret_cast<ProductObject*>(op);
  if (lz->stopped) return Py_BuildValue("O(())", Py_TYPE(op));
  if (lz->result == nullptr) return Py_BuildValue("OO", Py_TYPE(op), lz->pools);
  PyObject* indices = index_tuple(lz->indices, PyTuple_GET_SIZE(lz->pools));
  if (!indices) return nullptr;
  return Py_BuildValue("OON", Py_TYPE(op), lz->pools, indices);
}

PyObject* product_setstate(PyObject* op, PyObject* state) {
  auto* lz = reinterpret_cast<ProductObject*>(op);
  Py_ssize_t n = PyTuple_GET_SIZE(lz->pools);
  if (!PyTuple_Check(state) || PyTuple_GET_SIZE(state) != n) {
    PyErr_SetString(PyExc_ValueError, "invalid arguments");
    return nullptr;
  }
  for (Py_ssize_t i = 0; i < n; i++) {
    Py_ssize_t index = PyLong_AsSsize_t(PyTuple_GET_ITEM(state, i));
    if (index == -1 && PyErr_Occurred()) return nullptr;
    Py_ssize_t poolsize = PyTuple_GET_SIZE(PyTuple_GET_ITEM(lz->pools, i));
    if (poolsize == 0) {
      lz->stopped = 1;
      Py_RETURN_NONE;
    }
    lz->indices[i] = index < 0 ? 0 : (index > poolsize - 1 ? poolsize - 1 : index);
  }
  auto pool_of = [](void* pools, Py_ssize_t i) { return PyTuple_GET_ITEM(static_cast<PyObject*>(pools), i); };
  if (!rebuild_result(&lz->result, lz->indices, n, pool_of, lz->pools)) return nullptr;
  Py_RETURN_NONE;
}

PyMethodDef product_methods[] = {
    {"__sizeof__", product_sizeof, METH_NOARGS, "Returns size in memory, in bytes."},
    {"__reduce__", product_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", product_setstate, METH_O, "Set state information for unpickling."},
    {nullptr, nullptr, 0, nullptr},
};

// ---------------------------------------------------- combinations & friends

struct CombObject {
  PyObject_HEAD
  PyObject* pool;
  Py_ssize_t* indices;
  Py_ssize_t* cycles;  // permutations only
  PyObject* result;
  Py_ssize_t r;
  int stopped;
};

PyObject* comb_alloc(PyTypeObject* type, PyObject* iterable, Py_ssize_t r, bool with_cycles,
                     bool use_default_r) {
  Ref<> pool = steal(PySequence_Tuple(iterable));
  if (!pool) return nullptr;
  Py_ssize_t n = PyTuple_GET_SIZE(pool.get());
  if (use_default_r) r = n;
  if (r < 0) {
    PyErr_SetString(PyExc_ValueError, "r must be non-negative");
    return nullptr;
  }
  Py_ssize_t* indices = new_indices(with_cycles ? n : r);
  if (!indices) return nullptr;
  Py_ssize_t* cycles = nullptr;
  if (with_cycles) {
    cycles = new_indices(r);
    if (!cycles) {
      PyMem_Free(indices);
      return nullptr;
    }
  }
  auto* co = reinterpret_cast<CombObject*>(type->tp_alloc(type, 0));
  if (!co) {
    PyMem_Free(indices);
    PyMem_Free(cycles);
    return nullptr;
  }
  co->pool = pool.release();
  co->indices = indices;
  co->cycles = cycles;
  co->result = nullptr;
  co->r = r;
  co->stopped = 0;
  return reinterpret_cast<PyObject*>(co);
}

PyObject* combinations_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"iterable", "r", nullptr};
  PyObject* iterable;
  Py_ssize_t r;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "On:combinations", const_cast<char**>(kwlist),
                                   &iterable, &r))
    return nullptr;
  auto* co = reinterpret_cast<CombObject*>(comb_alloc(type, iterable, r, false, false));
  if (!co) return nullptr;
  Py_ssize_t n = PyTuple_GET_SIZE(co->pool);
  for (Py_ssize_t i = 0; i < r; i++) co->indices[i] = i;
  co->stopped = r > n;
  return reinterpret_cast<PyObject*>(co);
}

PyObject* cwr_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"iterable", "r", nullptr};
  PyObject* iterable;
  Py_ssize_t r;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "On:combinations_with_replacement",
                                   const_cast<char**>(kwlist), &iterable, &r))
    return nullptr;
  auto* co = reinterpret_cast<CombObject*>(comb_alloc(type, iterable, r, false, false));
  if (!co) return nullptr;
  co->stopped = PyTuple_GET_SIZE(co->pool) == 0 && r > 0;
  return reinterpret_cast<PyObject*>(co);
}

PyObject* permutations_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"iterable", "r", nullptr};
  PyObject* iterable;
  PyObject* robj = Py_None;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|O:permutations", const_cast<char**>(kwlist),
                                   &iterable, &robj))
    return nullptr;
  Py_ssize_t r = 0;
  bool use_default = robj == Py_None;
  if (!use_default) {
    if (!PyLong_Check(robj)) {
      PyErr_SetString(PyExc_TypeError, "Expected int as r");
      return nullptr;
    }
    r = PyLong_AsSsize_t(robj);
    if (r == -1 && PyErr_Occurred()) return nullptr;
  }
  auto* co = reinterpret_cast<CombObject*>(comb_alloc(type, iterable, r, true, use_default));
  if (!co) return nullptr;
  Py_ssize_t n = PyTuple_GET_SIZE(co->pool);
  r = co->r;
  for (Py_ssize_t i = 0; i < n; i++) co->indices[i] = i;
  for (Py_ssize_t i = 0; i < r; i++) co->cycles[i] = n - i;
  co->stopped = r > n;
  return reinterpret_cast<PyObject*>(co);
}

void comb_dealloc(PyObject* op) {
  auto* co = reinterpret_cast<CombObject*>(op);
  PyMem_Free(co->indices);
  PyMem_Free(co->cycles);
  co->indices = co->cycles = nullptr;
  dealloc_gc(op, {&co->pool, &co->result});
}

int comb_traverse(PyObject* op, visitproc visit, void* arg) {
  auto* co = reinterpret_cast<CombObject*>(op);
  Py_VISIT(co->pool);
  Py_VISIT(co->result);
  return 0;
}

// First result: pool[indices[0..r)] (indices are all zero for cwr).
bool comb_first(CombObject* co) {
  PyObject* result = PyTuple_New(co->r);
  if (!result) return false;
  co->result = result;
  for (Py_ssize_t i = 0; i < co->r; i++)
    PyTuple_SET_ITEM(result, i, Py_NewRef(PyTuple_GET_ITEM(co->pool, co->indices[i])));
  return true;
}

PyObject* combinations_next(PyObject* op) {
  auto* co = reinterpret_cast<CombObject*>(op);
  if (co->stopped) return nullptr;
  Py_ssize_t n = PyTuple_GET_SIZE(co->pool), r = co->r;
  Py_ssize_t* indices = co->indices;
  if (co->result == nullptr) {
    if (!comb_first(co)) goto empty;
  } else {
    PyObject* result = writable_result(&co->result);
    if (!result) goto empty;
    Py_ssize_t i = r - 1;
    while (i >= 0 && indices[i] == i + n - r) i--;
    if (i < 0) goto empty;
    indices[i]++;
    for (Py_ssize_t j = i + 1; j < r; j++) indices[j] = indices[j - 1] + 1;
    for (Py_ssize_t j = i; j < r; j++) set_slot(result, j, PyTuple_GET_ITEM(co->pool, indices[j]));
  }
  return Py_NewRef(co->result);
empty:
  co->stopped = 1;
  return nullptr;
}

PyObject* cwr_next(PyObject* op) {
  auto* co = reinterpret_cast<CombObject*>(op);
  if (co->stopped) return nullptr;
  Py_ssize_t n = PyTuple_GET_SIZE(co->pool), r = co->r;
  Py_ssize_t* indices = co->indices;
  if (co->result == nullptr) {
    if (!comb_first(co)) goto empty;
  } else {
    PyObject* result = writable_result(&co->result);
    if (!result) goto empty;
    Py_ssize_t i = r - 1;
    while (i >= 0 && indices[i] == n - 1) i--;
    if (i < 0) goto empty;
    Py_ssize_t index = indices[i] + 1;
    for (Py_ssize_t j = i; j < r; j++) {
      indices[j] = index;
      set_slot(result, j, PyTuple_GET_ITEM(co->pool, index));
    }
  }
  return Py_NewRef(co->result);
empty:
  co->stopped = 1;
  return nullptr;
}

PyObject* permutations_next(PyObject* op) {
  auto* co = reinterpret_cast<CombObject*>(op);
  if (co->stopped) return nullptr;
  Py_ssize_t n = PyTuple_GET_SIZE(co->pool), r = co->r;
  Py_ssize_t* indices = co->indices;
  Py_ssize_t* cycles = co->cycles;
  if (co->result == nullptr) {
    if (!comb_first(co)) goto empty;
  } else {
    if (n == 0) goto empty;
    PyObject* result = writable_result(&co->result);
    if (!result) goto empty;
    Py_ssize_t i;
    for (i = r - 1; i >= 0; i--) {
      cycles[i] -= 1;
      if (cycles[i] == 0) {
        // Rotate indices[i:] left by one.
        Py_ssize_t index = indices[i];
        for (Py_ssize_t j = i; j < n - 1; j++) indices[j] = indices[j + 1];
        indices[n - 1] = index;
        cycles[i] = n - i;
      } else {
        Py_ssize_t j = cycles[i];
        Py_ssize_t index = indices[i];
        indices[i] = indices[n - j];
        indices[n - j] = index;
        for (Py_ssize_t k = i; k < r; k++)
          set_slot(result, k, PyTuple_GET_ITEM(co->pool, indices[k]));
        break;
      }
    }
    if (i < 0) goto empty;
  }
  return Py_NewRef(co->result);
empty:
  co->stopped = 1;
  return nullptr;
}

// -- pickling of combinations, combinations_with_replacement, permutations --------------
// type(pool, r) while unstarted; type((), r) when done; else plus the position.

PyObject* same_pool(void* pool, Py_ssize_t) { return static_cast<PyObject*>(pool); }

PyObject* comb_reduce_common(PyObject* op, PyObject* (*state)(CombObject*)) {
  auto* co = reinterpret_cast<CombObject*>(op);
  if (co->result == nullptr) return Py_BuildValue("O(On)", Py_TYPE(op), co->pool, co->r);
  if (co->stopped) return Py_BuildValue("O(()n)", Py_TYPE(op), co->r);
  PyObject* st = state(co);
  if (!st) return nullptr;
  return Py_BuildValue("O(On)N", Py_TYPE(op), co->pool, co->r, st);
}

PyObject* combinations_reduce(PyObject* op, PyObject*) {
  return comb_reduce_common(op, [](CombObject* co) { return index_tuple(co->indices, co->r); });
}
PyObject* cwr_reduce(PyObject* op, PyObject*) { return combinations_reduce(op, nullptr); }

PyObject* permutations_reduce(PyObject* op, PyObject*) {
  return comb_reduce_common(op, [](CombObject* co) -> PyObject* {
    PyObject* indices = index_tuple(co->indices, PyTuple_GET_SIZE(co->pool));
    if (!indices) return nullptr;
    PyObject* cycles = index_tuple(co->cycles, co->r);
    if (!cycles) {
      Py_DECREF(indices);
      return nullptr;
    }
    return Py_BuildValue("(NN)", indices, cycles);
  });
}

// Index i of combinations is clamped to [0, i + n - r], of cwr to [0, n - 1].
PyObject* comb_setstate_common(PyObject* op, PyObject* state, bool replacement) {
  auto* co = reinterpret_cast<CombObject*>(op);
  Py_ssize_t n = PyTuple_GET_SIZE(co->pool);
  if (!PyTuple_Check(state) || PyTuple_GET_SIZE(state) != co->r) {
    PyErr_SetString(PyExc_ValueError, "invalid arguments");
    return nullptr;
  }
  for (Py_ssize_t i = 0; i < co->r; i++) {
    Py_ssize_t index = PyLong_AsSsize_t(PyTuple_GET_ITEM(state, i));
    if (index == -1 && PyErr_Occurred()) return nullptr;
    Py_ssize_t max = replacement ? n - 1 : i + n - co->r;
    if (index > max) index = max;
    if (index < 0) index = 0;
    co->indices[i] = index;
  }
  if (!rebuild_result(&co->result, co->indices, co->r, same_pool, co->pool)) return nullptr;
  Py_RETURN_NONE;
}

PyObject* combinations_setstate(PyObject* op, PyObject* state) { return comb_setstate_common(op, state, false); }
PyObject* cwr_setstate(PyObject* op, PyObject* state) { return comb_setstate_common(op, state, true); }

PyObject* permutations_setstate(PyObject* op, PyObject* state) {
  auto* co = reinterpret_cast<CombObject*>(op);
  if (!PyTuple_Check(state)) {
    PyErr_SetString(PyExc_TypeError, "state is not a tuple");
    return nullptr;
  }
  PyObject *indices, *cycles;
  if (!PyArg_ParseTuple(state, "O!O!", &PyTuple_Type, &indices, &PyTuple_Type, &cycles)) return nullptr;
  Py_ssize_t n = PyTuple_GET_SIZE(co->pool);
  if (PyTuple_GET_SIZE(indices) != n || PyTuple_GET_SIZE(cycles) != co->r) {
    PyErr_SetString(PyExc_ValueError, "invalid arguments");
    return nullptr;
  }
  for (Py_ssize_t i = 0; i < n; i++) {
    Py_ssize_t index = PyLong_AsSsize_t(PyTuple_GET_ITEM(indices, i));
    if (index == -1 && PyErr_Occurred()) return nullptr;
    co->indices[i] = index < 0 ? 0 : (index > n - 1 ? n - 1 : index);
  }
  for (Py_ssize_t i = 0; i < co->r; i++) {
    Py_ssize_t index = PyLong_AsSsize_t(PyTuple_GET_ITEM(cycles, i));
    if (index == -1 && PyErr_Occurred()) return nullptr;
    co->cycles[i] = index < 1 ? 1 : (index > n - i ? n - i : index);
  }
  if (!rebuild_result(&co->result, co->indices, co->r, same_pool, co->pool)) return nullptr;
  Py_RETURN_NONE;
}

#define COMB_METHODS(prefix)                                                                   \
  PyMethodDef prefix##_methods[] = {                                                           \
      {"__reduce__", prefix##_reduce, METH_NOARGS, "Return state information for pickling."},  \
      {"__setstate__", prefix##_setstate, METH_O, "Set state information for unpickling."},    \
      {nullptr, nullptr, 0, nullptr},                                                          \
  }

COMB_METHODS(combinations);
COMB_METHODS(cwr);
COMB_METHODS(permutations);

}  // namespace

namespace krait::itertools {

PyTypeObject product_type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "itertools.product",
    .tp_basicsize = sizeof(ProductObject),
    .tp_dealloc = product_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_traverse = product_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = product_next,
    .tp_methods = product_methods,
    .tp_new = product_new,
};

#define COMB_TYPE(var, pyname, prefix)                                                     \
  PyTypeObject var = {                                                                     \
      .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "itertools." pyname,     \
      .tp_basicsize = sizeof(CombObject),                                                  \
      .tp_dealloc = comb_dealloc,                                                          \
      .tp_getattro = PyObject_GenericGetAttr,                                              \
      .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,           \
      .tp_traverse = comb_traverse,                                                        \
      .tp_iter = PyObject_SelfIter,                                                        \
      .tp_iternext = prefix##_next,                                                        \
      .tp_methods = prefix##_methods,                                                      \
      .tp_new = prefix##_new,                                                              \
  }

COMB_TYPE(combinations_type, "combinations", combinations);
COMB_TYPE(cwr_type, "combinations_with_replacement", cwr);
COMB_TYPE(permutations_type, "permutations", permutations);

}  // namespace krait::itertools
