/* The builtin exceptions seen from C: the hierarchy, construction, str/repr,
 * the chaining API, OSError's errno mapping, SyntaxError/UnicodeError forms,
 * exception groups, PyErr_NewException. Expected texts are CPython 3.11's. */
#define PY_SSIZE_T_CLEAN
#include "capi_check.h"
#include <errno.h>

static PyObject* call(PyObject* type, const char* fmt, ...) {
  va_list va;
  va_start(va, fmt);
  PyObject* args = Py_VaBuildValue(fmt, va);
  va_end(va);
  if (!args) return NULL;
  if (!PyTuple_Check(args)) {
    PyObject* t = PyTuple_Pack(1, args);
    Py_DECREF(args);
    args = t;
  }
  PyObject* r = PyObject_Call(type, args, NULL);
  Py_DECREF(args);
  return r;
}

int main(void) {
  Py_Initialize();

  /* Hierarchy */
  CHECK(PyExceptionClass_Check(PyExc_TypeError));
  CHECK(PyObject_IsSubclass(PyExc_FileNotFoundError, PyExc_OSError) == 1);
  CHECK(PyObject_IsSubclass(PyExc_TabError, PyExc_SyntaxError) == 1);
  CHECK(PyObject_IsSubclass(PyExc_KeyboardInterrupt, PyExc_Exception) == 0);
  CHECK(PyExc_IOError == PyExc_OSError && PyExc_EnvironmentError == PyExc_OSError);
  CHECK(strcmp(PyExceptionClass_Name(PyExc_ValueError), "ValueError") == 0);

  /* BaseException str/repr */
  PyObject* e = call(PyExc_ValueError, "()");
  CHECK_STR(e, "");
  CHECK_REPR(e, "ValueError()");
  Py_XDECREF(e);
  e = call(PyExc_ValueError, "(s)", "x");
  CHECK_STR(e, "x");
  CHECK_REPR(e, "ValueError('x')");
  Py_XDECREF(e);
  e = call(PyExc_ValueError, "(ii)", 1, 2);
  CHECK_STR(e, "(1, 2)");
  CHECK_REPR(e, "ValueError(1, 2)");
  Py_XDECREF(e);
  e = call(PyExc_KeyError, "(s)", "a");
  CHECK_STR(e, "'a'");
  Py_XDECREF(e);

  /* Chaining */
  PyObject* a = call(PyExc_ValueError, "(s)", "a");
  PyObject* b = call(PyExc_TypeError, "(s)", "b");
  Py_INCREF(a);
  PyException_SetCause(b, a);
  PyObject* c = PyException_GetCause(b);
  CHECK(c == a);
  Py_XDECREF(c);
  CHECK(((PyBaseExceptionObject*)b)->suppress_context == 1);
  Py_INCREF(a);
  PyException_SetContext(b, a);
  c = PyException_GetContext(b);
  CHECK(c == a);
  Py_XDECREF(c);
  CHECK(PyException_GetTraceback(b) == NULL);
  Py_XDECREF(a);
  Py_XDECREF(b);

  /* OSError */
  e = call(PyExc_OSError, "(iss)", ENOENT, "No such file or directory", "x");
  CHECK(e && Py_TYPE(e) == (PyTypeObject*)PyExc_FileNotFoundError);
  CHECK_STR(e, "[Errno 2] No such file or directory: 'x'");
  CHECK_REPR(e, "FileNotFoundError(2, 'No such file or directory')");
  Py_XDECREF(e);
  errno = EACCES;
  PyErr_SetFromErrnoWithFilename(PyExc_OSError, "/root/x");
  CHECK_ERROR(PyExc_PermissionError, "[Errno 13] Permission denied: '/root/x'");

  /* SyntaxError */
  e = call(PyExc_SyntaxError, "(s(sii s))", "invalid syntax", "dir/f.py", 3, 4, "x y");
  CHECK_STR(e, "invalid syntax (f.py, line 3)");
  Py_XDECREF(e);

  /* Unicode errors */
  e = PyUnicodeDecodeError_Create("utf-8", "\xff", 1, 0, 1, "invalid start byte");
  CHECK_STR(e, "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte");
  Py_ssize_t start = -1, end = -1;
  CHECK(PyUnicodeDecodeError_GetStart(e, &start) == 0 && start == 0);
  CHECK(PyUnicodeDecodeError_GetEnd(e, &end) == 0 && end == 1);
  Py_XDECREF(e);

  /* SystemExit, StopIteration */
  e = call(PyExc_SystemExit, "(i)", 3);
  CHECK(e && PyLong_AsLong(((PySystemExitObject*)e)->code) == 3);
  Py_XDECREF(e);
  e = call(PyExc_StopIteration, "()");
  CHECK(e && ((PyStopIterationObject*)e)->value == Py_None);
  Py_XDECREF(e);

  /* Exception groups */
  PyObject* inner = call(PyExc_ValueError, "()");
  e = call(PyExc_BaseExceptionGroup, "(s[O])", "msg", inner);
  CHECK(e && strcmp(Py_TYPE(e)->tp_name, "ExceptionGroup") == 0);
  CHECK_STR(e, "msg (1 sub-exception)");
  Py_XDECREF(e);
  Py_XDECREF(inner);
  e = call(PyExc_BaseExceptionGroup, "(s[])", "msg");
  CHECK(e == NULL);
  CHECK_ERROR(PyExc_ValueError, "second argument (exceptions) must be a non-empty sequence");

  /* PyErr_NewException */
  PyObject* my = PyErr_NewException("mod.MyError", NULL, NULL);
  CHECK(my && PyObject_IsSubclass(my, PyExc_Exception) == 1);
  CHECK_REPR(my, "<class 'mod.MyError'>");
  Py_XDECREF(my);
  PyErr_NewException("nodot", NULL, NULL);
  CHECK_ERROR(PyExc_SystemError, "PyErr_NewException: name must be module.class");

  CAPI_TEST_END();
}
