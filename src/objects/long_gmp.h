// Bridging PyLongObject digit arrays and GMP integers.
//
// DESIGN.md §6: multiplication, division, power and decimal conversion switch
// to GMP above a size threshold. GMP can read and write our representation
// directly: mpz_import/mpz_export with 4-byte words and 2 "nail" bits take the
// 30-bit digits as they are, least significant first, in O(n).
#pragma once
#include <Python.h>
#include <gmp.h>

#include "objects/long_object.h"

namespace krait::longs {

// An mpz_t with RAII lifetime.
class Mpz {
 public:
  Mpz() { mpz_init(z_); }
  explicit Mpz(PyObject* v) {
    mpz_init(z_);
    set(v);
  }
  ~Mpz() { mpz_clear(z_); }
  Mpz(const Mpz&) = delete;
  Mpz& operator=(const Mpz&) = delete;

  void set(PyObject* v) {
    const PyLongObject* l = as_long(v);
    Py_ssize_t n = ndigits(l);
    mpz_import(z_, size_t(n), -1, sizeof(digit), 0, 8 * sizeof(digit) - PyLong_SHIFT,
               l->ob_digit);
    if (Py_SIZE(v) < 0) mpz_neg(z_, z_);
  }
  mpz_ptr get() { return z_; }
  // Lets GMP's function-like macros (mpz_sgn, ...) take an Mpz.
  mpz_ptr operator->() { return z_; }
  operator mpz_ptr() { return z_; }

 private:
  mpz_t z_;
};

// A new int with z's value; NULL + MemoryError/OverflowError when too large.
inline PyObject* from_mpz(mpz_srcptr z) {
  int sgn = mpz_sgn(z);
  if (sgn == 0) return small_int(0);
  size_t bits = mpz_sizeinbase(z, 2);
  Py_ssize_t n = Py_ssize_t((bits + PyLong_SHIFT - 1) / PyLong_SHIFT);
  if (n <= 2) {
    // Cheap: fits in int64; avoids an allocation for small results.
    uint64_t mag = mpz_getlimbn(z, 0);
    return from_int64(sgn < 0 ? -int64_t(mag) : int64_t(mag));
  }
  PyLongObject* r = alloc(n);
  if (!r) return nullptr;
  size_t count = 0;
  mpz_export(r->ob_digit, &count, -1, sizeof(digit), 0, 8 * sizeof(digit) - PyLong_SHIFT, z);
  Py_SET_SIZE(r, sgn < 0 ? -Py_ssize_t(count) : Py_ssize_t(count));
  return normalize(r);
}

}  // namespace krait::longs
