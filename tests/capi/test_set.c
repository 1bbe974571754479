/* The set C API: PySet_New/PyFrozenSet_New, Add/Discard/Contains/Size/
 * Clear/Pop, _PySet_NextEntry, the PySetObject fields, and CPython's
 * iteration order for small ints. */
#include "capi_check.h"

int main(void) {
  Py_Initialize();

  PyObject* s = PySet_New(NULL);
  CHECK(s != NULL && PySet_GET_SIZE(s) == 0);
  long items[] = {1, 9, 17, 25};
  for (int i = 0; i < 4; i++) {
    PyObject* o = PyLong_FromLong(items[i]);
    CHECK(PySet_Add(s, o) == 0);
    Py_DECREF(o);
  }
  CHECK(((PySetObject*)s)->used == 4 && ((PySetObject*)s)->mask == 7);
  CHECK_REPR(s, "{1, 25, 9, 17}"); /* the order CPython 3.11 prints */

  PyObject* nine = PyLong_FromLong(9);
  CHECK(PySet_Contains(s, nine) == 1);
  CHECK(PySet_Discard(s, nine) == 1);
  CHECK(PySet_Discard(s, nine) == 0);
  CHECK(PySet_Size(s) == 3);

  Py_ssize_t pos = 0;
  PyObject* key;
  Py_hash_t hash;
  long sum = 0;
  while (_PySet_NextEntry(s, &pos, &key, &hash)) sum += (long)hash;
  CHECK(sum == 1 + 17 + 25);

  PyObject* f = PyFrozenSet_New(s);
  CHECK(f != NULL && PyFrozenSet_CheckExact(f));
  Py_INCREF(f);
  CHECK(PySet_Add(f, nine) == -1); /* shared frozenset: refused */
  CHECK_ERR(PyExc_SystemError)  /* text carries the caller's file:line */;
  Py_DECREF(f);

  PyObject* p = PySet_Pop(s);
  CHECK(p != NULL);
  Py_XDECREF(p);
  CHECK(PySet_Clear(s) == 0 && PySet_Size(s) == 0);
  CHECK(PySet_Pop(s) == NULL);
  CHECK_ERROR(PyExc_KeyError, "'pop from an empty set'");

  PyObject* empty = PyFrozenSet_New(NULL);
  CHECK(PyObject_Hash(empty) == 133146708735736LL); /* hash(frozenset()) */
  Py_DECREF(empty);

  Py_DECREF(f);
  Py_DECREF(nine);
  Py_DECREF(s);
  CAPI_TEST_END();
}
