/* The object protocol and type machinery seen from C: singletons, attribute
 * access, calls with every METH_* convention, rich comparison, classes made by
 * calling type(), and error propagation. */
#include "capi_check.h"

static PyObject* f_noargs(PyObject* self, PyObject* unused) { return PyUnicode_FromString("noargs"); }
static PyObject* f_o(PyObject* self, PyObject* arg) { Py_INCREF(arg); return arg; }
static PyObject* f_varargs(PyObject* self, PyObject* args) { return PyLong_FromSsize_t(PyTuple_GET_SIZE(args)); }
static PyObject* f_kw(PyObject* self, PyObject* args, PyObject* kw) {
  return PyLong_FromSsize_t(PyTuple_GET_SIZE(args) * 10 + (kw ? PyDict_GET_SIZE(kw) : 0));
}
static PyObject* f_fast(PyObject* self, PyObject* const* args, Py_ssize_t n) { return PyLong_FromSsize_t(n); }
static PyObject* f_fastkw(PyObject* self, PyObject* const* args, Py_ssize_t n, PyObject* kwnames) {
  return PyLong_FromSsize_t(n * 10 + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0));
}

static PyMethodDef methods[] = {
    {"f_noargs", f_noargs, METH_NOARGS, NULL},
    {"f_o", f_o, METH_O, NULL},
    {"f_varargs", f_varargs, METH_VARARGS, NULL},
    {"f_kw", (PyCFunction)(void (*)(void))f_kw, METH_VARARGS | METH_KEYWORDS, NULL},
    {"f_fast", (PyCFunction)(void (*)(void))f_fast, METH_FASTCALL, NULL},
    {"f_fastkw", (PyCFunction)(void (*)(void))f_fastkw, METH_FASTCALL | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL}};

int main(void) {
  Py_Initialize();

  /* Singletons */
  CHECK_REPR(Py_None, "None");
  CHECK_REPR(Py_True, "True");
  CHECK_REPR(Py_NotImplemented, "NotImplemented");
  CHECK_REPR(Py_Ellipsis, "Ellipsis");
  CHECK(PyObject_IsTrue(Py_None) == 0);
  CHECK_REPR((PyObject*)Py_TYPE(Py_None), "<class 'NoneType'>");

  /* Calling conventions */
  PyObject* one = PyLong_FromLong(1);
  PyObject* f = PyCFunction_New(&methods[0], NULL);
  CHECK_REPR(f, "<built-in function f_noargs>");
  PyObject* r = PyObject_CallNoArgs(f);
  CHECK_STR(r, "noargs");
  Py_XDECREF(r);
  CHECK(PyObject_CallOneArg(f, one) == NULL);
  CHECK_ERROR(PyExc_TypeError, "f_noargs() takes no arguments (1 given)");
  Py_DECREF(f);

  f = PyCFunction_New(&methods[1], NULL);
  r = PyObject_CallOneArg(f, one);
  CHECK(r == one);
  Py_XDECREF(r);
  CHECK(PyObject_CallNoArgs(f) == NULL);
  CHECK_ERROR(PyExc_TypeError, "f_o() takes exactly one argument (0 given)");
  Py_DECREF(f);

  f = PyCFunction_New(&methods[2], NULL);
  r = PyObject_CallFunction(f, "iii", 1, 2, 3);
  CHECK_REPR(r, "3");
  Py_XDECREF(r);
  Py_DECREF(f);

  f = PyCFunction_New(&methods[3], NULL);
  PyObject* args = Py_BuildValue("(ii)", 1, 2);
  PyObject* kw = Py_BuildValue("{si}", "a", 1);
  r = PyObject_Call(f, args, kw);
  CHECK_REPR(r, "21");
  Py_XDECREF(r);
  Py_DECREF(f);

  f = PyCFunction_New(&methods[4], NULL);
  r = PyObject_Call(f, args, NULL);
  CHECK_REPR(r, "2");
  Py_XDECREF(r);
  CHECK(PyObject_Call(f, args, kw) == NULL);
  CHECK_ERROR(PyExc_TypeError, "f_fast() takes no keyword arguments");
  Py_DECREF(f);

  f = PyCFunction_New(&methods[5], NULL);
  r = PyObject_Call(f, args, kw);
  CHECK_REPR(r, "21");
  Py_XDECREF(r);
  Py_DECREF(f);
  Py_DECREF(args);
  Py_DECREF(kw);

  /* A class made by calling type(), with an instance attribute */
  PyObject* cls = PyObject_CallFunction((PyObject*)&PyType_Type, "s(){}", "Point");
  CHECK(cls != NULL);
  CHECK_REPR(cls, "<class 'Point'>");
  PyObject* p = PyObject_CallNoArgs(cls);
  CHECK(p != NULL);
  CHECK(PyObject_SetAttrString(p, "x", one) == 0);
  r = PyObject_GetAttrString(p, "x");
  CHECK(r == one);
  Py_XDECREF(r);
  CHECK(PyObject_HasAttrString(p, "y") == 0);
  CHECK(PyObject_GetAttrString(p, "y") == NULL);
  CHECK_ERROR(PyExc_AttributeError, "'Point' object has no attribute 'y'");
  CHECK(PyObject_RichCompareBool(p, p, Py_EQ) == 1);
  CHECK(PyObject_RichCompare(p, one, Py_LT) == NULL);
  CHECK_ERROR(PyExc_TypeError, "'<' not supported between instances of 'Point' and 'int'");
  CHECK(PyObject_IsInstance(p, cls) == 1);
  CHECK(PyObject_IsInstance(p, (PyObject*)&PyLong_Type) == 0);
  CHECK(PyObject_Hash(p) != -1);
  Py_DECREF(p);
  Py_DECREF(cls);

  /* Errors: set, match, fetch, restore */
  PyErr_SetString(PyExc_KeyError, "k");
  CHECK(PyErr_ExceptionMatches(PyExc_LookupError));
  CHECK_ERROR(PyExc_KeyError, "'k'");
  CHECK(PyErr_Occurred() == NULL);
  PyErr_Format(PyExc_ValueError, "bad %s %d", "value", 42);
  CHECK_ERROR(PyExc_ValueError, "bad value 42");

  Py_DECREF(one);
  CAPI_TEST_END();
}
