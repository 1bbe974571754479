// Internal interface of Krait's int implementation (PyLongObject).
//
// The layout is CPython 3.11's (cpython/longintrepr.h): 30-bit digits stored
// least significant first in ob_digit[], |ob_size| = number of digits, the
// sign of ob_size = the sign of the number, zero has ob_size 0. Extensions
// (Cython with CYTHON_USE_PYLONG_INTERNALS) read this directly.
//
// The implementation is split along seams:
//   long_object.cpp   allocation, small ints, C-API conversions, the type
//   long_arith.cpp    + - * // % divmod pow << >> & | ^ ~, comparisons, hash
//   long_convert.cpp  str <-> int (any base), bytes, float <-> int
//   long_methods.cpp  int.__new__, methods and getters, __format__
//   long_gmp.h        bridging digit arrays to GMP's mpz_t (big sizes)
#pragma once
#include <Python.h>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "capi/pyruntime_shim.h"
#include "support/ref.h"

namespace krait::longs {

// Small ints -5..256 are preallocated and immortal (DESIGN.md §2).
inline constexpr long kSmallMin = -5;
inline constexpr long kSmallMax = 256;

// Upper bound on digits so that bit counts always fit in Py_ssize_t and
// allocation sizes never overflow (CPython raises "too many digits in integer").
inline constexpr Py_ssize_t kMaxDigits =
    (PY_SSIZE_T_MAX - offsetof(PyLongObject, ob_digit)) / sizeof(digit) / 2;

inline Py_ssize_t ndigits(const PyLongObject* v) {
  Py_ssize_t s = Py_SIZE(v);
  return s < 0 ? -s : s;
}
inline Py_ssize_t ndigits(PyObject* v) { return ndigits(reinterpret_cast<PyLongObject*>(v)); }
inline PyLongObject* as_long(PyObject* v) { return reinterpret_cast<PyLongObject*>(v); }
inline int sign(PyObject* v) {
  Py_ssize_t s = Py_SIZE(v);
  return s < 0 ? -1 : (s > 0);
}

// True if |v| < 2**30: one digit or zero. The hot path of every operation.
inline bool is_compact(PyObject* v) {
  Py_ssize_t s = Py_SIZE(v);
  return s >= -1 && s <= 1;
}
inline long compact_value(PyObject* v) {
  Py_ssize_t s = Py_SIZE(v);
  return s == 0 ? 0 : (s > 0 ? long(as_long(v)->ob_digit[0]) : -long(as_long(v)->ob_digit[0]));
}
// True if v fits in at most two digits (|v| < 2**60), so int64 arithmetic is safe.
inline bool is_medium(PyObject* v) {
  Py_ssize_t s = Py_SIZE(v);
  return s >= -2 && s <= 2;
}
inline int64_t medium_value(PyObject* v) {
  Py_ssize_t s = Py_SIZE(v);
  const digit* d = as_long(v)->ob_digit;
  switch (s) {
    case 0: return 0;
    case 1: return d[0];
    case -1: return -int64_t(d[0]);
    case 2: return int64_t(d[0]) | (int64_t(d[1]) << PyLong_SHIFT);
    default: return -(int64_t(d[0]) | (int64_t(d[1]) << PyLong_SHIFT));
  }
}

// The immortal small int for v (kSmallMin <= v <= kSmallMax), borrowed.
inline PyObject* small_int(long v) { return reinterpret_cast<PyObject*>(&_PyRuntime.small_ints[v - kSmallMin]); }

// Freed one- and two-digit ints are kept for reuse (linked through ob_type,
// like the float free list): loops over counters allocate one per step, and
// the allocator round trip is the bulk of their cost. Two lists, because an
// int's storage is only known to hold as many digits as its size when it
// dies: list 1 serves sizes 0 and 1, list 2 size 2 (values below 2**60). The
// GIL protects them. Inline here: the interpreter's int fast paths allocate
// and free through them without a call.
struct IntFreeLists {
  PyLongObject* head[3];  // [1] and [2] used
  int count[3];
};
extern IntFreeLists g_int_free;
inline constexpr int kIntFreeMax = 1024;
inline int free_list_of(Py_ssize_t ndigits) { return ndigits <= 1 ? 1 : 2; }

// A recycled int with n (0 < n <= 2) digits of storage, or NULL when the list is empty.
inline PyLongObject* free_list_pop(Py_ssize_t n) {
  int l = free_list_of(n);
  PyLongObject* r = g_int_free.head[l];
  if (!r) return nullptr;
  g_int_free.head[l] = reinterpret_cast<PyLongObject*>(Py_TYPE(r));
  g_int_free.count[l]--;
  Py_SET_TYPE(r, &PyLong_Type);  // static type: no reference to take
  Py_SET_SIZE(r, n);
#ifdef Py_REF_DEBUG
  _Py_NewReference(reinterpret_cast<PyObject*>(r));
#else
  Py_SET_REFCNT(r, 1);
#endif
  return r;
}

// A new, uninitialised int with room for n digits (ob_size = n). NULL + error
// when n is too large. Same as _PyLong_New.
PyLongObject* alloc_slow(Py_ssize_t n);
inline PyLongObject* alloc(Py_ssize_t n) {
  if (n > 0 && n <= 2) {
    if (PyLongObject* r = free_list_pop(n)) return r;
  }
  return alloc_slow(n);
}
// Keeps a dead exact int of at most two digits for alloc() to reuse; false
// when the free list is full (then the caller frees it).
inline bool free_list_push(PyObject* v) {
  Py_ssize_t n = Py_SIZE(v) < 0 ? -Py_SIZE(v) : Py_SIZE(v);
  if (n > 2) return false;
  int l = free_list_of(n);
  if (g_int_free.count[l] >= kIntFreeMax) return false;
  Py_SET_TYPE(v, reinterpret_cast<PyTypeObject*>(g_int_free.head[l]));
  g_int_free.head[l] = reinterpret_cast<PyLongObject*>(v);
  g_int_free.count[l]++;
  return true;
}

// Strips leading zero digits, fixes ob_size's magnitude (keeps its sign), and
// turns results in the small-int range into the shared small int. Steals v.
PyObject* normalize(PyLongObject* v);

// Builders (new references).
PyObject* from_int64_slow(int64_t v);
inline PyObject* from_int64(int64_t v) {
  if (v >= kSmallMin && v <= kSmallMax) return small_int(long(v));
  uint64_t mag = v < 0 ? uint64_t(0) - uint64_t(v) : uint64_t(v);
  if (mag < PyLong_BASE) {
    if (PyLongObject* r = free_list_pop(1)) {
      r->ob_digit[0] = digit(mag);
      if (v < 0) Py_SET_SIZE(r, -1);
      return reinterpret_cast<PyObject*>(r);
    }
  }
  return from_int64_slow(v);
}
PyObject* from_uint64(uint64_t v);
// Builds sign * |digits[0..n)| (digits need not be normalised).
PyObject* from_digits(const digit* d, Py_ssize_t n, int sign);

// Number of significant bits of |v| (0 for 0). Never fails for real ints.
int64_t bit_length(PyObject* v);

// Three-way comparison of two ints: -1, 0, 1.
int compare(PyObject* a, PyObject* b);

// Arithmetic on exact ints (both operands int or subclass); new references.
PyObject* add(PyObject* a, PyObject* b);
PyObject* sub(PyObject* a, PyObject* b);
PyObject* mul(PyObject* a, PyObject* b);
PyObject* floordiv(PyObject* a, PyObject* b);
PyObject* mod(PyObject* a, PyObject* b);
// Floor division and modulo at once; either out pointer may be NULL.
int divmod(PyObject* a, PyObject* b, PyObject** q, PyObject** r);
PyObject* neg(PyObject* a);
PyObject* abs(PyObject* a);
PyObject* lshift(PyObject* a, int64_t n);  // n >= 0
PyObject* rshift(PyObject* a, int64_t n);  // n >= 0, floor semantics
PyObject* true_divide(PyObject* a, PyObject* b);
// pow for ints; exponent must be >= 0.
PyObject* pow_nonneg(PyObject* base, PyObject* exp);

// Formatting: digits of v in base 2..36 with an optional "0b"/"0o"/"0x"
// prefix (alternate) and a '-' sign; checks the str-digits limit for base 10.
PyObject* to_str(PyObject* v, int base, bool alternate);
// The same text as a std::string (no prefix); false + error on failure.
bool to_ascii(PyObject* v, int base, std::string* out);

// Parses [s, s+len) as int() does (whitespace, sign, underscores, base 0
// prefixes). `origin` is the object whose repr appears in the error message
// (NULL: the text itself). Returns NULL + ValueError on bad input. The whole
// range must be consumed; *end (if given) gets where parsing stopped.
PyObject* parse(const char* s, Py_ssize_t len, int base, PyObject* origin,
                const char** end = nullptr);

// A str (compact ASCII) with the given bytes; NULL + error.
PyObject* ascii_str(const char* s, Py_ssize_t len);

// The sys.set_int_max_str_digits() limit (0 = unlimited). sys owns the Python
// API; these hold the value.
int max_str_digits();
void set_max_str_digits(int v);
inline constexpr int kMaxStrDigitsThreshold = 640;  // sys.int_info.str_digits_check_threshold
inline constexpr int kDefaultMaxStrDigits = 4300;

// Converts an int to double, correctly rounded; -1.0 + OverflowError if too big.
double to_double(PyObject* v);

// Number-protocol slots shared with bool (whose & | ^ fall back to int's)
// and float (mixed comparisons).
PyObject* nb_and(PyObject* a, PyObject* b);
PyObject* nb_or(PyObject* a, PyObject* b);
PyObject* nb_xor(PyObject* a, PyObject* b);
PyObject* long_repr(PyObject* v);
Py_hash_t hash(PyObject* v);
PyObject* richcompare(PyObject* a, PyObject* b, int op);
extern PyNumberMethods number_methods;

}  // namespace krait::longs
