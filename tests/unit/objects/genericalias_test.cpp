// Unit tests for types.GenericAlias and types.UnionType
// (objects/genericalias_object.cpp, objects/union_object.cpp).
#include <Python.h>
#include <gtest/gtest.h>

#include <string>

#include "objects/genericalias_object.h"

namespace {

std::string repr_of(PyObject* o) {
  PyObject* r = PyObject_Repr(o);
  std::string s = r ? PyUnicode_AsUTF8(r) : "<error>";
  Py_XDECREF(r);
  return s;
}

PyObject* T(PyTypeObject* t) { return reinterpret_cast<PyObject*>(t); }

TEST(GenericAlias, ReprAndAttributes) {
  PyObject* inner = Py_GenericAlias(T(&PyList_Type), T(&PyLong_Type));
  PyObject* args = PyTuple_Pack(2, T(&PyUnicode_Type), inner);
  PyObject* ga = Py_GenericAlias(T(&PyDict_Type), args);
  EXPECT_EQ(repr_of(ga), "dict[str, list[int]]");
  PyObject* origin = PyObject_GetAttrString(ga, "__origin__");
  EXPECT_EQ(origin, T(&PyDict_Type));
  PyObject* params = PyObject_GetAttrString(ga, "__parameters__");
  EXPECT_EQ(PyTuple_GET_SIZE(params), 0);
  // Other attributes come from the origin.
  PyObject* name = PyObject_GetAttrString(ga, "__name__");
  EXPECT_EQ(repr_of(name), "'dict'");
  PyObject* empty = PyTuple_New(0);
  PyObject* unit = Py_GenericAlias(T(&PyTuple_Type), empty);
  EXPECT_EQ(repr_of(unit), "tuple[()]");
  for (PyObject* o : {unit, empty, name, params, origin, ga, args, inner}) Py_DECREF(o);
}

TEST(GenericAlias, EqualityHashCall) {
  PyObject* a = Py_GenericAlias(T(&PyList_Type), T(&PyLong_Type));
  PyObject* b = Py_GenericAlias(T(&PyList_Type), T(&PyLong_Type));
  PyObject* c = Py_GenericAlias(T(&PyList_Type), T(&PyUnicode_Type));
  EXPECT_EQ(PyObject_RichCompareBool(a, b, Py_EQ), 1);
  EXPECT_EQ(PyObject_RichCompareBool(a, c, Py_EQ), 0);
  EXPECT_EQ(PyObject_Hash(a), PyObject_Hash(b));
  PyObject* lst = PyObject_CallNoArgs(a);
  ASSERT_NE(lst, nullptr);
  EXPECT_TRUE(PyList_CheckExact(lst));
  EXPECT_EQ(PyObject_IsInstance(lst, a), -1);
  EXPECT_TRUE(PyErr_ExceptionMatches(PyExc_TypeError));
  PyErr_Clear();
  for (PyObject* o : {lst, c, b, a}) Py_DECREF(o);
}

TEST(GenericAlias, StarredByIteration) {
  PyObject* ga = Py_GenericAlias(T(&PyTuple_Type), T(&PyLong_Type));
  PyObject* it = PyObject_GetIter(ga);
  PyObject* starred = PyIter_Next(it);
  ASSERT_NE(starred, nullptr);
  EXPECT_EQ(repr_of(starred), "*tuple[int]");
  EXPECT_EQ(PyIter_Next(it), nullptr);
  EXPECT_FALSE(PyErr_Occurred());
  EXPECT_EQ(PyObject_RichCompareBool(ga, starred, Py_EQ), 0);
  for (PyObject* o : {starred, it, ga}) Py_DECREF(o);
}

TEST(UnionType, FlattensDedupsAndIgnoresOrder) {
  PyObject* a = krait::type_or(T(&PyLong_Type), T(&PyUnicode_Type));
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(repr_of(a), "int | str");
  PyObject* b = krait::type_or(a, Py_None);
  EXPECT_EQ(repr_of(b), "int | str | None");
  PyObject* c = krait::type_or(T(&PyUnicode_Type), T(&PyLong_Type));
  EXPECT_EQ(PyObject_RichCompareBool(a, c, Py_EQ), 1);
  EXPECT_EQ(PyObject_Hash(a), PyObject_Hash(c));
  PyObject* same = krait::type_or(T(&PyLong_Type), T(&PyLong_Type));
  EXPECT_EQ(same, T(&PyLong_Type));  // a union of one member is the member
  PyObject* bad = krait::type_or(T(&PyLong_Type), Py_True);
  EXPECT_EQ(bad, Py_NotImplemented);
  EXPECT_TRUE(krait::union_check(b));
  EXPECT_EQ(PyTuple_GET_SIZE(krait::union_args(b)), 3);
  for (PyObject* o : {bad, same, c, b, a}) Py_DECREF(o);
}

}  // namespace
