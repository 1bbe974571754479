// Sub-interpreter entry points (Py_NewInterpreter, _Py_NewInterpreter,
// Py_EndInterpreter). Krait runs exactly one interpreter per process: its
// runtime state (import system, type caches, the GIL) is process-wide, so a
// sub-interpreter cannot be created. Creation fails the way CPython's does when
// PyInterpreterState_New fails: NULL returned, the reason set as an exception
// on the calling thread if it has a thread state (_testcapi.run_in_subinterp
// swaps it out first and raises its own RuntimeError).
#include <Python.h>

extern "C" PyThreadState* _Py_NewInterpreter(int /*isolated_subinterpreter*/) {
  // Callers usually swap the current thread state out first (CPython's own
  // code does); with no thread state there is nowhere to put an exception,
  // and CPython's callers then raise their own.
  if (_PyThreadState_UncheckedGet() != nullptr) {
    PyErr_SetString(PyExc_RuntimeError, "sub-interpreters are not supported by Krait");
  }
  return nullptr;
}

extern "C" PyThreadState* Py_NewInterpreter(void) { return _Py_NewInterpreter(0); }

// Only a thread state returned by Py_NewInterpreter may be passed here, and
// there is none: ending the main interpreter this way is a misuse CPython
// does not survive either.
extern "C" void Py_EndInterpreter(PyThreadState* /*tstate*/) {
  Py_FatalError("Py_EndInterpreter: not a sub-interpreter (Krait creates none)");
}
