// cmath_special.h — the C99 Annex G special-value tables of the `cmath`
// functions: for an argument with a non-finite part, the result is looked up
// by the classes of its real part (row) and imaginary part (column). Classes
// in order: -inf, negative finite, -0.0, +0.0, positive finite, +inf, nan.
// Cells for finite arguments are never read (kUnused marks them).
#pragma once
#include <Python.h>

#include <cmath>
#include <limits>
#include <numbers>

namespace krait::cmath {

enum Class { kNegInf, kNeg, kNegZero, kPosZero, kPos, kPosInf, kNaN };

inline Class classify(double d) {
  if (std::isnan(d)) return kNaN;
  bool neg = std::signbit(d);
  if (std::isinf(d)) return neg ? kNegInf : kPosInf;
  if (d == 0.0) return neg ? kNegZero : kPosZero;
  return neg ? kNeg : kPos;
}

using Table = Py_complex[7][7];

namespace sv {
constexpr double P = std::numbers::pi;
constexpr double P14 = 0.25 * std::numbers::pi;
constexpr double P12 = 0.5 * std::numbers::pi;
constexpr double P34 = 0.75 * std::numbers::pi;
constexpr double I = std::numeric_limits<double>::infinity();
constexpr double N = std::numeric_limits<double>::quiet_NaN();
constexpr Py_complex X = {0.0, 0.0};  // unused: finite argument
}  // namespace sv

// Table values follow C99 Annex G (CPython uses the same ones).
inline const Table& acos_table() {
  using namespace sv;
  static const Table t = {
      {{P34, I}, {P, I}, {P, I}, {P, -I}, {P, -I}, {P34, -I}, {N, I}},
      {{P12, I}, X, X, X, X, {P12, -I}, {N, N}},
      {{P12, I}, X, {P12, 0.}, {P12, -0.}, X, {P12, -I}, {P12, N}},
      {{P12, I}, X, {P12, 0.}, {P12, -0.}, X, {P12, -I}, {P12, N}},
      {{P12, I}, X, X, X, X, {P12, -I}, {N, N}},
      {{P14, I}, {0., I}, {0., I}, {0., -I}, {0., -I}, {P14, -I}, {N, I}},
      {{N, I}, {N, N}, {N, N}, {N, N}, {N, N}, {N, -I}, {N, N}},
  };
  return t;
}

inline const Table& acosh_table() {
  using namespace sv;
  static const Table t = {
      {{I, -P34}, {I, -P}, {I, -P}, {I, P}, {I, P}, {I, P34}, {I, N}},
      {{I, -P12}, X, X, X, X, {I, P12}, {N, N}},
      {{I, -P12}, X, {0., -P12}, {0., P12}, X, {I, P12}, {N, N}},
      {{I, -P12}, X, {0., -P12}, {0., P12}, X, {I, P12}, {N, N}},
      {{I, -P12}, X, X, X, X, {I, P12}, {N, N}},
      {{I, -P14}, {I, -0.}, {I, -0.}, {I, 0.}, {I, 0.}, {I, P14}, {I, N}},
      {{I, N}, {N, N}, {N, N}, {N, N}, {N, N}, {I, N}, {N, N}},
  };
  return t;
}

inline const Table& asinh_table() {
  using namespace sv;
  static const Table t = {
      {{-I, -P14}, {-I, -0.}, {-I, -0.}, {-I, 0.}, {-I, 0.}, {-I, P14}, {-I, N}},
      {{-I, -P12}, X, X, X, X, {-I, P12}, {N, N}},
      {{-I, -P12}, X, {-0., -0.}, {-0., 0.}, X, {-I, P12}, {N, N}},
      {{I, -P12}, X, {0., -0.}, {0., 0.}, X, {I, P12}, {N, N}},
      {{I, -P12}, X, X, X, X, {I, P12}, {N, N}},
      {{I, -P14}, {I, -0.}, {I, -0.}, {I, 0.}, {I, 0.}, {I, P14}, {I, N}},
      {{I, N}, {N, N}, {N, -0.}, {N, 0.}, {N, N}, {I, N}, {N, N}},
  };
  return t;
}

inline const Table& atanh_table() {
  using namespace sv;
  static const Table t = {
      {{-0., -P12}, {-0., -P12}, {-0., -P12}, {-0., P12}, {-0., P12}, {-0., P12}, {-0., N}},
      {{-0., -P12}, X, X, X, X, {-0., P12}, {N, N}},
      {{-0., -P12}, X, {-0., -0.}, {-0., 0.}, X, {-0., P12}, {-0., N}},
      {{0., -P12}, X, {0., -0.}, {0., 0.}, X, {0., P12}, {0., N}},
      {{0., -P12}, X, X, X, X, {0., P12}, {N, N}},
      {{0., -P12}, {0., -P12}, {0., -P12}, {0., P12}, {0., P12}, {0., P12}, {0., N}},
      {{0., -P12}, {N, N}, {N, N}, {N, N}, {N, N}, {0., P12}, {N, N}},
  };
  return t;
}

inline const Table& cosh_table() {
  using namespace sv;
  static const Table t = {
      {{I, N}, X, {I, 0.}, {I, -0.}, X, {I, N}, {I, N}},
      {{N, N}, X, X, X, X, {N, N}, {N, N}},
      {{N, 0.}, X, {1., 0.}, {1., -0.}, X, {N, 0.}, {N, 0.}},
      {{N, 0.}, X, {1., -0.}, {1., 0.}, X, {N, 0.}, {N, 0.}},
      {{N, N}, X, X, X, X, {N, N}, {N, N}},
      {{I, N}, X, {I, -0.}, {I, 0.}, X, {I, N}, {I, N}},
      {{N, N}, {N, N}, {N, 0.}, {N, 0.}, {N, N}, {N, N}, {N, N}},
  };
  return t;
}

inline const Table& exp_table() {
  using namespace sv;
  static const Table t = {
      {{0., 0.}, X, {0., -0.}, {0., 0.}, X, {0., 0.}, {0., 0.}},
      {{N, N}, X, X, X, X, {N, N}, {N, N}},
      {{N, N}, X, {1., -0.}, {1., 0.}, X, {N, N}, {N, N}},
      {{N, N}, X, {1., -0.}, {1., 0.}, X, {N, N}, {N, N}},
      {{N, N}, X, X, X, X, {N, N}, {N, N}},
      {{I, N}, X, {I, -0.}, {I, 0.}, X, {I, N}, {I, N}},
      {{N, N}, {N, N}, {N, -0.}, {N, 0.}, {N, N}, {N, N}, {N, N}},
  };
  return t;
}

inline const Table& log_table() {
  using namespace sv;
  static const Table t = {
      {{I, -P34}, {I, -P}, {I, -P}, {I, P}, {I, P}, {I, P34}, {I, N}},
      {{I, -P12}, X, X, X, X, {I, P12}, {N, N}},
      {{I, -P12}, X, {-I, -P}, {-I, P}, X, {I, P12}, {N, N}},
      {{I, -P12}, X, {-I, -0.}, {-I, 0.}, X, {I, P12}, {N, N}},
      {{I, -P12}, X, X, X, X, {I, P12}, {N, N}},
      {{I, -P14}, {I, -0.}, {I, -0.}, {I, 0.}, {I, 0.}, {I, P14}, {I, N}},
      {{I, N}, {N, N}, {N, N}, {N, N}, {N, N}, {I, N}, {N, N}},
  };
  return t;
}

inline const Table& sinh_table() {
  using namespace sv;
  static const Table t = {
      {{I, N}, X, {-I, -0.}, {-I, 0.}, X, {I, N}, {I, N}},
      {{N, N}, X, X, X, X, {N, N}, {N, N}},
      {{0., N}, X, {-0., -0.}, {-0., 0.}, X, {0., N}, {0., N}},
      {{0., N}, X, {0., -0.}, {0., 0.}, X, {0., N}, {0., N}},
      {{N, N}, X, X, X, X, {N, N}, {N, N}},
      {{I, N}, X, {I, -0.}, {I, 0.}, X, {I, N}, {I, N}},
      {{N, N}, {N, N}, {N, -0.}, {N, 0.}, {N, N}, {N, N}, {N, N}},
  };
  return t;
}

inline const Table& sqrt_table() {
  using namespace sv;
  static const Table t = {
      {{I, -I}, {0., -I}, {0., -I}, {0., I}, {0., I}, {I, I}, {N, I}},
      {{I, -I}, X, X, X, X, {I, I}, {N, N}},
      {{I, -I}, X, {0., -0.}, {0., 0.}, X, {I, I}, {N, N}},
      {{I, -I}, X, {0., -0.}, {0., 0.}, X, {I, I}, {N, N}},
      {{I, -I}, X, X, X, X, {I, I}, {N, N}},
      {{I, -I}, {I, -0.}, {I, -0.}, {I, 0.}, {I, 0.}, {I, I}, {I, N}},
      {{I, -I}, {N, N}, {N, N}, {N, N}, {N, N}, {I, I}, {N, N}},
  };
  return t;
}

inline const Table& tanh_table() {
  using namespace sv;
  static const Table t = {
      {{-1., 0.}, X, {-1., -0.}, {-1., 0.}, X, {-1., 0.}, {-1., 0.}},
      {{N, N}, X, X, X, X, {N, N}, {N, N}},
      {{N, N}, X, {-0., -0.}, {-0., 0.}, X, {N, N}, {N, N}},
      {{N, N}, X, {0., -0.}, {0., 0.}, X, {N, N}, {N, N}},
      {{N, N}, X, X, X, X, {N, N}, {N, N}},
      {{1., 0.}, X, {1., -0.}, {1., 0.}, X, {1., 0.}, {1., 0.}},
      {{N, N}, {N, N}, {N, -0.}, {N, 0.}, {N, N}, {N, N}, {N, N}},
  };
  return t;
}

inline const Table& rect_table() {
  using namespace sv;
  static const Table t = {
      {{I, N}, X, {-I, 0.}, {-I, -0.}, X, {I, N}, {I, N}},
      {{N, N}, X, X, X, X, {N, N}, {N, N}},
      {{0., 0.}, X, {-0., 0.}, {-0., -0.}, X, {0., 0.}, {0., 0.}},
      {{0., 0.}, X, {0., -0.}, {0., 0.}, X, {0., 0.}, {0., 0.}},
      {{N, N}, X, X, X, X, {N, N}, {N, N}},
      {{I, N}, X, {I, -0.}, {I, 0.}, X, {I, N}, {I, N}},
      {{N, N}, {N, N}, {N, 0.}, {N, 0.}, {N, N}, {N, N}, {N, N}},
  };
  return t;
}

inline Py_complex lookup(const Table& t, Py_complex z) {
  return t[classify(z.real)][classify(z.imag)];
}

}  // namespace krait::cmath
