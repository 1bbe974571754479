// warnings.h — the warning filter engine shared by the `_warnings` module
// and the PyErr_Warn* C API.
#pragma once
#include <Python.h>

namespace krait::warnings {

// warnings.warn(message, category, stacklevel, source): new ref (None) or
// NULL with an exception (including the warning itself under "error").
PyObject* warn(PyObject* message, PyObject* category, Py_ssize_t stack_level, PyObject* source);

// warnings.warn_explicit; module/registry/sourceline/source may be NULL.
PyObject* warn_explicit(PyObject* category, PyObject* message, PyObject* filename, int lineno,
                        PyObject* module, PyObject* registry, PyObject* sourceline, PyObject* source);

}  // namespace krait::warnings
