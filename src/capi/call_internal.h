// Inline fast paths of the call protocol, for the runtime's own hot callers
// (the interpreter's CALL, PyObject_Vectorcall, the builtin-function
// trampolines of method_object.cpp).
//
// The exported functions (Py_EnterRecursiveCall, _Py_CheckFunctionResult,
// PyObject_Vectorcall) are out-of-line calls across translation units; in a
// call from Python to a METH_O function they were ~100 of ~450 instructions.
// These inline versions do the common case in a few instructions and leave
// the error paths to the exported functions, which keep CPython's semantics.
#pragma once
#include <Python.h>

#include <cstring>

#include "runtime/interp_state.h"

namespace krait {

// Py_EnterRecursiveCall / Py_LeaveRecursiveCall: the counter lives in the
// thread state; only the overflow path (RecursionError) is out of line.
inline bool enter_recursive_call(PyThreadState* ts, const char* where) {
  if (__builtin_expect(ts->recursion_remaining > 0, 1)) {
    ts->recursion_remaining--;
    return true;
  }
  return Py_EnterRecursiveCall(where) == 0;
}
inline void leave_recursive_call(PyThreadState* ts) { ts->recursion_remaining++; }

// _Py_CheckFunctionResult: a result together with "no exception" (or NULL
// together with one) is the normal case; anything else is a SystemError the
// exported function builds.
inline PyObject* check_function_result(PyThreadState* ts, PyObject* callable, PyObject* result) {
  if (__builtin_expect((result != nullptr) == (ts->curexc_type == nullptr), 1)) return result;
  return _Py_CheckFunctionResult(ts, callable, result, nullptr);
}

// PyVectorcall_Function without the call.
inline vectorcallfunc vectorcall_function(PyObject* callable) {
  PyTypeObject* tp = Py_TYPE(callable);
  if (!(tp->tp_flags & Py_TPFLAGS_HAVE_VECTORCALL)) return nullptr;
  vectorcallfunc f;
  std::memcpy(&f, reinterpret_cast<char*>(callable) + tp->tp_vectorcall_offset, sizeof f);
  return f;
}

// PyObject_Vectorcall.
inline PyObject* vectorcall(PyObject* callable, PyObject* const* args, size_t nargsf,
                            PyObject* kwnames) {
  PyThreadState* ts = tstate();
  vectorcallfunc func = vectorcall_function(callable);
  if (func == nullptr)
    return _PyObject_MakeTpCall(ts, callable, args, PyVectorcall_NARGS(nargsf), kwnames);
  return check_function_result(ts, callable, func(callable, args, nargsf, kwnames));
}

}  // namespace krait
