// heapq_module.cpp — the `_heapq` module: binary heaps on plain lists.
// Sift orders and comparison directions follow CPython's exactly (only `<`
// is used, with the same operand order), so results — including which of
// equal elements ends up where — are identical. The list may be mutated by a
// comparison; a size change is reported as RuntimeError, like CPython.
#include <Python.h>

#include "support/ref.h"

using namespace krait;

namespace {

// a < b for a min-heap, b < a for a max-heap.
template <bool Max>
int less(PyObject* a, PyObject* b) {
  Ref<> ha = borrow(a), hb = borrow(b);  // a comparison may drop the list's refs
  return Max ? PyObject_RichCompareBool(b, a, Py_LT) : PyObject_RichCompareBool(a, b, Py_LT);
}

bool size_changed(PyObject* heap, Py_ssize_t size) {
  if (PyList_GET_SIZE(heap) == size) return false;
  PyErr_SetString(PyExc_RuntimeError, "list changed size during iteration");
  return true;
}

// Moves heap[pos] towards the root (not above startpos) until it is not
// smaller than its parent.
template <bool Max>
int siftdown(PyObject* heap, Py_ssize_t startpos, Py_ssize_t pos) {
  Py_ssize_t size = PyList_GET_SIZE(heap);
  if (pos >= size) {
    PyErr_SetString(PyExc_IndexError, "index out of range");
    return -1;
  }
  while (pos > startpos) {
    Py_ssize_t parentpos = (pos - 1) >> 1;
    PyObject** arr = reinterpret_cast<PyListObject*>(heap)->ob_item;
    int lt = less<Max>(arr[pos], arr[parentpos]);
    if (lt < 0) return -1;
    if (size_changed(heap, size)) return -1;
    if (lt == 0) break;
    arr = reinterpret_cast<PyListObject*>(heap)->ob_item;
    PyObject* parent = arr[parentpos];
    arr[parentpos] = arr[pos];
    arr[pos] = parent;
    pos = parentpos;
  }
  return 0;
}

// Moves the smaller child up from pos down to a leaf, then sifts the
// original item back down into place (fewer comparisons on average).
template <bool Max>
int siftup(PyObject* heap, Py_ssize_t pos) {
  Py_ssize_t endpos = PyList_GET_SIZE(heap);
  Py_ssize_t startpos = pos;
  if (pos >= endpos) {
    PyErr_SetString(PyExc_IndexError, "index out of range");
    return -1;
  }
  Py_ssize_t limit = endpos >> 1;
  while (pos < limit) {
    Py_ssize_t childpos = 2 * pos + 1;
    PyObject** arr = reinterpret_cast<PyListObject*>(heap)->ob_item;
    if (childpos + 1 < endpos) {
      int lt = less<Max>(arr[childpos], arr[childpos + 1]);
      if (lt < 0) return -1;
      childpos += lt ^ 1;
      if (size_changed(heap, endpos)) return -1;
      arr = reinterpret_cast<PyListObject*>(heap)->ob_item;
    }
    PyObject* tmp = arr[childpos];
    arr[childpos] = arr[pos];
    arr[pos] = tmp;
    pos = childpos;
  }
  return siftdown<Max>(heap, startpos, pos);
}

bool check_list(const char* fname, const char* argname, PyObject* heap) {
  if (PyList_Check(heap)) return true;
  PyErr_Format(PyExc_TypeError, "%s() %s must be list, not %.50s", fname, argname,
               Py_TYPE(heap)->tp_name);
  return false;
}

PyObject* heappush(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("heappush", nargs, 2, 2)) return nullptr;
  PyObject* heap = args[0];
  if (!check_list("heappush", "argument 1", heap)) return nullptr;
  if (PyList_Append(heap, args[1]) < 0) return nullptr;
  if (siftdown<false>(heap, 0, PyList_GET_SIZE(heap) - 1) < 0) return nullptr;
  Py_RETURN_NONE;
}

template <bool Max>
PyObject* pop(PyObject* heap) {
  Py_ssize_t n = PyList_GET_SIZE(heap);
  if (n == 0) {
    PyErr_SetString(PyExc_IndexError, "index out of range");
    return nullptr;
  }
  Ref<> last = borrow(PyList_GET_ITEM(heap, n - 1));
  if (PyList_SetSlice(heap, n - 1, n, nullptr) < 0) return nullptr;
  if (--n == 0) return last.release();
  PyObject* top = PyList_GET_ITEM(heap, 0);
  PyList_SET_ITEM(heap, 0, last.release());
  if (siftup<Max>(heap, 0) < 0) {
    Py_DECREF(top);
    return nullptr;
  }
  return top;
}

template <bool Max>
PyObject* replace(PyObject* heap, PyObject* item) {
  if (PyList_GET_SIZE(heap) == 0) {
    PyErr_SetString(PyExc_IndexError, "index out of range");
    return nullptr;
  }
  PyObject* top = PyList_GET_ITEM(heap, 0);
  PyList_SET_ITEM(heap, 0, Py_NewRef(item));
  if (siftup<Max>(heap, 0) < 0) {
    Py_DECREF(top);
    return nullptr;
  }
  return top;
}

// Floyd's bottom-up construction; large heaps are processed in an order
// that keeps the working set within cache, as CPython does (the result is
// the same either way since each subtree is heapified before its parent).
Py_ssize_t keep_top_bit(Py_ssize_t n) {
  int i = 0;
  while (n > 1) {
    n >>= 1;
    ++i;
  }
  return n << i;
}

template <bool Max>
PyObject* heapify(PyObject* heap) {
  Py_ssize_t n = PyList_GET_SIZE(heap);
  if (n <= 2500) {
    for (Py_ssize_t i = (n >> 1) - 1; i >= 0; --i)
      if (siftup<Max>(heap, i) < 0) return nullptr;
    Py_RETURN_NONE;
  }
  Py_ssize_t m = n >> 1;  // first childless node
  Py_ssize_t leftmost = keep_top_bit(m + 1) - 1;
  Py_ssize_t mhalf = m >> 1;
  auto run = [&](Py_ssize_t from, Py_ssize_t to) {
    for (Py_ssize_t i = from; i >= to; --i) {
      for (Py_ssize_t j = i;; j >>= 1) {
        if (siftup<Max>(heap, j) < 0) return false;
        if (!(j & 1)) break;
      }
    }
    return true;
  };
  if (!run(leftmost - 1, mhalf) || !run(m - 1, leftmost)) return nullptr;
  Py_RETURN_NONE;
}

PyObject* heappop(PyObject*, PyObject* heap) {
  if (!check_list("heappop", "argument", heap)) return nullptr;
  return pop<false>(heap);
}
PyObject* heappop_max(PyObject*, PyObject* heap) {
  if (!check_list("_heappop_max", "argument", heap)) return nullptr;
  return pop<true>(heap);
}
PyObject* heapify_min(PyObject*, PyObject* heap) {
  if (!check_list("heapify", "argument", heap)) return nullptr;
  return heapify<false>(heap);
}
PyObject* heapify_max(PyObject*, PyObject* heap) {
  if (!check_list("_heapify_max", "argument", heap)) return nullptr;
  return heapify<true>(heap);
}

PyObject* heapreplace(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("heapreplace", nargs, 2, 2)) return nullptr;
  if (!check_list("heapreplace", "argument 1", args[0])) return nullptr;
  return replace<false>(args[0], args[1]);
}
PyObject* heapreplace_max(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("_heapreplace_max", nargs, 2, 2)) return nullptr;
  if (!check_list("_heapreplace_max", "argument 1", args[0])) return nullptr;
  return replace<true>(args[0], args[1]);
}

PyObject* heappushpop(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("heappushpop", nargs, 2, 2)) return nullptr;
  PyObject* heap = args[0];
  PyObject* item = args[1];
  if (!check_list("heappushpop", "argument 1", heap)) return nullptr;
  if (PyList_GET_SIZE(heap) == 0) return Py_NewRef(item);
  int lt = less<false>(PyList_GET_ITEM(heap, 0), item);
  if (lt < 0) return nullptr;
  if (lt == 0) return Py_NewRef(item);
  return replace<false>(heap, item);  // re-checks emptiness: __lt__ may have cleared it
}

#define FAST(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(f))

PyMethodDef module_methods[] = {
    {"heappush", FAST(heappush), METH_FASTCALL,
     "heappush($module, heap, item, /)\n--\n\nPush item onto heap, maintaining the heap invariant."},
    {"heappushpop", FAST(heappushpop), METH_FASTCALL,
     "heappushpop($module, heap, item, /)\n--\n\n"
     "Push item on the heap, then pop and return the smallest item from the heap.\n\n"
     "The combined action runs more efficiently than heappush() followed by\n"
     "a separate call to heappop()."},
    {"heappop", heappop, METH_O,
     "heappop($module, heap, /)\n--\n\nPop the smallest item off the heap, maintaining the heap invariant."},
    {"heapreplace", FAST(heapreplace), METH_FASTCALL,
     "heapreplace($module, heap, item, /)\n--\n\n"
     "Pop and return the current smallest value, and add the new item.\n\n"
     "This is more efficient than heappop() followed by heappush(), and can be\n"
     "more appropriate when using a fixed-size heap.  Note that the value\n"
     "returned may be larger than item!  That constrains reasonable uses of\n"
     "this routine unless written as part of a conditional replacement:\n\n"
     "    if item > heap[0]:\n"
     "        item = heapreplace(heap, item)"},
    {"heapify", heapify_min, METH_O,
     "heapify($module, heap, /)\n--\n\nTransform list into a heap, in-place, in O(len(heap)) time."},
    {"_heappop_max", heappop_max, METH_O,
     "_heappop_max($module, heap, /)\n--\n\nMaxheap variant of heappop."},
    {"_heapreplace_max", FAST(heapreplace_max), METH_FASTCALL,
     "_heapreplace_max($module, heap, item, /)\n--\n\nMaxheap variant of heapreplace."},
    {"_heapify_max", heapify_max, METH_O,
     "_heapify_max($module, heap, /)\n--\n\nMaxheap variant of heapify."},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef heapq_module = {
    PyModuleDef_HEAD_INIT,
    "_heapq",
    "Heap queue algorithm (a.k.a. priority queue).\n\n"
    "Heaps are arrays for which a[k] <= a[2*k+1] and a[k] <= a[2*k+2] for\n"
    "all k, counting elements from 0.  For the sake of comparison,\n"
    "non-existing elements are considered to be infinite.  The interesting\n"
    "property of a heap is that a[0] is always its smallest element.\n",
    -1,
    module_methods,
};

}  // namespace

extern "C" PyObject* PyInit__heapq(void) { return PyModule_Create(&heapq_module); }
