// int arithmetic: + - * // % divmod pow, shifts, bitwise operators,
// comparison, hashing, true division and conversion to double.
//
// Strategy (DESIGN.md §6): values of at most two digits (|v| < 2**60) are
// computed in int64/__int128 without touching digit loops; linear-time work
// (add, sub, shifts, single-digit division) runs on our digit arrays; above
// small sizes, multiplication, division, power and bitwise operators on
// negatives go through GMP (Karatsuba/Toom/FFT and two's-complement
// semantics for free), converting digit arrays with mpz_import/mpz_export.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>

#include "objects/long_gmp.h"
#include "objects/long_object.h"

namespace krait::longs {

namespace {

// Below this many digits in the smaller operand, schoolbook multiplication
// beats the cost of converting to GMP.
constexpr Py_ssize_t kGmpMulThreshold = 24;

PyObject* from_i128(__int128 v) {
  if (v >= INT64_MIN && v <= INT64_MAX) return from_int64(int64_t(v));
  unsigned __int128 mag = v < 0 ? (unsigned __int128)0 - (unsigned __int128)v : v;
  digit d[5];
  Py_ssize_t n = 0;
  while (mag) {
    d[n++] = digit(uint64_t(mag) & PyLong_MASK);
    mag >>= PyLong_SHIFT;
  }
  return from_digits(d, n, v < 0 ? -1 : 1);
}

// |a| + |b| with the given sign.
PyObject* abs_add(PyLongObject* a, PyLongObject* b, int sgn) {
  Py_ssize_t na = ndigits(a), nb = ndigits(b);
  if (na < nb) {
    std::swap(a, b);
    std::swap(na, nb);
  }
  PyLongObject* r = alloc(na + 1);
  if (!r) return nullptr;
  digit carry = 0;
  Py_ssize_t i = 0;
  for (; i < nb; i++) {
    carry += a->ob_digit[i] + b->ob_digit[i];
    r->ob_digit[i] = carry & PyLong_MASK;
    carry >>= PyLong_SHIFT;
  }
  for (; i < na; i++) {
    carry += a->ob_digit[i];
    r->ob_digit[i] = carry & PyLong_MASK;
    carry >>= PyLong_SHIFT;
  }
  r->ob_digit[i] = carry;
  if (sgn < 0) Py_SET_SIZE(r, -Py_SIZE(r));
  return normalize(r);
}

// Compares magnitudes.
int abs_compare(const PyLongObject* a, const PyLongObject* b) {
  Py_ssize_t na = ndigits(a), nb = ndigits(b);
  if (na != nb) return na < nb ? -1 : 1;
  for (Py_ssize_t i = na - 1; i >= 0; i--) {
    if (a->ob_digit[i] != b->ob_digit[i]) return a->ob_digit[i] < b->ob_digit[i] ? -1 : 1;
  }
  return 0;
}

// |a| - |b| with sign `sgn` applied to the (non-negative) difference, for
// |a| >= |b|. Callers swap to guarantee it.
PyObject* abs_sub_ordered(PyLongObject* a, PyLongObject* b, int sgn) {
  Py_ssize_t na = ndigits(a), nb = ndigits(b);
  PyLongObject* r = alloc(na);
  if (!r) return nullptr;
  digit borrow = 0;
  Py_ssize_t i = 0;
  for (; i < nb; i++) {
    borrow = a->ob_digit[i] - b->ob_digit[i] - borrow;
    r->ob_digit[i] = borrow & PyLong_MASK;
    borrow = (borrow >> PyLong_SHIFT) & 1;
  }
  for (; i < na; i++) {
    borrow = a->ob_digit[i] - borrow;
    r->ob_digit[i] = borrow & PyLong_MASK;
    borrow = (borrow >> PyLong_SHIFT) & 1;
  }
  if (sgn < 0) Py_SET_SIZE(r, -na);
  return normalize(r);
}

// |a| - |b| as a signed result.
PyObject* abs_sub(PyLongObject* a, PyLongObject* b, int sgn) {
  int c = abs_compare(a, b);
  if (c == 0) return small_int(0);
  if (c < 0) return abs_sub_ordered(b, a, -sgn);
  return abs_sub_ordered(a, b, sgn);
}

// The outer loop runs over the shorter operand: for big * small (the common
// case, e.g. q * k) the inner loop then streams through the long one
// instead of paying a loop set-up per digit of it.
PyObject* schoolbook_mul(PyLongObject* a, PyLongObject* b, int sgn) {
  if (ndigits(a) > ndigits(b)) std::swap(a, b);
  Py_ssize_t na = ndigits(a), nb = ndigits(b);
  PyLongObject* r = alloc(na + nb);
  if (!r) return nullptr;
  std::memset(r->ob_digit, 0, size_t(na + nb) * sizeof(digit));
  for (Py_ssize_t i = 0; i < na; i++) {
    twodigits f = a->ob_digit[i];
    if (!f) continue;
    twodigits carry = 0;
    digit* out = r->ob_digit + i;
    for (Py_ssize_t j = 0; j < nb; j++) {
      carry += out[j] + b->ob_digit[j] * f;
      out[j] = digit(carry & PyLong_MASK);
      carry >>= PyLong_SHIFT;
    }
    for (Py_ssize_t j = nb; carry; j++) {
      carry += out[j];
      out[j] = digit(carry & PyLong_MASK);
      carry >>= PyLong_SHIFT;
    }
  }
  if (sgn < 0) Py_SET_SIZE(r, -(na + nb));
  return normalize(r);
}

// Divides |a| by a single digit d into a new int (sign sgn); *rem gets |a| % d.
PyObject* divrem1(PyLongObject* a, digit d, int sgn, digit* rem) {
  Py_ssize_t n = ndigits(a);
  PyLongObject* q = alloc(n);
  if (!q) return nullptr;
  twodigits r = 0;
  for (Py_ssize_t i = n - 1; i >= 0; i--) {
    r = (r << PyLong_SHIFT) | a->ob_digit[i];
    q->ob_digit[i] = digit(r / d);
    r %= d;
  }
  *rem = digit(r);
  if (sgn < 0) Py_SET_SIZE(q, -n);
  return normalize(q);
}

// Below this many digits in the divisor or in the quotient, division runs on
// our digit arrays (Knuth's algorithm D, O(divisor * quotient)); above both,
// GMP's subquadratic division pays for the two conversions.
constexpr Py_ssize_t kGmpDivThreshold = 64;

// Truncated division of magnitudes by Knuth's algorithm D (TAOCP 4.3.1) in
// base 2**30: |a| = q * |b| + r, 0 <= r < |b|, for ndigits(b) >= 2 and
// |a| >= |b|. New non-negative ints in *q and *r; false + MemoryError.
bool knuth_divrem(PyLongObject* a, PyLongObject* b, PyObject** q, PyObject** r) {
  Py_ssize_t size_u = ndigits(a), size_w = ndigits(b);
  digit* scratch = static_cast<digit*>(PyMem_Malloc(size_t(size_u + 1 + size_w) * sizeof(digit)));
  if (!scratch) {
    PyErr_NoMemory();
    return false;
  }
  digit* v = scratch;               // the dividend, normalized; becomes the remainder
  digit* w = scratch + size_u + 1;  // the divisor, normalized
  // D1: shift both left so the divisor's top digit has its high bit set,
  // which bounds the trial quotient's error by 2.
  int d = PyLong_SHIFT - (32 - __builtin_clz(b->ob_digit[size_w - 1]));
  twodigits carry = 0;
  for (Py_ssize_t i = 0; i < size_w; i++) {
    carry |= twodigits(b->ob_digit[i]) << d;
    w[i] = digit(carry & PyLong_MASK);
    carry >>= PyLong_SHIFT;
  }
  carry = 0;
  for (Py_ssize_t i = 0; i < size_u; i++) {
    carry |= twodigits(a->ob_digit[i]) << d;
    v[i] = digit(carry & PyLong_MASK);
    carry >>= PyLong_SHIFT;
  }
  v[size_u] = digit(carry);
  Py_ssize_t size_v = size_u + 1;
  Py_ssize_t k = size_v - size_w;  // quotient digits
  PyLongObject* quot = alloc(k);
  if (!quot) {
    PyMem_Free(scratch);
    return false;
  }
  const twodigits wm1 = w[size_w - 1], wm2 = w[size_w - 2];
  for (Py_ssize_t j = k - 1; j >= 0; j--) {
    digit* vk = v + j;
    // D3: estimate q from the top two digits of the window, correct it by
    // the next divisor digit (then it is exact or one too large).
    const digit vtop = vk[size_w];
    twodigits vv = (twodigits(vtop) << PyLong_SHIFT) | vk[size_w - 1];
    twodigits qhat = vv / wm1;
    twodigits rhat = vv - qhat * wm1;
    while (qhat >= PyLong_BASE || qhat * wm2 > ((rhat << PyLong_SHIFT) | vk[size_w - 2])) {
      qhat--;
      rhat += wm1;
      if (rhat >= PyLong_BASE) break;
    }
    // D4: subtract qhat * w from the window.
    stwodigits zhi = 0;
    for (Py_ssize_t i = 0; i < size_w; i++) {
      stwodigits z = stwodigits(vk[i]) + zhi - stwodigits(qhat) * stwodigits(w[i]);
      vk[i] = digit(z) & PyLong_MASK;
      zhi = z >> PyLong_SHIFT;  // arithmetic shift: the borrow is negative
    }
    // D6: qhat was one too large; add the divisor back.
    if (stwodigits(vtop) + zhi < 0) {
      twodigits c = 0;
      for (Py_ssize_t i = 0; i < size_w; i++) {
        c += twodigits(vk[i]) + w[i];
        vk[i] = digit(c & PyLong_MASK);
        c >>= PyLong_SHIFT;
      }
      qhat--;
    }
    vk[size_w] = 0;
    quot->ob_digit[j] = digit(qhat);
  }
  // D8: the remainder is the low size_w digits of v, shifted back.
  PyLongObject* rem = alloc(size_w);
  if (!rem) {
    Py_DECREF(quot);
    PyMem_Free(scratch);
    return false;
  }
  twodigits low = 0;
  for (Py_ssize_t i = size_w - 1; i >= 0; i--) {
    twodigits t = (low << PyLong_SHIFT) | v[i];
    rem->ob_digit[i] = digit(t >> d);
    low = t & ((twodigits(1) << d) - 1);
  }
  PyMem_Free(scratch);
  *q = normalize(quot);
  *r = normalize(rem);
  return true;
}

bool zero_division(const char* msg) {
  PyErr_SetString(PyExc_ZeroDivisionError, msg);
  return false;
}

// Floor division of int64 values (b != 0), with Python's sign rules.
inline void floor_divmod64(int64_t a, int64_t b, int64_t* q, int64_t* r) {
  int64_t qq = a / b, rr = a % b;
  if (rr != 0 && ((rr < 0) != (b < 0))) {
    qq -= 1;
    rr += b;
  }
  *q = qq;
  *r = rr;
}

}  // namespace

// -- Add / subtract / multiply ------------------------------------------------------

PyObject* add(PyObject* a, PyObject* b) {
  if (is_medium(a) && is_medium(b)) return from_int64(medium_value(a) + medium_value(b));
  PyLongObject *la = as_long(a), *lb = as_long(b);
  if (Py_SIZE(a) < 0) {
    return Py_SIZE(b) < 0 ? abs_add(la, lb, -1) : abs_sub(lb, la, 1);
  }
  return Py_SIZE(b) < 0 ? abs_sub(la, lb, 1) : abs_add(la, lb, 1);
}

PyObject* sub(PyObject* a, PyObject* b) {
  if (is_medium(a) && is_medium(b)) return from_int64(medium_value(a) - medium_value(b));
  PyLongObject *la = as_long(a), *lb = as_long(b);
  if (Py_SIZE(a) < 0) {
    return Py_SIZE(b) < 0 ? abs_sub(la, lb, -1) : abs_add(la, lb, -1);
  }
  return Py_SIZE(b) < 0 ? abs_add(la, lb, 1) : abs_sub(la, lb, 1);
}

PyObject* mul(PyObject* a, PyObject* b) {
  if (is_medium(a) && is_medium(b))
    return from_i128((__int128)medium_value(a) * medium_value(b));
  if (Py_SIZE(a) == 0 || Py_SIZE(b) == 0) return small_int(0);
  int sgn = sign(a) * sign(b);
  Py_ssize_t na = ndigits(a), nb = ndigits(b);
  if (std::min(na, nb) < kGmpMulThreshold) return schoolbook_mul(as_long(a), as_long(b), sgn);
  if (na + nb > kMaxDigits) {
    PyErr_SetString(PyExc_OverflowError, "too many digits in integer");
    return nullptr;
  }
  Mpz x(a), y(b), z;
  mpz_mul(z, x, y);
  return from_mpz(z);
}

PyObject* neg(PyObject* a) {
  if (is_compact(a)) return from_int64(-compact_value(a));
  PyObject* r = _PyLong_Copy(as_long(a));
  if (r) Py_SET_SIZE(r, -Py_SIZE(r));
  return r;
}

PyObject* abs(PyObject* a) {
  if (Py_SIZE(a) < 0) return neg(a);
  if (PyLong_CheckExact(a)) return Py_NewRef(a);
  return _PyLong_Copy(as_long(a));
}

// -- Division ---------------------------------------------------------------------

int divmod(PyObject* a, PyObject* b, PyObject** q, PyObject** r) {
  if (Py_SIZE(b) == 0) {
    zero_division(q ? "integer division or modulo by zero" : "integer modulo by zero");
    return -1;
  }
  if (is_medium(a) && is_medium(b)) {
    int64_t qq, rr;
    floor_divmod64(medium_value(a), medium_value(b), &qq, &rr);
    if (q && !(*q = from_int64(qq))) return -1;
    if (r && !(*r = from_int64(rr))) {
      if (q) Py_CLEAR(*q);
      return -1;
    }
    return 0;
  }
  if (ndigits(b) == 1 && ndigits(a) >= 1) {
    // Single-digit divisor: a linear pass, then floor adjustment.
    digit d = as_long(b)->ob_digit[0];
    digit rem;
    int sa = sign(a), sb = sign(b);
    PyObject* qq = divrem1(as_long(a), d, sa * sb, &rem);
    if (!qq) return -1;
    int64_t rv = sa < 0 ? -int64_t(rem) : int64_t(rem);
    if (rv != 0 && (rv < 0) != (sb < 0)) {
      // Truncated toward zero; floor needs q - 1 and r + b.
      PyObject* adj = sub(qq, small_int(1));
      Py_DECREF(qq);
      if (!adj) return -1;
      qq = adj;
      rv += sb < 0 ? -int64_t(d) : int64_t(d);
    }
    if (q)
      *q = qq;
    else
      Py_DECREF(qq);
    if (r && !(*r = from_int64(rv))) {
      if (q) Py_CLEAR(*q);
      return -1;
    }
    return 0;
  }
  if (abs_compare(as_long(a), as_long(b)) < 0) {
    // |a| < |b|: q is 0 or -1.
    bool same = Py_SIZE(a) == 0 || (Py_SIZE(a) < 0) == (Py_SIZE(b) < 0);
    if (same) {
      if (q) *q = small_int(0);
      if (r) *r = Py_NewRef(a);
      if (r && !PyLong_CheckExact(a)) {
        Py_DECREF(*r);
        *r = _PyLong_Copy(as_long(a));
      }
      return 0;
    }
    if (q) *q = small_int(-1);
    if (r && !(*r = add(a, b))) return -1;
    return 0;
  }
  if (Py_ssize_t na = ndigits(a), nb = ndigits(b); nb < kGmpDivThreshold || na - nb < kGmpDivThreshold) {
    PyObject *qq, *rr;
    if (!knuth_divrem(as_long(a), as_long(b), &qq, &rr)) return -1;
    int sa = sign(a), sb = sign(b);
    // Truncated magnitudes -> signed floor results: q takes sa*sb, r takes
    // sa; when r != 0 and the signs differ, q -= 1 and r += b.
    if (sa * sb < 0) {
      PyObject* t = neg(qq);
      Py_DECREF(qq);
      qq = t;
    }
    if (qq && sa < 0) {
      PyObject* t = neg(rr);
      Py_DECREF(rr);
      rr = t;
    }
    if (qq && rr && Py_SIZE(rr) != 0 && sa * sb < 0) {
      PyObject* t = sub(qq, small_int(1));
      Py_DECREF(qq);
      qq = t;
      if (qq) {
        t = add(rr, b);
        Py_DECREF(rr);
        rr = t;
      }
    }
    if (!qq || !rr) {
      Py_XDECREF(qq);
      Py_XDECREF(rr);
      return -1;
    }
    if (q)
      *q = qq;
    else
      Py_DECREF(qq);
    if (r)
      *r = rr;
    else
      Py_DECREF(rr);
    return 0;
  }
  Mpz x(a), y(b), qq, rr;
  mpz_fdiv_qr(qq, rr, x, y);
  if (q && !(*q = from_mpz(qq))) return -1;
  if (r && !(*r = from_mpz(rr))) {
    if (q) Py_CLEAR(*q);
    return -1;
  }
  return 0;
}

PyObject* floordiv(PyObject* a, PyObject* b) {
  PyObject* q;
  if (divmod(a, b, &q, nullptr) < 0) return nullptr;
  return q;
}

PyObject* mod(PyObject* a, PyObject* b) {
  PyObject* r;
  if (divmod(a, b, nullptr, &r) < 0) return nullptr;
  return r;
}

// -- Shifts -----------------------------------------------------------------------

PyObject* lshift(PyObject* a, int64_t n) {
  if (Py_SIZE(a) == 0) return small_int(0);
  if (n < 30 && is_medium(a) && bit_length(a) + n < 63) return from_int64(medium_value(a) * (int64_t(1) << n));
  int64_t whole = n / PyLong_SHIFT;
  int part = int(n % PyLong_SHIFT);
  Py_ssize_t na = ndigits(a);
  if (whole > kMaxDigits - na - 1) {
    PyErr_SetString(PyExc_OverflowError, "too many digits in integer");
    return nullptr;
  }
  Py_ssize_t nr = na + Py_ssize_t(whole) + 1;
  PyLongObject* r = alloc(nr);
  if (!r) return nullptr;
  std::memset(r->ob_digit, 0, size_t(whole) * sizeof(digit));
  twodigits acc = 0;
  for (Py_ssize_t i = 0; i < na; i++) {
    acc |= twodigits(as_long(a)->ob_digit[i]) << part;
    r->ob_digit[whole + i] = digit(acc & PyLong_MASK);
    acc >>= PyLong_SHIFT;
  }
  r->ob_digit[nr - 1] = digit(acc);
  if (Py_SIZE(a) < 0) Py_SET_SIZE(r, -nr);
  return normalize(r);
}

PyObject* rshift(PyObject* a, int64_t n) {
  if (is_medium(a)) {
    int64_t v = medium_value(a);
    return from_int64(n >= 63 ? (v < 0 ? -1 : 0) : (v >> n));  // arithmetic shift = floor
  }
  Py_ssize_t na = ndigits(a);
  if (n >= int64_t(na) * PyLong_SHIFT) return small_int(Py_SIZE(a) < 0 ? -1 : 0);
  Py_ssize_t whole = Py_ssize_t(n / PyLong_SHIFT);
  int part = int(n % PyLong_SHIFT);
  Py_ssize_t nr = na - whole;
  const digit* d = as_long(a)->ob_digit;
  // For negatives: floor(a / 2**n) = -ceil(|a| / 2**n); round the magnitude
  // up when any shifted-out bit is set.
  bool inexact = false;
  if (Py_SIZE(a) < 0) {
    for (Py_ssize_t i = 0; i < whole && !inexact; i++) inexact = d[i] != 0;
    if (part && (d[whole] & ((digit(1) << part) - 1))) inexact = true;
  }
  PyLongObject* r = alloc(nr + 1);
  if (!r) return nullptr;
  for (Py_ssize_t i = 0; i < nr; i++) {
    twodigits v = d[whole + i] >> part;
    if (whole + i + 1 < na) v |= (twodigits(d[whole + i + 1]) << (PyLong_SHIFT - part)) & PyLong_MASK;
    r->ob_digit[i] = digit(v);
  }
  r->ob_digit[nr] = 0;
  if (inexact) {
    for (Py_ssize_t i = 0; i <= nr; i++) {
      if (++r->ob_digit[i] < PyLong_BASE) break;
      r->ob_digit[i] = 0;
    }
  }
  if (Py_SIZE(a) < 0) Py_SET_SIZE(r, -(nr + 1));
  return normalize(r);
}

// -- Comparison and hashing -----------------------------------------------------

int compare(PyObject* a, PyObject* b) {
  Py_ssize_t sa = Py_SIZE(a), sb = Py_SIZE(b);
  if (sa != sb) return sa < sb ? -1 : 1;
  int c = abs_compare(as_long(a), as_long(b));
  return sa < 0 ? -c : c;
}

Py_hash_t hash(PyObject* v) {
  if (is_compact(v)) {
    long x = compact_value(v);
    return x == -1 ? -2 : x;
  }
  // Reduce |v| modulo 2**61 - 1 digit by digit from the top: multiplying by
  // 2**30 modulo a Mersenne prime is a 61-bit rotation.
  Py_uhash_t x = 0;
  const digit* d = as_long(v)->ob_digit;
  for (Py_ssize_t i = ndigits(v) - 1; i >= 0; i--) {
    x = ((x << PyLong_SHIFT) & _PyHASH_MODULUS) | (x >> (_PyHASH_BITS - PyLong_SHIFT));
    x += d[i];
    if (x >= _PyHASH_MODULUS) x -= _PyHASH_MODULUS;
  }
  Py_hash_t h = Py_SIZE(v) < 0 ? -Py_hash_t(x) : Py_hash_t(x);
  return h == -1 ? -2 : h;
}

// -- Conversion to double and true division -------------------------------------

double to_double(PyObject* v) {
  if (is_medium(v)) return double(medium_value(v));
  Py_ssize_t e;
  double x = _PyLong_Frexp(as_long(v), &e);
  if (e > DBL_MAX_EXP) {
    PyErr_SetString(PyExc_OverflowError, "int too large to convert to float");
    return -1.0;
  }
  return std::ldexp(x, int(e));
}

PyObject* true_divide(PyObject* a, PyObject* b) {
  if (Py_SIZE(b) == 0) {
    zero_division("division by zero");
    return nullptr;
  }
  constexpr int64_t kExact = int64_t(1) << DBL_MANT_DIG;
  // Both exactly representable: IEEE division is correctly rounded.
  if (is_medium(a) && is_medium(b)) {
    int64_t x = medium_value(a), y = medium_value(b);
    if (x > -kExact && x < kExact && y > -kExact && y < kExact)
      return PyFloat_FromDouble(double(x) / double(y));
  }
  bool negative = (Py_SIZE(a) < 0) != (Py_SIZE(b) < 0);
  if (Py_SIZE(a) == 0) return PyFloat_FromDouble(negative ? -0.0 : 0.0);
  int64_t abits = bit_length(a), bbits = bit_length(b);
  int64_t diff = abits - bbits;
  // a/b lies in [2**(diff-1), 2**(diff+1)).
  if (diff > DBL_MAX_EXP) {
    PyErr_SetString(PyExc_OverflowError, "integer division result too large for a float");
    return nullptr;
  }
  if (diff < DBL_MIN_EXP - DBL_MANT_DIG - 1) return PyFloat_FromDouble(negative ? -0.0 : 0.0);
  // Choose a scale so that the integer quotient q = |a| / (|b| * 2**shift)
  // has DBL_MANT_DIG + 2 or + 3 bits (fewer in the subnormal range), then
  // round q by hand with a sticky bit for the remainder.
  int64_t shift = std::max<int64_t>(diff, DBL_MIN_EXP) - DBL_MANT_DIG - 2;
  Mpz x(a), y(b), q, r;
  mpz_abs(x, x);
  mpz_abs(y, y);
  if (shift < 0)
    mpz_mul_2exp(x, x, mp_bitcnt_t(-shift));
  else
    mpz_mul_2exp(y, y, mp_bitcnt_t(shift));
  mpz_tdiv_qr(q, r, x, y);
  uint64_t qv = mpz_get_ui(q);
  bool inexact = mpz_sgn(r) != 0;
  int qbits = qv ? 64 - __builtin_clzll(qv) : 0;
  // Bits to drop so the result has DBL_MANT_DIG bits, or fewer when the
  // result is subnormal (its exponent would go below DBL_MIN_EXP).
  int64_t extra = std::max<int64_t>(qbits, DBL_MIN_EXP - shift) - DBL_MANT_DIG;
  if (extra > 0) {
    uint64_t mask = (uint64_t(1) << extra) - 1;
    uint64_t low = qv & mask;
    uint64_t half = uint64_t(1) << (extra - 1);
    qv -= low;
    if (low > half || (low == half && (inexact || (qv & (mask + 1))))) qv += mask + 1;
  }
  double result = std::ldexp(double(qv), int(shift));
  if (std::isinf(result)) {
    PyErr_SetString(PyExc_OverflowError, "integer division result too large for a float");
    return nullptr;
  }
  return PyFloat_FromDouble(negative ? -result : result);
}

// -- Power --------------------------------------------------------------------------

PyObject* pow_nonneg(PyObject* base, PyObject* exp) {
  if (Py_SIZE(exp) == 0) return small_int(1);
  if (is_compact(base)) {
    long bv = compact_value(base);
    if (bv == 0 || bv == 1) return small_int(bv);
    if (bv == -1) {
      bool odd = as_long(exp)->ob_digit[0] & 1;
      return small_int(odd ? -1 : 1);
    }
  }
  int64_t bbits = bit_length(base);
  int overflow;
  long long e = PyLong_AsLongLongAndOverflow(exp, &overflow);
  // Results beyond what GMP (and memory) can hold: MemoryError, as CPython
  // would eventually raise after trying.
  if (overflow || (__int128)(bbits - 1) * e > ((__int128)1 << 36)) {
    PyErr_NoMemory();
    return nullptr;
  }
  if (is_medium(base) && bbits * e < 63) {
    int64_t b = medium_value(base), r = 1;
    for (long long i = 0; i < e; i++) r *= b;
    return from_int64(r);
  }
  Mpz x(base), z;
  mpz_pow_ui(z, x, (unsigned long)e);
  return from_mpz(z);
}

static PyObject* pow_mod(PyObject* base, PyObject* exp, PyObject* m) {
  if (Py_SIZE(m) == 0) {
    PyErr_SetString(PyExc_ValueError, "pow() 3rd argument cannot be 0");
    return nullptr;
  }
  Mpz b(base), e(exp), mm(m), r;
  mpz_abs(mm, mm);
  if (mpz_cmp_ui(mm, 1) == 0) return small_int(0);
  if (mpz_sgn(e) < 0) {
    // Negative exponent: raise the modular inverse instead.
    if (!mpz_invert(b, b, mm)) {
      PyErr_SetString(PyExc_ValueError, "base is not invertible for the given modulus");
      return nullptr;
    }
    mpz_neg(e, e);
  }
  mpz_powm(r, b, e, mm);
  // Python's result has the sign of the modulus.
  if (Py_SIZE(m) < 0 && mpz_sgn(r) != 0) mpz_sub(r, r, mm);
  return from_mpz(r);
}

// -- Number-protocol slots ------------------------------------------------------

#define BOTH_INTS(a, b)                           \
  if (!PyLong_Check(a) || !PyLong_Check(b)) {     \
    Py_RETURN_NOTIMPLEMENTED;                     \
  }

static PyObject* nb_add(PyObject* a, PyObject* b) {
  BOTH_INTS(a, b);
  return add(a, b);
}
static PyObject* nb_sub(PyObject* a, PyObject* b) {
  BOTH_INTS(a, b);
  return sub(a, b);
}
static PyObject* nb_mul(PyObject* a, PyObject* b) {
  BOTH_INTS(a, b);
  return mul(a, b);
}
static PyObject* nb_floordiv(PyObject* a, PyObject* b) {
  BOTH_INTS(a, b);
  return floordiv(a, b);
}
static PyObject* nb_mod(PyObject* a, PyObject* b) {
  BOTH_INTS(a, b);
  return mod(a, b);
}
static PyObject* nb_divmod(PyObject* a, PyObject* b) {
  BOTH_INTS(a, b);
  PyObject *q, *r;
  if (divmod(a, b, &q, &r) < 0) return nullptr;
  PyObject* t = PyTuple_New(2);
  if (!t) {
    Py_DECREF(q);
    Py_DECREF(r);
    return nullptr;
  }
  PyTuple_SET_ITEM(t, 0, q);
  PyTuple_SET_ITEM(t, 1, r);
  return t;
}
static PyObject* nb_true_divide(PyObject* a, PyObject* b) {
  BOTH_INTS(a, b);
  return true_divide(a, b);
}

static PyObject* nb_power(PyObject* a, PyObject* b, PyObject* c) {
  BOTH_INTS(a, b);
  if (c != Py_None) {
    if (!PyLong_Check(c)) Py_RETURN_NOTIMPLEMENTED;
    return pow_mod(a, b, c);
  }
  if (Py_SIZE(b) < 0) {
    // int ** negative int is a float operation.
    return PyFloat_Type.tp_as_number->nb_power(a, b, c);
  }
  return pow_nonneg(a, b);
}

static PyObject* nb_negative(PyObject* a) { return neg(a); }
static PyObject* nb_positive(PyObject* a) {
  if (PyLong_CheckExact(a)) return Py_NewRef(a);
  return _PyLong_Copy(as_long(a));
}
static PyObject* nb_absolute(PyObject* a) { return abs(a); }
static int nb_bool(PyObject* a) { return Py_SIZE(a) != 0; }
static PyObject* nb_invert(PyObject* a) {
  if (is_medium(a)) return from_int64(~medium_value(a));
  // ~a == -(a + 1)
  Ref<> t = steal(add(a, small_int(1)));
  if (!t) return nullptr;
  return neg(t.get());
}

// Reads a shift count; -1 + error for negative counts; huge counts give
// INT64_MAX (every shift that large either overflows or saturates).
static int64_t shift_count(PyObject* b) {
  if (Py_SIZE(b) < 0) {
    PyErr_SetString(PyExc_ValueError, "negative shift count");
    return -1;
  }
  int overflow;
  long long n = PyLong_AsLongLongAndOverflow(b, &overflow);
  return overflow ? INT64_MAX : n;
}

static PyObject* nb_lshift(PyObject* a, PyObject* b) {
  BOTH_INTS(a, b);
  int64_t n = shift_count(b);
  if (n < 0) return nullptr;
  if (Py_SIZE(a) == 0) return small_int(0);
  if (n == INT64_MAX) {
    PyErr_SetString(PyExc_OverflowError, "too many digits in integer");
    return nullptr;
  }
  return lshift(a, n);
}

static PyObject* nb_rshift(PyObject* a, PyObject* b) {
  BOTH_INTS(a, b);
  int64_t n = shift_count(b);
  if (n < 0) return nullptr;
  return rshift(a, n);
}

template <int Op>
static PyObject* bitwise(PyObject* a, PyObject* b) {
  BOTH_INTS(a, b);
  if (is_medium(a) && is_medium(b)) {
    int64_t x = medium_value(a), y = medium_value(b);
    return from_int64(Op == '&' ? (x & y) : Op == '|' ? (x | y) : (x ^ y));
  }
  // GMP's logical operations behave as on infinite two's complement.
  Mpz x(a), y(b), z;
  if (Op == '&')
    mpz_and(z, x, y);
  else if (Op == '|')
    mpz_ior(z, x, y);
  else
    mpz_xor(z, x, y);
  return from_mpz(z);
}

PyObject* nb_and(PyObject* a, PyObject* b) { return bitwise<'&'>(a, b); }
PyObject* nb_or(PyObject* a, PyObject* b) { return bitwise<'|'>(a, b); }
PyObject* nb_xor(PyObject* a, PyObject* b) { return bitwise<'^'>(a, b); }

static PyObject* nb_int(PyObject* a) {
  if (PyLong_CheckExact(a)) return Py_NewRef(a);
  return _PyLong_Copy(as_long(a));
}

static PyObject* nb_float(PyObject* a) {
  double d = to_double(a);
  if (d == -1.0 && PyErr_Occurred()) return nullptr;
  return PyFloat_FromDouble(d);
}

PyObject* richcompare(PyObject* a, PyObject* b, int op) {
  BOTH_INTS(a, b);
  int c = a == b ? 0 : compare(a, b);
  Py_RETURN_RICHCOMPARE(c, 0, op);
}

PyNumberMethods number_methods = {
    .nb_add = nb_add,
    .nb_subtract = nb_sub,
    .nb_multiply = nb_mul,
    .nb_remainder = nb_mod,
    .nb_divmod = nb_divmod,
    .nb_power = nb_power,
    .nb_negative = nb_negative,
    .nb_positive = nb_positive,
    .nb_absolute = nb_absolute,
    .nb_bool = nb_bool,
    .nb_invert = nb_invert,
    .nb_lshift = nb_lshift,
    .nb_rshift = nb_rshift,
    .nb_and = nb_and,
    .nb_xor = nb_xor,
    .nb_or = nb_or,
    .nb_int = nb_int,
    .nb_float = nb_float,
    .nb_floor_divide = nb_floordiv,
    .nb_true_divide = nb_true_divide,
    .nb_index = nb_int,
};


}  // namespace krait::longs

using namespace krait;
using namespace krait::longs;

extern "C" {

PyObject* _PyLong_Lshift(PyObject* a, size_t n) {
  if (Py_SIZE(a) == 0) return small_int(0);
  if (n > size_t(INT64_MAX)) {
    PyErr_SetString(PyExc_OverflowError, "too many digits in integer");
    return nullptr;
  }
  return lshift(a, int64_t(n));
}

PyObject* _PyLong_Rshift(PyObject* a, size_t n) {
  return rshift(a, n > size_t(INT64_MAX) ? INT64_MAX : int64_t(n));
}

PyObject* _PyLong_GCD(PyObject* a, PyObject* b) {
  if (is_medium(a) && is_medium(b)) {
    uint64_t x = uint64_t(std::abs(medium_value(a))), y = uint64_t(std::abs(medium_value(b)));
    while (y) {
      uint64_t t = x % y;
      x = y;
      y = t;
    }
    return from_uint64(x);
  }
  Mpz x(a), y(b), z;
  mpz_gcd(z, x, y);
  return from_mpz(z);
}

PyObject* _PyLong_DivmodNear(PyObject* a, PyObject* b) {
  if (!PyLong_Check(a) || !PyLong_Check(b)) {
    PyErr_SetString(PyExc_TypeError, "non-integer arguments in division");
    return nullptr;
  }
  // q, r = divmod(a, b); round q to nearest (ties to even) using 2r vs b.
  PyObject *q, *r;
  if (divmod(a, b, &q, &r) < 0) return nullptr;
  Ref<> qr = steal(q), rr = steal(r);
  Ref<> twice = steal(lshift(r, 1));
  if (!twice) return nullptr;
  // Compare |2r| against |b|, accounting for sign: floor division leaves r
  // with b's sign, so 2r and b share signs.
  int c = compare(twice.get(), b);
  if (Py_SIZE(b) < 0) c = -c;
  bool q_odd = Py_SIZE(q) != 0 && (as_long(q)->ob_digit[0] & 1);
  if (c > 0 || (c == 0 && q_odd)) {
    qr = steal(add(q, small_int(1)));
    if (!qr) return nullptr;
    rr = steal(sub(r, b));
    if (!rr) return nullptr;
  }
  return PyTuple_Pack(2, qr.get(), rr.get());
}

}  // extern "C"
