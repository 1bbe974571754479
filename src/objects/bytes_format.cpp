// bytes_format.cpp — printf-style formatting of bytes (bytes % args).
//
// Not implemented yet: raises NotImplementedError so callers fail loudly
// rather than produce wrong output (see docs/internals/objects-strings.md).
#include <Python.h>

extern "C" PyObject* _PyBytes_FormatEx(const char* format, Py_ssize_t format_len, PyObject* args,
                                       int use_bytearray) {
  PyErr_SetString(PyExc_NotImplementedError, "bytes %-formatting is not implemented yet");
  return nullptr;
}
