// float -> text: repr (shortest round-trip), PyOS_double_to_string,
// float.__format__ and float.hex.
//
// Digit generation is std::to_chars (Ryu-based, exact and correctly
// rounded, locale-independent); the layout rules on top of the digits
// (exponent thresholds, ".0", alternate forms, "%+.02d" exponents) are
// CPython's format_float_short, reimplemented.
#include <cfloat>
#include <charconv>
#include <cmath>
#include <cstring>

#include "objects/float_object.h"
#include "objects/format_spec.h"
#include "objects/long_object.h"

namespace krait::floats {

void digits(double v, int mode, int nd, std::string* out, int* decpt) {
  out->clear();
  if (v == 0.0) {
    *out = "0";
    *decpt = 1;
    return;
  }
  if (mode == 3) {
    // Fixed notation: up to 309 integer digits plus nd fraction digits.
    std::string buf(size_t(330 + (nd > 0 ? nd : 0)), '\0');
    auto res = std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::fixed,
                             nd > 0 ? nd : 0);
    int point = -1;
    for (char* p = buf.data(); p < res.ptr; p++) {
      if (*p == '.')
        point = int(out->size());
      else
        out->push_back(*p);
    }
    *decpt = point < 0 ? int(out->size()) : point;
    size_t lead = 0;
    while (lead < out->size() && (*out)[lead] == '0') lead++;
    out->erase(0, lead);
    *decpt -= int(lead);
  } else {
    // Room for every requested digit (a '%.110g' needs 110; a fixed buffer overflowed and
    // to_chars then left garbage), the sign, point and exponent.
    std::string buf(size_t(64 + (nd > 0 ? nd : 0)), '\0');
    std::to_chars_result res;
    if (mode == 0)
      res = std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::scientific);
    else
      res = std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::scientific,
                          nd > 1 ? nd - 1 : 0);
    const char* p = buf.data();
    for (; p < res.ptr && *p != 'e'; p++)
      if (*p != '.') out->push_back(*p);
    int exp = 0;
    std::from_chars(p + 1 + (p[1] == '+'), res.ptr, exp);
    *decpt = exp + 1;
  }
  while (!out->empty() && out->back() == '0') out->pop_back();
  if (out->empty()) {
    *out = "0";
    *decpt = 1;
  }
}

std::string to_string(double v, char code, int precision, int flags, int* type) {
  bool upper = code >= 'A' && code <= 'Z';
  if (upper) code = char(code - 'A' + 'a');
  std::string out;
  if (!std::isfinite(v)) {
    bool is_nan = std::isnan(v);
    if (!is_nan && v < 0)
      out = "-";
    else if (flags & Py_DTSF_SIGN)
      out = "+";
    out += is_nan ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
    if (type) *type = is_nan ? Py_DTST_NAN : Py_DTST_INFINITE;
    return out;
  }
  if (type) *type = Py_DTST_FINITE;
  bool add_dot_0 = flags & Py_DTSF_ADD_DOT_0;
  bool alt = flags & Py_DTSF_ALT;
  int mode;
  switch (code) {
    case 'e':
      mode = 2;
      precision++;
      break;
    case 'f':
      mode = 3;
      break;
    case 'g':
      mode = 2;
      if (precision == 0) precision = 1;
      break;
    default:  // 'r'
      mode = 0;
      break;
  }
  std::string d;
  int decpt;
  digits(std::fabs(v), mode, precision, &d, &decpt);
  bool negative = std::signbit(v);
  if (negative && (flags & Py_DTSF_NO_NEG_0) && d == "0") negative = false;
  int ndig = int(d.size());

  // Where the visible digits start and end relative to the digit string,
  // and whether to use an exponent.
  bool use_exp = false;
  int vend = ndig;
  switch (code) {
    case 'e':
      use_exp = true;
      vend = precision;
      break;
    case 'f':
      vend = decpt + precision;
      break;
    case 'g':
      if (decpt <= -4 || decpt > (add_dot_0 ? precision - 1 : precision)) use_exp = true;
      if (alt) vend = precision;
      break;
    default:
      if (decpt <= -4 || decpt > 16) use_exp = true;
      break;
  }
  int exp = 0;
  if (use_exp) {
    exp = decpt - 1;
    decpt = 1;
  }
  int vstart = decpt <= 0 ? decpt - 1 : 0;
  if (!use_exp && add_dot_0)
    vend = vend > decpt ? vend : decpt + 1;
  else
    vend = vend > decpt ? vend : decpt;

  if (negative)
    out.push_back('-');
  else if (flags & Py_DTSF_SIGN)
    out.push_back('+');
  if (decpt <= 0) {
    out.append(size_t(decpt - vstart), '0');
    out.push_back('.');
    out.append(size_t(-decpt), '0');
  } else {
    out.append(size_t(-vstart), '0');
  }
  if (decpt > 0 && decpt <= ndig) {
    out.append(d, 0, size_t(decpt));
    out.push_back('.');
    out.append(d, size_t(decpt), std::string::npos);
  } else {
    out.append(d);
  }
  if (ndig < decpt) {
    out.append(size_t(decpt - ndig), '0');
    out.push_back('.');
    out.append(size_t(vend - decpt), '0');
  } else {
    out.append(size_t(vend - ndig), '0');
  }
  if (out.back() == '.' && !alt) out.pop_back();
  if (use_exp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%c%+.02d", upper ? 'E' : 'e', exp);
    out += buf;
  }
  return out;
}

PyObject* repr_of(double v) {
  std::string s = to_string(v, 'r', 0, Py_DTSF_ADD_DOT_0);
  return longs::ascii_str(s.data(), Py_ssize_t(s.size()));
}

PyObject* float_repr(PyObject* self) { return repr_of(PyFloat_AS_DOUBLE(self)); }

// -- __format__ -----------------------------------------------------------------------

PyObject* format(double v, const format::Spec& spec, PyObject* obj) {
  Py_UCS4 type = spec.type;
  switch (type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': case '%':
      break;
    default:
      return format::unknown_code(type, obj);
  }
  if (spec.precision > INT_MAX) {
    PyErr_SetString(PyExc_ValueError, "precision too big");
    return nullptr;
  }
  int precision = int(spec.precision);
  int flags = 0;
  int default_precision = 6;
  if (spec.alternate) flags |= Py_DTSF_ALT;
  if (spec.no_neg_zero) flags |= Py_DTSF_NO_NEG_0;
  char code = char(type);
  if (type == 0) {
    // No type: repr() without a precision, else 'g' that keeps a ".0".
    flags |= Py_DTSF_ADD_DOT_0;
    code = 'r';
    default_precision = 0;
  }
  if (type == 'n') code = 'g';
  bool percent = false;
  if (type == '%') {
    code = 'f';
    v *= 100;
    percent = true;
  }
  if (precision < 0)
    precision = default_precision;
  else if (code == 'r')
    code = 'g';
  std::string s = to_string(v, code, precision, flags);
  if (percent) s.push_back('%');
  format::Number num;
  size_t i = 0;
  if (!s.empty() && s[0] == '-') {
    num.sign = "-";
    i = 1;
  } else if (spec.sign == '+' || spec.sign == ' ') {
    num.sign = std::string(1, spec.sign);
  }
  size_t j = i;
  while (j < s.size() && s[j] >= '0' && s[j] <= '9') j++;
  num.digits.assign(s, i, j - i);
  num.rest.assign(s, j, std::string::npos);
  if (type == 'n' && !num.rest.empty() && num.rest[0] == '.')
    num.rest.replace(0, 1, format::locale_decimal_point());
  return format::render_number(spec, num, format::grouping_for(spec, type));
}

PyObject* float_format_method(PyObject* self, PyObject* spec_obj) {
  if (!PyUnicode_Check(spec_obj)) {
    PyErr_Format(PyExc_TypeError, "__format__() argument must be str, not %.50s",
                 Py_TYPE(spec_obj)->tp_name);
    return nullptr;
  }
  if (PyUnicode_GET_LENGTH(spec_obj) == 0) return PyObject_Str(self);
  format::Spec spec;
  if (!format::parse(spec_obj, self, &spec, 0, '>')) return nullptr;
  return format(PyFloat_AS_DOUBLE(self), spec, self);
}

// -- hex ------------------------------------------------------------------------------

PyObject* float_hex(PyObject* self, PyObject*) {
  double x = PyFloat_AS_DOUBLE(self);
  if (!std::isfinite(x)) return repr_of(x);
  if (x == 0.0) return PyUnicode_FromString(std::signbit(x) ? "-0x0.0p+0" : "0x0.0p+0");
  int e;
  double m = std::frexp(std::fabs(x), &e);
  // Normalise to 1.xxx (or 0.xxx for subnormals, whose exponent is pinned
  // at DBL_MIN_EXP - 1).
  int shift = 1 - std::max(DBL_MIN_EXP - e, 0);
  m = std::ldexp(m, shift);
  e -= shift;
  static const char hexdig[] = "0123456789abcdef";
  std::string s;
  if (x < 0) s.push_back('-');
  s += "0x";
  s.push_back(hexdig[int(m)]);
  m -= int(m);
  s.push_back('.');
  for (int i = 0; i < (DBL_MANT_DIG - 1) / 4; i++) {
    m *= 16.0;
    s.push_back(hexdig[int(m)]);
    m -= int(m);
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "p%c%d", e < 0 ? '-' : '+', e < 0 ? -e : e);
  s += buf;
  return longs::ascii_str(s.data(), Py_ssize_t(s.size()));
}

}  // namespace krait::floats

extern "C" char* PyOS_double_to_string(double val, char format_code, int precision, int flags,
                                       int* type) {
  switch (format_code) {
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
      break;
    case 'r':
      if (precision != 0) {
        PyErr_BadInternalCall();
        return nullptr;
      }
      break;
    default:
      PyErr_BadInternalCall();
      return nullptr;
  }
  std::string s = krait::floats::to_string(val, format_code, precision, flags, type);
  char* r = static_cast<char*>(PyMem_Malloc(s.size() + 1));
  if (!r) {
    PyErr_NoMemory();
    return nullptr;
  }
  std::memcpy(r, s.c_str(), s.size() + 1);
  return r;
}
