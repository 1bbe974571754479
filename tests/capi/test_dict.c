/* The dict C API: Set/Get/Del (plus String and KnownHash forms), Next,
 * Keys/Values/Items, Merge/Update/MergeFromSeq2, SetDefault, Pop, and the
 * public layout fields ma_used and ma_version_tag. */
#include "capi_check.h"

int main(void) {
  Py_Initialize();

  PyObject* d = PyDict_New();
  CHECK(d != NULL && PyDict_Size(d) == 0);
  uint64_t v0 = ((PyDictObject*)d)->ma_version_tag;
  PyObject* one = PyLong_FromLong(1);
  CHECK(PyDict_SetItemString(d, "a", one) == 0);
  CHECK(PyDict_SetItemString(d, "b", Py_None) == 0);
  CHECK(((PyDictObject*)d)->ma_used == 2);
  CHECK(((PyDictObject*)d)->ma_version_tag != v0);
  CHECK(PyDict_GetItemString(d, "a") == one);
  CHECK(PyDict_GetItemString(d, "zz") == NULL && !PyErr_Occurred());

  PyObject* key = PyUnicode_FromString("a");
  Py_hash_t h = PyObject_Hash(key);
  CHECK(_PyDict_GetItem_KnownHash(d, key, h) == one);
  CHECK(PyDict_Contains(d, key) == 1);
  CHECK(_PyDict_SetItem_KnownHash(d, key, Py_True, h) == 0);
  CHECK(PyDict_GetItemWithError(d, key) == Py_True);

  Py_ssize_t pos = 0;
  PyObject *k, *v;
  int n = 0;
  while (PyDict_Next(d, &pos, &k, &v)) n++;
  CHECK(n == 2);

  PyObject* keys = PyDict_Keys(d);
  CHECK_REPR(keys, "['a', 'b']");
  Py_DECREF(keys);

  CHECK(PyDict_DelItemString(d, "b") == 0);
  CHECK(PyDict_DelItemString(d, "b") == -1);
  CHECK_ERROR(PyExc_KeyError, "'b'");

  PyObject* seq = Py_BuildValue("[(ii)(ii)]", 1, 2, 3, 4);
  CHECK(PyDict_MergeFromSeq2(d, seq, 1) == 0);
  Py_DECREF(seq);
  CHECK_REPR(d, "{'a': True, 1: 2, 3: 4}");
  PyObject* bad = Py_BuildValue("[(i)]", 1);
  CHECK(PyDict_MergeFromSeq2(d, bad, 1) == -1);
  CHECK_ERROR(PyExc_ValueError, "dictionary update sequence element #0 has length 1; 2 is required");
  Py_DECREF(bad);

  PyObject* d2 = PyDict_Copy(d);
  CHECK(PyObject_RichCompareBool(d, d2, Py_EQ) == 1);
  PyObject* other = Py_BuildValue("{s:i}", "a", 9);
  CHECK(PyDict_Merge(d2, other, 0) == 0);
  CHECK(PyDict_GetItemString(d2, "a") == Py_True);
  CHECK(PyDict_Update(d2, other) == 0);
  CHECK(PyLong_AsLong(PyDict_GetItemString(d2, "a")) == 9);
  Py_DECREF(other);

  PyObject* dflt = PyDict_SetDefault(d2, one, Py_None);
  CHECK(dflt != NULL && PyLong_AsLong(dflt) == 2);
  PyObject* popped = _PyDict_Pop(d2, one, NULL);
  CHECK(popped != NULL && PyLong_AsLong(popped) == 2);
  Py_XDECREF(popped);
  CHECK(_PyDict_Pop(d2, one, NULL) == NULL);
  CHECK_ERROR(PyExc_KeyError, "1");

  PyObject* big = _PyDict_NewPresized(100);
  CHECK(big != NULL && PyDict_Size(big) == 0);
  Py_DECREF(big);

  PyDict_Clear(d);
  CHECK(PyDict_Size(d) == 0);
  Py_DECREF(d2);
  Py_DECREF(d);
  Py_DECREF(key);
  Py_DECREF(one);
  CAPI_TEST_END();
}
