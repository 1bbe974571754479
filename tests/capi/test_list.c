/* The list C API: PyList_New(n) with NULL slots filled by PyList_SET_ITEM,
 * ob_item/allocated as the header lays them out, append/insert/slices,
 * sort/reverse/AsTuple and errors. */
#include "capi_check.h"

int main(void) {
  Py_Initialize();

  PyObject* l = PyList_New(3);
  CHECK(l != NULL && PyList_GET_SIZE(l) == 3);
  CHECK(((PyListObject*)l)->allocated == 3);
  CHECK(PyList_GET_ITEM(l, 0) == NULL);
  PyList_SET_ITEM(l, 0, PyLong_FromLong(30));
  PyList_SET_ITEM(l, 1, PyLong_FromLong(10));
  PyList_SET_ITEM(l, 2, PyLong_FromLong(20));
  CHECK_REPR(l, "[30, 10, 20]");

  PyObject* x = PyLong_FromLong(5);
  CHECK(PyList_Append(l, x) == 0);
  CHECK(PyList_Insert(l, 0, x) == 0);
  CHECK(PyList_Insert(l, 100, x) == 0);
  Py_DECREF(x);
  CHECK_REPR(l, "[5, 30, 10, 20, 5, 5]");
  CHECK(PyList_Sort(l) == 0);
  CHECK_REPR(l, "[5, 5, 5, 10, 20, 30]");
  CHECK(PyList_Reverse(l) == 0);
  CHECK_REPR(l, "[30, 20, 10, 5, 5, 5]");

  PyObject* sl = PyList_GetSlice(l, 1, 3);
  CHECK_REPR(sl, "[20, 10]");
  CHECK(PyList_SetSlice(l, 0, 4, sl) == 0);
  CHECK_REPR(l, "[20, 10, 5, 5]");
  CHECK(PyList_SetSlice(l, 0, 2, NULL) == 0);
  CHECK_REPR(l, "[5, 5]");
  Py_DECREF(sl);

  PyObject* t = PyList_AsTuple(l);
  CHECK_REPR(t, "(5, 5)");
  Py_DECREF(t);

  CHECK(PyList_GetItem(l, 2) == NULL);
  CHECK_ERROR(PyExc_IndexError, "list index out of range");
  CHECK(PyList_SetItem(l, 2, PyLong_FromLong(1)) == -1);
  CHECK_ERROR(PyExc_IndexError, "list assignment index out of range");
  CHECK(PyList_Append(Py_None, Py_None) == -1);
  CHECK_ERR(PyExc_SystemError)  /* text carries the caller's file:line */;

  Py_DECREF(l);
  CAPI_TEST_END();
}
