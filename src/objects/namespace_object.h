// types.SimpleNamespace (namespace_object.cpp). CPython declares these only
// in an internal header; Krait exports them under the same names.
#pragma once
#include <Python.h>

extern "C" {
PyAPI_DATA(PyTypeObject) _PyNamespace_Type;
// A new namespace holding a copy of `kwds` (a dict, or NULL for none).
PyAPI_FUNC(PyObject*) _PyNamespace_New(PyObject* kwds);
}
