// suggestions.h — "Did you mean" hints for NameError/AttributeError.
#pragma once
#include <Python.h>

namespace krait::interp {
// The suggested name for a NameError or AttributeError instance (new
// reference), or NULL (never with an exception set).
PyObject* offer_suggestions(PyObject* exc);
}  // namespace krait::interp
