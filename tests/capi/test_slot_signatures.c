/* Regression: a Python subclass of a C type whose __setitem__ wraps
 * mp_ass_subscript must not get that function in its sq_ass_item slot (the
 * signatures differ: PySequence_SetItem would pass an index as an object
 * pointer). _ctypes' Array.__init__ crashed this way. */
#include "capi_check.h"

static PyObject* last_key = NULL;

static int store(PyObject* self, PyObject* key, PyObject* value) {
  if (!PyLong_Check(key)) {
    PyErr_SetString(PyExc_TypeError, "int key expected");
    return -1;
  }
  Py_XDECREF(last_key);
  last_key = Py_NewRef(key);
  return 0;
}

static Py_ssize_t length(PyObject* self) { return 4; }

static PyType_Slot slots[] = {
    {Py_mp_ass_subscript, store},
    {Py_mp_length, length},
    {Py_sq_length, length},
    {0, NULL},
};
static PyType_Spec spec = {"t.Base", sizeof(PyObject), 0,
                           Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, slots};

int main(void) {
  Py_Initialize();
  PyObject* base = PyType_FromSpec(&spec);
  CHECK(base != NULL);
  PyObject* sub = PyObject_CallFunction((PyObject*)&PyType_Type, "s(O){}", "Sub", base);
  CHECK(sub != NULL);
  PyObject* obj = PyObject_CallNoArgs(sub);
  CHECK(obj != NULL);
  CHECK(PySequence_SetItem(obj, 2, Py_None) == 0);
  CHECK(last_key != NULL && PyLong_AsLong(last_key) == 2);
  CHECK(PyObject_SetItem(obj, PyLong_FromLong(3), Py_None) == 0);
  CHECK(PyLong_AsLong(last_key) == 3);
  Py_XDECREF(obj);
  Py_XDECREF(sub);
  Py_XDECREF(base);
  Py_CLEAR(last_key);
  CAPI_TEST_END();
}
