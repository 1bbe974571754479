// math.h — shared declarations of the `math` module's files.
#pragma once
#include <Python.h>

namespace krait::math {

PyObject* domain_error();
PyObject* range_error();
bool is_error(double r);
double gamma_impl(double x);
double lgamma_impl(double x);

PyObject* math_isqrt(PyObject*, PyObject* n);
PyObject* math_factorial(PyObject*, PyObject* n);
PyObject* math_gcd(PyObject*, PyObject* const* args, Py_ssize_t nargs);
PyObject* math_lcm(PyObject*, PyObject* const* args, Py_ssize_t nargs);
PyObject* math_comb(PyObject*, PyObject* const* args, Py_ssize_t nargs);
PyObject* math_perm(PyObject*, PyObject* const* args, Py_ssize_t nargs);
PyObject* math_prod(PyObject*, PyObject* args, PyObject* kwds);

}  // namespace krait::math
