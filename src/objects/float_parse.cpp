// text -> float: float(str), PyOS_string_to_double, the underscore rules
// shared with complex(), and float.fromhex.
//
// Python's float syntax is validated here; the decimal conversion itself
// is glibc's strtod_l in the C locale (correctly rounded, and the same
// answer as CPython's dtoa.c for every input).
#include <cerrno>
#include <cfloat>
#include <clocale>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

#include "objects/float_object.h"
#include "objects/long_gmp.h"
#include "objects/long_object.h"

namespace krait::floats {

namespace {

locale_t c_locale() {
  static locale_t loc = newlocale(LC_ALL_MASK, "C", nullptr);
  return loc;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Case-insensitive prefix match of a lowercase ASCII word.
bool match_word(const char* p, const char* end, const char* word) {
  size_t n = std::strlen(word);
  if (size_t(end - p) < n) return false;
  for (size_t i = 0; i < n; i++)
    if ((p[i] | 0x20) != word[i]) return false;
  return true;
}

}  // namespace

bool parse_literal(const char* s, const char* end, double* out, const char** stop) {
  const char* p = s;
  bool negative = false;
  if (p < end && (*p == '+' || *p == '-')) negative = *p++ == '-';
  if (match_word(p, end, "inf")) {
    p += match_word(p, end, "infinity") ? 8 : 3;
    *out = negative ? -HUGE_VAL : HUGE_VAL;
    *stop = p;
    return true;
  }
  if (match_word(p, end, "nan")) {
    *out = negative ? -std::nan("") : std::nan("");
    *stop = p + 3;
    return true;
  }
  const char* num = p;
  size_t ndig = 0;
  while (p < end && is_digit(*p)) p++, ndig++;
  if (p < end && *p == '.') {
    p++;
    while (p < end && is_digit(*p)) p++, ndig++;
  }
  if (ndig == 0) {
    *stop = s;
    return false;
  }
  if (p < end && (*p | 0x20) == 'e') {
    const char* q = p + 1;
    if (q < end && (*q == '+' || *q == '-')) q++;
    if (q < end && is_digit(*q)) {
      while (q < end && is_digit(*q)) q++;
      p = q;
    }
  }
  // strtod_l needs a terminated copy of exactly the validated text.
  std::string text(num, p);
  errno = 0;
  double v = strtod_l(text.c_str(), nullptr, c_locale());
  *out = negative ? -v : v;
  *stop = p;
  return true;
}

// The inner part of float(str): whitespace-trimmed literal or ValueError.
static PyObject* from_string_inner(const char* s, Py_ssize_t len, void* obj) {
  const char* end = s + len;
  while (s < end && Py_ISSPACE(*s)) s++;
  while (end > s && Py_ISSPACE(end[-1])) end--;
  double x;
  const char* stop;
  if (!parse_literal(s, end, &x, &stop) || stop != end) {
    PyErr_Format(PyExc_ValueError, "could not convert string to float: %R",
                 static_cast<PyObject*>(obj));
    return nullptr;
  }
  return PyFloat_FromDouble(x);
}

// -- float.fromhex --------------------------------------------------------------------

static PyObject* fromhex_value(const char* s, const char* end) {
  auto invalid = []() -> PyObject* {
    PyErr_SetString(PyExc_ValueError, "invalid hexadecimal floating-point string");
    return nullptr;
  };
  while (s < end && Py_ISSPACE(*s)) s++;
  while (end > s && Py_ISSPACE(end[-1])) end--;
  const char* p = s;
  bool negative = false;
  if (p < end && (*p == '+' || *p == '-')) negative = *p++ == '-';
  if (match_word(p, end, "inf") || match_word(p, end, "nan")) {
    double x;
    const char* stop;
    if (parse_literal(s, end, &x, &stop) && stop == end) return PyFloat_FromDouble(x);
    return invalid();
  }
  if (end - p >= 2 && p[0] == '0' && (p[1] | 0x20) == 'x') p += 2;
  // Mantissa: hex digits with an optional point.
  std::string hex;
  int64_t frac_digits = 0;
  bool seen_point = false, any = false;
  for (; p < end; p++) {
    char c = *p;
    if (c == '.' && !seen_point) {
      seen_point = true;
      continue;
    }
    if (!std::isxdigit(static_cast<unsigned char>(c))) break;
    any = true;
    if (hex.empty() && c == '0') {
      if (seen_point) frac_digits++;
      continue;  // leading zeros carry no value (but do shift the point)
    }
    hex.push_back(c);
    if (seen_point) frac_digits++;
  }
  if (!any) return invalid();
  int64_t exp = 0;
  if (p < end && (*p | 0x20) == 'p') {
    p++;
    bool eneg = false;
    if (p < end && (*p == '+' || *p == '-')) eneg = *p++ == '-';
    if (p >= end || !is_digit(*p)) return invalid();
    for (; p < end && is_digit(*p); p++) {
      // Saturate: anything this large overflows or underflows anyway.
      if (exp < (int64_t(1) << 40)) exp = exp * 10 + (*p - '0');
    }
    if (eneg) exp = -exp;
  }
  if (p != end) return invalid();
  if (hex.empty()) return PyFloat_FromDouble(negative ? -0.0 : 0.0);
  // value = M * 2**e2 exactly; convert with one correct rounding.
  int64_t e2 = exp - 4 * frac_digits;
  longs::Mpz m;
  mpz_set_str(m, hex.c_str(), 16);
  int64_t top = int64_t(mpz_sizeinbase(m, 2)) + e2;  // value in [2**(top-1), 2**top)
  if (top > DBL_MAX_EXP) {
    PyErr_SetString(PyExc_OverflowError, "hexadecimal value too large to represent as a float");
    return nullptr;
  }
  if (top < DBL_MIN_EXP - DBL_MANT_DIG - 1) return PyFloat_FromDouble(negative ? -0.0 : 0.0);
  Ref<> mi = steal(longs::from_mpz(m));
  if (!mi) return nullptr;
  double r;
  if (e2 >= 0) {
    Ref<> big = steal(longs::lshift(mi.get(), e2));
    if (!big) return nullptr;
    r = longs::to_double(big.get());
    if (r == -1.0 && PyErr_Occurred()) {
      PyErr_Clear();
      r = HUGE_VAL;
    }
  } else {
    Ref<> den = steal(longs::lshift(longs::small_int(1), -e2));
    if (!den) return nullptr;
    Ref<> q = steal(longs::true_divide(mi.get(), den.get()));
    if (!q) {
      if (!PyErr_ExceptionMatches(PyExc_OverflowError)) return nullptr;
      PyErr_Clear();
      r = HUGE_VAL;
    } else {
      r = PyFloat_AS_DOUBLE(q.get());
    }
  }
  if (std::isinf(r)) {
    PyErr_SetString(PyExc_OverflowError, "hexadecimal value too large to represent as a float");
    return nullptr;
  }
  return PyFloat_FromDouble(negative ? -r : r);
}

PyObject* float_fromhex(PyObject* type, PyObject* arg) {
  if (!PyUnicode_Check(arg)) {
    PyErr_Format(PyExc_TypeError, "fromhex() argument must be str, not %.50s",
                 Py_TYPE(arg)->tp_name);
    return nullptr;
  }
  Py_ssize_t len;
  const char* s = PyUnicode_AsUTF8AndSize(arg, &len);
  if (!s) return nullptr;
  PyObject* r = fromhex_value(s, s + len);
  if (r && type != reinterpret_cast<PyObject*>(&PyFloat_Type)) {
    PyObject* sub = PyObject_CallOneArg(type, r);
    Py_DECREF(r);
    return sub;
  }
  return r;
}

}  // namespace krait::floats

using namespace krait;
using namespace krait::floats;

extern "C" {

double _Py_parse_inf_or_nan(const char* p, char** endptr) {
  const char* end = p + std::strlen(p);
  const char* s = p;
  bool negative = false;
  if (s < end && (*s == '+' || *s == '-')) negative = *s++ == '-';
  if (match_word(s, end, "inf")) {
    s += match_word(s, end, "infinity") ? 8 : 3;
    *endptr = const_cast<char*>(s);
    return negative ? -HUGE_VAL : HUGE_VAL;
  }
  if (match_word(s, end, "nan")) {
    *endptr = const_cast<char*>(s + 3);
    return negative ? -std::nan("") : std::nan("");
  }
  *endptr = const_cast<char*>(p);
  return -1.0;
}

double PyOS_string_to_double(const char* s, char** endptr, PyObject* overflow_exception) {
  const char* end = s + std::strlen(s);
  double x = -1.0;
  const char* stop;
  bool ok = parse_literal(s, end, &x, &stop);
  double result = -1.0;
  if (!ok || (!endptr && stop != end)) {
    PyErr_Format(PyExc_ValueError, "could not convert string to float: '%.200s'", s);
  } else if (std::isinf(x) && overflow_exception && !match_word(s + (*s == '+' || *s == '-'),
                                                                 end, "inf")) {
    // Finite text that overflowed (not "inf" itself).
    PyErr_Format(overflow_exception, "value too large to convert to float: '%.200s'", s);
  } else {
    result = x;
  }
  if (endptr) *endptr = const_cast<char*>(ok ? stop : s);
  return result;
}

PyObject* _Py_string_to_number_with_underscores(const char* str, Py_ssize_t len,
                                                const char* what, PyObject* obj, void* arg,
                                                PyObject* (*innerfunc)(const char*, Py_ssize_t,
                                                                       void*)) {
  if (!std::memchr(str, '_', size_t(len))) return innerfunc(str, len, arg);
  // Underscores are allowed only between digits; strip them, then parse.
  std::string clean;
  clean.reserve(size_t(len));
  char prev = 0;
  for (Py_ssize_t i = 0; i < len; i++) {
    char c = str[i];
    if (c == '_') {
      if (!is_digit(prev)) goto error;
    } else {
      if (prev == '_' && !is_digit(c)) goto error;
      clean.push_back(c);
    }
    prev = c;
  }
  if (prev == '_') goto error;
  return innerfunc(clean.c_str(), Py_ssize_t(clean.size()), arg);
error:
  PyErr_Format(PyExc_ValueError, "could not convert string to %s: %R", what, obj);
  return nullptr;
}

PyObject* PyFloat_FromString(PyObject* v) {
  const char* s;
  Py_ssize_t len;
  Ref<> ascii;
  Py_buffer view = {};
  if (PyUnicode_Check(v)) {
    ascii = steal(_PyUnicode_TransformDecimalAndSpaceToASCII(v));
    if (!ascii) return nullptr;
    s = PyUnicode_AsUTF8AndSize(ascii.get(), &len);
    if (!s) return nullptr;
  } else if (PyBytes_Check(v)) {
    s = PyBytes_AS_STRING(v);
    len = PyBytes_GET_SIZE(v);
  } else if (PyByteArray_Check(v)) {
    s = PyByteArray_AS_STRING(v);
    len = PyByteArray_GET_SIZE(v);
  } else if (PyObject_CheckBuffer(v)) {
    // Buffers (memoryview, array, ...) may lack a terminator: copy.
    if (PyObject_GetBuffer(v, &view, PyBUF_SIMPLE) < 0) return nullptr;
    ascii = steal(PyBytes_FromStringAndSize(static_cast<const char*>(view.buf), view.len));
    PyBuffer_Release(&view);
    if (!ascii) return nullptr;
    s = PyBytes_AS_STRING(ascii.get());
    len = PyBytes_GET_SIZE(ascii.get());
  } else {
    PyErr_Format(PyExc_TypeError, "float() argument must be a string or a real number, not '%.200s'",
                 Py_TYPE(v)->tp_name);
    return nullptr;
  }
  // Embedded NULs make the text invalid, as in CPython.
  if (std::memchr(s, '\0', size_t(len))) {
    PyErr_Format(PyExc_ValueError, "could not convert string to float: %R", v);
    return nullptr;
  }
  return _Py_string_to_number_with_underscores(s, len, "float", v, v, from_string_inner);
}

}  // extern "C"
