/* Path converters, fd helpers and small private helpers that lib-dynload
 * modules import (PyUnicode_FSConverter/FSDecoder, _Py_fstat, _Py_dup,
 * _PyLong_FileDescriptor_Converter, _PyAccu_*, _Py_strhex, _PyBytes_Find). */
#define Py_BUILD_CORE_MODULE 1
#include "capi_check.h"
#include "internal/pycore_accu.h"
#include "internal/pycore_bytesobject.h"
#include "internal/pycore_fileutils.h"
#include "internal/pycore_strhex.h"
#include <unistd.h>

int main(void) {
  Py_Initialize();
  PyObject* out = NULL;
  PyObject* path = PyUnicode_FromString("/tmp/x\xc3\xa9");
  CHECK(PyUnicode_FSConverter(path, &out) == Py_CLEANUP_SUPPORTED);
  CHECK_REPR(out, "b'/tmp/x\\xc3\\xa9'");
  CHECK(PyUnicode_FSConverter(NULL, &out) == 1 && out == NULL);
  PyObject* bad = PyUnicode_FromStringAndSize("a\0b", 3);
  CHECK(PyUnicode_FSConverter(bad, &out) == 0);
  CHECK_ERROR(PyExc_ValueError, "embedded null byte");
  PyObject* b = PyBytes_FromString("/etc");
  CHECK(PyUnicode_FSDecoder(b, &out) == Py_CLEANUP_SUPPORTED);
  CHECK_REPR(out, "'/etc'");
  Py_CLEAR(out);
  CHECK(PyUnicode_FSDecoder(Py_None, &out) == 0);
  CHECK_ERROR(PyExc_TypeError, "expected str, bytes or os.PathLike object, not NoneType");

  int fd = -1;
  PyObject* two = PyLong_FromLong(2);
  CHECK(_PyLong_FileDescriptor_Converter(two, &fd) == 1 && fd == 2);
  struct _Py_stat_struct st;
  CHECK(_Py_fstat(0, &st) == 0);
  CHECK(_Py_fstat(-1, &st) == -1);
  CHECK_ERR(PyExc_OSError);
  int d = _Py_dup(1);
  CHECK(d > 2);
  int inh = _Py_get_inheritable(d);
  CHECK(inh == 0);
  close(d);

  _PyAccu acc;
  CHECK(_PyAccu_Init(&acc) == 0);
  for (int i = 0; i < 3; i++) {
    PyObject* piece = PyUnicode_FromFormat("<%d>", i);
    CHECK(_PyAccu_Accumulate(&acc, piece) == 0);
    Py_DECREF(piece);
  }
  PyObject* joined = _PyAccu_Finish(&acc);
  CHECK_REPR(joined, "'<0><1><2>'");
  Py_XDECREF(joined);

  PyObject* hex = _Py_strhex("\x01\xab\xff", 3);
  CHECK_REPR(hex, "'01abff'");
  Py_XDECREF(hex);
  CHECK(_PyBytes_Find("abcabc", 6, "ca", 2, 10) == 12);
  CHECK(_PyBytes_ReverseFind("abcabc", 6, "bc", 2, 0) == 4);
  CHECK(_PyBytes_Find("abc", 3, "x", 1, 0) == -1);
  CHECK(PyOS_mystrnicmp("HeLLo", "hello world", 5) == 0);

  Py_DECREF(two); Py_DECREF(b); Py_DECREF(bad); Py_DECREF(path);
  CAPI_TEST_END();
}
