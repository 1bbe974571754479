// finalize_modules.cpp — tearing the modules down at exit, as CPython's
// Py_FinalizeEx does, so that objects held by module globals are finalized:
// suspended generators run their `finally` blocks, __del__ methods run and
// unclosed files are flushed by their deallocators.
//
// The steps follow CPython 3.11: sys's import and REPL state is set to None
// and the standard streams are restored from sys.__std*__; every module in
// sys.modules is replaced by None (keeping a weak reference), sys.modules is
// emptied and a collection runs; then the modules still alive have their
// globals cleared, the most recently imported first, in two passes (names
// with one leading underscore, then the rest but __builtins__), and a last
// collection runs. Unlike CPython, the sys and builtins dicts themselves are
// kept: the final flush of the standard streams still needs them, and the
// process ends right after.
#include <Python.h>

#include <vector>

#include "gc/gc_state.h"
#include "runtime/interp_state.h"
#include "runtime/lifecycle.h"
#include "support/ref.h"

namespace krait {
namespace {

void set_sys_none(const char* name) {
  if (PySys_GetObject(name) && PySys_SetObject(name, Py_None) < 0) PyErr_Clear();
}

void restore_std_stream(const char* name, const char* dunder) {
  PyObject* orig = PySys_GetObject(dunder);
  if (orig && PySys_SetObject(name, orig) < 0) PyErr_Clear();
}

// CPython's module dict clearing: first `_x` names, then everything but
// __builtins__ (so a module's __del__-time code still finds builtins).
void clear_module_dict(PyObject* d) {
  for (int pass = 0; pass < 2; pass++) {
    Ref<> keys = steal(PyDict_Keys(d));
    if (!keys) {
      PyErr_Clear();
      return;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(keys.get()); i++) {
      PyObject* key = PyList_GET_ITEM(keys.get(), i);
      if (!PyUnicode_Check(key)) continue;
      if (pass == 0) {
        if (PyUnicode_GET_LENGTH(key) < 2 || PyUnicode_READ_CHAR(key, 0) != '_' ||
            PyUnicode_READ_CHAR(key, 1) == '_')
          continue;
      } else if (PyUnicode_CompareWithASCIIString(key, "__builtins__") == 0) {
        continue;
      }
      PyObject* v = PyDict_GetItemWithError(d, key);
      if (!v || v == Py_None) {
        PyErr_Clear();
        continue;
      }
      if (PyDict_SetItem(d, key, Py_None) < 0) PyErr_WriteUnraisable(nullptr);
    }
  }
}

}  // namespace

int finalize_modules() {
  PyInterpreterState* interp = main_interp();
  PyObject* modules = interp->modules;
  if (!modules) return 0;
  if (PyObject* b = interp->builtins) {
    if (PyDict_GetItemString(b, "_") && PyDict_SetItemString(b, "_", Py_None) < 0) PyErr_Clear();
  }
  for (const char* name : {"path", "argv", "ps1", "ps2", "last_type", "last_value",
                           "last_traceback", "path_hooks", "path_importer_cache", "meta_path",
                           "__interactivehook__"})
    set_sys_none(name);
  restore_std_stream("stdin", "__stdin__");
  restore_std_stream("stdout", "__stdout__");
  restore_std_stream("stderr", "__stderr__");

  // Replace every module by None, remembering weak references in import order.
  struct Entry {
    Ref<> name, ref;
  };
  std::vector<Entry> alive;
  PyObject* sys_mod = nullptr;
  PyObject* builtins_mod = nullptr;
  {
    Ref<> items = steal(PyDict_Items(modules));
    if (!items) {
      PyErr_Clear();
      return 0;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(items.get()); i++) {
      PyObject* item = PyList_GET_ITEM(items.get(), i);
      PyObject* name = PyTuple_GET_ITEM(item, 0);
      PyObject* mod = PyTuple_GET_ITEM(item, 1);
      if (PyUnicode_Check(name) && PyUnicode_CompareWithASCIIString(name, "sys") == 0) {
        sys_mod = mod;
        continue;
      }
      if (PyUnicode_Check(name) && PyUnicode_CompareWithASCIIString(name, "builtins") == 0) {
        builtins_mod = mod;
        continue;
      }
      if (PyModule_Check(mod)) {
        PyObject* wr = PyWeakref_NewRef(mod, nullptr);
        if (wr) alive.push_back({borrow(name), steal(wr)});
        else PyErr_Clear();
      }
      if (PyDict_SetItem(modules, name, Py_None) < 0) PyErr_WriteUnraisable(nullptr);
    }
  }
  (void)sys_mod;
  (void)builtins_mod;
  PyDict_Clear(modules);
  gc::collect_no_fail();

  // Clear what survived, most recently imported first.
  for (auto it = alive.rbegin(); it != alive.rend(); ++it) {
    PyObject* mod = PyWeakref_GET_OBJECT(it->ref.get());
    if (mod == Py_None) continue;
    Py_INCREF(mod);
    if (PyObject* d = PyModule_GetDict(mod)) clear_module_dict(d);
    else PyErr_Clear();
    Py_DECREF(mod);
  }
  gc::collect_no_fail();
  if (PyErr_Occurred()) PyErr_Clear();
  return 0;
}

}  // namespace krait
