// Internal C++ entry points of the tuple type (tuple_object.cpp) for the
// interpreter and the other container types.
#pragma once
#include <Python.h>

namespace krait {

// New tuple holding new references to items[0..n).
PyObject* tuple_from_array(PyObject* const* items, Py_ssize_t n);
// New tuple that takes over the references items[0..n) (they are not
// increfed; on failure they are decrefed, as a steal must).
PyObject* tuple_from_array_steal(PyObject* const* items, Py_ssize_t n);
// The immortal empty tuple (borrowed).
PyObject* empty_tuple();

}  // namespace krait
