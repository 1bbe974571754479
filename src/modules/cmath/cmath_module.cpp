// cmath_module.cpp — the `cmath` module: complex elementary functions with
// C99 Annex G special values (cmath_special.h) and CPython's algorithms
// (overflow-avoiding rescaling for huge arguments, subnormal rescaling in
// sqrt/log, log1p near |z| = 1), so results match CPython bit for bit.
// Each core function returns its result and sets `errno` to EDOM (ValueError
// "math domain error"), ERANGE (OverflowError "math range error") or 0.
#include <Python.h>

#include <cerrno>
#include <cfloat>
#include <cmath>
#include <numbers>

#include "modules/cmath/cmath_special.h"
#include "support/ref.h"

using namespace krait;
using namespace krait::cmath;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kPi = std::numbers::pi;
constexpr double kE = std::numbers::e;
constexpr double kLn2 = std::numbers::ln2;
constexpr double kLn10 = std::numbers::ln10;
// Beyond this size, intermediate results are rescaled to avoid overflow.
const double kLarge = DBL_MAX / 4.0;
const double kSqrtLarge = std::sqrt(kLarge);
const double kLogLarge = std::log(kLarge);
const double kSqrtDblMin = std::sqrt(DBL_MIN);
// 2**kScaleUp turns any subnormal into a normal number; kScaleDown undoes
// the square root of that scaling.
constexpr int kScaleUp = 2 * (DBL_MANT_DIG / 2) + 1;
constexpr int kScaleDown = -(kScaleUp + 1) / 2;

bool finite(Py_complex z) { return std::isfinite(z.real) && std::isfinite(z.imag); }

Py_complex c_sqrt(Py_complex z) {
  if (!finite(z)) {
    errno = 0;
    return lookup(sqrt_table(), z);
  }
  if (z.real == 0.0 && z.imag == 0.0) {
    errno = 0;
    return {0.0, z.imag};
  }
  double ax = std::fabs(z.real), ay = std::fabs(z.imag), s;
  if (ax < DBL_MIN && ay < DBL_MIN) {
    ax = std::ldexp(ax, kScaleUp);
    s = std::ldexp(std::sqrt(ax + std::hypot(ax, std::ldexp(ay, kScaleUp))), kScaleDown);
  } else {
    ax /= 8.0;
    s = 2.0 * std::sqrt(ax + std::hypot(ax, ay / 8.0));
  }
  double d = ay / (2.0 * s);
  errno = 0;
  if (z.real >= 0.0) return {s, std::copysign(d, z.imag)};
  return {d, std::copysign(s, z.imag)};
}

Py_complex c_acos(Py_complex z) {
  if (!finite(z)) {
    errno = 0;
    return lookup(acos_table(), z);
  }
  Py_complex r;
  if (std::fabs(z.real) > kLarge || std::fabs(z.imag) > kLarge) {
    r.real = std::atan2(std::fabs(z.imag), z.real);
    double big = std::log(std::hypot(z.real / 2.0, z.imag / 2.0)) + kLn2 * 2.0;
    r.imag = z.real < 0.0 ? -std::copysign(big, z.imag) : std::copysign(big, -z.imag);
  } else {
    Py_complex s1 = c_sqrt({1.0 - z.real, -z.imag});
    Py_complex s2 = c_sqrt({1.0 + z.real, z.imag});
    r.real = 2.0 * std::atan2(s1.real, s2.real);
    r.imag = std::asinh(s2.real * s1.imag - s2.imag * s1.real);
  }
  errno = 0;
  return r;
}

Py_complex c_acosh(Py_complex z) {
  if (!finite(z)) {
    errno = 0;
    return lookup(acosh_table(), z);
  }
  Py_complex r;
  if (std::fabs(z.real) > kLarge || std::fabs(z.imag) > kLarge) {
    r.real = std::log(std::hypot(z.real / 2.0, z.imag / 2.0)) + kLn2 * 2.0;
    r.imag = std::atan2(z.imag, z.real);
  } else {
    Py_complex s1 = c_sqrt({z.real - 1.0, z.imag});
    Py_complex s2 = c_sqrt({z.real + 1.0, z.imag});
    r.real = std::asinh(s1.real * s2.real + s1.imag * s2.imag);
    r.imag = 2.0 * std::atan2(s1.imag, s2.real);
  }
  errno = 0;
  return r;
}

Py_complex c_asinh(Py_complex z) {
  if (!finite(z)) {
    errno = 0;
    return lookup(asinh_table(), z);
  }
  Py_complex r;
  if (std::fabs(z.real) > kLarge || std::fabs(z.imag) > kLarge) {
    double big = std::log(std::hypot(z.real / 2.0, z.imag / 2.0)) + kLn2 * 2.0;
    r.real = z.imag >= 0.0 ? std::copysign(big, z.real) : -std::copysign(big, -z.real);
    r.imag = std::atan2(z.imag, std::fabs(z.real));
  } else {
    Py_complex s1 = c_sqrt({1.0 + z.imag, -z.real});
    Py_complex s2 = c_sqrt({1.0 - z.imag, z.real});
    r.real = std::asinh(s1.real * s2.imag - s2.real * s1.imag);
    r.imag = std::atan2(z.imag, s1.real * s2.real - s1.imag * s2.imag);
  }
  errno = 0;
  return r;
}

// asin(z) = -i asinh(iz)
Py_complex c_asin(Py_complex z) {
  Py_complex s = c_asinh({-z.imag, z.real});
  return {s.imag, -s.real};
}

Py_complex c_atanh(Py_complex z) {
  if (!finite(z)) {
    errno = 0;
    return lookup(atanh_table(), z);
  }
  // atanh(z) = -atanh(-z): reduce to z.real >= 0.
  if (z.real < 0.0) {
    Py_complex r = c_atanh({-z.real, -z.imag});
    return {-r.real, -r.imag};
  }
  Py_complex r;
  double ay = std::fabs(z.imag);
  if (z.real > kSqrtLarge || ay > kSqrtLarge) {
    // Large |z|: atanh(z) ~ 1/z +/- i*pi/2.
    double h = std::hypot(z.real / 2.0, z.imag / 2.0);
    r.real = z.real / 4.0 / h / h;
    r.imag = -std::copysign(kPi / 2.0, -z.imag);
    errno = 0;
  } else if (z.real == 1.0 && ay < kSqrtDblMin) {
    if (ay == 0.0) {
      r.real = kInf;
      r.imag = z.imag;
      errno = EDOM;
    } else {
      r.real = -std::log(std::sqrt(ay) / std::sqrt(std::hypot(ay, 2.0)));
      r.imag = std::copysign(std::atan2(2.0, -ay) / 2, z.imag);
      errno = 0;
    }
  } else {
    r.real = std::log1p(4.0 * z.real / ((1 - z.real) * (1 - z.real) + ay * ay)) / 4.0;
    r.imag = -std::atan2(-2.0 * z.imag, (1 - z.real) * (1 + z.real) - ay * ay) / 2.0;
    errno = 0;
  }
  return r;
}

// atan(z) = -i atanh(iz)
Py_complex c_atan(Py_complex z) {
  Py_complex s = c_atanh({-z.imag, z.real});
  return {s.imag, -s.real};
}

Py_complex c_cosh(Py_complex z) {
  Py_complex r;
  if (!finite(z)) {
    if (std::isinf(z.real) && std::isfinite(z.imag) && z.imag != 0.0) {
      r.real = std::copysign(kInf, std::cos(z.imag));
      r.imag = z.real > 0 ? std::copysign(kInf, std::sin(z.imag))
                          : -std::copysign(kInf, std::sin(z.imag));
    } else {
      r = lookup(cosh_table(), z);
    }
    errno = std::isinf(z.imag) && !std::isnan(z.real) ? EDOM : 0;
    return r;
  }
  if (std::fabs(z.real) > kLogLarge) {
    // cosh(x) overflows before cosh(z) does: compute with x -/+ 1.
    double x1 = z.real - std::copysign(1.0, z.real);
    r.real = std::cos(z.imag) * std::cosh(x1) * kE;
    r.imag = std::sin(z.imag) * std::sinh(x1) * kE;
  } else {
    r.real = std::cos(z.imag) * std::cosh(z.real);
    r.imag = std::sin(z.imag) * std::sinh(z.real);
  }
  errno = std::isinf(r.real) || std::isinf(r.imag) ? ERANGE : 0;
  return r;
}

// cos(z) = cosh(iz)
Py_complex c_cos(Py_complex z) { return c_cosh({-z.imag, z.real}); }

Py_complex c_sinh(Py_complex z) {
  Py_complex r;
  if (!finite(z)) {
    if (std::isinf(z.real) && std::isfinite(z.imag) && z.imag != 0.0) {
      r.real = z.real > 0 ? std::copysign(kInf, std::cos(z.imag))
                          : -std::copysign(kInf, std::cos(z.imag));
      r.imag = std::copysign(kInf, std::sin(z.imag));
    } else {
      r = lookup(sinh_table(), z);
    }
    errno = std::isinf(z.imag) && !std::isnan(z.real) ? EDOM : 0;
    return r;
  }
  if (std::fabs(z.real) > kLogLarge) {
    double x1 = z.real - std::copysign(1.0, z.real);
    r.real = std::cos(z.imag) * std::sinh(x1) * kE;
    r.imag = std::sin(z.imag) * std::cosh(x1) * kE;
  } else {
    r.real = std::cos(z.imag) * std::sinh(z.real);
    r.imag = std::sin(z.imag) * std::cosh(z.real);
  }
  errno = std::isinf(r.real) || std::isinf(r.imag) ? ERANGE : 0;
  return r;
}

// sin(z) = -i sinh(iz)
Py_complex c_sin(Py_complex z) {
  Py_complex s = c_sinh({-z.imag, z.real});
  return {s.imag, -s.real};
}

Py_complex c_tanh(Py_complex z) {
  Py_complex r;
  if (!finite(z)) {
    if (std::isinf(z.real) && std::isfinite(z.imag) && z.imag != 0.0) {
      r.real = z.real > 0 ? 1.0 : -1.0;
      r.imag = std::copysign(0.0, 2.0 * std::sin(z.imag) * std::cos(z.imag));
    } else {
      r = lookup(tanh_table(), z);
    }
    errno = std::isinf(z.imag) && std::isfinite(z.real) ? EDOM : 0;
    return r;
  }
  if (std::fabs(z.real) > kLogLarge) {
    // 1 - tanh(x)^2 ~ 4 exp(-2|x|) for large |x|.
    r.real = std::copysign(1.0, z.real);
    r.imag = 4.0 * std::sin(z.imag) * std::cos(z.imag) * std::exp(-2.0 * std::fabs(z.real));
  } else {
    double tx = std::tanh(z.real);
    double ty = std::tan(z.imag);
    double cx = 1.0 / std::cosh(z.real);
    double txty = tx * ty;
    double denom = 1.0 + txty * txty;
    r.real = tx * (1.0 + ty * ty) / denom;
    r.imag = ((ty / denom) * cx) * cx;
  }
  errno = 0;
  return r;
}

// tan(z) = -i tanh(iz)
Py_complex c_tan(Py_complex z) {
  Py_complex s = c_tanh({-z.imag, z.real});
  return {s.imag, -s.real};
}

Py_complex c_exp(Py_complex z) {
  Py_complex r;
  if (!finite(z)) {
    if (std::isinf(z.real) && std::isfinite(z.imag) && z.imag != 0.0) {
      if (z.real > 0) {
        r.real = std::copysign(kInf, std::cos(z.imag));
        r.imag = std::copysign(kInf, std::sin(z.imag));
      } else {
        r.real = std::copysign(0.0, std::cos(z.imag));
        r.imag = std::copysign(0.0, std::sin(z.imag));
      }
    } else {
      r = lookup(exp_table(), z);
    }
    errno = std::isinf(z.imag) && (std::isfinite(z.real) || (std::isinf(z.real) && z.real > 0))
                ? EDOM
                : 0;
    return r;
  }
  double l;
  if (z.real > kLogLarge) {
    l = std::exp(z.real - 1.0);
    r.real = l * std::cos(z.imag) * kE;
    r.imag = l * std::sin(z.imag) * kE;
  } else {
    l = std::exp(z.real);
    r.real = l * std::cos(z.imag);
    r.imag = l * std::sin(z.imag);
  }
  errno = std::isinf(r.real) || std::isinf(r.imag) ? ERANGE : 0;
  return r;
}

Py_complex c_log(Py_complex z) {
  if (!finite(z)) {
    errno = 0;
    return lookup(log_table(), z);
  }
  Py_complex r;
  double ax = std::fabs(z.real), ay = std::fabs(z.imag);
  if (ax > kLarge || ay > kLarge) {
    r.real = std::log(std::hypot(ax / 2.0, ay / 2.0)) + kLn2;
  } else if (ax < DBL_MIN && ay < DBL_MIN) {
    if (ax > 0.0 || ay > 0.0) {
      // hypot would be subnormal and inaccurate: rescale.
      r.real = std::log(std::hypot(std::ldexp(ax, DBL_MANT_DIG), std::ldexp(ay, DBL_MANT_DIG))) -
               DBL_MANT_DIG * kLn2;
    } else {
      r.real = -kInf;
      r.imag = std::atan2(z.imag, z.real);
      errno = EDOM;
      return r;
    }
  } else {
    double h = std::hypot(ax, ay);
    if (0.71 <= h && h <= 1.73) {
      // Near the unit circle: log1p keeps the accuracy.
      double am = ax > ay ? ax : ay;
      double an = ax > ay ? ay : ax;
      r.real = std::log1p((am - 1) * (am + 1) + an * an) / 2.0;
    } else {
      r.real = std::log(h);
    }
  }
  r.imag = std::atan2(z.imag, z.real);
  errno = 0;
  return r;
}

Py_complex c_log10(Py_complex z) {
  Py_complex r = c_log(z);
  int saved = errno;
  r.real /= kLn10;
  r.imag /= kLn10;
  errno = saved;
  return r;
}

PyObject* math_error() {
  if (errno == EDOM)
    PyErr_SetString(PyExc_ValueError, "math domain error");
  else if (errno == ERANGE)
    PyErr_SetString(PyExc_OverflowError, "math range error");
  else
    PyErr_SetFromErrno(PyExc_ValueError);
  return nullptr;
}

bool to_complex(PyObject* o, Py_complex* out) {
  *out = PyComplex_AsCComplex(o);
  return !(out->real == -1.0 && PyErr_Occurred());
}

PyObject* apply(PyObject* arg, Py_complex (*fn)(Py_complex)) {
  Py_complex z;
  if (!to_complex(arg, &z)) return nullptr;
  errno = 0;
  Py_complex r = fn(z);
  if (errno != 0) return math_error();
  return PyComplex_FromCComplex(r);
}

#define CMATH_FUNC(name) \
  PyObject* cmath_##name(PyObject*, PyObject* arg) { return apply(arg, c_##name); }
CMATH_FUNC(acos)
CMATH_FUNC(acosh)
CMATH_FUNC(asin)
CMATH_FUNC(asinh)
CMATH_FUNC(atan)
CMATH_FUNC(atanh)
CMATH_FUNC(cos)
CMATH_FUNC(cosh)
CMATH_FUNC(exp)
CMATH_FUNC(log10)
CMATH_FUNC(sin)
CMATH_FUNC(sinh)
CMATH_FUNC(sqrt)
CMATH_FUNC(tan)
CMATH_FUNC(tanh)
#undef CMATH_FUNC

PyObject* cmath_log(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("log", nargs, 1, 2)) return nullptr;
  Py_complex x;
  if (!to_complex(args[0], &x)) return nullptr;
  errno = 0;
  x = c_log(x);
  if (nargs > 1) {
    Py_complex y = PyComplex_AsCComplex(args[1]);
    if (PyErr_Occurred()) return nullptr;
    y = c_log(y);
    x = _Py_c_quot(x, y);
  }
  if (errno != 0) return math_error();
  return PyComplex_FromCComplex(x);
}

// atan2 with C99's answers for infinities and zeros on every platform.
double c_atan2(Py_complex z) {
  if (std::isnan(z.real) || std::isnan(z.imag)) return std::numeric_limits<double>::quiet_NaN();
  if (std::isinf(z.imag)) {
    if (std::isinf(z.real))
      return std::copysign(std::signbit(z.real) ? 0.75 * kPi : 0.25 * kPi, z.imag);
    return std::copysign(0.5 * kPi, z.imag);
  }
  if (std::isinf(z.real) || z.imag == 0.0)
    return std::copysign(std::signbit(z.real) ? kPi : 0.0, z.imag);
  return std::atan2(z.imag, z.real);
}

PyObject* cmath_phase(PyObject*, PyObject* arg) {
  Py_complex z;
  if (!to_complex(arg, &z)) return nullptr;
  errno = 0;
  double phi = c_atan2(z);
  if (errno != 0) return math_error();
  return PyFloat_FromDouble(phi);
}

PyObject* cmath_polar(PyObject*, PyObject* arg) {
  Py_complex z;
  if (!to_complex(arg, &z)) return nullptr;
  errno = 0;
  double phi = c_atan2(z);
  double r = _Py_c_abs(z);  // sets errno = ERANGE on overflow
  if (errno != 0) return math_error();
  return Py_BuildValue("dd", r, phi);
}

bool to_double(PyObject* o, double* out) {
  *out = PyFloat_AsDouble(o);
  return !(*out == -1.0 && PyErr_Occurred());
}

PyObject* cmath_rect(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("rect", nargs, 2, 2)) return nullptr;
  double r, phi;
  if (!to_double(args[0], &r) || !to_double(args[1], &phi)) return nullptr;
  Py_complex z;
  errno = 0;
  if (!std::isfinite(r) || !std::isfinite(phi)) {
    // Infinite r with finite nonzero phi: the signs come from cos/sin.
    if (std::isinf(r) && std::isfinite(phi) && phi != 0.0) {
      double sign = r > 0 ? 1.0 : -1.0;
      z.real = sign * std::copysign(kInf, std::cos(phi));
      z.imag = sign * std::copysign(kInf, std::sin(phi));
    } else {
      z = lookup(rect_table(), {r, phi});
    }
    errno = r != 0.0 && !std::isnan(r) && std::isinf(phi) ? EDOM : 0;
  } else if (phi == 0.0) {
    z.real = r;
    z.imag = r * phi;
  } else {
    z.real = r * std::cos(phi);
    z.imag = r * std::sin(phi);
  }
  if (errno != 0) return math_error();
  return PyComplex_FromCComplex(z);
}

PyObject* cmath_isfinite(PyObject*, PyObject* arg) {
  Py_complex z;
  if (!to_complex(arg, &z)) return nullptr;
  return PyBool_FromLong(finite(z));
}

PyObject* cmath_isnan(PyObject*, PyObject* arg) {
  Py_complex z;
  if (!to_complex(arg, &z)) return nullptr;
  return PyBool_FromLong(std::isnan(z.real) || std::isnan(z.imag));
}

PyObject* cmath_isinf(PyObject*, PyObject* arg) {
  Py_complex z;
  if (!to_complex(arg, &z)) return nullptr;
  return PyBool_FromLong(std::isinf(z.real) || std::isinf(z.imag));
}

PyObject* cmath_isclose(PyObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"a", "b", "rel_tol", "abs_tol", nullptr};
  PyObject *ao, *bo;
  double rel_tol = 1e-09, abs_tol = 0.0;
  // Checked here: the generic parser words this case "at most".
  if (PyTuple_GET_SIZE(args) > 2) {
    PyErr_Format(PyExc_TypeError, "isclose() takes exactly 2 positional arguments (%zd given)",
                 PyTuple_GET_SIZE(args));
    return nullptr;
  }
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "OO|$dd:isclose", const_cast<char**>(kwlist), &ao,
                                   &bo, &rel_tol, &abs_tol))
    return nullptr;
  Py_complex a, b;
  if (!to_complex(ao, &a) || !to_complex(bo, &b)) return nullptr;
  if (rel_tol < 0.0 || abs_tol < 0.0) {
    PyErr_SetString(PyExc_ValueError, "tolerances must be non-negative");
    return nullptr;
  }
  // Exact equality first: catches two infinities of the same sign.
  if (a.real == b.real && a.imag == b.imag) Py_RETURN_TRUE;
  if (std::isinf(a.real) || std::isinf(a.imag) || std::isinf(b.real) || std::isinf(b.imag))
    Py_RETURN_FALSE;
  double diff = _Py_c_abs(_Py_c_diff(a, b));
  return PyBool_FromLong(diff <= rel_tol * _Py_c_abs(b) || diff <= rel_tol * _Py_c_abs(a) ||
                         diff <= abs_tol);
}

#define DOC1(name, text) #name "($module, z, /)\n--\n\n" text
#define FAST(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(f))

PyMethodDef module_methods[] = {
    {"acos", cmath_acos, METH_O, DOC1(acos, "Return the arc cosine of z.")},
    {"acosh", cmath_acosh, METH_O, DOC1(acosh, "Return the inverse hyperbolic cosine of z.")},
    {"asin", cmath_asin, METH_O, DOC1(asin, "Return the arc sine of z.")},
    {"asinh", cmath_asinh, METH_O, DOC1(asinh, "Return the inverse hyperbolic sine of z.")},
    {"atan", cmath_atan, METH_O, DOC1(atan, "Return the arc tangent of z.")},
    {"atanh", cmath_atanh, METH_O, DOC1(atanh, "Return the inverse hyperbolic tangent of z.")},
    {"cos", cmath_cos, METH_O, DOC1(cos, "Return the cosine of z.")},
    {"cosh", cmath_cosh, METH_O, DOC1(cosh, "Return the hyperbolic cosine of z.")},
    {"exp", cmath_exp, METH_O, DOC1(exp, "Return the exponential value e**z.")},
    {"isclose", FAST(cmath_isclose), METH_VARARGS | METH_KEYWORDS,
     "isclose($module, /, a, b, *, rel_tol=1e-09, abs_tol=0.0)\n--\n\n"
     "Determine whether two complex numbers are close in value.\n\n"
     "  rel_tol\n"
     "    maximum difference for being considered \"close\", relative to the\n"
     "    magnitude of the input values\n"
     "  abs_tol\n"
     "    maximum difference for being considered \"close\", regardless of the\n"
     "    magnitude of the input values\n\n"
     "Return True if a is close in value to b, and False otherwise.\n\n"
     "For the values to be considered close, the difference between them must be\n"
     "smaller than at least one of the tolerances.\n\n"
     "-inf, inf and NaN behave similarly to the IEEE 754 Standard. That is, NaN is\n"
     "not close to anything, even itself. inf and -inf are only close to themselves."},
    {"isfinite", cmath_isfinite, METH_O,
     DOC1(isfinite, "Return True if both the real and imaginary parts of z are finite, else False.")},
    {"isinf", cmath_isinf, METH_O, DOC1(isinf, "Checks if the real or imaginary part of z is infinite.")},
    {"isnan", cmath_isnan, METH_O,
     DOC1(isnan, "Checks if the real or imaginary part of z not a number (NaN).")},
    {"log", FAST(cmath_log), METH_FASTCALL,
     "log($module, z, base=<unrepresentable>, /)\n--\n\n"
     "log(z[, base]) -> the logarithm of z to the given base.\n\n"
     "If the base not specified, returns the natural logarithm (base e) of z."},
    {"log10", cmath_log10, METH_O, DOC1(log10, "Return the base-10 logarithm of z.")},
    {"phase", cmath_phase, METH_O,
     DOC1(phase, "Return argument, also known as the phase angle, of a complex.")},
    {"polar", cmath_polar, METH_O,
     DOC1(polar, "Convert a complex from rectangular coordinates to polar coordinates.\n\n"
                 "r is the distance from 0 and phi the phase angle.")},
    {"rect", FAST(cmath_rect), METH_FASTCALL,
     "rect($module, r, phi, /)\n--\n\nConvert from polar coordinates to rectangular coordinates."},
    {"sin", cmath_sin, METH_O, DOC1(sin, "Return the sine of z.")},
    {"sinh", cmath_sinh, METH_O, DOC1(sinh, "Return the hyperbolic sine of z.")},
    {"sqrt", cmath_sqrt, METH_O, DOC1(sqrt, "Return the square root of z.")},
    {"tan", cmath_tan, METH_O, DOC1(tan, "Return the tangent of z.")},
    {"tanh", cmath_tanh, METH_O, DOC1(tanh, "Return the hyperbolic tangent of z.")},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef cmath_module = {
    PyModuleDef_HEAD_INIT,
    "cmath",
    "This module provides access to mathematical functions for complex\nnumbers.",
    -1,
    module_methods,
};

}  // namespace

extern "C" PyObject* PyInit_cmath(void) {
  Ref<> m = steal(PyModule_Create(&cmath_module));
  if (!m) return nullptr;
  double nan = std::numeric_limits<double>::quiet_NaN();
  struct {
    const char* name;
    PyObject* value;
  } constants[] = {
      {"pi", PyFloat_FromDouble(kPi)},
      {"e", PyFloat_FromDouble(kE)},
      {"tau", PyFloat_FromDouble(2 * kPi)},
      {"inf", PyFloat_FromDouble(kInf)},
      {"infj", PyComplex_FromDoubles(0.0, kInf)},
      {"nan", PyFloat_FromDouble(nan)},
      {"nanj", PyComplex_FromDoubles(0.0, nan)},
  };
  bool ok = true;
  for (auto& c : constants) {
    Ref<> v = steal(c.value);
    if (ok && (!v || PyModule_AddObjectRef(m.get(), c.name, v.get()) < 0)) ok = false;
  }
  if (!ok) return nullptr;
  return m.release();
}
