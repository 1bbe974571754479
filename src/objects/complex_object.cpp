// complex: PyComplexObject, the _Py_c_* arithmetic helpers, complex(),
// repr, __format__ and the C API. Semantics (Smith's division, integer
// powers by repeated squaring up to |n| <= 100, error messages, hash
// combination with _PyHASH_IMAG) are CPython 3.11's.
#include <cerrno>
#include <cmath>
#include <cstring>
#include <string>

#include "objects/float_object.h"
#include "objects/format_spec.h"
#include "objects/long_object.h"
#include "objects/object_util.h"

#include <structmember.h>  // after Python.h (it needs Py_ssize_t)

using namespace krait;

// -- Arithmetic helpers (cpython/complexobject.h) ------------------------------------

extern "C" {

Py_complex _Py_c_sum(Py_complex a, Py_complex b) { return {a.real + b.real, a.imag + b.imag}; }
Py_complex _Py_c_diff(Py_complex a, Py_complex b) { return {a.real - b.real, a.imag - b.imag}; }
Py_complex _Py_c_neg(Py_complex a) { return {-a.real, -a.imag}; }
Py_complex _Py_c_prod(Py_complex a, Py_complex b) {
  return {a.real * b.real - a.imag * b.imag, a.real * b.imag + a.imag * b.real};
}

Py_complex _Py_c_quot(Py_complex a, Py_complex b) {
  // Smith's algorithm: scale by the larger of |b.real|, |b.imag| to avoid
  // spurious overflow. Division by zero sets errno = EDOM.
  Py_complex r;
  double abs_breal = std::fabs(b.real), abs_bimag = std::fabs(b.imag);
  if (abs_breal >= abs_bimag) {
    if (abs_breal == 0.0) {
      errno = EDOM;
      r.real = r.imag = 0.0;
    } else {
      double ratio = b.imag / b.real;
      double denom = b.real + b.imag * ratio;
      r.real = (a.real + a.imag * ratio) / denom;
      r.imag = (a.imag - a.real * ratio) / denom;
    }
  } else if (abs_bimag >= abs_breal) {
    double ratio = b.real / b.imag;
    double denom = b.real * ratio + b.imag;
    r.real = (a.real * ratio + a.imag) / denom;
    r.imag = (a.imag * ratio - a.real) / denom;
  } else {
    r.real = r.imag = NAN;  // a NaN in b
  }
  return r;
}

Py_complex _Py_c_pow(Py_complex a, Py_complex b) {
  Py_complex r;
  if (b.real == 0.0 && b.imag == 0.0) {
    r = {1.0, 0.0};
  } else if (a.real == 0.0 && a.imag == 0.0) {
    if (b.imag != 0.0 || b.real < 0.0) errno = EDOM;
    r = {0.0, 0.0};
  } else {
    double vabs = std::hypot(a.real, a.imag);
    double len = std::pow(vabs, b.real);
    double at = std::atan2(a.imag, a.real);
    double phase = at * b.real;
    if (b.imag != 0.0) {
      len /= std::exp(at * b.imag);
      phase += b.imag * std::log(vabs);
    }
    r = {len * std::cos(phase), len * std::sin(phase)};
  }
  return r;
}

double _Py_c_abs(Py_complex z) {
  if (!std::isfinite(z.real) || !std::isfinite(z.imag)) {
    // C99: an infinite part makes the result infinite, even with a NaN.
    if (std::isinf(z.real)) {
      errno = 0;
      return std::fabs(z.real);
    }
    if (std::isinf(z.imag)) {
      errno = 0;
      return std::fabs(z.imag);
    }
    return NAN;
  }
  double r = std::hypot(z.real, z.imag);
  errno = std::isfinite(r) ? 0 : ERANGE;
  return r;
}

}  // extern "C"

namespace krait::complexes {

namespace {

inline Py_complex cval(PyObject* v) { return reinterpret_cast<PyComplexObject*>(v)->cval; }

PyObject* from_doubles(PyTypeObject* type, double re, double im) {
  if (type == &PyComplex_Type) return PyComplex_FromDoubles(re, im);
  PyObject* op = type->tp_alloc(type, 0);
  if (op) reinterpret_cast<PyComplexObject*>(op)->cval = {re, im};
  return op;
}

// Operand conversion for mixed arithmetic: complex, int or float; anything
// else makes the slot return NotImplemented.
enum class Conv { kOk, kNotImplemented, kError };
Conv to_complex(PyObject* v, Py_complex* out) {
  if (PyComplex_Check(v)) {
    *out = cval(v);
    return Conv::kOk;
  }
  if (PyLong_Check(v)) {
    double d = PyLong_AsDouble(v);
    if (d == -1.0 && PyErr_Occurred()) return Conv::kError;
    *out = {d, 0.0};
    return Conv::kOk;
  }
  if (PyFloat_Check(v)) {
    *out = {PyFloat_AS_DOUBLE(v), 0.0};
    return Conv::kOk;
  }
  return Conv::kNotImplemented;
}

#define CONVERT_BOTH(a, b, x, y)                                   \
  Py_complex x, y;                                                 \
  {                                                                \
    Conv c1_ = to_complex(a, &x);                                  \
    if (c1_ == Conv::kError) return nullptr;                       \
    if (c1_ == Conv::kNotImplemented) Py_RETURN_NOTIMPLEMENTED;    \
    Conv c2_ = to_complex(b, &y);                                  \
    if (c2_ == Conv::kError) return nullptr;                       \
    if (c2_ == Conv::kNotImplemented) Py_RETURN_NOTIMPLEMENTED;    \
  }

PyObject* c_add(PyObject* a, PyObject* b) {
  CONVERT_BOTH(a, b, x, y);
  return PyComplex_FromCComplex(_Py_c_sum(x, y));
}
PyObject* c_sub(PyObject* a, PyObject* b) {
  CONVERT_BOTH(a, b, x, y);
  return PyComplex_FromCComplex(_Py_c_diff(x, y));
}
PyObject* c_mul(PyObject* a, PyObject* b) {
  CONVERT_BOTH(a, b, x, y);
  return PyComplex_FromCComplex(_Py_c_prod(x, y));
}
PyObject* c_div(PyObject* a, PyObject* b) {
  CONVERT_BOTH(a, b, x, y);
  errno = 0;
  Py_complex q = _Py_c_quot(x, y);
  if (errno == EDOM) {
    PyErr_SetString(PyExc_ZeroDivisionError, "complex division by zero");
    return nullptr;
  }
  return PyComplex_FromCComplex(q);
}

Py_complex powu(Py_complex x, long n) {
  Py_complex r = {1.0, 0.0}, p = x;
  for (long mask = 1; mask > 0 && n >= mask; mask <<= 1) {
    if (n & mask) r = _Py_c_prod(r, p);
    p = _Py_c_prod(p, p);
  }
  return r;
}

Py_complex powi(Py_complex x, long n) {
  if (n > 0) return powu(x, n);
  return _Py_c_quot({1.0, 0.0}, powu(x, -n));
}

PyObject* c_pow(PyObject* a, PyObject* b, PyObject* z) {
  CONVERT_BOTH(a, b, x, y);
  if (z != Py_None) {
    PyErr_SetString(PyExc_ValueError, "complex modulo");
    return nullptr;
  }
  errno = 0;
  Py_complex p;
  // Small integral exponents: repeated multiplication is more accurate.
  if (y.imag == 0.0 && y.real == std::floor(y.real) && std::fabs(y.real) <= 100.0)
    p = powi(x, long(y.real));
  else
    p = _Py_c_pow(x, y);
  if (std::isinf(p.real) || std::isinf(p.imag)) {
    if (errno == 0) errno = ERANGE;
  } else if (errno == ERANGE) {
    errno = 0;
  }
  if (errno == EDOM) {
    PyErr_SetString(PyExc_ZeroDivisionError, "0.0 to a negative or complex power");
    return nullptr;
  }
  if (errno == ERANGE) {
    PyErr_SetString(PyExc_OverflowError, "complex exponentiation");
    return nullptr;
  }
  return PyComplex_FromCComplex(p);
}

PyObject* c_neg(PyObject* a) { return PyComplex_FromCComplex(_Py_c_neg(cval(a))); }
PyObject* c_pos(PyObject* a) {
  if (PyComplex_CheckExact(a)) return Py_NewRef(a);
  return PyComplex_FromCComplex(cval(a));
}
PyObject* c_abs(PyObject* a) {
  double r = _Py_c_abs(cval(a));
  if (errno == ERANGE) {
    PyErr_SetString(PyExc_OverflowError, "absolute value too large");
    return nullptr;
  }
  return PyFloat_FromDouble(r);
}
int c_bool(PyObject* a) { return cval(a).real != 0.0 || cval(a).imag != 0.0; }

PyObject* c_richcompare(PyObject* v, PyObject* w, int op) {
  if (op != Py_EQ && op != Py_NE) Py_RETURN_NOTIMPLEMENTED;
  Py_complex i = cval(v);
  bool equal;
  if (PyLong_Check(w)) {
    // Exact comparison with ints, via float's.
    if (i.imag == 0.0) {
      Ref<> j = steal(PyFloat_FromDouble(i.real));
      if (!j) return nullptr;
      return PyObject_RichCompare(j.get(), w, op);
    }
    equal = false;
  } else if (PyFloat_Check(w)) {
    equal = i.real == PyFloat_AS_DOUBLE(w) && i.imag == 0.0;
  } else if (PyComplex_Check(w)) {
    Py_complex j = cval(w);
    equal = i.real == j.real && i.imag == j.imag;
  } else {
    Py_RETURN_NOTIMPLEMENTED;
  }
  return PyBool_FromLong(equal == (op == Py_EQ));
}

Py_hash_t c_hash(PyObject* v) {
  Py_uhash_t hr = Py_uhash_t(_Py_HashDouble(v, cval(v).real));
  if (hr == Py_uhash_t(-1)) return -1;
  Py_uhash_t hi = Py_uhash_t(_Py_HashDouble(v, cval(v).imag));
  if (hi == Py_uhash_t(-1)) return -1;
  Py_uhash_t combined = hr + _PyHASH_IMAG * hi;
  if (combined == Py_uhash_t(-1)) combined = Py_uhash_t(-2);
  return Py_hash_t(combined);
}

PyObject* c_repr(PyObject* v) {
  Py_complex c = cval(v);
  std::string s;
  if (c.real == 0.0 && !std::signbit(c.real)) {
    // +0 real part: just the imaginary part, no parentheses.
    s = floats::to_string(c.imag, 'r', 0, 0) + "j";
  } else {
    s = "(" + floats::to_string(c.real, 'r', 0, 0) +
        floats::to_string(c.imag, 'r', 0, Py_DTSF_SIGN) + "j)";
  }
  return longs::ascii_str(s.data(), Py_ssize_t(s.size()));
}

// -- __format__ -----------------------------------------------------------------------

// Splits PyOS_double_to_string output into sign / digits / rest.
format::Number split_number(const std::string& s, char sign_mode, bool locale_n) {
  format::Number num;
  size_t i = 0;
  bool negative = !s.empty() && s[0] == '-';
  if (negative) i = 1;
  if (negative)
    num.sign = "-";
  else if (sign_mode == '+' || sign_mode == ' ')
    num.sign = std::string(1, sign_mode);
  size_t j = i;
  while (j < s.size() && s[j] >= '0' && s[j] <= '9') j++;
  num.digits.assign(s, i, j - i);
  num.rest.assign(s, j, std::string::npos);
  if (locale_n && !num.rest.empty() && num.rest[0] == '.')
    num.rest.replace(0, 1, format::locale_decimal_point());
  return num;
}

PyObject* c_format(PyObject* self, PyObject* spec_obj) {
  if (!PyUnicode_Check(spec_obj)) {
    PyErr_Format(PyExc_TypeError, "__format__() argument must be str, not %.50s",
                 Py_TYPE(spec_obj)->tp_name);
    return nullptr;
  }
  if (PyUnicode_GET_LENGTH(spec_obj) == 0) return PyObject_Str(self);
  format::Spec spec;
  if (!format::parse(spec_obj, self, &spec, 0, '>')) return nullptr;
  switch (spec.type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n':
      break;
    default:
      return format::unknown_code(spec.type, self);
  }
  if (spec.fill == '0') {
    PyErr_SetString(PyExc_ValueError, "Zero padding is not allowed in complex format specifier");
    return nullptr;
  }
  if (spec.align == '=') {
    PyErr_SetString(PyExc_ValueError,
                    "'=' alignment flag is not allowed in complex format specifier");
    return nullptr;
  }
  Py_complex c = cval(self);
  int flags = 0;
  if (spec.alternate) flags |= Py_DTSF_ALT;
  if (spec.no_neg_zero) flags |= Py_DTSF_NO_NEG_0;
  char code = char(spec.type);
  int default_precision = 6;
  bool skip_re = false, parens = false;
  if (code == 0) {
    code = 'r';
    default_precision = 0;
    if (c.real == 0.0 && !std::signbit(c.real))
      skip_re = true;
    else
      parens = true;
  }
  if (code == 'n') code = 'g';
  int precision = spec.precision < 0 ? default_precision : int(spec.precision);
  if (spec.precision >= 0 && code == 'r') code = 'g';
  std::string re = floats::to_string(c.real, code, precision, flags);
  std::string im = floats::to_string(c.imag, code, precision, flags);
  // Each part is laid out without padding; the whole is padded at the end.
  format::Spec part = spec;
  part.fill = ' ';
  part.align = '<';
  part.width = -1;
  format::Grouping grouping = format::grouping_for(spec, spec.type);
  bool n = spec.type == 'n';
  Ref<> re_str, im_str;
  if (!skip_re) {
    re_str = steal(format::render_number(part, split_number(re, spec.sign, n), grouping));
    if (!re_str) return nullptr;
  }
  im_str = steal(format::render_number(part, split_number(im, skip_re ? spec.sign : '+', n),
                                       grouping));
  if (!im_str) return nullptr;
  Ref<> body = re_str ? steal(PyUnicode_Concat(re_str.get(), im_str.get())) : im_str;
  if (!body) return nullptr;
  Ref<> joined = steal(PyUnicode_FromFormat("%s%Uj%s", parens ? "(" : "", body.get(),
                                            parens ? ")" : ""));
  if (!joined) return nullptr;
  // '<' and '=' were rejected or mean left; default alignment is right.
  format::Spec outer = spec;
  return format::pad(joined.get(), outer, '>');
}

// -- complex() ------------------------------------------------------------------------

// Calls type(op).__complex__(op) if defined; NULL without error if not.
PyObject* try_complex_method(PyObject* op) {
  static PyObject* name = PyUnicode_InternFromString("__complex__");
  PyObject* f = _PyType_Lookup(Py_TYPE(op), name);
  if (!f) return nullptr;
  Ref<> bound;
  if (Py_TYPE(f)->tp_descr_get) {
    bound = steal(Py_TYPE(f)->tp_descr_get(f, op, reinterpret_cast<PyObject*>(Py_TYPE(op))));
    if (!bound) return nullptr;
  } else {
    bound = borrow(f);
  }
  Ref<> res = steal(PyObject_CallNoArgs(bound.get()));
  if (!res) return nullptr;
  if (!PyComplex_Check(res.get())) {
    PyErr_Format(PyExc_TypeError, "__complex__ returned non-complex (type %.200s)",
                 Py_TYPE(res.get())->tp_name);
    return nullptr;
  }
  if (!PyComplex_CheckExact(res.get()) &&
      PyErr_WarnFormat(PyExc_DeprecationWarning, 1,
                       "__complex__ returned non-complex (type %.200s).  "
                       "The ability to return an instance of a strict subclass of complex "
                       "is deprecated, and may be removed in a future version of Python.",
                       Py_TYPE(res.get())->tp_name))
    return nullptr;
  return res.release();
}

bool is_space(char c) { return Py_ISSPACE(c); }

PyObject* from_string_inner(const char* s, Py_ssize_t len, void* type_arg) {
  auto* type = static_cast<PyTypeObject*>(type_arg);
  const char* p = s;
  const char* end = s + len;
  double x = 0.0, y = 0.0, z;
  const char* stop;
  bool bracket = false;
  auto malformed = []() -> PyObject* {
    PyErr_SetString(PyExc_ValueError, "complex() arg is a malformed string");
    return nullptr;
  };
  while (p < end && is_space(*p)) p++;
  if (p < end && *p == '(') {
    bracket = true;
    p++;
    while (p < end && is_space(*p)) p++;
  }
  auto is_j = [&](const char* q) { return q < end && (*q == 'j' || *q == 'J'); };
  if (floats::parse_literal(p, end, &z, &stop) && stop != p) {
    // <float>, <float>j, <float><signed-float>j, <float><sign>j
    p = stop;
    if (p < end && (*p == '+' || *p == '-')) {
      x = z;
      if (floats::parse_literal(p, end, &y, &stop) && stop != p) {
        p = stop;
      } else {
        y = *p == '+' ? 1.0 : -1.0;
        p++;
      }
      if (!is_j(p)) return malformed();
      p++;
    } else if (is_j(p)) {
      p++;
      y = z;
    } else {
      x = z;
    }
  } else {
    // <sign>j or j
    if (p < end && (*p == '+' || *p == '-')) {
      y = *p == '+' ? 1.0 : -1.0;
      p++;
    } else {
      y = 1.0;
    }
    if (!is_j(p)) return malformed();
    p++;
  }
  while (p < end && is_space(*p)) p++;
  if (bracket) {
    if (p >= end || *p != ')') return malformed();
    p++;
    while (p < end && is_space(*p)) p++;
  }
  if (p != end) return malformed();
  return from_doubles(type, x, y);
}

PyObject* from_string(PyTypeObject* type, PyObject* v) {
  Ref<> ascii = steal(_PyUnicode_TransformDecimalAndSpaceToASCII(v));
  if (!ascii) return nullptr;
  Py_ssize_t len;
  const char* s = PyUnicode_AsUTF8AndSize(ascii.get(), &len);
  if (!s) return nullptr;
  if (std::memchr(s, '\0', size_t(len))) {
    PyErr_SetString(PyExc_ValueError, "complex() arg is a malformed string");
    return nullptr;
  }
  return _Py_string_to_number_with_underscores(s, len, "complex", v, type, from_string_inner);
}

bool is_number_like(PyObject* v) {
  PyNumberMethods* nb = Py_TYPE(v)->tp_as_number;
  return nb && (PyComplex_Check(v) || nb->nb_float || nb->nb_index);
}

PyObject* c_new(PyTypeObject* type, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"real", "imag", nullptr};
  PyObject *r = nullptr, *i = nullptr;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|OO:complex", const_cast<char**>(kwlist), &r, &i))
    return nullptr;
  if (!r) r = longs::small_int(0);
  if (PyComplex_CheckExact(r) && !i && type == &PyComplex_Type) return Py_NewRef(r);
  if (PyUnicode_Check(r)) {
    if (i) {
      PyErr_SetString(PyExc_TypeError, "complex() can't take second arg if first is a string");
      return nullptr;
    }
    return from_string(type, r);
  }
  if (i && PyUnicode_Check(i)) {
    PyErr_SetString(PyExc_TypeError, "complex() second arg can't be a string");
    return nullptr;
  }
  Ref<> own_r = steal(try_complex_method(r));
  if (own_r)
    r = own_r.get();
  else if (PyErr_Occurred())
    return nullptr;
  if (!is_number_like(r)) {
    PyErr_Format(PyExc_TypeError,
                 "complex() first argument must be a string or a number, not '%.200s'",
                 Py_TYPE(r)->tp_name);
    return nullptr;
  }
  if (i && !is_number_like(i)) {
    PyErr_Format(PyExc_TypeError, "complex() second argument must be a number, not '%.200s'",
                 Py_TYPE(i)->tp_name);
    return nullptr;
  }
  // real + imag*1j, where either part may itself be complex.
  Py_complex cr = {0.0, 0.0}, ci = {0.0, 0.0};
  bool cr_complex = false, ci_complex = false;
  if (PyComplex_Check(r)) {
    cr = cval(r);
    cr_complex = true;
  } else {
    Ref<> f = steal(PyNumber_Float(r));
    if (!f) return nullptr;
    cr = {PyFloat_AS_DOUBLE(f.get()), 0.0};
  }
  if (!i) {
    ci.real = cr.imag;
  } else if (PyComplex_Check(i)) {
    ci = cval(i);
    ci_complex = true;
  } else {
    Ref<> f = steal(PyNumber_Float(i));
    if (!f) return nullptr;
    ci.real = PyFloat_AS_DOUBLE(f.get());
  }
  if (ci_complex) cr.real -= ci.imag;
  if (cr_complex && i) ci.real += cr.imag;
  return from_doubles(type, cr.real, ci.real);
}

PyObject* c_conjugate(PyObject* self, PyObject*) {
  Py_complex c = cval(self);
  return PyComplex_FromDoubles(c.real, -c.imag);
}
PyObject* c_complex(PyObject* self, PyObject*) {
  if (PyComplex_CheckExact(self)) return Py_NewRef(self);
  return PyComplex_FromCComplex(cval(self));
}
PyObject* c_getnewargs(PyObject* self, PyObject*) {
  Py_complex c = cval(self);
  return Py_BuildValue("(dd)", c.real, c.imag);
}

PyNumberMethods complex_as_number = {
    .nb_add = c_add,
    .nb_subtract = c_sub,
    .nb_multiply = c_mul,
    .nb_power = c_pow,
    .nb_negative = c_neg,
    .nb_positive = c_pos,
    .nb_absolute = c_abs,
    .nb_bool = c_bool,
    .nb_true_divide = c_div,
};

PyMethodDef complex_methods[] = {
    {"conjugate", c_conjugate, METH_NOARGS,
     "conjugate($self, /)\n--\n\n"
     "Return the complex conjugate of its argument. (3-4j).conjugate() == 3+4j."},
    {"__complex__", c_complex, METH_NOARGS,
     "__complex__($self, /)\n--\n\nConvert this value to exact type complex."},
    {"__getnewargs__", c_getnewargs, METH_NOARGS, "__getnewargs__($self, /)\n--\n\n"},
    {"__format__", c_format, METH_O,
     "__format__($self, format_spec, /)\n--\n\nConvert to a string according to format_spec."},
    {nullptr, nullptr, 0, nullptr},
};

PyMemberDef complex_members[] = {
    {"real", T_DOUBLE, offsetof(PyComplexObject, cval.real), READONLY,
     "the real part of a complex number"},
    {"imag", T_DOUBLE, offsetof(PyComplexObject, cval.imag), READONLY,
     "the imaginary part of a complex number"},
    {nullptr, 0, 0, 0, nullptr},
};

}  // namespace

}  // namespace krait::complexes

using namespace krait::complexes;

PyTypeObject PyComplex_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "complex",
    .tp_basicsize = sizeof(PyComplexObject),
    .tp_dealloc = [](PyObject* self) { Py_TYPE(self)->tp_free(self); },
    .tp_repr = c_repr,
    .tp_as_number = &complex_as_number,
    .tp_hash = c_hash,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | _Py_TPFLAGS_MATCH_SELF,
    .tp_doc = "complex(real=0, imag=0)\n--\n\n"
              "Create a complex number from a real part and an optional imaginary part.\n\n"
              "This is equivalent to (real + imag*1j) where imag defaults to 0.",
    .tp_richcompare = c_richcompare,
    .tp_methods = complex_methods,
    .tp_members = complex_members,
    .tp_new = c_new,
    .tp_free = PyObject_Free,
};

// -- C API ----------------------------------------------------------------------------

extern "C" {

PyObject* PyComplex_FromCComplex(Py_complex c) {
  auto* op = static_cast<PyComplexObject*>(PyObject_Malloc(sizeof(PyComplexObject)));
  if (!op) return PyErr_NoMemory();
  PyObject_Init(reinterpret_cast<PyObject*>(op), &PyComplex_Type);
  op->cval = c;
  return reinterpret_cast<PyObject*>(op);
}

PyObject* PyComplex_FromDoubles(double real, double imag) {
  return PyComplex_FromCComplex({real, imag});
}

double PyComplex_RealAsDouble(PyObject* op) {
  if (PyComplex_Check(op)) return reinterpret_cast<PyComplexObject*>(op)->cval.real;
  return PyFloat_AsDouble(op);
}

double PyComplex_ImagAsDouble(PyObject* op) {
  if (PyComplex_Check(op)) return reinterpret_cast<PyComplexObject*>(op)->cval.imag;
  return 0.0;
}

Py_complex PyComplex_AsCComplex(PyObject* op) {
  if (PyComplex_Check(op)) return reinterpret_cast<PyComplexObject*>(op)->cval;
  Py_complex cv = {-1.0, 0.0};
  Ref<> res = steal(try_complex_method(op));
  if (res) return reinterpret_cast<PyComplexObject*>(res.get())->cval;
  if (PyErr_Occurred()) return cv;
  cv.real = PyFloat_AsDouble(op);
  return cv;
}

}  // extern "C"
