// Internal C++ entry points of the list type (list_object.cpp, list_sort.cpp).
#pragma once
#include <Python.h>

namespace krait {

// Grows or shrinks the item vector with CPython's over-allocation pattern so
// that `allocated` follows the same sequence as on CPython.
int list_resize(PyListObject* self, Py_ssize_t newsize);
// Appends a new reference to `v` (the list's fast path for the interpreter).
int list_append(PyListObject* self, PyObject* v);
// list.extend(iterable); returns 0 or -1.
int list_extend(PyListObject* self, PyObject* iterable);
// A new empty list whose vector has room for `size` items (ob_size == 0).
PyObject* list_new_prealloc(Py_ssize_t size);
// list.sort(key=keyfunc, reverse=reverse): 0 or -1 (list_sort.cpp).
int list_sort(PyListObject* self, PyObject* keyfunc, int reverse);

}  // namespace krait
