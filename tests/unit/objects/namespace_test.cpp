// Unit tests for types.SimpleNamespace (objects/namespace_object.cpp).
#include <Python.h>
#include <gtest/gtest.h>

#include <string>

#include "objects/namespace_object.h"

namespace {

std::string repr_of(PyObject* o) {
  PyObject* r = PyObject_Repr(o);
  std::string s = r ? PyUnicode_AsUTF8(r) : "<error>";
  Py_XDECREF(r);
  return s;
}

TEST(SimpleNamespace, NewReprEquality) {
  PyObject* kw = Py_BuildValue("{s:i,s:i}", "b", 1, "a", 2);
  PyObject* ns = _PyNamespace_New(kw);
  ASSERT_NE(ns, nullptr);
  EXPECT_EQ(repr_of(ns), "namespace(b=1, a=2)");
  PyObject* a = PyObject_GetAttrString(ns, "a");
  EXPECT_EQ(PyLong_AsLong(a), 2);
  PyObject* other = _PyNamespace_New(kw);
  EXPECT_EQ(PyObject_RichCompareBool(ns, other, Py_EQ), 1);
  ASSERT_EQ(PyObject_SetAttrString(other, "c", Py_None), 0);
  EXPECT_EQ(PyObject_RichCompareBool(ns, other, Py_EQ), 0);
  for (PyObject* o : {other, a, ns, kw}) Py_DECREF(o);
}

TEST(SimpleNamespace, RecursiveReprAndPositionalArgs) {
  PyObject* ns = _PyNamespace_New(nullptr);
  ASSERT_EQ(PyObject_SetAttrString(ns, "self", ns), 0);
  EXPECT_EQ(repr_of(ns), "namespace(self=namespace(...))");
  PyObject* args = Py_BuildValue("(i)", 1);
  EXPECT_EQ(PyObject_Call(reinterpret_cast<PyObject*>(&_PyNamespace_Type), args, nullptr), nullptr);
  EXPECT_TRUE(PyErr_ExceptionMatches(PyExc_TypeError));
  PyErr_Clear();
  PyObject_DelAttrString(ns, "self");  // break the cycle
  Py_DECREF(args);
  Py_DECREF(ns);
}

}  // namespace
