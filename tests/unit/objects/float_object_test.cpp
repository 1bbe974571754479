// float internals: digit generation and repr rules, parsing, rounding.
// (Broad differential coverage against python3.11 is in tests/capi/test_float.c.)
#include <Python.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "objects/float_object.h"

namespace {

using krait::floats::to_string;

TEST(FloatObject, ReprRules) {
  EXPECT_EQ(to_string(0.1 + 0.2, 'r', 0, Py_DTSF_ADD_DOT_0), "0.30000000000000004");
  EXPECT_EQ(to_string(1e16, 'r', 0, Py_DTSF_ADD_DOT_0), "1e+16");
  EXPECT_EQ(to_string(1e15, 'r', 0, Py_DTSF_ADD_DOT_0), "1000000000000000.0");
  EXPECT_EQ(to_string(-0.0, 'r', 0, Py_DTSF_ADD_DOT_0), "-0.0");
  EXPECT_EQ(to_string(1e-5, 'r', 0, Py_DTSF_ADD_DOT_0), "1e-05");
  EXPECT_EQ(to_string(0.0001, 'r', 0, Py_DTSF_ADD_DOT_0), "0.0001");
  EXPECT_EQ(to_string(INFINITY, 'r', 0, 0), "inf");
  EXPECT_EQ(to_string(-NAN, 'r', 0, 0), "nan");
  EXPECT_EQ(to_string(5e-324, 'r', 0, 0), "5e-324");
}

TEST(FloatObject, FixedAndExponent) {
  EXPECT_EQ(to_string(2.5, 'f', 0, 0), "2");
  EXPECT_EQ(to_string(3.5, 'f', 0, 0), "4");
  EXPECT_EQ(to_string(1.0, 'f', 0, Py_DTSF_ALT), "1.");
  EXPECT_EQ(to_string(1234.5678, 'e', 3, 0), "1.235e+03");
  EXPECT_EQ(to_string(123.0, 'g', 3, Py_DTSF_ADD_DOT_0), "1.23e+02");
  EXPECT_EQ(to_string(-0.0001, 'f', 2, Py_DTSF_NO_NEG_0), "0.00");
}

TEST(FloatObject, ParseLiteral) {
  double x;
  const char* stop;
  const char* s = "1.5e3xyz";
  ASSERT_TRUE(krait::floats::parse_literal(s, s + 8, &x, &stop));
  EXPECT_EQ(x, 1500.0);
  EXPECT_EQ(stop, s + 5);
  s = "-Infinity";
  ASSERT_TRUE(krait::floats::parse_literal(s, s + 9, &x, &stop));
  EXPECT_TRUE(std::isinf(x) && x < 0);
  s = "e5";
  EXPECT_FALSE(krait::floats::parse_literal(s, s + 2, &x, &stop));
}

TEST(FloatObject, RoundHalfEven) {
  PyObject* v = PyFloat_FromDouble(2.675);
  PyObject* m = PyObject_GetAttrString(v, "__round__");
  PyObject* two = PyLong_FromLong(2);
  PyObject* r = PyObject_CallOneArg(m, two);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(PyFloat_AsDouble(r), 2.67);
  Py_DECREF(r);
  Py_DECREF(two);
  Py_DECREF(m);
  Py_DECREF(v);
}

TEST(FloatObject, FreeListReuse) {
  PyObject* a = PyFloat_FromDouble(1.25);
  Py_DECREF(a);
  PyObject* b = PyFloat_FromDouble(2.5);
  EXPECT_EQ(PyFloat_AS_DOUBLE(b), 2.5);
  Py_DECREF(b);
}

}  // namespace
