/* Regression: Py_TYPE(f)->tp_call(f, args, kwargs) on builtins of every
 * calling convention (Cython's __Pyx_PyObject_Call does this). For
 * METH_FASTCALL | METH_KEYWORDS functions Krait used to run the classic
 * tuple path and passed the tuple as kwnames (lxml.etree failed to import). */
#include "capi_check.h"

int main(void) {
  Py_Initialize();
  PyObject* s = PyUnicode_FromString("abc");
  PyObject* encode = PyObject_GetAttrString(s, "encode");  /* FASTCALL|KEYWORDS */
  PyObject* args = Py_BuildValue("(s)", "UTF-8");
  PyObject* r = Py_TYPE(encode)->tp_call(encode, args, NULL);
  CHECK_REPR(r, "b'abc'");
  Py_XDECREF(r);
  PyObject* kw = Py_BuildValue("{s:s}", "errors", "strict");
  r = Py_TYPE(encode)->tp_call(encode, args, kw);
  CHECK_REPR(r, "b'abc'");
  Py_XDECREF(r);
  PyObject* upper = PyObject_GetAttrString(s, "upper");  /* NOARGS */
  PyObject* empty = PyTuple_New(0);
  r = Py_TYPE(upper)->tp_call(upper, empty, NULL);
  CHECK_REPR(r, "'ABC'");
  Py_XDECREF(r);
  PyObject* builtins = PyImport_ImportModule("builtins");
  PyObject* len = PyObject_GetAttrString(builtins, "len");  /* METH_O */
  PyObject* one = PyTuple_Pack(1, s);
  r = Py_TYPE(len)->tp_call(len, one, NULL);
  CHECK(r != NULL && PyLong_AsLong(r) == 3);
  Py_XDECREF(r);
  r = Py_TYPE(len)->tp_call(len, one, kw);
  CHECK_ERROR(PyExc_TypeError, "len() takes no keyword arguments");
  Py_DECREF(one); Py_DECREF(len); Py_DECREF(builtins); Py_DECREF(empty); Py_DECREF(upper);
  Py_DECREF(kw); Py_DECREF(args); Py_DECREF(encode); Py_DECREF(s);
  CAPI_TEST_END();
}
