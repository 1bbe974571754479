/* The abstract protocols: number dispatch and its errors, sequence and mapping
 * access, iteration, isinstance/issubclass, format(). */
#include "capi_check.h"

int main(void) {
  Py_Initialize();

  PyObject* one = PyLong_FromLong(1);
  PyObject* two = PyLong_FromLong(2);
  PyObject* s = PyUnicode_FromString("ab");

  PyObject* r = PyNumber_Add(one, two);
  CHECK_REPR(r, "3");
  Py_XDECREF(r);
  r = PyNumber_Add(one, s);
  CHECK(r == NULL);
  CHECK_ERROR(PyExc_TypeError, "unsupported operand type(s) for +: 'int' and 'str'");
  r = PyNumber_Add(s, s); /* sequence concatenation fallback */
  CHECK_REPR(r, "'abab'");
  Py_XDECREF(r);
  r = PyNumber_Multiply(two, s); /* sequence repetition, either side */
  CHECK_REPR(r, "'abab'");
  Py_XDECREF(r);
  r = PyNumber_Power(one, s, Py_None);
  CHECK_ERROR(PyExc_TypeError, "unsupported operand type(s) for ** or pow(): 'int' and 'str'");
  r = PyNumber_Negative(s);
  CHECK_ERROR(PyExc_TypeError, "bad operand type for unary -: 'str'");
  r = PyNumber_Long(s);
  CHECK_ERROR(PyExc_ValueError, "invalid literal for int() with base 10: 'ab'");
  PyObject* digits = PyUnicode_FromString(" 42 ");
  r = PyNumber_Long(digits);
  CHECK_REPR(r, "42");
  Py_XDECREF(r);
  Py_XDECREF(digits);
  CHECK(PyNumber_AsSsize_t(two, NULL) == 2);
  r = PyNumber_ToBase(two, 2);
  CHECK_REPR(r, "'0b10'");
  Py_XDECREF(r);

  /* Sequences and mappings */
  PyObject* list = Py_BuildValue("[iii]", 1, 2, 1);
  CHECK(PySequence_Size(list) == 3);
  CHECK(PySequence_Count(list, one) == 2);
  CHECK(PySequence_Index(list, two) == 1);
  CHECK(PySequence_Contains(list, two) == 1);
  r = PySequence_GetItem(list, -1);
  CHECK(r == one || (r && PyLong_AsLong(r) == 1));
  Py_XDECREF(r);
  r = PySequence_Tuple(list);
  CHECK_REPR(r, "(1, 2, 1)");
  Py_XDECREF(r);
  r = PySequence_GetSlice(list, 1, 3);
  CHECK_REPR(r, "[2, 1]");
  Py_XDECREF(r);
  r = PyObject_GetItem(one, two);
  CHECK_ERROR(PyExc_TypeError, "'int' object is not subscriptable");
  CHECK(PyObject_Size(one) == -1);
  CHECK_ERROR(PyExc_TypeError, "object of type 'int' has no len()");

  PyObject* dict = Py_BuildValue("{s:i}", "k", 1);
  CHECK(PyMapping_HasKeyString(dict, "k") == 1);
  CHECK(PyMapping_HasKeyString(dict, "z") == 0);
  r = PyMapping_Keys(dict);
  CHECK_REPR(r, "['k']");
  Py_XDECREF(r);
  Py_XDECREF(dict);

  /* Iteration */
  PyObject* it = PyObject_GetIter(list);
  CHECK(it && PyIter_Check(it));
  int n = 0;
  PyObject* item;
  while ((item = PyIter_Next(it)) != NULL) {
    n++;
    Py_DECREF(item);
  }
  CHECK(n == 3 && !PyErr_Occurred());
  Py_XDECREF(it);
  it = PyObject_GetIter(one);
  CHECK_ERROR(PyExc_TypeError, "'int' object is not iterable");

  /* isinstance / issubclass */
  PyObject* types = PyTuple_Pack(2, (PyObject*)&PyUnicode_Type, (PyObject*)&PyLong_Type);
  CHECK(PyObject_IsInstance(one, types) == 1);
  CHECK(PyObject_IsInstance(list, types) == 0);
  CHECK(PyObject_IsSubclass((PyObject*)&PyBool_Type, (PyObject*)&PyLong_Type) == 1);
  Py_XDECREF(types);

  /* format() */
  PyObject* spec = PyUnicode_FromString(">5");
  r = PyObject_Format(s, spec);
  CHECK_REPR(r, "'   ab'");
  Py_XDECREF(r);
  Py_XDECREF(spec);

  Py_XDECREF(list);
  Py_DECREF(one);
  Py_DECREF(two);
  Py_DECREF(s);
  CAPI_TEST_END();
}
