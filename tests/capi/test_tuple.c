/* The tuple C API as extensions use it: PyTuple_New + PyTuple_SET_ITEM
 * (steals), GET_ITEM/GET_SIZE macros on ob_item[], Pack, slices, resize,
 * hashing and errors. */
#include "capi_check.h"

int main(void) {
  Py_Initialize();

  PyObject* t = PyTuple_New(3);
  CHECK(t != NULL && PyTuple_CheckExact(t));
  for (int i = 0; i < 3; i++) PyTuple_SET_ITEM(t, i, PyLong_FromLong(i * 10));
  CHECK(PyTuple_GET_SIZE(t) == 3);
  CHECK(PyLong_AsLong(PyTuple_GET_ITEM(t, 2)) == 20);
  CHECK(((PyTupleObject*)t)->ob_item[1] == PyTuple_GetItem(t, 1));
  CHECK_REPR(t, "(0, 10, 20)");

  CHECK(PyTuple_GetItem(t, 3) == NULL);
  CHECK_ERROR(PyExc_IndexError, "tuple index out of range");
  CHECK(PyTuple_Size(Py_None) == -1);
  CHECK_ERR(PyExc_SystemError)  /* text carries the caller's file:line */;

  PyObject* s = PyTuple_GetSlice(t, 1, 3);
  CHECK_REPR(s, "(10, 20)");
  Py_DECREF(s);

  PyObject* a = PyLong_FromLong(1);
  PyObject* b = PyLong_FromLong(2);
  PyObject* p = PyTuple_Pack(2, a, b);
  CHECK(PyObject_Hash(p) == -3550055125485641917LL); /* hash((1, 2)) on CPython 3.11 */
  Py_DECREF(p);

  PyObject* e1 = PyTuple_New(0);
  PyObject* e2 = PyTuple_New(0);
  CHECK(e1 == e2);
  Py_DECREF(e1);
  Py_DECREF(e2);

  PyObject* r = PyTuple_New(2);
  PyTuple_SET_ITEM(r, 0, a);
  PyTuple_SET_ITEM(r, 1, b); /* r now owns a and b */
  CHECK(_PyTuple_Resize(&r, 4) == 0);
  CHECK(PyTuple_GET_SIZE(r) == 4 && PyTuple_GET_ITEM(r, 3) == NULL);
  CHECK(PyTuple_SetItem(r, 2, PyLong_FromLong(3)) == 0);
  CHECK(PyTuple_SetItem(r, 3, PyLong_FromLong(4)) == 0);
  CHECK_REPR(r, "(1, 2, 3, 4)");
  Py_DECREF(r);
  Py_DECREF(t);

  CAPI_TEST_END();
}
