// float: allocation (with a free list), arithmetic with CPython 3.11's
// error rules, exact comparison with ints, rounding, and the type object.
// Text conversions are in float_format.cpp and float_parse.cpp.
#include "objects/float_object.h"

#include <cerrno>
#include <cfloat>
#include <cmath>

#include "objects/long_gmp.h"
#include "objects/long_object.h"
#include "objects/object_util.h"

namespace krait::floats {

// -- Allocation -------------------------------------------------------------------

FloatFreeList g_float_free = {nullptr, 0};  // see float_object.h

namespace {

void float_dealloc(PyObject* op) {
  if (PyFloat_CheckExact(op) && g_float_free.count < kFloatFreeMax) {
    auto* f = reinterpret_cast<PyFloatObject*>(op);
    Py_SET_TYPE(op, reinterpret_cast<PyTypeObject*>(g_float_free.head));
    g_float_free.head = f;
    g_float_free.count++;
    return;
  }
  Py_TYPE(op)->tp_free(op);
}

inline double value(PyObject* v) { return PyFloat_AS_DOUBLE(v); }

// Converts an operand of a mixed float operation; false means "not a
// number we handle" (the slot returns NotImplemented) or an error (*err).
bool to_double(PyObject* v, double* out, bool* err) {
  *err = false;
  if (PyFloat_Check(v)) {
    *out = value(v);
    return true;
  }
  if (PyLong_Check(v)) {
    *out = PyLong_AsDouble(v);
    if (*out == -1.0 && PyErr_Occurred()) {
      *err = true;
      return false;
    }
    return true;
  }
  return false;
}

#define CONVERT_BOTH(a, b, x, y)                             \
  double x, y;                                               \
  {                                                          \
    bool err_;                                               \
    if (!to_double(a, &x, &err_)) {                          \
      if (err_) return nullptr;                              \
      Py_RETURN_NOTIMPLEMENTED;                              \
    }                                                        \
    if (!to_double(b, &y, &err_)) {                          \
      if (err_) return nullptr;                              \
      Py_RETURN_NOTIMPLEMENTED;                              \
    }                                                        \
  }

bool is_odd_integer(double x) { return std::fmod(std::fabs(x), 2.0) == 1.0; }

}  // namespace

// -- Arithmetic ---------------------------------------------------------------------

static PyObject* float_add(PyObject* a, PyObject* b) {
  CONVERT_BOTH(a, b, x, y);
  return PyFloat_FromDouble(x + y);
}
static PyObject* float_sub(PyObject* a, PyObject* b) {
  CONVERT_BOTH(a, b, x, y);
  return PyFloat_FromDouble(x - y);
}
static PyObject* float_mul(PyObject* a, PyObject* b) {
  CONVERT_BOTH(a, b, x, y);
  return PyFloat_FromDouble(x * y);
}
static PyObject* float_div(PyObject* a, PyObject* b) {
  CONVERT_BOTH(a, b, x, y);
  if (y == 0.0) {
    PyErr_SetString(PyExc_ZeroDivisionError, "float division by zero");
    return nullptr;
  }
  return PyFloat_FromDouble(x / y);
}

static double float_mod_value(double x, double y) {
  double mod = std::fmod(x, y);
  if (mod != 0.0) {
    // The remainder takes the sign of the divisor.
    if ((y < 0) != (mod < 0)) mod += y;
  } else {
    mod = std::copysign(0.0, y);
  }
  return mod;
}

static PyObject* float_rem(PyObject* a, PyObject* b) {
  CONVERT_BOTH(a, b, x, y);
  if (y == 0.0) {
    PyErr_SetString(PyExc_ZeroDivisionError, "float modulo");
    return nullptr;
  }
  return PyFloat_FromDouble(float_mod_value(x, y));
}

// Floor quotient and remainder with the sign conventions of CPython.
static void float_divmod_values(double x, double y, double* fd, double* md) {
  double mod = std::fmod(x, y);
  // x - mod is mathematically an exact multiple of y; the division is
  // close to an integer and is snapped below.
  double div = (x - mod) / y;
  if (mod != 0.0) {
    if ((y < 0) != (mod < 0)) {
      mod += y;
      div -= 1.0;
    }
  } else {
    mod = std::copysign(0.0, y);
  }
  double floordiv;
  if (div != 0.0) {
    floordiv = std::floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
  } else {
    floordiv = std::copysign(0.0, x / y);
  }
  *fd = floordiv;
  *md = mod;
}

static PyObject* float_floordiv(PyObject* a, PyObject* b) {
  CONVERT_BOTH(a, b, x, y);
  if (y == 0.0) {
    PyErr_SetString(PyExc_ZeroDivisionError, "float floor division by zero");
    return nullptr;
  }
  double q, r;
  float_divmod_values(x, y, &q, &r);
  return PyFloat_FromDouble(q);
}

static PyObject* float_divmod(PyObject* a, PyObject* b) {
  CONVERT_BOTH(a, b, x, y);
  if (y == 0.0) {
    PyErr_SetString(PyExc_ZeroDivisionError, "float divmod()");
    return nullptr;
  }
  double q, r;
  float_divmod_values(x, y, &q, &r);
  return Py_BuildValue("(dd)", q, r);
}

PyObject* power(double iv, double iw) {
  if (iw == 0.0) return PyFloat_FromDouble(1.0);  // v**0 is 1, even 0**0 and nan**0
  if (std::isnan(iv)) return PyFloat_FromDouble(iv);
  if (std::isnan(iw)) return PyFloat_FromDouble(iv == 1.0 ? 1.0 : iw);
  if (std::isinf(iw)) {
    double av = std::fabs(iv);
    if (av == 1.0) return PyFloat_FromDouble(1.0);
    if ((iw > 0.0) == (av > 1.0)) return PyFloat_FromDouble(std::fabs(iw));
    return PyFloat_FromDouble(0.0);
  }
  if (std::isinf(iv)) {
    bool odd = is_odd_integer(iw);
    if (iw > 0.0) return PyFloat_FromDouble(odd ? iv : std::fabs(iv));
    return PyFloat_FromDouble(odd ? std::copysign(0.0, iv) : 0.0);
  }
  if (iv == 0.0) {
    bool odd = is_odd_integer(iw);
    if (iw < 0.0) {
      PyErr_SetString(PyExc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
      return nullptr;
    }
    return PyFloat_FromDouble(odd ? iv : 0.0);
  }
  bool negate = false;
  if (iv < 0.0) {
    if (iw != std::floor(iw)) {
      // A negative number to a fractional power is complex.
      Ref<> v = steal(PyFloat_FromDouble(iv)), w = steal(PyFloat_FromDouble(iw));
      if (!v || !w) return nullptr;
      return PyComplex_Type.tp_as_number->nb_power(v.get(), w.get(), Py_None);
    }
    iv = -iv;
    negate = is_odd_integer(iw);
  }
  if (iv == 1.0) return PyFloat_FromDouble(negate ? -1.0 : 1.0);
  errno = 0;
  double r = std::pow(iv, iw);
  // Overflow shows as inf; underflow to zero is not an error.
  if (errno == 0 && std::isinf(r))
    errno = ERANGE;
  else if (errno == ERANGE && r == 0.0)
    errno = 0;
  if (negate) r = -r;
  if (errno != 0) {
    PyErr_SetFromErrno(errno == ERANGE ? PyExc_OverflowError : PyExc_ValueError);
    return nullptr;
  }
  return PyFloat_FromDouble(r);
}

static PyObject* float_pow(PyObject* a, PyObject* b, PyObject* c) {
  if (c != Py_None) {
    PyErr_SetString(PyExc_TypeError,
                    "pow() 3rd argument not allowed unless all arguments are integers");
    return nullptr;
  }
  CONVERT_BOTH(a, b, x, y);
  return power(x, y);
}

static PyObject* float_neg(PyObject* a) { return PyFloat_FromDouble(-value(a)); }
static PyObject* float_pos(PyObject* a) {
  if (PyFloat_CheckExact(a)) return Py_NewRef(a);
  return PyFloat_FromDouble(value(a));
}
static PyObject* float_abs(PyObject* a) { return PyFloat_FromDouble(std::fabs(value(a))); }
static int float_bool(PyObject* a) { return value(a) != 0.0; }
static PyObject* float_int(PyObject* a) { return PyLong_FromDouble(value(a)); }
static PyObject* float_float(PyObject* a) {
  if (PyFloat_CheckExact(a)) return Py_NewRef(a);
  return PyFloat_FromDouble(value(a));
}

// -- Comparison -----------------------------------------------------------------

// Compares a finite double with an int exactly: -1, 0, 1 (or -2 on error).
static int compare_with_int(double x, PyObject* n) {
  int xs = x < 0 ? -1 : (x > 0);
  int ns = longs::sign(n);
  if (xs != ns) return xs < ns ? -1 : 1;
  if (ns == 0) return 0;
  // Magnitudes differ by more than a factor 2: the bit lengths decide.
  int e;
  std::frexp(x, &e);  // |x| in [2**(e-1), 2**e)
  int64_t nbits = longs::bit_length(n);  // |n| in [2**(nbits-1), 2**nbits)
  if (e < nbits) return -xs;
  if (e > nbits) return xs;
  // Same binade: compare floor(x) exactly, then the fraction.
  double fl = std::floor(x);
  Ref<> fi = steal(PyLong_FromDouble(fl));
  if (!fi) return -2;
  int c = longs::compare(fi.get(), n);
  if (c != 0) return c;
  return x == fl ? 0 : 1;  // x = fl + frac > n
}

static PyObject* float_richcompare(PyObject* a, PyObject* b, int op) {
  double x = value(a), y;
  if (PyFloat_Check(b)) {
    y = value(b);
  } else if (PyLong_Check(b)) {
    constexpr int64_t kExact = int64_t(1) << DBL_MANT_DIG;
    if (!std::isfinite(x)) {
      y = 0.0;  // inf and nan compare with every int as with any finite value
    } else if (longs::is_medium(b) && longs::medium_value(b) > -kExact &&
               longs::medium_value(b) < kExact) {
      y = double(longs::medium_value(b));  // exactly representable
    } else {
      int c = compare_with_int(x, b);
      if (c == -2) return nullptr;
      Py_RETURN_RICHCOMPARE(c, 0, op);
    }
  } else {
    Py_RETURN_NOTIMPLEMENTED;
  }
compare_doubles:
  bool r;
  switch (op) {
    case Py_LT: r = x < y; break;
    case Py_LE: r = x <= y; break;
    case Py_EQ: r = x == y; break;
    case Py_NE: r = x != y; break;
    case Py_GT: r = x > y; break;
    default: r = x >= y; break;
  }
  return PyBool_FromLong(r);
}

static Py_hash_t float_hash(PyObject* v) { return _Py_HashDouble(v, value(v)); }

// -- Rounding -------------------------------------------------------------------------

// round(x, ndigits) correctly: the exact binary value m * 2**e is rounded
// half-even to a multiple of 10**-ndigits in integer arithmetic, then
// converted back with one correctly rounded division or conversion.
static PyObject* round_to_digits(double x, long nd) {
  int e;
  double m = std::frexp(std::fabs(x), &e);
  // m * 2**53 is an integer.
  longs::Mpz num, den, q, r;
  mpz_set_d(num, std::ldexp(m, DBL_MANT_DIG));
  e -= DBL_MANT_DIG;
  mpz_set_ui(den, 1);
  if (e >= 0)
    mpz_mul_2exp(num, num, mp_bitcnt_t(e));
  else
    mpz_mul_2exp(den, den, mp_bitcnt_t(-e));
  longs::Mpz p10;
  mpz_ui_pow_ui(p10, 10, (unsigned long)(nd >= 0 ? nd : -nd));
  if (nd >= 0)
    mpz_mul(num, num, p10);
  else
    mpz_mul(den, den, p10);
  mpz_fdiv_qr(q, r, num, den);
  // Half-even: compare 2r with den.
  mpz_mul_2exp(r, r, 1);
  int c = mpz_cmp(r, den);
  if (c > 0 || (c == 0 && mpz_odd_p(q))) mpz_add_ui(q, q, 1);
  Ref<> qi = steal(longs::from_mpz(q));
  if (!qi) return nullptr;
  double result;
  if (nd >= 0) {
    Ref<> pi = steal(longs::from_mpz(p10));
    if (!pi) return nullptr;
    Ref<> d = steal(longs::true_divide(qi.get(), pi.get()));
    if (!d) {
      if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
        PyErr_Clear();
        PyErr_SetString(PyExc_OverflowError, "rounded value too large to represent");
      }
      return nullptr;
    }
    result = PyFloat_AS_DOUBLE(d.get());
  } else {
    mpz_mul(q, q, p10);
    Ref<> big = steal(longs::from_mpz(q));
    if (!big) return nullptr;
    result = longs::to_double(big.get());
    if (result == -1.0 && PyErr_Occurred()) {
      PyErr_Clear();
      PyErr_SetString(PyExc_OverflowError, "rounded value too large to represent");
      return nullptr;
    }
  }
  return PyFloat_FromDouble(std::copysign(result, x));
}

static PyObject* float_round(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs > 1) {
    PyErr_Format(PyExc_TypeError, "__round__ expected at most 1 argument, got %zd", nargs);
    return nullptr;
  }
  double x = value(self);
  if (nargs == 0 || args[0] == Py_None) {
    double rounded = std::round(x);
    if (std::fabs(x - rounded) == 0.5) rounded = 2.0 * std::round(x / 2.0);  // half to even
    return PyLong_FromDouble(rounded);
  }
  Py_ssize_t nd = PyNumber_AsSsize_t(args[0], nullptr);
  if (nd == -1 && PyErr_Occurred()) return nullptr;
  if (!std::isfinite(x)) return PyFloat_FromDouble(x);
  // Beyond these, x rounds to itself or to a signed zero.
  constexpr Py_ssize_t kMax = Py_ssize_t((DBL_MANT_DIG - DBL_MIN_EXP) * 0.30103);
  constexpr Py_ssize_t kMin = -Py_ssize_t((DBL_MAX_EXP + 1) * 0.30103);
  if (nd > kMax) return PyFloat_FromDouble(x);
  if (nd < kMin) return PyFloat_FromDouble(0.0 * x);
  if (x == 0.0) return PyFloat_FromDouble(x);
  return round_to_digits(x, long(nd));
}

// -- Methods ------------------------------------------------------------------------

static PyObject* float_conjugate(PyObject* self, PyObject*) { return float_float(self); }
static PyObject* float_trunc(PyObject* self, PyObject*) { return PyLong_FromDouble(value(self)); }
static PyObject* float_floor(PyObject* self, PyObject*) {
  return PyLong_FromDouble(std::floor(value(self)));
}
static PyObject* float_ceil(PyObject* self, PyObject*) {
  return PyLong_FromDouble(std::ceil(value(self)));
}
static PyObject* float_is_integer(PyObject* self, PyObject*) {
  double x = value(self);
  return PyBool_FromLong(std::isfinite(x) && std::floor(x) == x);
}
static PyObject* float_getnewargs(PyObject* self, PyObject*) {
  return Py_BuildValue("(d)", value(self));
}

static PyObject* float_as_integer_ratio(PyObject* self, PyObject*) {
  double x = value(self);
  if (std::isinf(x)) {
    PyErr_SetString(PyExc_OverflowError, "cannot convert Infinity to integer ratio");
    return nullptr;
  }
  if (std::isnan(x)) {
    PyErr_SetString(PyExc_ValueError, "cannot convert NaN to integer ratio");
    return nullptr;
  }
  int e;
  double m = std::frexp(x, &e);
  // Scale the mantissa to an integer, then cancel common powers of two.
  int64_t mi = int64_t(std::ldexp(m, DBL_MANT_DIG));
  e -= DBL_MANT_DIG;
  if (mi == 0) return Py_BuildValue("(ii)", 0, 1);
  int tz = __builtin_ctzll(uint64_t(mi < 0 ? -mi : mi));
  mi >>= tz;  // arithmetic shift of an exact multiple: exact
  e += tz;
  Ref<> num = steal(PyLong_FromLongLong(mi));
  if (!num) return nullptr;
  Ref<> den = steal(PyLong_FromLong(1));
  if (e > 0) {
    num = steal(_PyLong_Lshift(num.get(), size_t(e)));
    if (!num) return nullptr;
  } else if (e < 0) {
    den = steal(_PyLong_Lshift(den.get(), size_t(-e)));
    if (!den) return nullptr;
  }
  return PyTuple_Pack(2, num.get(), den.get());
}

static PyObject* float_getformat(PyObject*, PyObject* arg) {
  if (!PyUnicode_Check(arg)) {
    PyErr_Format(PyExc_TypeError, "__getformat__() argument must be str, not %.50s",
                 Py_TYPE(arg)->tp_name);
    return nullptr;
  }
  if (PyUnicode_CompareWithASCIIString(arg, "double") != 0 &&
      PyUnicode_CompareWithASCIIString(arg, "float") != 0) {
    PyErr_SetString(PyExc_ValueError, "__getformat__() argument 1 must be 'double' or 'float'");
    return nullptr;
  }
  return PyUnicode_FromString("IEEE, little-endian");
}

PyObject* float_format_method(PyObject* self, PyObject* spec);  // float_format.cpp
PyObject* float_hex(PyObject* self, PyObject*);                 // float_format.cpp
PyObject* float_fromhex(PyObject* type, PyObject* arg);         // float_parse.cpp
PyObject* float_repr(PyObject* self);                           // float_format.cpp

// -- float.__new__ ------------------------------------------------------------------

static PyObject* float_new(PyTypeObject* type, PyObject* args, PyObject* kwargs) {
  if (kwargs && PyDict_GET_SIZE(kwargs) != 0 && (type == &PyFloat_Type || type->tp_init == PyFloat_Type.tp_init)) {
    PyErr_SetString(PyExc_TypeError, "float() takes no keyword arguments");
    return nullptr;
  }
  PyObject* x = nullptr;
  if (!PyArg_UnpackTuple(args, "float", 0, 1, &x)) return nullptr;
  Ref<> value_obj;
  if (!x)
    value_obj = steal(PyFloat_FromDouble(0.0));
  else if (PyUnicode_CheckExact(x))
    value_obj = steal(PyFloat_FromString(x));
  else
    value_obj = steal(PyNumber_Float(x));
  if (!value_obj || type == &PyFloat_Type) return value_obj.release();
  PyObject* r = type->tp_alloc(type, 0);
  if (!r) return nullptr;
  reinterpret_cast<PyFloatObject*>(r)->ob_fval = PyFloat_AS_DOUBLE(value_obj.get());
  return r;
}

static PyObject* get_real(PyObject* self, void*) { return float_float(self); }
static PyObject* get_imag(PyObject*, void*) { return PyFloat_FromDouble(0.0); }

// -- Tables -------------------------------------------------------------------------

static PyNumberMethods float_as_number = {
    .nb_add = float_add,
    .nb_subtract = float_sub,
    .nb_multiply = float_mul,
    .nb_remainder = float_rem,
    .nb_divmod = float_divmod,
    .nb_power = float_pow,
    .nb_negative = float_neg,
    .nb_positive = float_pos,
    .nb_absolute = float_abs,
    .nb_bool = float_bool,
    .nb_int = float_int,
    .nb_float = float_float,
    .nb_floor_divide = float_floordiv,
    .nb_true_divide = float_div,
};

static PyMethodDef float_methods[] = {
    {"conjugate", float_conjugate, METH_NOARGS,
     "conjugate($self, /)\n--\n\nReturn self, the complex conjugate of any float."},
    {"__trunc__", float_trunc, METH_NOARGS,
     "__trunc__($self, /)\n--\n\nReturn the Integral closest to x between 0 and x."},
    {"__floor__", float_floor, METH_NOARGS,
     "__floor__($self, /)\n--\n\nReturn the floor as an Integral."},
    {"__ceil__", float_ceil, METH_NOARGS,
     "__ceil__($self, /)\n--\n\nReturn the ceiling as an Integral."},
    {"__round__", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(float_round)),
     METH_FASTCALL,
     "__round__($self, ndigits=None, /)\n--\n\n"
     "Return the Integral closest to x, rounding half toward even.\n\n"
     "When an argument is passed, work like built-in round(x, ndigits)."},
    {"as_integer_ratio", float_as_integer_ratio, METH_NOARGS,
     "as_integer_ratio($self, /)\n--\n\nReturn integer ratio.\n\n"
     "Return a pair of integers, whose ratio is exactly equal to the original float\n"
     "and with a positive denominator.\n\n"
     "Raise OverflowError on infinities and a ValueError on NaNs.\n\n"
     ">>> (10.0).as_integer_ratio()\n(10, 1)\n>>> (0.0).as_integer_ratio()\n(0, 1)\n"
     ">>> (-.25).as_integer_ratio()\n(-1, 4)"},
    {"fromhex", float_fromhex, METH_O | METH_CLASS,
     "fromhex($type, string, /)\n--\n\n"
     "Create a floating-point number from a hexadecimal string.\n\n"
     ">>> float.fromhex('0x1.ffffp10')\n2047.984375\n>>> float.fromhex('-0x1p-1074')\n-5e-324"},
    {"hex", float_hex, METH_NOARGS,
     "hex($self, /)\n--\n\nReturn a hexadecimal representation of a floating-point number.\n\n"
     ">>> (-0.1).hex()\n'-0x1.999999999999ap-4'\n>>> 3.14159.hex()\n'0x1.921f9f01b866ep+1'"},
    {"is_integer", float_is_integer, METH_NOARGS,
     "is_integer($self, /)\n--\n\nReturn True if the float is an integer."},
    {"__getnewargs__", float_getnewargs, METH_NOARGS, "__getnewargs__($self, /)\n--\n\n"},
    {"__getformat__", float_getformat, METH_O | METH_CLASS,
     "__getformat__($type, typestr, /)\n--\n\n"
     "You probably don't want to use this function.\n\n"
     "  typestr\n    Must be 'double' or 'float'.\n\n"
     "It exists mainly to be used in Python's test suite.\n\n"
     "This function returns whichever of 'unknown', 'IEEE, big-endian' or 'IEEE,\n"
     "little-endian' best describes the format of floating point numbers used by the\n"
     "C type named by typestr."},
    {"__format__", float_format_method, METH_O,
     "__format__($self, format_spec, /)\n--\n\nFormats the float according to format_spec."},
    {nullptr, nullptr, 0, nullptr},
};

static PyGetSetDef float_getset[] = {
    {"real", get_real, nullptr, "the real part of a complex number", nullptr},
    {"imag", get_imag, nullptr, "the imaginary part of a complex number", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyObject* from_double_slow(double v) {
  auto* op = static_cast<PyFloatObject*>(PyObject_Malloc(sizeof(PyFloatObject)));
  if (!op) return PyErr_NoMemory();
  PyObject_Init(reinterpret_cast<PyObject*>(op), &PyFloat_Type);
  op->ob_fval = v;
  return reinterpret_cast<PyObject*>(op);
}

}  // namespace krait::floats

using namespace krait;
using namespace krait::floats;

PyTypeObject PyFloat_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "float",
    .tp_basicsize = sizeof(PyFloatObject),
    .tp_dealloc = float_dealloc,
    .tp_repr = float_repr,
    .tp_as_number = &float_as_number,
    .tp_hash = float_hash,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | _Py_TPFLAGS_MATCH_SELF,
    .tp_doc = "float(x=0, /)\n--\n\n"
              "Convert a string or number to a floating point number, if possible.",
    .tp_richcompare = float_richcompare,
    .tp_methods = float_methods,
    .tp_getset = float_getset,
    .tp_new = float_new,
    .tp_free = PyObject_Free,
};

// -- C API ----------------------------------------------------------------------------

extern "C" {

PyObject* PyFloat_FromDouble(double v) { return krait::floats::from_double(v); }

double PyFloat_AsDouble(PyObject* op) {
  if (!op) {
    PyErr_BadArgument();
    return -1.0;
  }
  if (PyFloat_Check(op)) return PyFloat_AS_DOUBLE(op);
  PyNumberMethods* nb = Py_TYPE(op)->tp_as_number;
  if (!nb || !nb->nb_float) {
    if (nb && nb->nb_index) {
      Ref<> idx = steal(PyNumber_Index(op));
      if (!idx) return -1.0;
      return PyLong_AsDouble(idx.get());
    }
    PyErr_Format(PyExc_TypeError, "must be real number, not %.50s", Py_TYPE(op)->tp_name);
    return -1.0;
  }
  Ref<> res = steal(nb->nb_float(op));
  if (!res) return -1.0;
  if (!PyFloat_CheckExact(res.get())) {
    if (!PyFloat_Check(res.get())) {
      PyErr_Format(PyExc_TypeError, "%.50s.__float__ returned non-float (type %.50s)",
                   Py_TYPE(op)->tp_name, Py_TYPE(res.get())->tp_name);
      return -1.0;
    }
    if (PyErr_WarnFormat(PyExc_DeprecationWarning, 1,
                         "%.50s.__float__ returned non-float (type %.50s).  "
                         "The ability to return an instance of a strict subclass of float "
                         "is deprecated, and may be removed in a future version of Python.",
                         Py_TYPE(op)->tp_name, Py_TYPE(res.get())->tp_name))
      return -1.0;
  }
  return PyFloat_AS_DOUBLE(res.get());
}

double PyFloat_GetMax(void) { return DBL_MAX; }
double PyFloat_GetMin(void) { return DBL_MIN; }

}  // extern "C"
