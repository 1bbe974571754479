// int: allocation, the immortal small ints, and the C-API conversions between
// Python ints and C integer types (longobject.h, cpython/longintrepr.h).
//
// Layout facts (cpython/longintrepr.h): 30-bit digits, least significant
// first; ob_size carries the sign; zero is ob_size 0 with one digit of
// storage. Error messages and the __index__ fallback of each PyLong_As*
// function follow CPython 3.11 exactly, since extensions test for them.
#include "objects/long_object.h"

#include <algorithm>
#include <cerrno>
#include <cfloat>
#include <climits>
#include <cmath>
#include <cstring>

#include "capi/pyruntime_shim.h"
#include "objects/long_gmp.h"
#include "objects/object_util.h"

namespace krait::longs {

// -- Small ints ---------------------------------------------------------------

// They live in the exported `_PyRuntime` (capi/pyruntime_shim.cpp), where
// extensions built with CPython's internal headers look for them; the shim
// builds them at compile time so they exist before any code runs.
static_assert(kSmallMax - kSmallMin + 1 == kShimSmallInts);

// -- Allocation -----------------------------------------------------------------

IntFreeLists g_int_free = {{nullptr, nullptr, nullptr}, {0, 0, 0}};  // see long_object.h

PyLongObject* alloc_slow(Py_ssize_t n) {
  if (n > kMaxDigits) {
    PyErr_SetString(PyExc_OverflowError, "too many digits in integer");
    return nullptr;
  }
  // At least one digit of storage: code may read ob_digit[0] of zero.
  size_t size = offsetof(PyLongObject, ob_digit) + size_t(n > 0 ? n : 1) * sizeof(digit);
  auto* r = static_cast<PyLongObject*>(PyObject_Malloc(size));
  if (!r) {
    PyErr_NoMemory();
    return nullptr;
  }
  PyObject_InitVar(reinterpret_cast<PyVarObject*>(r), &PyLong_Type, n);
  return r;
}

PyObject* normalize(PyLongObject* v) {
  Py_ssize_t n = ndigits(v);
  Py_ssize_t i = n;
  while (i > 0 && v->ob_digit[i - 1] == 0) i--;
  bool negative = Py_SIZE(v) < 0;
  if (i <= 1 && Py_IS_TYPE(v, &PyLong_Type)) {
    long value = i == 0 ? 0 : long(v->ob_digit[0]);
    if (negative) value = -value;
    if (value >= kSmallMin && value <= kSmallMax) {
      Py_DECREF(v);
      return small_int(value);
    }
  }
  if (i != n) Py_SET_SIZE(v, negative ? -i : i);
  return reinterpret_cast<PyObject*>(v);
}

PyObject* from_uint64(uint64_t v) {
  if (v <= uint64_t(kSmallMax)) return small_int(long(v));
  if (v < PyLong_BASE) {
    PyLongObject* r = alloc(1);
    if (r) r->ob_digit[0] = digit(v);
    return reinterpret_cast<PyObject*>(r);
  }
  Py_ssize_t n = 0;
  for (uint64_t t = v; t; t >>= PyLong_SHIFT) n++;
  PyLongObject* r = alloc(n);
  if (!r) return nullptr;
  for (Py_ssize_t i = 0; i < n; i++, v >>= PyLong_SHIFT) r->ob_digit[i] = digit(v & PyLong_MASK);
  return reinterpret_cast<PyObject*>(r);
}

PyObject* from_int64_slow(int64_t v) {
  if (v >= kSmallMin && v <= kSmallMax) return small_int(long(v));
  // Magnitude computed in unsigned arithmetic so INT64_MIN is safe.
  uint64_t mag = v < 0 ? uint64_t(0) - uint64_t(v) : uint64_t(v);
  if (mag < PyLong_BASE) {
    PyLongObject* r = alloc(1);
    if (!r) return nullptr;
    r->ob_digit[0] = digit(mag);
    if (v < 0) Py_SET_SIZE(r, -1);
    return reinterpret_cast<PyObject*>(r);
  }
  PyObject* r = from_uint64(mag);
  if (r && v < 0) Py_SET_SIZE(r, -Py_SIZE(r));
  return r;
}

PyObject* from_digits(const digit* d, Py_ssize_t n, int sgn) {
  while (n > 0 && d[n - 1] == 0) n--;
  if (n == 0) return small_int(0);
  PyLongObject* r = alloc(n);
  if (!r) return nullptr;
  std::memcpy(r->ob_digit, d, size_t(n) * sizeof(digit));
  if (sgn < 0) Py_SET_SIZE(r, -n);
  return normalize(r);
}

int64_t bit_length(PyObject* v) {
  Py_ssize_t n = ndigits(v);
  if (n == 0) return 0;
  digit top = as_long(v)->ob_digit[n - 1];
  return int64_t(n - 1) * PyLong_SHIFT + (32 - __builtin_clz(top));
}

namespace {

// Magnitude of v as uint64 when it fits (|v| < 2**64); false otherwise.
bool magnitude_u64(PyObject* v, uint64_t* out) {
  Py_ssize_t n = ndigits(v);
  const digit* d = as_long(v)->ob_digit;
  if (n > 3) return false;
  uint64_t x = 0;
  for (Py_ssize_t i = n - 1; i >= 0; i--) {
    if (x >> (64 - PyLong_SHIFT)) return false;
    x = (x << PyLong_SHIFT) | d[i];
  }
  *out = x;
  return true;
}

// Low 64 bits of v in two's complement (the *Mask conversions).
uint64_t low_bits_u64(PyObject* v) {
  Py_ssize_t n = ndigits(v);
  const digit* d = as_long(v)->ob_digit;
  uint64_t x = 0;
  Py_ssize_t top = n < 3 ? n : 3;  // 3 digits = 90 bits cover the low 64
  for (Py_ssize_t i = top - 1; i >= 0; i--) x = (x << PyLong_SHIFT) | d[i];
  return Py_SIZE(v) < 0 ? uint64_t(0) - x : x;
}

// Signed conversion with overflow flag: *overflow = 0, 1 or -1.
int64_t as_int64_overflow(PyObject* v, int* overflow) {
  *overflow = 0;
  if (is_medium(v)) return medium_value(v);
  uint64_t mag;
  if (!magnitude_u64(v, &mag)) {
    *overflow = sign(v);
    return -1;
  }
  if (Py_SIZE(v) > 0) {
    if (mag > uint64_t(INT64_MAX)) {
      *overflow = 1;
      return -1;
    }
    return int64_t(mag);
  }
  if (mag > uint64_t(INT64_MAX) + 1) {
    *overflow = -1;
    return -1;
  }
  return int64_t(uint64_t(0) - mag);
}

// Runs `f` on v, or on v.__index__() when v is not an int.
template <class F>
auto with_index(PyObject* v, F f, decltype(f(v)) error_value) -> decltype(f(v)) {
  if (!v) {
    PyErr_BadInternalCall();
    return error_value;
  }
  if (PyLong_Check(v)) return f(v);
  Ref<> idx = steal(PyNumber_Index(v));
  if (!idx) return error_value;
  return f(idx.get());
}

bool require_int(PyObject* v) {
  if (!v) {
    PyErr_BadInternalCall();
    return false;
  }
  if (!PyLong_Check(v)) {
    PyErr_SetString(PyExc_TypeError, "an integer is required");
    return false;
  }
  return true;
}

}  // namespace

}  // namespace krait::longs

using namespace krait;
using namespace krait::longs;

// -- C API: construction ------------------------------------------------------

extern "C" {

PyLongObject* _PyLong_New(Py_ssize_t size) { return alloc(size); }

PyObject* _PyLong_Copy(PyLongObject* src) {
  Py_ssize_t n = ndigits(src);
  if (n <= 1) {
    long v = n == 0 ? 0 : long(src->ob_digit[0]);
    if (Py_SIZE(src) < 0) v = -v;
    if (v >= kSmallMin && v <= kSmallMax) return Py_NewRef(small_int(v));
  }
  PyLongObject* r = alloc(n);
  if (!r) return nullptr;
  Py_SET_SIZE(r, Py_SIZE(src));
  std::memcpy(r->ob_digit, src->ob_digit, size_t(n) * sizeof(digit));
  return reinterpret_cast<PyObject*>(r);
}

PyObject* PyLong_FromLong(long v) { return from_int64(v); }
PyObject* PyLong_FromUnsignedLong(unsigned long v) { return from_uint64(v); }
PyObject* PyLong_FromLongLong(long long v) { return from_int64(v); }
PyObject* PyLong_FromUnsignedLongLong(unsigned long long v) { return from_uint64(v); }
PyObject* PyLong_FromSsize_t(Py_ssize_t v) { return from_int64(v); }
PyObject* PyLong_FromSize_t(size_t v) { return from_uint64(v); }
PyObject* PyLong_FromVoidPtr(void* p) { return from_uint64(reinterpret_cast<uintptr_t>(p)); }

PyObject* PyLong_FromDouble(double d) {
  // Exact conversion of the truncated value: every double >= 2**53 is an
  // integer already, so mpz_set_d loses nothing.
  if (d > -9.2e18 && d < 9.2e18) return from_int64(int64_t(d));
  if (std::isnan(d)) {
    PyErr_SetString(PyExc_ValueError, "cannot convert float NaN to integer");
    return nullptr;
  }
  if (std::isinf(d)) {
    PyErr_SetString(PyExc_OverflowError, "cannot convert float infinity to integer");
    return nullptr;
  }
  Mpz z;
  mpz_set_d(z, d);
  return from_mpz(z);
}

// -- C API: conversion to C integers ------------------------------------------

long PyLong_AsLongAndOverflow(PyObject* v, int* overflow) {
  *overflow = 0;
  return with_index(
      v, [overflow](PyObject* x) -> long { return long(as_int64_overflow(x, overflow)); }, -1L);
}

long long PyLong_AsLongLongAndOverflow(PyObject* v, int* overflow) {
  *overflow = 0;
  return with_index(
      v, [overflow](PyObject* x) -> long long { return as_int64_overflow(x, overflow); }, -1LL);
}

long PyLong_AsLong(PyObject* v) {
  if (v && PyLong_CheckExact(v) && is_compact(v)) return compact_value(v);
  int overflow;
  long r = PyLong_AsLongAndOverflow(v, &overflow);
  if (overflow) PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C long");
  return r;
}

int _PyLong_AsInt(PyObject* v) {
  int overflow;
  long r = PyLong_AsLongAndOverflow(v, &overflow);
  if (overflow || r > INT_MAX || r < INT_MIN) {
    PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C int");
    return -1;
  }
  return int(r);
}

long long PyLong_AsLongLong(PyObject* v) {
  int overflow;
  long long r = PyLong_AsLongLongAndOverflow(v, &overflow);
  // CPython routes this through _PyLong_AsByteArray, hence the message.
  if (overflow) PyErr_SetString(PyExc_OverflowError, "int too big to convert");
  return r;
}

Py_ssize_t PyLong_AsSsize_t(PyObject* v) {
  if (!require_int(v)) return -1;
  int overflow;
  Py_ssize_t r = Py_ssize_t(as_int64_overflow(v, &overflow));
  if (overflow) {
    PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C ssize_t");
    return -1;
  }
  return r;
}

unsigned long PyLong_AsUnsignedLong(PyObject* v) {
  if (!require_int(v)) return (unsigned long)-1;
  if (Py_SIZE(v) < 0) {
    PyErr_SetString(PyExc_OverflowError, "can't convert negative value to unsigned int");
    return (unsigned long)-1;
  }
  uint64_t mag;
  if (!magnitude_u64(v, &mag)) {
    PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C unsigned long");
    return (unsigned long)-1;
  }
  return mag;
}

size_t PyLong_AsSize_t(PyObject* v) {
  if (!require_int(v)) return (size_t)-1;
  if (Py_SIZE(v) < 0) {
    PyErr_SetString(PyExc_OverflowError, "can't convert negative value to size_t");
    return (size_t)-1;
  }
  uint64_t mag;
  if (!magnitude_u64(v, &mag)) {
    PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C size_t");
    return (size_t)-1;
  }
  return mag;
}

unsigned long long PyLong_AsUnsignedLongLong(PyObject* v) {
  if (!require_int(v)) return (unsigned long long)-1;
  if (Py_SIZE(v) < 0) {
    PyErr_SetString(PyExc_OverflowError, "can't convert negative int to unsigned");
    return (unsigned long long)-1;
  }
  uint64_t mag;
  if (!magnitude_u64(v, &mag)) {
    PyErr_SetString(PyExc_OverflowError, "int too big to convert");
    return (unsigned long long)-1;
  }
  return mag;
}

unsigned long PyLong_AsUnsignedLongMask(PyObject* v) {
  return with_index(v, [](PyObject* x) -> unsigned long { return low_bits_u64(x); },
                    (unsigned long)-1);
}

unsigned long long PyLong_AsUnsignedLongLongMask(PyObject* v) {
  return with_index(v, [](PyObject* x) -> unsigned long long { return low_bits_u64(x); },
                    (unsigned long long)-1);
}

void* PyLong_AsVoidPtr(PyObject* v) {
  // Negative values are accepted (as CPython does) and reinterpreted.
  if (v && PyLong_Check(v) && Py_SIZE(v) < 0) {
    long x = PyLong_AsLong(v);
    if (x == -1 && PyErr_Occurred()) return nullptr;
    return reinterpret_cast<void*>(x);
  }
  unsigned long x = PyLong_AsUnsignedLong(v);
  if (x == (unsigned long)-1 && PyErr_Occurred()) return nullptr;
  return reinterpret_cast<void*>(x);
}

double PyLong_AsDouble(PyObject* v) {
  if (!require_int(v)) return -1.0;
  if (is_medium(v)) return double(medium_value(v));
  return to_double(v);
}

// -- Argument-clinic converters (cpython/longobject.h) --------------------------

static int unsigned_converter(PyObject* obj, unsigned long long max, const char* ctype,
                              unsigned long long* out) {
  if (PyLong_Check(obj) && Py_SIZE(obj) < 0) {
    PyErr_SetString(PyExc_ValueError, "value must be positive");
    return 0;
  }
  unsigned long long u = PyLong_AsUnsignedLongLong(obj);
  if (u == (unsigned long long)-1 && PyErr_Occurred()) return 0;
  if (u > max) {
    PyErr_Format(PyExc_OverflowError, "Python int too large for C %s", ctype);
    return 0;
  }
  *out = u;
  return 1;
}

int _PyLong_UnsignedShort_Converter(PyObject* obj, void* ptr) {
  unsigned long long u;
  if (!unsigned_converter(obj, USHRT_MAX, "unsigned short", &u)) return 0;
  *static_cast<unsigned short*>(ptr) = static_cast<unsigned short>(u);
  return 1;
}

int _PyLong_UnsignedInt_Converter(PyObject* obj, void* ptr) {
  unsigned long long u;
  if (!unsigned_converter(obj, UINT_MAX, "unsigned int", &u)) return 0;
  *static_cast<unsigned int*>(ptr) = static_cast<unsigned int>(u);
  return 1;
}

int _PyLong_UnsignedLong_Converter(PyObject* obj, void* ptr) {
  if (PyLong_Check(obj) && Py_SIZE(obj) < 0) {
    PyErr_SetString(PyExc_ValueError, "value must be positive");
    return 0;
  }
  unsigned long u = PyLong_AsUnsignedLong(obj);
  if (u == (unsigned long)-1 && PyErr_Occurred()) return 0;
  *static_cast<unsigned long*>(ptr) = u;
  return 1;
}

int _PyLong_UnsignedLongLong_Converter(PyObject* obj, void* ptr) {
  if (PyLong_Check(obj) && Py_SIZE(obj) < 0) {
    PyErr_SetString(PyExc_ValueError, "value must be positive");
    return 0;
  }
  unsigned long long u = PyLong_AsUnsignedLongLong(obj);
  if (u == (unsigned long long)-1 && PyErr_Occurred()) return 0;
  *static_cast<unsigned long long*>(ptr) = u;
  return 1;
}

int _PyLong_Size_t_Converter(PyObject* obj, void* ptr) {
  if (PyLong_Check(obj) && Py_SIZE(obj) < 0) {
    PyErr_SetString(PyExc_ValueError, "value must be positive");
    return 0;
  }
  size_t u = PyLong_AsSize_t(obj);
  if (u == (size_t)-1 && PyErr_Occurred()) return 0;
  *static_cast<size_t*>(ptr) = u;
  return 1;
}

// -- Introspection ------------------------------------------------------------

int _PyLong_Sign(PyObject* v) { return sign(v); }

size_t _PyLong_NumBits(PyObject* v) { return size_t(bit_length(v)); }

// -- Byte arrays ----------------------------------------------------------------

PyObject* _PyLong_FromByteArray(const unsigned char* bytes, size_t n, int little_endian,
                                int is_signed) {
  if (n == 0) return small_int(0);
  if (n > size_t(kMaxDigits) * PyLong_SHIFT / 8) {
    PyErr_SetString(PyExc_OverflowError, "byte array too long to convert to int");
    return nullptr;
  }
  auto byte_at = [&](size_t i) -> unsigned {  // i = 0 is least significant
    return little_endian ? bytes[i] : bytes[n - 1 - i];
  };
  bool negative = is_signed && (byte_at(n - 1) & 0x80);
  Py_ssize_t nd = Py_ssize_t((n * 8 + PyLong_SHIFT - 1) / PyLong_SHIFT);
  PyLongObject* r = alloc(nd);
  if (!r) return nullptr;
  // For negatives take the two's complement (invert, add one) on the fly:
  // the result is the magnitude.
  uint64_t acc = 0;
  int accbits = 0;
  unsigned carry = 1;
  Py_ssize_t di = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned b = byte_at(i);
    if (negative) {
      b = (b ^ 0xff) + carry;
      carry = b >> 8;
      b &= 0xff;
    }
    acc |= uint64_t(b) << accbits;
    accbits += 8;
    if (accbits >= PyLong_SHIFT) {
      r->ob_digit[di++] = digit(acc & PyLong_MASK);
      acc >>= PyLong_SHIFT;
      accbits -= PyLong_SHIFT;
    }
  }
  if (di < nd) r->ob_digit[di++] = digit(acc);
  if (negative) Py_SET_SIZE(r, -nd);
  return normalize(r);
}

int _PyLong_AsByteArray(PyLongObject* v, unsigned char* bytes, size_t n, int little_endian,
                        int is_signed) {
  PyObject* o = reinterpret_cast<PyObject*>(v);
  bool negative = Py_SIZE(o) < 0;
  if (negative && !is_signed) {
    PyErr_SetString(PyExc_OverflowError, "can't convert negative int to unsigned");
    return -1;
  }
  Py_ssize_t nd = ndigits(v);
  // Emit the least significant n bytes of the two's complement, LSB first.
  uint64_t acc = 0;
  int accbits = 0;
  Py_ssize_t di = 0;
  unsigned carry = 1;
  for (size_t i = 0; i < n; i++) {
    while (accbits < 8 && di < nd) {
      acc |= uint64_t(v->ob_digit[di++]) << accbits;
      accbits += PyLong_SHIFT;
    }
    unsigned b = unsigned(acc & 0xff);
    acc >>= 8;
    accbits = accbits >= 8 ? accbits - 8 : 0;
    if (negative) {
      b = (b ^ 0xff) + carry;
      carry = b >> 8;
      b &= 0xff;
    }
    bytes[little_endian ? i : n - 1 - i] = static_cast<unsigned char>(b);
  }
  // Does the value fit? (The bytes hold the low n bytes either way.)
  int64_t bits = bit_length(o);
  int64_t avail = int64_t(n) * 8;
  bool overflow;
  if (!is_signed) {
    overflow = bits > avail;
  } else if (!negative) {
    overflow = bits > avail - 1 && bits > 0;
  } else {
    // -2**(8n-1) is the most negative value that fits.
    bool pow2 = false;
    if (bits == avail) {
      pow2 = true;
      for (Py_ssize_t i = 0; i < nd - 1 && pow2; i++) pow2 = v->ob_digit[i] == 0;
      digit top = v->ob_digit[nd - 1];
      pow2 = pow2 && (top & (top - 1)) == 0;
    }
    overflow = bits > avail || (bits == avail && !pow2);
  }
  if (overflow) {
    PyErr_SetString(PyExc_OverflowError, "int too big to convert");
    return -1;
  }
  return 0;
}

// -- Frexp ----------------------------------------------------------------------

double _PyLong_Frexp(PyLongObject* a, Py_ssize_t* e) {
  PyObject* o = reinterpret_cast<PyObject*>(a);
  int64_t bits = bit_length(o);
  if (bits == 0) {
    *e = 0;
    return 0.0;
  }
  // Take the top DBL_MANT_DIG + 2 bits plus a sticky bit for everything
  // below, then round half-even to DBL_MANT_DIG bits by hand.
  constexpr int kKeep = DBL_MANT_DIG + 2;
  uint64_t x;
  if (bits <= kKeep) {
    uint64_t mag = 0;
    for (Py_ssize_t i = ndigits(a) - 1; i >= 0; i--) mag = (mag << PyLong_SHIFT) | a->ob_digit[i];
    x = mag << (kKeep - bits);
  } else {
    int64_t shift = bits - kKeep;
    Py_ssize_t lo = Py_ssize_t(shift / PyLong_SHIFT);
    int sub = int(shift % PyLong_SHIFT);
    // Gather up to 3 digits starting at lo (90 bits) and shift down.
    unsigned __int128 acc = 0;
    Py_ssize_t n = ndigits(a);
    for (Py_ssize_t i = std::min(n - 1, lo + 2); i >= lo; i--)
      acc = (acc << PyLong_SHIFT) | a->ob_digit[i];
    x = uint64_t(acc >> sub);
    bool sticky = (acc & (((unsigned __int128)1 << sub) - 1)) != 0;
    for (Py_ssize_t i = 0; !sticky && i < lo; i++) sticky = a->ob_digit[i] != 0;
    if (sticky) x |= 1;
  }
  // x has exactly kKeep bits; round off the low 2 (half-even).
  uint64_t low = x & 3;
  x >>= 2;
  if (low > 2 || (low == 2 && (x & 1))) x++;
  double r = std::ldexp(double(x), -DBL_MANT_DIG);  // in [0.5, 1], 1.0 on carry
  int64_t exp = bits;
  if (r == 1.0) {
    r = 0.5;
    exp++;
  }
  *e = Py_ssize_t(exp);
  return Py_SIZE(o) < 0 ? -r : r;
}

// -- PyLong_GetInfo -------------------------------------------------------------

PyObject* PyLong_GetInfo(void) {
  // sys builds the sys.int_info struct sequence (modules/sys_module.cpp);
  // hand out that same object.
  PyObject* info = PySys_GetObject("int_info");
  if (!info) {
    if (!PyErr_Occurred()) PyErr_SetString(PyExc_RuntimeError, "sys.int_info is not available");
    return nullptr;
  }
  return Py_NewRef(info);
}

// -- PyOS_strtoul / PyOS_strtol ---------------------------------------------------

// C-level parsers used by a few modules: like strtoul, but with Python's
// prefixes (0x, 0o, 0b) for base 0 and no locale.
unsigned long PyOS_strtoul(const char* str, char** ptr, int base) {
  const char* s = str;
  while (*s && Py_ISSPACE(*s)) s++;
  if (base == 0) {
    if (s[0] == '0') {
      char c = char(s[1] | 0x20);
      if (c == 'x') base = 16, s += 2;
      else if (c == 'o') base = 8, s += 2;
      else if (c == 'b') base = 2, s += 2;
      else {
        // "0", "00..." are zero; anything else after 0 is an error.
        while (*s == '0') s++;
        if (ptr) *ptr = const_cast<char*>(s);
        return 0;
      }
    } else {
      base = 10;
    }
  } else if (base == 16 && s[0] == '0' && (s[1] | 0x20) == 'x') {
    s += 2;
  } else if (base == 8 && s[0] == '0' && (s[1] | 0x20) == 'o') {
    s += 2;
  } else if (base == 2 && s[0] == '0' && (s[1] | 0x20) == 'b') {
    s += 2;
  }
  if (base < 2 || base > 36) {
    if (ptr) *ptr = const_cast<char*>(str);
    return 0;
  }
  unsigned long result = 0;
  bool overflow = false;
  const char* start = s;
  for (;; s++) {
    int c = static_cast<unsigned char>(*s), dv;
    if (c >= '0' && c <= '9') dv = c - '0';
    else if (c >= 'a' && c <= 'z') dv = c - 'a' + 10;
    else if (c >= 'A' && c <= 'Z') dv = c - 'A' + 10;
    else break;
    if (dv >= base) break;
    unsigned long next;
    if (__builtin_mul_overflow(result, (unsigned long)base, &next) ||
        __builtin_add_overflow(next, (unsigned long)dv, &next))
      overflow = true;
    result = next;
  }
  if (s == start) {
    if (ptr) *ptr = const_cast<char*>(str);
    return 0;
  }
  if (ptr) *ptr = const_cast<char*>(s);
  if (overflow) {
    errno = ERANGE;
    return (unsigned long)-1;
  }
  return result;
}

long PyOS_strtol(const char* str, char** ptr, int base) {
  const char* s = str;
  while (*s && Py_ISSPACE(*s)) s++;
  bool negative = false;
  if (*s == '-' || *s == '+') negative = *s++ == '-';
  errno = 0;
  unsigned long u = PyOS_strtoul(s, ptr, base);
  if (ptr && *ptr == s) *ptr = const_cast<char*>(str);
  if (errno == ERANGE || (!negative && u > (unsigned long)LONG_MAX) ||
      (negative && u > (unsigned long)LONG_MAX + 1)) {
    errno = ERANGE;
    return negative ? LONG_MIN : LONG_MAX;
  }
  return negative ? long(0UL - u) : long(u);
}

}  // extern "C"
