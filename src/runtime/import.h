// The import core (import.cpp) as seen from the rest of the runtime.
#pragma once
#include <Python.h>

namespace krait {

// Imports an absolute module name: sys.modules, then the finder.
PyObject* import_absolute(PyObject* abs_name);
// Registers importlib's _find_and_load (called once importlib is bootstrapped).
void set_import_finder(PyObject* (*find_and_load)(PyObject* abs_name));
// Creates builtin module `name` from PyImport_Inittab (new reference), or
// returns nullptr without an exception when no builtin has that name.
// Multi-phase modules are created from `spec` (a minimal one when nullptr)
// and executed only if `exec_multiphase`; single-phase ones are put in
// sys.modules.
PyObject* create_builtin_module(PyObject* name, PyObject* spec, bool exec_multiphase);
// importlib's _bootstrap module once start-up installed it (borrowed), else nullptr.
PyObject* importlib_module();
void set_importlib(PyObject* bootstrap);
// A ModuleSpec-like object for a builtin module (name, origin='built-in').
PyObject* make_builtin_spec(PyObject* name);

}  // namespace krait
