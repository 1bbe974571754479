// Argument parsing for C functions: PyArg_Parse*, PyArg_UnpackTuple and the
// _PyArg_* helpers Argument Clinic code of 3.11 calls.
// Several of them are also macros in <cpython/modsupport.h> (a fast inline
// check before the call), hence the parenthesized names of the definitions.
#include <Python.h>

int (_PyArg_NoKeywords)(const char* funcname, PyObject* kwargs) {
  if (!kwargs) return 1;
  if (!PyDict_CheckExact(kwargs)) {
    PyErr_BadInternalCall();
    return 0;
  }
  if (PyDict_GET_SIZE(kwargs) == 0) return 1;
  PyErr_Format(PyExc_TypeError, "%.200s() takes no keyword arguments", funcname);
  return 0;
}

int (_PyArg_NoPositional)(const char* funcname, PyObject* args) {
  if (!args) return 1;
  if (!PyTuple_CheckExact(args)) {
    PyErr_BadInternalCall();
    return 0;
  }
  if (PyTuple_GET_SIZE(args) == 0) return 1;
  PyErr_Format(PyExc_TypeError, "%.200s() takes no positional arguments", funcname);
  return 0;
}
