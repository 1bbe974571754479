// Runs Krait object files on top of the real CPython 3.11 (libpython3.11.so)
// by symbol interposition: definitions in the test executable win over
// libpython's for every caller that binds through the PLT/GOT (the test
// itself, extension modules such as _testbuffer, ctypes). libpython's own
// internal calls keep using CPython's code, so the harness swaps the Python
// visible entry points by hand (builtins.memoryview, types.*, list.__class_getitem__,
// type.__or__) and exposes Krait's _codecs as the module `krait_codecs`.
//
// Test programs are compiled with -DPy_Initialize=krait_harness_init.
// See README.md. A development aid only: nothing here is part of libkrait.
#include <Python.h>
#include <dlfcn.h>

#include <initializer_list>

#include "objects/genericalias_object.h"
#include "objects/memoryview_object.h"
#include "objects/namespace_object.h"

extern "C" PyObject* PyInit__codecs(void);

namespace {

// Points a builtin class's __class_getitem__ at Krait's Py_GenericAlias.
void patch_class_getitem(PyObject* type, void* cpython_ga) {
  PyObject* descr = PyDict_GetItemString(reinterpret_cast<PyTypeObject*>(type)->tp_dict, "__class_getitem__");
  if (descr == nullptr) return;
  PyMethodDef* def = reinterpret_cast<PyMethodDescrObject*>(descr)->d_method;
  if (reinterpret_cast<void*>(def->ml_meth) == cpython_ga) def->ml_meth = reinterpret_cast<PyCFunction>(Py_GenericAlias);
}

}  // namespace

extern "C" void krait_harness_init(void) {
  Py_Initialize();
#define KRAIT_STATIC_TYPE(T) \
  if (PyType_Ready(&T) < 0) { PyErr_Print(); abort(); }
#include "harness_types.def"
#undef KRAIT_STATIC_TYPE
  PyObject* builtins = PyImport_ImportModule("builtins");
  PyObject_SetAttrString(builtins, "memoryview", reinterpret_cast<PyObject*>(&PyMemoryView_Type));
  void* lib = dlopen("libpython3.11.so.1.0", RTLD_NOW | RTLD_NOLOAD);
  void* cpython_ga = lib ? dlsym(lib, "Py_GenericAlias") : nullptr;
  for (const char* name : {"list", "dict", "tuple", "set", "frozenset", "enumerate", "BaseException"}) {
    PyObject* t = PyObject_GetAttrString(builtins, name);
    patch_class_getitem(t, cpython_ga);
    Py_DECREF(t);
  }
  Py_DECREF(builtins);
  PyType_Type.tp_as_number->nb_or = krait::type_or;
  PyObject* types = PyImport_ImportModule("types");
  PyObject_SetAttrString(types, "GenericAlias", reinterpret_cast<PyObject*>(&Py_GenericAliasType));
  PyObject_SetAttrString(types, "UnionType", reinterpret_cast<PyObject*>(&_PyUnion_Type));
  PyObject_SetAttrString(types, "SimpleNamespace", reinterpret_cast<PyObject*>(&_PyNamespace_Type));
  Py_DECREF(types);
  PyObject* codecs = PyInit__codecs();
  PyDict_SetItemString(PyImport_GetModuleDict(), "krait_codecs", codecs);
  Py_DECREF(codecs);
}
