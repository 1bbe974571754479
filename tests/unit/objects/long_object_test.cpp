// int internals and C API: layout, small ints, arithmetic edge cases, the
// format-spec helpers. (Broad differential coverage against python3.11 is
// in tests/capi/test_long.c.)
#include <Python.h>
#include <gtest/gtest.h>

#include <string>

#include "objects/format_spec.h"
#include "objects/long_object.h"

namespace {

std::string repr(PyObject* o) {
  if (!o) {
    PyErr_Clear();
    return "<error>";
  }
  PyObject* r = PyObject_Repr(o);
  Py_DECREF(o);
  if (!r) {
    PyErr_Clear();
    return "<repr failed>";
  }
  std::string s = PyUnicode_AsUTF8(r);
  Py_DECREF(r);
  return s;
}

PyObject* num(const char* s) { return PyLong_FromString(s, nullptr, 0); }

TEST(LongObject, SmallIntsAreShared) {
  PyObject* a = PyLong_FromLong(-5);
  PyObject* b = PyLong_FromLongLong(-5);
  EXPECT_EQ(a, b);
  Py_DECREF(a);
  Py_DECREF(b);
}

TEST(LongObject, LayoutIsCPythons) {
  PyObject* v = num("-0x40000005");  // -(2**30 + 5)
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(Py_SIZE(v), -2);
  EXPECT_EQ(reinterpret_cast<PyLongObject*>(v)->ob_digit[0], 5u);
  EXPECT_EQ(reinterpret_cast<PyLongObject*>(v)->ob_digit[1], 1u);
  Py_DECREF(v);
}

TEST(LongObject, FloorDivisionOfNegatives) {
  PyObject* a = PyLong_FromLong(-7);
  PyObject* b = PyLong_FromLong(2);
  EXPECT_EQ(repr(PyNumber_FloorDivide(a, b)), "-4");
  EXPECT_EQ(repr(PyNumber_Remainder(a, b)), "1");
  PyObject* big = num("-100000000000000000000000000001");
  EXPECT_EQ(repr(PyNumber_FloorDivide(big, b)), "-50000000000000000000000000001");
  EXPECT_EQ(repr(PyNumber_Remainder(big, b)), "1");
  Py_DECREF(a);
  Py_DECREF(b);
  Py_DECREF(big);
}

TEST(LongObject, PowerAndShifts) {
  PyObject* two = PyLong_FromLong(2);
  PyObject* hundred = PyLong_FromLong(100);
  EXPECT_EQ(repr(PyNumber_Power(two, hundred, Py_None)), "1267650600228229401496703205376");
  EXPECT_EQ(repr(PyNumber_Lshift(two, hundred)), "2535301200456458802993406410752");
  PyObject* m1 = PyLong_FromLong(-1);
  EXPECT_EQ(repr(PyNumber_Rshift(m1, hundred)), "-1");
  EXPECT_EQ(repr(PyNumber_Power(two, m1, Py_None)), "0.5");
  Py_DECREF(two);
  Py_DECREF(hundred);
  Py_DECREF(m1);
}

TEST(LongObject, HashOfMinusOneIsMinusTwo) {
  PyObject* v = PyLong_FromLong(-1);
  EXPECT_EQ(PyObject_Hash(v), -2);
  Py_DECREF(v);
  PyObject* m = num("0x1fffffffffffffff");  // 2**61 - 1 hashes to 0
  EXPECT_EQ(PyObject_Hash(m), 0);
  Py_DECREF(m);
}

TEST(LongObject, ParseErrors) {
  EXPECT_EQ(PyLong_FromString("0x", nullptr, 0), nullptr);
  ASSERT_TRUE(PyErr_ExceptionMatches(PyExc_ValueError));
  PyErr_Clear();
  EXPECT_EQ(repr(PyLong_FromString(" 1_000 ", nullptr, 10)), "1000");
}

TEST(FormatSpec, GroupDigits) {
  using krait::format::Grouping;
  using krait::format::group_digits;
  Grouping comma{"\3", ","};
  EXPECT_EQ(group_digits("1234567", comma, 0), "1,234,567");
  EXPECT_EQ(group_digits("1234", comma, 8), "0,001,234");
  EXPECT_EQ(group_digits("12", comma, 0), "12");
  Grouping four{"\4", "_"};
  EXPECT_EQ(group_digits("deadbeef", four, 0), "dead_beef");
  EXPECT_EQ(group_digits("5", Grouping{}, 4), "0005");
}

TEST(FormatSpec, ParseErrors) {
  PyObject* spec = PyUnicode_FromString(",_");
  krait::format::Spec s;
  PyObject* one = PyLong_FromLong(1);
  EXPECT_FALSE(krait::format::parse(spec, one, &s, 'd', '>'));
  ASSERT_TRUE(PyErr_ExceptionMatches(PyExc_ValueError));
  PyErr_Clear();
  Py_DECREF(spec);
  spec = PyUnicode_FromString("*^+#015,.3f");
  ASSERT_TRUE(krait::format::parse(spec, one, &s, 'd', '>'));
  EXPECT_EQ(s.fill, Py_UCS4('*'));
  EXPECT_EQ(s.align, '^');
  EXPECT_EQ(s.sign, '+');
  EXPECT_TRUE(s.alternate);
  EXPECT_EQ(s.width, 15);
  EXPECT_EQ(s.grouping, ',');
  EXPECT_EQ(s.precision, 3);
  EXPECT_EQ(s.type, Py_UCS4('f'));
  Py_DECREF(spec);
  Py_DECREF(one);
}

}  // namespace
