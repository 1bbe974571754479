// Internal interface of Krait's float implementation (PyFloatObject).
//
//   float_object.cpp   allocation (free list), arithmetic, the type, C API
//   float_format.cpp   repr, PyOS_double_to_string, __format__, hex/fromhex
//   float_parse.cpp    float(str), PyOS_string_to_double, underscores
#pragma once
#include <Python.h>

#include <string>

#include "objects/format_spec.h"

namespace krait::floats {

// Freed exact floats are kept on a singly linked list threaded through
// ob_type (CPython does the same); 100 entries cover typical loops. Inline
// here so the interpreter's float arithmetic allocates without a call.
struct FloatFreeList {
  PyFloatObject* head;
  int count;
};
extern FloatFreeList g_float_free;
inline constexpr int kFloatFreeMax = 100;

PyObject* from_double_slow(double v);
// PyFloat_FromDouble.
inline PyObject* from_double(double v) {
  PyFloatObject* op = g_float_free.head;
  if (!op) return from_double_slow(v);
  g_float_free.head = reinterpret_cast<PyFloatObject*>(Py_TYPE(op));
  g_float_free.count--;
  Py_SET_TYPE(op, &PyFloat_Type);  // static type: no reference to take
#ifdef Py_REF_DEBUG
  _Py_NewReference(reinterpret_cast<PyObject*>(op));
#else
  Py_SET_REFCNT(op, 1);
#endif
  op->ob_fval = v;
  return reinterpret_cast<PyObject*>(op);
}

// Digits of a finite non-negative double: value = 0.DIGITS * 10**decpt,
// without leading or trailing zeros (zero is "0" with decpt 1).
//   mode 0: shortest round-trip; mode 2: `ndigits` significant digits;
//   mode 3: `ndigits` digits after the decimal point (correctly rounded).
void digits(double v, int mode, int ndigits, std::string* out, int* decpt);

// float.__format__ for a double (also used by int for e/f/g/%).
PyObject* format(double v, const format::Spec& spec, PyObject* obj);

// repr of a double ('r' with ".0" for integers), as a new str.
PyObject* repr_of(double v);

// Formats per PyOS_double_to_string into a std::string (no allocation of
// Python objects); code is one of e E f F g G r.
std::string to_string(double v, char code, int precision, int flags, int* type = nullptr);

// Parses a float literal of [s, s+len) (no surrounding whitespace, no
// underscores): decimal, inf/infinity/nan (any case), with optional sign.
// Returns false if the text is not a float literal; *end gets the stop point.
bool parse_literal(const char* s, const char* end, double* out, const char** stop);

// float ** for two doubles with CPython's error rules; NULL + error.
PyObject* power(double iv, double iw);

}  // namespace krait::floats
