// PyEval_EvalCodeEx: runs a code object with explicit positional arguments,
// keyword (name, value) pairs, defaults, keyword-only defaults and a closure,
// as CPython 3.11 does: a function object is built around the code and
// called with the arguments in vectorcall form.
#include <Python.h>

#include "interp/eval.h"
#include "support/ref.h"

using krait::Ref;
using krait::steal;

extern "C" PyObject* PyEval_EvalCodeEx(PyObject* co, PyObject* globals, PyObject* locals,
                                       PyObject* const* args, int argcount,
                                       PyObject* const* kws, int kwcount,
                                       PyObject* const* defs, int defcount,
                                       PyObject* kwdefs, PyObject* closure) {
  if (co == nullptr || !PyCode_Check(co) || globals == nullptr || !PyDict_Check(globals)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  if (locals == nullptr) locals = globals;
  Ref<> fn = steal(PyFunction_New(co, globals));
  if (!fn) return nullptr;
  if (defcount > 0) {
    Ref<> d = steal(PyTuple_New(defcount));
    if (!d) return nullptr;
    for (int i = 0; i < defcount; i++) PyTuple_SET_ITEM(d.get(), i, Py_NewRef(defs[i]));
    if (PyFunction_SetDefaults(fn.get(), d.get()) < 0) return nullptr;
  }
  if (kwdefs && kwdefs != Py_None && PyFunction_SetKwDefaults(fn.get(), kwdefs) < 0) return nullptr;
  if (closure && closure != Py_None && PyFunction_SetClosure(fn.get(), closure) < 0) return nullptr;
  auto* func = reinterpret_cast<PyFunctionObject*>(fn.get());
  // Module/class/exec code reads and writes `locals`; it takes no arguments.
  if (argcount == 0 && kwcount == 0 &&
      !(reinterpret_cast<PyCodeObject*>(co)->co_flags & CO_OPTIMIZED)) {
    return krait::interp::call_with_locals(func, locals);
  }
  if (argcount < 0 || kwcount < 0) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  Ref<> kwnames;
  PyObject** stack = static_cast<PyObject**>(PyMem_Malloc(sizeof(PyObject*) * (argcount + kwcount + 1)));
  if (!stack) return PyErr_NoMemory();
  for (int i = 0; i < argcount; i++) stack[i] = args[i];
  if (kwcount > 0) {
    kwnames = steal(PyTuple_New(kwcount));
    if (!kwnames) {
      PyMem_Free(stack);
      return nullptr;
    }
    for (int i = 0; i < kwcount; i++) {
      PyTuple_SET_ITEM(kwnames.get(), i, Py_NewRef(kws[2 * i]));
      stack[argcount + i] = kws[2 * i + 1];
    }
  }
  PyObject* r = PyObject_Vectorcall(fn.get(), stack, argcount, kwnames.get());
  PyMem_Free(stack);
  return r;
}
