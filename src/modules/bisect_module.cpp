// bisect_module.cpp — the `_bisect` module: binary search over sequences
// (bisect_left/right) and insertion keeping order (insort_left/right), with
// CPython's argument rules: lo >= 0, hi None or -1 means len(a), key applied
// to the probed elements (and once to x when inserting).
#include <Python.h>

#include "support/ref.h"

using namespace krait;

namespace {

// The first index in [lo, hi) where `item` would go; `right` puts it after
// equal elements. -1 on error.
Py_ssize_t search(PyObject* seq, PyObject* item, Py_ssize_t lo, Py_ssize_t hi, PyObject* key,
                  bool right) {
  if (lo < 0) {
    PyErr_SetString(PyExc_ValueError, "lo must be non-negative");
    return -1;
  }
  if (hi == -1) {
    hi = PySequence_Size(seq);
    if (hi < 0) return -1;
  }
  while (lo < hi) {
    // Unsigned: lo + hi may not fit a Py_ssize_t.
    Py_ssize_t mid = static_cast<Py_ssize_t>((static_cast<size_t>(lo) + hi) / 2);
    Ref<> probe = steal(PySequence_GetItem(seq, mid));
    if (!probe) return -1;
    if (key != Py_None) {
      probe = steal(PyObject_CallOneArg(key, probe.get()));
      if (!probe) return -1;
    }
    int lt = right ? PyObject_RichCompareBool(item, probe.get(), Py_LT)
                   : PyObject_RichCompareBool(probe.get(), item, Py_LT);
    if (lt < 0) return -1;
    if (right == static_cast<bool>(lt))
      hi = mid;
    else
      lo = mid + 1;
  }
  return lo;
}

struct Args {
  PyObject* a;
  PyObject* x;
  Py_ssize_t lo = 0;
  Py_ssize_t hi = -1;
  PyObject* key = Py_None;
};

bool parse(const char* fmt, PyObject* args, PyObject* kwds, Args* out) {
  static const char* kwlist[] = {"a", "x", "lo", "hi", "key", nullptr};
  return PyArg_ParseTupleAndKeywords(args, kwds, fmt, const_cast<char**>(kwlist), &out->a, &out->x,
                                     &out->lo, _Py_convert_optional_to_ssize_t, &out->hi, &out->key);
}

PyObject* bisect(const char* fmt, PyObject* args, PyObject* kwds, bool right) {
  Args a;
  if (!parse(fmt, args, kwds, &a)) return nullptr;
  Py_ssize_t i = search(a.a, a.x, a.lo, a.hi, a.key, right);
  return i < 0 ? nullptr : PyLong_FromSsize_t(i);
}

PyObject* insort(const char* fmt, PyObject* args, PyObject* kwds, bool right) {
  Args a;
  if (!parse(fmt, args, kwds, &a)) return nullptr;
  Ref<> probe = borrow(a.x);
  if (a.key != Py_None) {
    probe = steal(PyObject_CallOneArg(a.key, a.x));
    if (!probe) return nullptr;
  }
  Py_ssize_t i = search(a.a, probe.get(), a.lo, a.hi, a.key, right);
  if (i < 0) return nullptr;
  if (PyList_CheckExact(a.a)) {
    if (PyList_Insert(a.a, i, a.x) < 0) return nullptr;
  } else {
    Ref<> r = steal(PyObject_CallMethod(a.a, "insert", "nO", i, a.x));
    if (!r) return nullptr;
  }
  Py_RETURN_NONE;
}

PyObject* bisect_right(PyObject*, PyObject* args, PyObject* kwds) {
  return bisect("OO|nO&$O:bisect_right", args, kwds, true);
}
PyObject* bisect_left(PyObject*, PyObject* args, PyObject* kwds) {
  return bisect("OO|nO&$O:bisect_left", args, kwds, false);
}
PyObject* insort_right(PyObject*, PyObject* args, PyObject* kwds) {
  return insort("OO|nO&$O:insort_right", args, kwds, true);
}
PyObject* insort_left(PyObject*, PyObject* args, PyObject* kwds) {
  return insort("OO|nO&$O:insort_left", args, kwds, false);
}

#define KW(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(f))

PyMethodDef module_methods[] = {
    {"bisect_right", KW(bisect_right), METH_VARARGS | METH_KEYWORDS,
     "bisect_right($module, /, a, x, lo=0, hi=None, *, key=None)\n--\n\n"
     "Return the index where to insert item x in list a, assuming a is sorted.\n\n"
     "The return value i is such that all e in a[:i] have e <= x, and all e in\n"
     "a[i:] have e > x.  So if x already appears in the list, a.insert(i, x) will\n"
     "insert just after the rightmost x already there.\n\n"
     "Optional args lo (default 0) and hi (default len(a)) bound the\n"
     "slice of a to be searched."},
    {"insort_right", KW(insort_right), METH_VARARGS | METH_KEYWORDS,
     "insort_right($module, /, a, x, lo=0, hi=None, *, key=None)\n--\n\n"
     "Insert item x in list a, and keep it sorted assuming a is sorted.\n\n"
     "If x is already in a, insert it to the right of the rightmost x.\n\n"
     "Optional args lo (default 0) and hi (default len(a)) bound the\n"
     "slice of a to be searched."},
    {"bisect_left", KW(bisect_left), METH_VARARGS | METH_KEYWORDS,
     "bisect_left($module, /, a, x, lo=0, hi=None, *, key=None)\n--\n\n"
     "Return the index where to insert item x in list a, assuming a is sorted.\n\n"
     "The return value i is such that all e in a[:i] have e < x, and all e in\n"
     "a[i:] have e >= x.  So if x already appears in the list, a.insert(i, x) will\n"
     "insert just before the leftmost x already there.\n\n"
     "Optional args lo (default 0) and hi (default len(a)) bound the\n"
     "slice of a to be searched."},
    {"insort_left", KW(insort_left), METH_VARARGS | METH_KEYWORDS,
     "insort_left($module, /, a, x, lo=0, hi=None, *, key=None)\n--\n\n"
     "Insert item x in list a, and keep it sorted assuming a is sorted.\n\n"
     "If x is already in a, insert it to the left of the leftmost x.\n\n"
     "Optional args lo (default 0) and hi (default len(a)) bound the\n"
     "slice of a to be searched."},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef bisect_module = {
    PyModuleDef_HEAD_INIT,
    "_bisect",
    "Bisection algorithms.\n\n"
    "This module provides support for maintaining a list in sorted order without\n"
    "having to sort the list after each insertion. For long lists of items with\n"
    "expensive comparison operations, this can be an improvement over the more\n"
    "common approach.\n",
    -1,
    module_methods,
};

}  // namespace

extern "C" PyObject* PyInit__bisect(void) { return PyModule_Create(&bisect_module); }
