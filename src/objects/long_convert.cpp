// int <-> text: repr/str in any base, int(str, base) parsing with CPython
// 3.11's exact syntax and messages, and the integer string conversion length
// limit (sys.set_int_max_str_digits, CVE-2020-10735).
//
// Small values convert in int64 arithmetic; anything larger goes through
// GMP's subquadratic mpz_get_str / mpz_set_str, so huge ints never take
// quadratic time (DESIGN.md §6).
#include <cstdlib>
#include <cstring>
#include <string>

#include "objects/long_gmp.h"
#include "objects/long_object.h"
#include "modules/sys_module.h"

namespace krait::longs {

// -- The digit limit ----------------------------------------------------------------

// The limit lives with sys (modules/sys_module.h), which also handles
// PYTHONINTMAXSTRDIGITS and -X int_max_str_digits.
int max_str_digits() { return krait::int_max_str_digits; }

void set_max_str_digits(int v) { krait::int_max_str_digits = v; }

static void str_limit_error() {
  PyErr_Format(PyExc_ValueError,
               "Exceeds the limit (%d digits) for integer string conversion; "
               "use sys.set_int_max_str_digits() to increase the limit",
               max_str_digits());
}

// -- int -> text --------------------------------------------------------------------

PyObject* ascii_str(const char* s, Py_ssize_t len) {
  PyObject* r = PyUnicode_New(len, 127);
  if (!r) return nullptr;
  std::memcpy(PyUnicode_DATA(r), s, size_t(len));
  return r;
}

// Writes |v| (v fits in 64 bits) in `base` backwards ending at `end`; returns
// the start.
static char* u64_digits(uint64_t v, int base, char* end, bool upper) {
  const char* alphabet = upper ? "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                               : "0123456789abcdefghijklmnopqrstuvwxyz";
  char* p = end;
  do {
    *--p = alphabet[v % unsigned(base)];
    v /= unsigned(base);
  } while (v);
  return p;
}

// Text of v: optional '-', optional prefix, digits. Returns false + error.
static bool format_into(PyObject* v, int base, bool alternate, std::string* out) {
  bool negative = Py_SIZE(v) < 0;
  if (base == 10) {
    int limit = max_str_digits();
    // Cheap early rejection (the digit count is at least this big).
    if (limit > 0 && ndigits(v) >= 10 * int64_t(limit) / (3 * PyLong_SHIFT) + 2) {
      str_limit_error();
      return false;
    }
  }
  out->clear();
  if (negative) out->push_back('-');
  if (alternate) {
    if (base == 2) out->append("0b");
    else if (base == 8) out->append("0o");
    else if (base == 16) out->append("0x");
  }
  if (is_medium(v)) {
    int64_t x = medium_value(v);
    char buf[72];
    char* end = buf + sizeof buf;
    char* start = u64_digits(x < 0 ? uint64_t(0) - uint64_t(x) : uint64_t(x), base, end, false);
    out->append(start, end);
    return true;
  }
  Mpz z(v);
  mpz_abs(z, z);
  size_t cap = mpz_sizeinbase(z, base) + 2;
  size_t prefix = out->size();
  out->resize(prefix + cap);
  mpz_get_str(out->data() + prefix, base, z);
  out->resize(prefix + std::strlen(out->data() + prefix));
  if (base == 10) {
    int limit = max_str_digits();
    if (limit > 0 && Py_ssize_t(out->size() - prefix) > limit) {
      str_limit_error();
      return false;
    }
  }
  return true;
}

bool to_ascii(PyObject* v, int base, std::string* out) {
  return format_into(v, base, false, out);
}

PyObject* to_str(PyObject* v, int base, bool alternate) {
  if (is_compact(v) && base == 10) {
    char buf[24];
    long x = compact_value(v);
    char* end = buf + sizeof buf;
    char* p = u64_digits(uint64_t(x < 0 ? -x : x), 10, end, false);
    if (x < 0) *--p = '-';
    return ascii_str(p, end - p);
  }
  std::string s;
  if (!format_into(v, base, alternate, &s)) return nullptr;
  return ascii_str(s.data(), Py_ssize_t(s.size()));
}

PyObject* long_repr(PyObject* v) { return to_str(v, 10, false); }

// -- text -> int ----------------------------------------------------------------

static int digit_value(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

static void invalid_literal(const char* s, Py_ssize_t len, int base, PyObject* origin) {
  Ref<> shown;
  if (origin) {
    shown = borrow(origin);
  } else {
    shown = steal(PyUnicode_DecodeUTF8(s, len < 200 ? len : 200, "replace"));
    if (!shown) return;
  }
  Ref<> repr = steal(PyObject_Repr(shown.get()));
  if (!repr) return;
  if (PyUnicode_GET_LENGTH(repr.get()) > 200) {
    repr = steal(PyUnicode_Substring(repr.get(), 0, 200));
    if (!repr) return;
  }
  PyErr_Format(PyExc_ValueError, "invalid literal for int() with base %d: %U", base,
               repr.get());
}

PyObject* parse(const char* s, Py_ssize_t len, int base, PyObject* origin, const char** endp) {
  const char* p = s;
  const char* end = s + len;
  int orig_base = base;
  if (endp) *endp = s;
  if ((base != 0 && base < 2) || base > 36) {
    PyErr_SetString(PyExc_ValueError, "int() base must be >= 2 and <= 36, or 0");
    return nullptr;
  }
  auto fail = [&](const char* where) -> PyObject* {
    if (endp) *endp = where;
    invalid_literal(s, len, orig_base, origin);
    return nullptr;
  };
  while (p < end && Py_ISSPACE(*p)) p++;
  bool negative = false;
  if (p < end && (*p == '+' || *p == '-')) negative = *p++ == '-';
  // Base prefixes. With base 0, a leading 0 not followed by a prefix letter
  // means the literal must be all zeros ("010" is an error, "0_0" is not).
  bool zeros_only = false;
  bool after_prefix = false;
  if (p < end && *p == '0' && end - p >= 2) {
    char c = char(p[1] | 0x20);
    int pb = c == 'x' ? 16 : c == 'o' ? 8 : c == 'b' ? 2 : 0;
    if (pb && (base == 0 || base == pb)) {
      base = pb;
      p += 2;
      after_prefix = true;
    }
  }
  if (base == 0) {
    if (p < end && *p == '0') zeros_only = true;
    base = 10;
  }
  // Scan digits with underscore rules: '_' only between digits (or right
  // after a base prefix).
  const char* digits_start = p;
  Py_ssize_t ndig = 0;
  bool underscore_ok = after_prefix;  // "0x_1" is valid
  bool last_underscore = false;
  bool has_underscore = false;
  for (; p < end; p++) {
    unsigned char c = static_cast<unsigned char>(*p);
    if (c == '_') {
      if (!underscore_ok) return fail(p);
      underscore_ok = false;
      last_underscore = has_underscore = true;
      continue;
    }
    if (digit_value(c) >= base) break;
    if (zeros_only && c != '0') return fail(p);
    ndig++;
    underscore_ok = true;
    last_underscore = false;
  }
  const char* digits_end = p;
  if (ndig == 0 || last_underscore) return fail(p);
  while (p < end && Py_ISSPACE(*p)) p++;
  if (p != end) return fail(p);
  if (endp) *endp = p;
  // The length limit applies to bases that are not powers of two.
  if ((base & (base - 1)) != 0) {
    int limit = max_str_digits();
    if (limit > 0 && ndig > limit) {
      PyErr_Format(PyExc_ValueError,
                   "Exceeds the limit (%d digits) for integer string conversion: "
                   "value has %zd digits; use sys.set_int_max_str_digits() "
                   "to increase the limit",
                   limit, ndig);
      return nullptr;
    }
  }
  // Small: accumulate in 64 bits (at most 12 digits of base 36 fit surely).
  if (ndig <= 12) {
    uint64_t v = 0;
    for (const char* q = digits_start; q < digits_end; q++)
      if (*q != '_') v = v * unsigned(base) + unsigned(digit_value(static_cast<unsigned char>(*q)));
    return from_int64(negative ? -int64_t(v) : int64_t(v));
  }
  std::string clean;
  if (has_underscore) {
    clean.reserve(size_t(ndig));
    for (const char* q = digits_start; q < digits_end; q++)
      if (*q != '_') clean.push_back(*q);
  } else {
    clean.assign(digits_start, digits_end);
  }
  Mpz z;
  mpz_set_str(z, clean.c_str(), base);
  if (negative) mpz_neg(z, z);
  return from_mpz(z);
}

}  // namespace krait::longs

using namespace krait;
using namespace krait::longs;

extern "C" {

PyObject* PyLong_FromString(const char* str, char** pend, int base) {
  size_t n = std::strlen(str);
  // CPython stops at the first character that can't continue the literal;
  // trailing text other than whitespace is an error either way.
  const char* end;
  PyObject* r = parse(str, Py_ssize_t(n), base, nullptr, &end);
  if (pend) *pend = const_cast<char*>(end);
  return r;
}

PyObject* _PyLong_FromBytes(const char* s, Py_ssize_t len, int base) {
  Ref<> origin = steal(PyBytes_FromStringAndSize(s, len < 200 ? len : 200));
  if (!origin) return nullptr;
  return parse(s, len, base, origin.get());
}

PyObject* PyLong_FromUnicodeObject(PyObject* u, int base) {
  // Unicode decimal digits and whitespace become their ASCII equivalents;
  // everything else non-ASCII turns into '?' and fails to parse.
  Ref<> ascii = steal(_PyUnicode_TransformDecimalAndSpaceToASCII(u));
  if (!ascii) return nullptr;
  Py_ssize_t len;
  const char* buf = PyUnicode_AsUTF8AndSize(ascii.get(), &len);
  if (!buf) return nullptr;
  return parse(buf, len, base, u);
}

PyObject* _PyLong_Format(PyObject* obj, int base) {
  return to_str(obj, base, base == 2 || base == 8 || base == 16);
}

}  // extern "C"
