// math_module.cpp — the `math` module: the float functions (libm with
// CPython's error mapping), the exactly rounded helpers (fsum, hypot/dist via
// CPython's compensated vector norm) and module init. The integer functions
// (isqrt, factorial, comb, perm, gcd, lcm, prod) live in math_integer.cpp.
//
// Error mapping, as CPython's math_1/math_2/is_error: a NaN result from
// non-NaN inputs is ValueError("math domain error"); an infinite result from
// finite inputs is OverflowError("math range error") for functions that can
// overflow and ValueError otherwise; errno ERANGE with a tiny result is an
// underflow and not an error.
#include "modules/math/math.h"

#include <cerrno>
#include <cfloat>
#include <cmath>
#include <vector>

#include "support/ref.h"

using namespace krait;

namespace krait::math {

PyObject* domain_error() {
  PyErr_SetString(PyExc_ValueError, "math domain error");
  return nullptr;
}

PyObject* range_error() {
  PyErr_SetString(PyExc_OverflowError, "math range error");
  return nullptr;
}

// Sets the exception for errno after computing r; true when it is an error.
bool is_error(double r) {
  if (errno == EDOM) {
    domain_error();
    return true;
  }
  if (errno == ERANGE) {
    if (std::fabs(r) < 1.5) return false;  // underflow
    range_error();
    return true;
  }
  return false;
}

}  // namespace krait::math

using namespace krait::math;

namespace {

bool as_double(PyObject* o, double* out) {
  if (PyFloat_CheckExact(o)) {
    *out = PyFloat_AS_DOUBLE(o);
    return true;
  }
  *out = PyFloat_AsDouble(o);
  return !(*out == -1.0 && PyErr_Occurred());
}

PyObject* math_1(PyObject* arg, double (*func)(double), bool can_overflow) {
  double x;
  if (!as_double(arg, &x)) return nullptr;
  errno = 0;
  double r = func(x);
  if (std::isnan(r) && !std::isnan(x)) return domain_error();
  if (std::isinf(r) && std::isfinite(x)) return can_overflow ? range_error() : domain_error();
  if (std::isfinite(r) && errno && is_error(r)) return nullptr;
  return PyFloat_FromDouble(r);
}

PyObject* math_2(PyObject* const* args, Py_ssize_t nargs, double (*func)(double, double),
                 const char* name) {
  if (!_PyArg_CheckPositional(name, nargs, 2, 2)) return nullptr;
  double x, y;
  if (!as_double(args[0], &x) || !as_double(args[1], &y)) return nullptr;
  errno = 0;
  double r = func(x, y);
  if (std::isnan(r)) {
    errno = (!std::isnan(x) && !std::isnan(y)) ? EDOM : 0;
  } else if (std::isinf(r)) {
    errno = (std::isfinite(x) && std::isfinite(y)) ? ERANGE : 0;
  } else {
    errno = 0;
  }
  if (errno && is_error(r)) return nullptr;
  return PyFloat_FromDouble(r);
}

// libm wrappers whose special values need CPython's treatment.
double m_log(double x) {
  if (std::isfinite(x)) {
    if (x > 0.0) return std::log(x);
    errno = EDOM;
    return x == 0.0 ? -HUGE_VAL : NAN;
  }
  if (std::isnan(x) || x > 0.0) return x;
  errno = EDOM;
  return NAN;
}
double m_log2(double x) {
  if (!std::isfinite(x)) {
    if (std::isnan(x) || x > 0.0) return x;
    errno = EDOM;
    return NAN;
  }
  if (x > 0.0) return std::log2(x);
  errno = EDOM;
  return x == 0.0 ? -HUGE_VAL : NAN;
}
double m_log10(double x) {
  if (std::isfinite(x)) {
    if (x > 0.0) return std::log10(x);
    errno = EDOM;
    return x == 0.0 ? -HUGE_VAL : NAN;
  }
  if (std::isnan(x) || x > 0.0) return x;
  errno = EDOM;
  return NAN;
}
double m_log1p(double x) {
  if (x == 0.0) return x;  // keeps the sign of zero
  return std::log1p(x);
}
#define MATH_FUNC1(name, func, overflow, doc)                     \
  PyObject* math_##name(PyObject*, PyObject* arg) { return math_1(arg, func, overflow); }

double d_acos(double x) { return std::acos(x); }
double d_acosh(double x) { return std::acosh(x); }
double d_asin(double x) { return std::asin(x); }
double d_asinh(double x) { return std::asinh(x); }
double d_atan(double x) { return std::atan(x); }
double d_atanh(double x) { return std::atanh(x); }
double d_cbrt(double x) { return std::cbrt(x); }
double d_cos(double x) { return std::cos(x); }
double d_cosh(double x) { return std::cosh(x); }
double d_erf(double x) { return std::erf(x); }
double d_erfc(double x) { return std::erfc(x); }
double d_exp(double x) { return std::exp(x); }
double d_exp2(double x) { return std::exp2(x); }
double d_expm1(double x) { return std::expm1(x); }
double d_fabs(double x) { return std::fabs(x); }
double d_sin(double x) { return std::sin(x); }
double d_sinh(double x) { return std::sinh(x); }
double d_sqrt(double x) { return std::sqrt(x); }
double d_tan(double x) { return std::tan(x); }
double d_tanh(double x) { return std::tanh(x); }

MATH_FUNC1(acos, d_acos, false, "")
MATH_FUNC1(acosh, d_acosh, false, "")
MATH_FUNC1(asin, d_asin, false, "")
MATH_FUNC1(asinh, d_asinh, false, "")
MATH_FUNC1(atan, d_atan, false, "")
MATH_FUNC1(atanh, d_atanh, false, "")
MATH_FUNC1(cbrt, d_cbrt, false, "")
MATH_FUNC1(cos, d_cos, false, "")
MATH_FUNC1(cosh, d_cosh, true, "")
MATH_FUNC1(erf, d_erf, false, "")
MATH_FUNC1(erfc, d_erfc, false, "")
MATH_FUNC1(exp, d_exp, true, "")
MATH_FUNC1(exp2, d_exp2, true, "")
MATH_FUNC1(expm1, d_expm1, true, "")
MATH_FUNC1(fabs, d_fabs, false, "")
// gamma and lgamma report errors from errno only (CPython's math_1a).
PyObject* math_1a(PyObject* arg, double (*func)(double)) {
  double x;
  if (!as_double(arg, &x)) return nullptr;
  errno = 0;
  double r = func(x);
  if (errno && is_error(r)) return nullptr;
  return PyFloat_FromDouble(r);
}
PyObject* math_gamma(PyObject*, PyObject* arg) { return math_1a(arg, gamma_impl); }
PyObject* math_lgamma(PyObject*, PyObject* arg) { return math_1a(arg, lgamma_impl); }
MATH_FUNC1(log1p, m_log1p, false, "")
MATH_FUNC1(sin, d_sin, false, "")
MATH_FUNC1(sinh, d_sinh, true, "")
MATH_FUNC1(sqrt, d_sqrt, false, "")
MATH_FUNC1(tan, d_tan, false, "")
MATH_FUNC1(tanh, d_tanh, false, "")

// log of an int or float; huge ints via their exponent.
PyObject* loghelper(PyObject* arg, double (*func)(double)) {
  if (PyLong_Check(arg)) {
    if (_PyLong_Sign(arg) <= 0) return domain_error();
    double x = PyLong_AsDouble(arg);
    if (x == -1.0 && PyErr_Occurred()) {
      if (!PyErr_ExceptionMatches(PyExc_OverflowError)) return nullptr;
      PyErr_Clear();
      Py_ssize_t e;
      x = _PyLong_Frexp(reinterpret_cast<PyLongObject*>(arg), &e);
      if (x == -1.0 && PyErr_Occurred()) return nullptr;
      return PyFloat_FromDouble(func(x) + func(2.0) * double(e));
    }
    return PyFloat_FromDouble(func(x));
  }
  return math_1(arg, func, false);
}

PyObject* math_log(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("log", nargs, 1, 2)) return nullptr;
  Ref<> num = steal(loghelper(args[0], m_log));
  if (!num || nargs == 1) return num.release();
  Ref<> den = steal(loghelper(args[1], m_log));
  if (!den) return nullptr;
  return PyNumber_TrueDivide(num.get(), den.get());
}
PyObject* math_log2(PyObject*, PyObject* arg) { return loghelper(arg, m_log2); }
PyObject* math_log10(PyObject*, PyObject* arg) { return loghelper(arg, m_log10); }

double d_atan2(double y, double x) { return std::atan2(y, x); }
double d_copysign(double x, double y) { return std::copysign(x, y); }
double d_remainder(double x, double y) {
  if (std::isfinite(x) && std::isfinite(y) && y == 0.0) return NAN;
  if (std::isinf(x) && !std::isnan(y)) return NAN;
  return std::remainder(x, y);
}
double d_nextafter(double x, double y) { return std::nextafter(x, y); }

PyObject* math_atan2(PyObject*, PyObject* const* a, Py_ssize_t n) { return math_2(a, n, d_atan2, "atan2"); }
PyObject* math_copysign(PyObject*, PyObject* const* a, Py_ssize_t n) {
  return math_2(a, n, d_copysign, "copysign");
}
PyObject* math_remainder(PyObject*, PyObject* const* a, Py_ssize_t n) {
  return math_2(a, n, d_remainder, "remainder");
}

PyObject* math_nextafter(PyObject*, PyObject* const* a, Py_ssize_t n) {
  if (!_PyArg_CheckPositional("nextafter", n, 2, 2)) return nullptr;
  double x, y;
  if (!as_double(a[0], &x) || !as_double(a[1], &y)) return nullptr;
  return PyFloat_FromDouble(std::nextafter(x, y));
}

PyObject* math_fmod(PyObject*, PyObject* const* a, Py_ssize_t n) {
  if (!_PyArg_CheckPositional("fmod", n, 2, 2)) return nullptr;
  double x, y;
  if (!as_double(a[0], &x) || !as_double(a[1], &y)) return nullptr;
  if (std::isinf(y) && std::isfinite(x)) return PyFloat_FromDouble(x);
  errno = 0;
  double r = std::fmod(x, y);
  if (std::isnan(r) && !std::isnan(x) && !std::isnan(y)) return domain_error();
  return PyFloat_FromDouble(r);
}

PyObject* math_pow(PyObject*, PyObject* const* a, Py_ssize_t n) {
  if (!_PyArg_CheckPositional("pow", n, 2, 2)) return nullptr;
  double x, y, r = 0.0;
  if (!as_double(a[0], &x) || !as_double(a[1], &y)) return nullptr;
  errno = 0;
  if (!std::isfinite(x) || !std::isfinite(y)) {
    if (std::isnan(x)) {
      r = y == 0.0 ? 1.0 : x;
    } else if (std::isnan(y)) {
      r = x == 1.0 ? 1.0 : y;
    } else if (std::isinf(x)) {
      bool odd_y = std::isfinite(y) && std::fmod(std::fabs(y), 2.0) == 1.0;
      if (y > 0.0) r = odd_y ? x : std::fabs(x);
      else if (y == 0.0) r = 1.0;
      else r = odd_y ? std::copysign(0.0, x) : 0.0;
    } else {  // y infinite
      if (std::fabs(x) == 1.0) r = 1.0;
      else if (y > 0.0 && std::fabs(x) > 1.0) r = y;
      else if (y < 0.0 && std::fabs(x) < 1.0) r = -y;
      else r = 0.0;
    }
  } else {
    r = std::pow(x, y);
    if (!std::isfinite(r)) {
      if (std::isnan(r)) errno = EDOM;
      else if (std::isinf(r)) errno = x == 0.0 ? EDOM : ERANGE;
    } else {
      errno = 0;
    }
  }
  if (errno && is_error(r)) return nullptr;
  return PyFloat_FromDouble(r);
}

// -- rounding: ceil / floor / trunc ------------------------------------------------

// Looks a special method up on the type and binds it; nullptr without error
// when missing.
PyObject* lookup_special(PyObject* o, const char* name) {
  Ref<> key = steal(PyUnicode_InternFromString(name));
  if (!key) return nullptr;
  PyObject* res = _PyType_Lookup(Py_TYPE(o), key.get());
  if (!res) return nullptr;
  descrgetfunc f = Py_TYPE(res)->tp_descr_get;
  if (!f) return Py_NewRef(res);
  return f(res, o, reinterpret_cast<PyObject*>(Py_TYPE(o)));
}

PyObject* round_impl(PyObject* x, const char* dunder, double (*func)(double)) {
  if (!PyFloat_CheckExact(x)) {
    Ref<> method = steal(lookup_special(x, dunder));
    if (method) return PyObject_CallNoArgs(method.get());
    if (PyErr_Occurred()) return nullptr;
  }
  double v;
  if (!as_double(x, &v)) return nullptr;
  return PyLong_FromDouble(func(v));
}

double d_ceil(double x) { return std::ceil(x); }
double d_floor(double x) { return std::floor(x); }
PyObject* math_ceil(PyObject*, PyObject* x) { return round_impl(x, "__ceil__", d_ceil); }
PyObject* math_floor(PyObject*, PyObject* x) { return round_impl(x, "__floor__", d_floor); }

PyObject* math_trunc(PyObject*, PyObject* x) {
  if (PyFloat_CheckExact(x)) return PyFloat_Type.tp_as_number->nb_int(x);
  if (Py_TYPE(x)->tp_dict == nullptr && PyType_Ready(Py_TYPE(x)) < 0) return nullptr;
  Ref<> method = steal(lookup_special(x, "__trunc__"));
  if (!method) {
    if (!PyErr_Occurred())
      PyErr_Format(PyExc_TypeError, "type %.100s doesn't define __trunc__ method",
                   Py_TYPE(x)->tp_name);
    return nullptr;
  }
  return PyObject_CallNoArgs(method.get());
}

// -- float decomposition ----------------------------------------------------------

PyObject* math_frexp(PyObject*, PyObject* arg) {
  double x;
  if (!as_double(arg, &x)) return nullptr;
  int e = 0;
  if (!std::isnan(x) && !std::isinf(x) && x != 0.0) x = std::frexp(x, &e);
  return Py_BuildValue("(di)", x, e);
}

PyObject* math_modf(PyObject*, PyObject* arg) {
  double x;
  if (!as_double(arg, &x)) return nullptr;
  if (std::isinf(x)) return Py_BuildValue("(dd)", std::copysign(0.0, x), x);
  if (std::isnan(x)) return Py_BuildValue("(dd)", x, x);
  double ip;
  double fp = std::modf(x, &ip);
  return Py_BuildValue("(dd)", fp, ip);
}

PyObject* math_ldexp(PyObject*, PyObject* const* a, Py_ssize_t n) {
  if (!_PyArg_CheckPositional("ldexp", n, 2, 2)) return nullptr;
  double x;
  if (!as_double(a[0], &x)) return nullptr;
  if (!PyLong_Check(a[1])) {
    PyErr_SetString(PyExc_TypeError, "Expected an int as second argument to ldexp.");
    return nullptr;
  }
  int overflow;
  long exp = PyLong_AsLongAndOverflow(a[1], &overflow);
  if (exp == -1 && PyErr_Occurred()) return nullptr;
  if (overflow) exp = overflow < 0 ? LONG_MIN : LONG_MAX;
  double r;
  errno = 0;
  if (x == 0.0 || !std::isfinite(x)) {
    r = x;
  } else if (exp > INT_MAX) {
    r = std::copysign(HUGE_VAL, x);
    errno = ERANGE;
  } else if (exp < INT_MIN) {
    r = std::copysign(0.0, x);
  } else {
    r = std::ldexp(x, int(exp));
    if (std::isinf(r)) errno = ERANGE;
  }
  if (errno && is_error(r)) return nullptr;
  return PyFloat_FromDouble(r);
}

PyObject* math_ulp(PyObject*, PyObject* arg) {
  double x;
  if (!as_double(arg, &x)) return nullptr;
  if (std::isnan(x)) return PyFloat_FromDouble(x);
  x = std::fabs(x);
  if (std::isinf(x)) return PyFloat_FromDouble(x);
  double x2 = std::nextafter(x, HUGE_VAL);
  if (std::isinf(x2)) return PyFloat_FromDouble(x - std::nextafter(x, -HUGE_VAL));
  return PyFloat_FromDouble(x2 - x);
}

PyObject* math_degrees(PyObject*, PyObject* arg) {
  double x;
  if (!as_double(arg, &x)) return nullptr;
  return PyFloat_FromDouble(x * (180.0 / M_PI));
}

PyObject* math_radians(PyObject*, PyObject* arg) {
  double x;
  if (!as_double(arg, &x)) return nullptr;
  return PyFloat_FromDouble(x * (M_PI / 180.0));
}

PyObject* math_isfinite(PyObject*, PyObject* arg) {
  double x;
  if (!as_double(arg, &x)) return nullptr;
  return PyBool_FromLong(std::isfinite(x));
}
PyObject* math_isinf(PyObject*, PyObject* arg) {
  double x;
  if (!as_double(arg, &x)) return nullptr;
  return PyBool_FromLong(std::isinf(x));
}
PyObject* math_isnan(PyObject*, PyObject* arg) {
  double x;
  if (!as_double(arg, &x)) return nullptr;
  return PyBool_FromLong(std::isnan(x));
}

PyObject* math_isclose(PyObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"a", "b", "rel_tol", "abs_tol", nullptr};
  double a, b, rel_tol = 1e-9, abs_tol = 0.0;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "dd|$dd:isclose", const_cast<char**>(kwlist), &a,
                                   &b, &rel_tol, &abs_tol))
    return nullptr;
  if (rel_tol < 0.0 || abs_tol < 0.0) {
    PyErr_SetString(PyExc_ValueError, "tolerances must be non-negative");
    return nullptr;
  }
  if (a == b) Py_RETURN_TRUE;
  if (std::isinf(a) || std::isinf(b)) Py_RETURN_FALSE;
  double diff = std::fabs(b - a);
  return PyBool_FromLong((diff <= std::fabs(rel_tol * b)) || (diff <= std::fabs(rel_tol * a)) ||
                         (diff <= abs_tol));
}

// -- fsum: Shewchuk's exact partials, rounded once at the end --------------------

PyObject* math_fsum(PyObject*, PyObject* seq) {
  Ref<> it = steal(PyObject_GetIter(seq));
  if (!it) return nullptr;
  std::vector<double> p;
  double special_sum = 0.0, inf_sum = 0.0;
  while (PyObject* raw = PyIter_Next(it.get())) {
    double x;
    bool ok = as_double(raw, &x);
    Py_DECREF(raw);
    if (!ok) return nullptr;
    double xsave = x;
    size_t i = 0;
    for (size_t j = 0; j < p.size(); j++) {
      double y = p[j];
      if (std::fabs(x) < std::fabs(y)) std::swap(x, y);
      double hi = x + y;
      double lo = y - (hi - x);
      if (lo != 0.0) p[i++] = lo;
      x = hi;
    }
    p.resize(i);
    if (x != 0.0) {
      if (!std::isfinite(x)) {
        // A non-finite x could arise from a finite xsave only by overflow.
        if (std::isfinite(xsave)) {
          PyErr_SetString(PyExc_OverflowError, "intermediate overflow in fsum");
          return nullptr;
        }
        if (std::isinf(xsave)) inf_sum += xsave;
        special_sum += xsave;
        p.clear();
      } else {
        p.push_back(x);
      }
    }
  }
  if (PyErr_Occurred()) return nullptr;
  if (special_sum != 0.0) {
    if (std::isnan(inf_sum)) {
      PyErr_SetString(PyExc_ValueError, "-inf + inf in fsum");
      return nullptr;
    }
    return PyFloat_FromDouble(special_sum);
  }
  double hi = 0.0, lo = 0.0;
  size_t n = p.size();
  if (n > 0) {
    hi = p[--n];
    // Sum from the top, stopping when the sum becomes inexact.
    while (n > 0) {
      double x = hi;
      double y = p[--n];
      hi = x + y;
      double yr = hi - x;
      lo = y - yr;
      if (lo != 0.0) break;
    }
    // Half-even rounding across multiple partials.
    if (n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0))) {
      double y = lo * 2.0;
      double x = hi + y;
      double yr = x - hi;
      if (y == yr) hi = x;
    }
  }
  return PyFloat_FromDouble(hi);
}

// -- hypot / dist: CPython 3.11's vector_norm ------------------------------------

struct DoubleLength {
  double hi, lo;
};

DoubleLength dl_fast_sum(double a, double b) {
  double x = a + b;
  double y = (a - x) + b;
  return {x, y};
}

DoubleLength dl_mul(double x, double y) {
  double z = x * y;
  double zz = std::fma(x, y, -z);
  return {z, zz};
}

double vector_norm(Py_ssize_t n, double* vec, double max, bool found_nan) {
  if (std::isinf(max)) return max;
  if (found_nan) return NAN;
  if (max == 0.0 || n <= 1) return max;
  int max_e;
  std::frexp(max, &max_e);
  if (max_e < -1023) {
    for (Py_ssize_t i = 0; i < n; i++) vec[i] /= DBL_MIN;
    return DBL_MIN * vector_norm(n, vec, max / DBL_MIN, found_nan);
  }
  double scale = std::ldexp(1.0, -max_e);
  double csum = 1.0, frac1 = 0.0, frac2 = 0.0;
  for (Py_ssize_t i = 0; i < n; i++) {
    double x = vec[i] * scale;
    DoubleLength pr = dl_mul(x, x);
    DoubleLength sm = dl_fast_sum(csum, pr.hi);
    csum = sm.hi;
    frac1 += pr.lo;
    frac2 += sm.lo;
  }
  double h = std::sqrt(csum - 1.0 + (frac1 + frac2));
  DoubleLength pr = dl_mul(-h, h);
  DoubleLength sm = dl_fast_sum(csum, pr.hi);
  csum = sm.hi;
  frac1 += pr.lo;
  frac2 += sm.lo;
  double x = csum - 1.0 + (frac1 + frac2);
  return (h + x / (2.0 * h)) / scale;
}

bool coord(PyObject* item, double* out) {
  if (PyLong_CheckExact(item)) {
    *out = PyLong_AsDouble(item);
    return !(*out == -1.0 && PyErr_Occurred());
  }
  return as_double(item, out);
}

PyObject* math_hypot(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  std::vector<double> vec(static_cast<size_t>(nargs));
  double max = 0.0;
  bool found_nan = false;
  for (Py_ssize_t i = 0; i < nargs; i++) {
    double x;
    if (!coord(args[i], &x)) return nullptr;
    x = std::fabs(x);
    vec[size_t(i)] = x;
    found_nan |= std::isnan(x);
    if (x > max) max = x;
  }
  return PyFloat_FromDouble(vector_norm(nargs, vec.data(), max, found_nan));
}

PyObject* math_dist(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("dist", nargs, 2, 2)) return nullptr;
  Ref<> p = borrow(args[0]), q = borrow(args[1]);
  if (!PyTuple_Check(p.get())) {
    p = steal(PySequence_Tuple(p.get()));
    if (!p) return nullptr;
  }
  if (!PyTuple_Check(q.get())) {
    q = steal(PySequence_Tuple(q.get()));
    if (!q) return nullptr;
  }
  Py_ssize_t m = PyTuple_GET_SIZE(p.get()), n = PyTuple_GET_SIZE(q.get());
  if (m != n) {
    PyErr_SetString(PyExc_ValueError, "both points must have the same number of dimensions");
    return nullptr;
  }
  std::vector<double> diffs(static_cast<size_t>(n));
  double max = 0.0;
  bool found_nan = false;
  for (Py_ssize_t i = 0; i < n; i++) {
    double px, qx;
    if (!coord(PyTuple_GET_ITEM(p.get(), i), &px) || !coord(PyTuple_GET_ITEM(q.get(), i), &qx))
      return nullptr;
    double x = std::fabs(px - qx);
    diffs[size_t(i)] = x;
    found_nan |= std::isnan(x);
    if (x > max) max = x;
  }
  return PyFloat_FromDouble(vector_norm(n, diffs.data(), max, found_nan));
}

#define FC(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(f))

PyMethodDef math_methods[] = {
    {"acos", math_acos, METH_O, "Return the arc cosine (measured in radians) of x."},
    {"acosh", math_acosh, METH_O, "Return the inverse hyperbolic cosine of x."},
    {"asin", math_asin, METH_O, "Return the arc sine (measured in radians) of x."},
    {"asinh", math_asinh, METH_O, "Return the inverse hyperbolic sine of x."},
    {"atan", math_atan, METH_O, "Return the arc tangent (measured in radians) of x."},
    {"atan2", FC(math_atan2), METH_FASTCALL, "Return the arc tangent (measured in radians) of y/x."},
    {"atanh", math_atanh, METH_O, "Return the inverse hyperbolic tangent of x."},
    {"cbrt", math_cbrt, METH_O, "Return the cube root of x."},
    {"ceil", math_ceil, METH_O, "Return the ceiling of x as an Integral."},
    {"copysign", FC(math_copysign), METH_FASTCALL, "Return a float with the magnitude of x but the sign of y."},
    {"cos", math_cos, METH_O, "Return the cosine of x (measured in radians)."},
    {"cosh", math_cosh, METH_O, "Return the hyperbolic cosine of x."},
    {"degrees", math_degrees, METH_O, "Convert angle x from radians to degrees."},
    {"dist", FC(math_dist), METH_FASTCALL, "Return the Euclidean distance between two points p and q."},
    {"erf", math_erf, METH_O, "Error function at x."},
    {"erfc", math_erfc, METH_O, "Complementary error function at x."},
    {"exp", math_exp, METH_O, "Return e raised to the power of x."},
    {"exp2", math_exp2, METH_O, "Return 2 raised to the power of x."},
    {"expm1", math_expm1, METH_O, "Return exp(x)-1."},
    {"fabs", math_fabs, METH_O, "Return the absolute value of the float x."},
    {"factorial", krait::math::math_factorial, METH_O, "Find x!."},
    {"floor", math_floor, METH_O, "Return the floor of x as an Integral."},
    {"fmod", FC(math_fmod), METH_FASTCALL, "Return fmod(x, y), according to platform C."},
    {"frexp", math_frexp, METH_O, "Return the mantissa and exponent of x, as pair (m, e)."},
    {"fsum", math_fsum, METH_O, "Return an accurate floating point sum of values in the iterable seq."},
    {"gamma", math_gamma, METH_O, "Gamma function at x."},
    {"gcd", FC(krait::math::math_gcd), METH_FASTCALL, "Greatest Common Divisor."},
    {"hypot", FC(math_hypot), METH_FASTCALL, "Multidimensional Euclidean distance from origin to a point."},
    {"isclose", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(math_isclose)),
     METH_VARARGS | METH_KEYWORDS, "Determine whether two floating point numbers are close in value."},
    {"isfinite", math_isfinite, METH_O, "Return True if x is neither an infinity nor a NaN, and False otherwise."},
    {"isinf", math_isinf, METH_O, "Return True if x is a positive or negative infinity, and False otherwise."},
    {"isnan", math_isnan, METH_O, "Return True if x is a NaN (not a number), and False otherwise."},
    {"isqrt", krait::math::math_isqrt, METH_O, "Return the integer part of the square root of the input."},
    {"lcm", FC(krait::math::math_lcm), METH_FASTCALL, "Least Common Multiple."},
    {"ldexp", FC(math_ldexp), METH_FASTCALL, "Return x * (2**i)."},
    {"lgamma", math_lgamma, METH_O, "Natural logarithm of absolute value of Gamma function at x."},
    {"log", FC(math_log), METH_FASTCALL, "log(x, [base=math.e])\nReturn the logarithm of x to the given base."},
    {"log1p", math_log1p, METH_O, "Return the natural logarithm of 1+x (base e)."},
    {"log10", math_log10, METH_O, "Return the base 10 logarithm of x."},
    {"log2", math_log2, METH_O, "Return the base 2 logarithm of x."},
    {"modf", math_modf, METH_O, "Return the fractional and integer parts of x."},
    {"pow", FC(math_pow), METH_FASTCALL, "Return x**y (x to the power of y)."},
    {"radians", math_radians, METH_O, "Convert angle x from degrees to radians."},
    {"remainder", FC(math_remainder), METH_FASTCALL, "Difference between x and the closest integer multiple of y."},
    {"sin", math_sin, METH_O, "Return the sine of x (measured in radians)."},
    {"sinh", math_sinh, METH_O, "Return the hyperbolic sine of x."},
    {"sqrt", math_sqrt, METH_O, "Return the square root of x."},
    {"tan", math_tan, METH_O, "Return the tangent of x (measured in radians)."},
    {"tanh", math_tanh, METH_O, "Return the hyperbolic tangent of x."},
    {"trunc", math_trunc, METH_O, "Truncates the Real x to the nearest Integral toward 0."},
    {"prod", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(krait::math::math_prod)),
     METH_VARARGS | METH_KEYWORDS, "Calculate the product of all the elements in the input iterable."},
    {"perm", FC(krait::math::math_perm), METH_FASTCALL, "Number of ways to choose k items from n items without repetition and with order."},
    {"comb", FC(krait::math::math_comb), METH_FASTCALL, "Number of ways to choose k items from n items without repetition and without order."},
    {"nextafter", FC(math_nextafter), METH_FASTCALL, "Return the next floating-point value after x towards y."},
    {"ulp", math_ulp, METH_O, "Return the value of the least significant bit of the float x."},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef math_module = {
    PyModuleDef_HEAD_INIT,
    "math",
    "This module provides access to the mathematical functions\n"
    "defined by the C standard.",
    -1,
    math_methods,
};

}  // namespace

extern "C" PyObject* PyInit_math(void) {
  Ref<> m = steal(PyModule_Create(&math_module));
  if (!m) return nullptr;
  if (PyModule_AddObject(m.get(), "pi", PyFloat_FromDouble(M_PI)) < 0 ||
      PyModule_AddObject(m.get(), "e", PyFloat_FromDouble(M_E)) < 0 ||
      PyModule_AddObject(m.get(), "tau", PyFloat_FromDouble(2 * M_PI)) < 0 ||
      PyModule_AddObject(m.get(), "inf", PyFloat_FromDouble(HUGE_VAL)) < 0 ||
      PyModule_AddObject(m.get(), "nan", PyFloat_FromDouble(std::fabs(NAN))) < 0)
    return nullptr;
  return m.release();
}
