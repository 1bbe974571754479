// complex: repr, arithmetic helpers, error cases.
// (Broad differential coverage against python3.11 is in tests/capi/test_float.c.)
#include <Python.h>
#include <gtest/gtest.h>

#include <string>

namespace {

std::string repr_of(double re, double im) {
  PyObject* c = PyComplex_FromDoubles(re, im);
  PyObject* r = PyObject_Repr(c);
  std::string s = r ? PyUnicode_AsUTF8(r) : "<error>";
  Py_XDECREF(r);
  Py_DECREF(c);
  return s;
}

TEST(ComplexObject, Repr) {
  EXPECT_EQ(repr_of(1, 2), "(1+2j)");
  EXPECT_EQ(repr_of(0, 1), "1j");
  EXPECT_EQ(repr_of(-0.0, -0.0), "(-0-0j)");
  EXPECT_EQ(repr_of(1e16, 0.5), "(1e+16+0.5j)");
}

TEST(ComplexObject, DivisionByZero) {
  PyObject* a = PyComplex_FromDoubles(1, 1);
  PyObject* z = PyComplex_FromDoubles(0, 0);
  EXPECT_EQ(PyNumber_TrueDivide(a, z), nullptr);
  EXPECT_TRUE(PyErr_ExceptionMatches(PyExc_ZeroDivisionError));
  PyErr_Clear();
  Py_DECREF(a);
  Py_DECREF(z);
}

TEST(ComplexObject, Helpers) {
  Py_complex p = _Py_c_pow({0.0, 1.0}, {2.0, 0.0});
  EXPECT_NEAR(p.real, -1.0, 1e-15);
  EXPECT_NEAR(p.imag, 0.0, 1e-15);
  EXPECT_EQ(_Py_c_abs({3.0, 4.0}), 5.0);
}

}  // namespace
