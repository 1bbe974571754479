/* Py_BuildValue and PyArg_Parse* with CPython 3.11's results and messages. */
#define PY_SSIZE_T_CLEAN
#include "capi_check.h"

int main(void) {
  Py_Initialize();

  /* Py_BuildValue */
  PyObject* v = Py_BuildValue("");
  CHECK(v == Py_None);
  Py_XDECREF(v);
  v = Py_BuildValue("i", 7);
  CHECK_REPR(v, "7");
  Py_XDECREF(v);
  v = Py_BuildValue("(is#)", 1, "abc", (Py_ssize_t)2);
  CHECK_REPR(v, "(1, 'ab')");
  Py_XDECREF(v);
  v = Py_BuildValue("[i,i]{s:d}", 1, 2, "k", 0.5);
  CHECK_REPR(v, "([1, 2], {'k': 0.5})");
  Py_XDECREF(v);
  v = Py_BuildValue("y#Cc", "a\0b", (Py_ssize_t)3, 0x263A, 'z');
  CHECK_REPR(v, "(b'a\\x00b', '\xe2\x98\xba', b'z')");
  Py_XDECREF(v);
  v = Py_BuildValue("z", NULL);
  CHECK(v == Py_None);
  Py_XDECREF(v);
  v = Py_BuildValue("(KnL)", 18446744073709551615ULL, (Py_ssize_t)-5, -9LL);
  CHECK_REPR(v, "(18446744073709551615, -5, -9)");
  Py_XDECREF(v);

  /* PyArg_ParseTuple */
  PyObject* args = Py_BuildValue("(isd)", 3, "hey", 2.5);
  int i = 0;
  const char* s = NULL;
  double d = 0;
  CHECK(PyArg_ParseTuple(args, "isd", &i, &s, &d));
  CHECK(i == 3 && strcmp(s, "hey") == 0 && d == 2.5);
  CHECK(!PyArg_ParseTuple(args, "ii:f", &i, &i));
  CHECK_ERROR(PyExc_TypeError, "f() takes exactly 2 arguments (3 given)");
  CHECK(!PyArg_ParseTuple(args, "iid:f", &i, &i, &d));
  CHECK_ERROR(PyExc_TypeError, "'str' object cannot be interpreted as an integer");
  PyObject* obj = NULL;
  CHECK(!PyArg_ParseTuple(args, "iSd:f", &i, &obj, &d));
  CHECK_ERROR(PyExc_TypeError, "f() argument 2 must be bytes, not str");
  Py_XDECREF(args);

  args = Py_BuildValue("(i)", 300);
  char byte;
  CHECK(!PyArg_ParseTuple(args, "b", &byte));
  CHECK_ERROR(PyExc_OverflowError, "unsigned byte integer is greater than maximum");
  Py_XDECREF(args);

  args = Py_BuildValue("((ii)s)", 1, 2, "x");
  int x = 0, y = 0;
  const char* str = NULL;
  Py_ssize_t len = 0;
  CHECK(PyArg_ParseTuple(args, "(ii)s#", &x, &y, &str, &len));
  CHECK(x == 1 && y == 2 && len == 1);
  Py_XDECREF(args);

  /* PyArg_ParseTupleAndKeywords */
  static char* kwlist[] = {"a", "b", "c", NULL};
  args = Py_BuildValue("(i)", 1);
  PyObject* kw = Py_BuildValue("{s:i}", "c", 3);
  int pa = 0, pb = 0, pc = 0;
  CHECK(PyArg_ParseTupleAndKeywords(args, kw, "i|i$i:g", kwlist, &pa, &pb, &pc));
  CHECK(pa == 1 && pb == 0 && pc == 3);
  Py_XDECREF(kw);
  kw = Py_BuildValue("{s:i}", "z", 3);
  CHECK(!PyArg_ParseTupleAndKeywords(args, kw, "i|i$i:g", kwlist, &pa, &pb, &pc));
  CHECK_ERROR(PyExc_TypeError, "'z' is an invalid keyword argument for g()");
  Py_XDECREF(kw);
  Py_XDECREF(args);
  args = PyTuple_New(0);
  CHECK(!PyArg_ParseTupleAndKeywords(args, NULL, "i|i$i:g", kwlist, &pa, &pb, &pc));
  CHECK_ERROR(PyExc_TypeError, "g() missing required argument 'a' (pos 1)");

  /* PyArg_UnpackTuple */
  PyObject *o1 = NULL, *o2 = NULL;
  CHECK(!PyArg_UnpackTuple(args, "h", 1, 2, &o1, &o2));
  CHECK_ERROR(PyExc_TypeError, "h expected at least 1 argument, got 0");
  Py_XDECREF(args);

  CAPI_TEST_END();
}
