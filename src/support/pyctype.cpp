// The locale-independent ASCII character classes of pyctype.h
// (Py_ISDIGIT, Py_ISSPACE, Py_TOLOWER, ... are header macros over these tables).
#include <Python.h>

#include <array>

namespace {

constexpr unsigned int ascii_class(int c) {
  unsigned int f = 0;
  if (c >= 'a' && c <= 'z') f |= PY_CTF_LOWER;
  if (c >= 'A' && c <= 'Z') f |= PY_CTF_UPPER;
  if (c >= '0' && c <= '9') f |= PY_CTF_DIGIT;
  if (c == ' ' || (c >= '\t' && c <= '\r')) f |= PY_CTF_SPACE;
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) f |= PY_CTF_XDIGIT;
  return f;
}

template <class T, class F>
constexpr std::array<T, 256> make_table(F f) {
  std::array<T, 256> t{};
  for (int i = 0; i < 256; i++) t[i] = f(i);
  return t;
}

constexpr auto kClass = make_table<unsigned int>(ascii_class);
constexpr auto kLower = make_table<unsigned char>(
    [](int c) { return static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
constexpr auto kUpper = make_table<unsigned char>(
    [](int c) { return static_cast<unsigned char>(c >= 'a' && c <= 'z' ? c - 32 : c); });

}  // namespace

extern "C" {
const unsigned int _Py_ctype_table[256] = {
#define R(i) kClass[i], kClass[i + 1], kClass[i + 2], kClass[i + 3]
#define R16(i) R(i), R(i + 4), R(i + 8), R(i + 12)
    R16(0), R16(16), R16(32), R16(48), R16(64), R16(80), R16(96), R16(112),
    R16(128), R16(144), R16(160), R16(176), R16(192), R16(208), R16(224), R16(240)
#undef R
#undef R16
};
const unsigned char _Py_ctype_tolower[256] = {
#define R(i) kLower[i], kLower[i + 1], kLower[i + 2], kLower[i + 3]
#define R16(i) R(i), R(i + 4), R(i + 8), R(i + 12)
    R16(0), R16(16), R16(32), R16(48), R16(64), R16(80), R16(96), R16(112),
    R16(128), R16(144), R16(160), R16(176), R16(192), R16(208), R16(224), R16(240)
#undef R
#undef R16
};
const unsigned char _Py_ctype_toupper[256] = {
#define R(i) kUpper[i], kUpper[i + 1], kUpper[i + 2], kUpper[i + 3]
#define R16(i) R(i), R(i + 4), R(i + 8), R(i + 12)
    R16(0), R16(16), R16(32), R16(48), R16(64), R16(80), R16(96), R16(112),
    R16(128), R16(144), R16(160), R16(176), R16(192), R16(208), R16(224), R16(240)
#undef R
#undef R16
};
}
