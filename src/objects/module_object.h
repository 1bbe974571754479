// The module object's layout. Identical to CPython 3.11's PyModuleObject
// (internal/pycore_moduleobject.h): extension modules CPython builds in its
// own tree read md_state through an inline _PyModule_GetState().
#pragma once
#include <Python.h>

namespace krait {

struct ModuleObject {
  PyObject_HEAD
  PyObject* md_dict;
  PyModuleDef* md_def;
  void* md_state;
  PyObject* md_weaklist;
  PyObject* md_name;  // kept for messages after md_dict is cleared
};

inline ModuleObject* as_module(PyObject* m) { return reinterpret_cast<ModuleObject*>(m); }

// Adds PyMethodDef functions to a module (or any object) as builtin functions
// whose __module__ is `name` (CPython's _add_methods_to_object).
int module_add_functions(PyObject* module, PyObject* name, PyMethodDef* functions);

}  // namespace krait
