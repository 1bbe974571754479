// The import core (import.cpp) as seen from the rest of the runtime.
#pragma once
#include <Python.h>

namespace krait {

// Imports an absolute module name: sys.modules, then the finder.
PyObject* import_absolute(PyObject* abs_name);
// Registers importlib's _find_and_load (called once importlib is bootstrapped).
void set_import_finder(PyObject* (*find_and_load)(PyObject* abs_name));
// A ModuleSpec-like object for a builtin module (name, origin='built-in').
PyObject* make_builtin_spec(PyObject* name);

}  // namespace krait
