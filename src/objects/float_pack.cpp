// PyFloat_Pack2/4/8 and PyFloat_Unpack2/4/8 (cpython/floatobject.h, public
// in 3.11): IEEE 754 binary16/32/64 in either byte order, as used by struct,
// array and pickle. Overflow messages are CPython's ("float too large to
// pack with e/f format").
#include <Python.h>

#include <cmath>
#include <cstdint>
#include <cstring>

namespace {

void store(const void* src, char* p, int size, int le) {
  // The host is little-endian (x86-64).
  const char* s = static_cast<const char*>(src);
  for (int i = 0; i < size; i++) p[i] = le ? s[i] : s[size - 1 - i];
}

void load(const char* p, void* dst, int size, int le) {
  char* d = static_cast<char*>(dst);
  for (int i = 0; i < size; i++) d[i] = le ? p[i] : p[size - 1 - i];
}

}  // namespace

extern "C" {

int PyFloat_Pack2(double x, char* p, int le) {
  // binary16: 1 sign bit, 5 exponent bits (bias 15), 10 fraction bits;
  // round half to even.
  uint16_t bits;
  uint16_t sign = std::signbit(x) ? 0x8000 : 0;
  if (std::isnan(x)) {
    bits = sign | 0x7e00;
  } else if (std::isinf(x)) {
    bits = sign | 0x7c00;
  } else {
    double a = std::fabs(x);
    if (a == 0.0) {
      bits = sign;
    } else {
      int e;
      double f = std::frexp(a, &e);  // a = f * 2**e, 0.5 <= f < 1
      if (e > 16) goto overflow;
      if (e < -13) {
        // Subnormal (or zero after rounding): units of 2**-24.
        double scaled = std::ldexp(a, 24);
        double r = std::nearbyint(scaled);  // default rounding: half to even
        bits = sign | uint16_t(r);          // r <= 1024 carries into the exponent
      } else {
        // Normal: 11 significant bits.
        double m = std::ldexp(f, 11);  // [1024, 2048)
        double r = std::nearbyint(m);
        int exp = e - 1 + 15;
        if (r == 2048.0) {
          r = 1024.0;
          exp++;
        }
        if (exp >= 31) goto overflow;
        bits = sign | uint16_t(exp << 10) | (uint16_t(r) & 0x3ff);
      }
    }
  }
  store(&bits, p, 2, le);
  return 0;
overflow:
  PyErr_SetString(PyExc_OverflowError, "float too large to pack with e format");
  return -1;
}

int PyFloat_Pack4(double x, char* p, int le) {
  float y = float(x);
  if (std::isinf(y) && !std::isinf(x)) {
    PyErr_SetString(PyExc_OverflowError, "float too large to pack with f format");
    return -1;
  }
  store(&y, p, 4, le);
  return 0;
}

int PyFloat_Pack8(double x, char* p, int le) {
  store(&x, p, 8, le);
  return 0;
}

double PyFloat_Unpack2(const char* p, int le) {
  uint16_t bits;
  load(p, &bits, 2, le);
  int sign = bits >> 15;
  int exp = (bits >> 10) & 0x1f;
  int frac = bits & 0x3ff;
  double r;
  if (exp == 0x1f)
    r = frac ? std::nan("") : HUGE_VAL;
  else if (exp == 0)
    r = std::ldexp(double(frac), -24);
  else
    r = std::ldexp(double(frac | 0x400), exp - 25);
  return sign ? -r : r;
}

double PyFloat_Unpack4(const char* p, int le) {
  float y;
  load(p, &y, 4, le);
  return y;
}

double PyFloat_Unpack8(const char* p, int le) {
  double x;
  load(p, &x, 8, le);
  return x;
}

}  // extern "C"
