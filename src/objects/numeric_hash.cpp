// Numeric hashing shared by int, float, complex (and later Fraction and
// Decimal, which call _Py_HashDouble / follow the same rule): a number's
// hash is its value reduced modulo the Mersenne prime P = 2**61 - 1, so
// equal numbers of different types hash alike (hash(1) == hash(1.0)).
// ±inf hash to ±314159; a NaN hashes by identity (3.11 semantics).
#include <Python.h>

#include <cmath>

extern "C" Py_hash_t _Py_HashDouble(PyObject* inst, double v) {
  if (!std::isfinite(v)) {
    if (std::isinf(v)) return v > 0 ? _PyHASH_INF : -_PyHASH_INF;
    return _Py_HashPointer(inst);
  }
  int e;
  double m = std::frexp(v, &e);  // v = m * 2**e, 0.5 <= |m| < 1
  int sign = 1;
  if (m < 0) {
    sign = -1;
    m = -m;
  }
  // Consume the mantissa 28 bits at a time: x = x * 2**28 + chunk (mod P),
  // where multiplying by a power of two modulo a Mersenne prime is a
  // rotation of the 61-bit value.
  Py_uhash_t x = 0;
  while (m != 0.0) {
    x = ((x << 28) & _PyHASH_MODULUS) | x >> (_PyHASH_BITS - 28);
    m *= 268435456.0;  // 2**28
    e -= 28;
    Py_uhash_t chunk = Py_uhash_t(m);
    m -= double(chunk);
    x += chunk;
    if (x >= _PyHASH_MODULUS) x -= _PyHASH_MODULUS;
  }
  // Multiply by 2**e: reduce e modulo 61 (2**61 == 1 mod P) and rotate.
  e = e >= 0 ? e % _PyHASH_BITS : _PyHASH_BITS - 1 - ((-1 - e) % _PyHASH_BITS);
  x = ((x << e) & _PyHASH_MODULUS) | x >> (_PyHASH_BITS - e);
  x = x * Py_uhash_t(sign);
  if (x == Py_uhash_t(-1)) x = Py_uhash_t(-2);
  return Py_hash_t(x);
}
