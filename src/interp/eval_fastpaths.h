// eval_fastpaths.h — type-specific fast paths of the interpreter's operator
// and subscript instructions.
//
// Each helper handles the common exact-builtin-type case (int, float, list,
// tuple, dict) inline and returns "not handled" otherwise, so the caller
// falls back to the generic protocol (PyNumber_*, PyObject_RichCompare,
// PyObject_GetItem) — which is also what raises every error, so messages and
// exception types stay CPython's. Only exact types qualify: a subclass may
// override the operator.
#pragma once
#include <Python.h>

#include <cmath>
#include <cstring>

#include "bytecode/opcodes.h"
#include "objects/float_object.h"
#include "objects/long_object.h"
#include "objects/type_internal.h"

namespace krait::interp {

// An exact int or float as a double, when the conversion is exact (ints up
// to 2**53 in magnitude: then float arithmetic on it is what CPython does).
inline bool exact_double(PyObject* v, double* out) {
  if (Py_IS_TYPE(v, &PyFloat_Type)) {
    *out = PyFloat_AS_DOUBLE(v);
    return true;
  }
  if (Py_IS_TYPE(v, &PyLong_Type) && longs::is_medium(v)) {
    int64_t i = longs::medium_value(v);
    if (i > (int64_t(1) << 53) || i < -(int64_t(1) << 53)) return false;
    *out = static_cast<double>(i);
    return true;
  }
  return false;
}

inline PyObject* float_op_fast(uint32_t op, double a, double b) {
  using bytecode::BinaryOp;
  switch (static_cast<BinaryOp>(op)) {
    case BinaryOp::Add: return PyFloat_FromDouble(a + b);
    case BinaryOp::Subtract: return PyFloat_FromDouble(a - b);
    case BinaryOp::Multiply: return PyFloat_FromDouble(a * b);
    case BinaryOp::TrueDivide:
      if (b == 0.0) return nullptr;
      return PyFloat_FromDouble(a / b);
    default: return nullptr;
  }
}

// bool(v) for the conditional jumps: the common operand types without a call.
inline int truth_value(PyObject* v) {
  if (v == Py_True) return 1;
  if (v == Py_False || v == Py_None) return 0;
  PyTypeObject* t = Py_TYPE(v);
  if (t == &PyLong_Type) return Py_SIZE(v) != 0;
  if (t == &PyList_Type || t == &PyTuple_Type) return Py_SIZE(v) != 0;
  if (t == &PyUnicode_Type) return PyUnicode_GET_LENGTH(v) != 0;
  return PyObject_IsTrue(v);
}

// a op b for exact ints/floats; NULL without an exception when not handled.
// Errors (ZeroDivisionError, MemoryError) are left to the generic path.
inline PyObject* binary_op_fast(uint32_t op, PyObject* l, PyObject* r) {
  using bytecode::BinaryOp;
  if (op >= static_cast<uint32_t>(bytecode::kInplaceOffset)) op -= bytecode::kInplaceOffset;  // immutable operands
  PyTypeObject* lt = Py_TYPE(l);
  if (lt != Py_TYPE(r)) {
    // int with float (either side): the int converts exactly, as in float's own slots.
    double a, b;
    if ((lt == &PyFloat_Type || lt == &PyLong_Type) && exact_double(l, &a) && exact_double(r, &b))
      return float_op_fast(op, a, b);
    return nullptr;
  }
  if (lt == &PyLong_Type) {
    if (!longs::is_medium(l) || !longs::is_medium(r)) {
      switch (static_cast<BinaryOp>(op)) {
        case BinaryOp::Add: return longs::add(l, r);
        case BinaryOp::Subtract: return longs::sub(l, r);
        case BinaryOp::Multiply: return longs::mul(l, r);
        default: return nullptr;
      }
    }
    int64_t a = longs::medium_value(l), b = longs::medium_value(r);  // |a|, |b| < 2**60
    switch (static_cast<BinaryOp>(op)) {
      case BinaryOp::Add: return longs::from_int64(a + b);
      case BinaryOp::Subtract: return longs::from_int64(a - b);
      case BinaryOp::Multiply: {
        __int128 p = static_cast<__int128>(a) * b;
        if (p >= INT64_MIN && p <= INT64_MAX) return longs::from_int64(static_cast<int64_t>(p));
        return longs::mul(l, r);
      }
      case BinaryOp::TrueDivide: {
        // Both exactly representable: one correctly rounded division, as int's true divide does.
        double da, db;
        if (b == 0 || !exact_double(l, &da) || !exact_double(r, &db)) return nullptr;
        return PyFloat_FromDouble(da / db);
      }
      case BinaryOp::And: return longs::from_int64(a & b);
      case BinaryOp::Or: return longs::from_int64(a | b);
      case BinaryOp::Xor: return longs::from_int64(a ^ b);
      case BinaryOp::FloorDivide:
      case BinaryOp::Remainder: {
        if (b == 0) return nullptr;
        int64_t q = a / b, m = a % b;
        if (m != 0 && ((m < 0) != (b < 0))) {
          q -= 1;
          m += b;
        }
        return longs::from_int64(static_cast<BinaryOp>(op) == BinaryOp::FloorDivide ? q : m);
      }
      case BinaryOp::Rshift:
        if (b < 0) return nullptr;
        return longs::from_int64(b >= 63 ? (a < 0 ? -1 : 0) : (a >> b));
      case BinaryOp::Lshift:
        if (b < 0 || b > 2) return nullptr;  // stays within int64 for |a| < 2**60
        return longs::from_int64(a * (int64_t(1) << b));
      default: return nullptr;
    }
  }
  if (lt == &PyFloat_Type) return float_op_fast(op, PyFloat_AS_DOUBLE(l), PyFloat_AS_DOUBLE(r));
  return nullptr;
}

// a op b for two one-digit ints (|a|, |b| < 2**30, so + - * & | ^ >> fit an
// int64 exactly); NULL (no exception) for the other operators and for a
// negative shift, which take the general path.
inline PyObject* compact_int_op(uint32_t op, int64_t a, int64_t b) {
  using bytecode::BinaryOp;
  if (op >= static_cast<uint32_t>(bytecode::kInplaceOffset)) op -= bytecode::kInplaceOffset;  // immutable operands
  switch (static_cast<BinaryOp>(op)) {
    case BinaryOp::Add: return longs::from_int64(a + b);
    case BinaryOp::Subtract: return longs::from_int64(a - b);
    case BinaryOp::Multiply: return longs::from_int64(a * b);
    case BinaryOp::And: return longs::from_int64(a & b);
    case BinaryOp::Or: return longs::from_int64(a | b);
    case BinaryOp::Xor: return longs::from_int64(a ^ b);
    case BinaryOp::Rshift: return b < 0 ? nullptr : longs::from_int64(b >= 63 ? (a < 0 ? -1 : 0) : (a >> b));
    default: return nullptr;
  }
}

// Py_DECREF for arithmetic operands: a dying exact int or float goes straight
// back to its free list, without the call through tp_dealloc.
inline void decref_number(PyObject* o) {
#ifdef Py_REF_DEBUG
  Py_DECREF(o);
#else
  if (--o->ob_refcnt != 0) return;
  PyTypeObject* t = Py_TYPE(o);
  if (t == &PyFloat_Type && floats::g_float_free.count < floats::kFloatFreeMax) {
    Py_SET_TYPE(o, reinterpret_cast<PyTypeObject*>(floats::g_float_free.head));
    floats::g_float_free.head = reinterpret_cast<PyFloatObject*>(o);
    floats::g_float_free.count++;
    return;
  }
  if (t == &PyLong_Type && longs::free_list_push(o)) return;
  _Py_Dealloc(o);
#endif
}

// a op b for two exact floats, for + - * and / by nonzero (what float's own
// slots compute); NULL (no exception) for everything else.
inline PyObject* float_pair_op(uint32_t op, double a, double b) {
  using bytecode::BinaryOp;
  if (op >= static_cast<uint32_t>(bytecode::kInplaceOffset)) op -= bytecode::kInplaceOffset;
  switch (static_cast<BinaryOp>(op)) {
    case BinaryOp::Add: return floats::from_double(a + b);
    case BinaryOp::Subtract: return floats::from_double(a - b);
    case BinaryOp::Multiply: return floats::from_double(a * b);
    case BinaryOp::TrueDivide: return b == 0.0 ? nullptr : floats::from_double(a / b);
    default: return nullptr;
  }
}

// COMPARE_OP's operand applied to two machine integers: 0 or 1.
inline int compare_ints(int op, int64_t a, int64_t b) {
  switch (op) {
    case Py_LT: return a < b;
    case Py_LE: return a <= b;
    case Py_EQ: return a == b;
    case Py_NE: return a != b;
    case Py_GT: return a > b;
    default: return a >= b;
  }
}

// Rich comparison of exact ints/floats (and identical-type strs for == and
// !=): 0 or 1, or -1 when not handled.
inline int compare_fast(int op, PyObject* l, PyObject* r) {
  PyTypeObject* lt = Py_TYPE(l);
  int c;
  if (lt != Py_TYPE(r)) {
    double a, b;  // int vs float: exact when the int converts exactly
    if ((lt != &PyFloat_Type && lt != &PyLong_Type) || !exact_double(l, &a) || !exact_double(r, &b)) return -1;
    lt = &PyFloat_Type;
    switch (op) {
      case Py_LT: return a < b;
      case Py_LE: return a <= b;
      case Py_EQ: return a == b;
      case Py_NE: return a != b;
      case Py_GT: return a > b;
      default: return a >= b;
    }
  }
  if (lt == &PyLong_Type) {
    if (longs::is_medium(l) && longs::is_medium(r)) {
      int64_t a = longs::medium_value(l), b = longs::medium_value(r);
      c = a < b ? -1 : a > b;
    } else {
      c = longs::compare(l, r);
    }
  } else if (lt == &PyFloat_Type) {
    double a = PyFloat_AS_DOUBLE(l), b = PyFloat_AS_DOUBLE(r);
    switch (op) {  // NaN compares false except !=
      case Py_LT: return a < b;
      case Py_LE: return a <= b;
      case Py_EQ: return a == b;
      case Py_NE: return a != b;
      case Py_GT: return a > b;
      default: return a >= b;
    }
  } else if (lt == &PyUnicode_Type && (op == Py_EQ || op == Py_NE)) {
    bool eq = l == r || (PyUnicode_GET_LENGTH(l) == PyUnicode_GET_LENGTH(r) &&
                         PyUnicode_KIND(l) == PyUnicode_KIND(r) &&
                         std::memcmp(PyUnicode_DATA(l), PyUnicode_DATA(r),
                                     static_cast<size_t>(PyUnicode_GET_LENGTH(l)) * PyUnicode_KIND(l)) == 0);
    return (op == Py_EQ) == eq;
  } else {
    return -1;
  }
  switch (op) {
    case Py_LT: return c < 0;
    case Py_LE: return c <= 0;
    case Py_EQ: return c == 0;
    case Py_NE: return c != 0;
    case Py_GT: return c > 0;
    default: return c >= 0;
  }
}

// An index usable directly on a list/tuple of length n: a compact exact int,
// negative values counted from the end; -1 when out of range or not an int.
inline Py_ssize_t fast_index(PyObject* k, Py_ssize_t n) {
  if (!PyLong_CheckExact(k) || !longs::is_compact(k)) return -1;
  Py_ssize_t i = longs::compact_value(k);
  if (i < 0) i += n;
  return (i >= 0 && i < n) ? i : -1;
}

// o[k] for list/tuple with an in-range int and exact dicts (present key);
// new reference, or NULL without an exception when not handled. Errors
// from hashing/comparing a dict key are returned as NULL with the
// exception set (*failed = true).
inline PyObject* subscr_fast(PyObject* o, PyObject* k, bool* failed) {
  PyTypeObject* t = Py_TYPE(o);
  if (t == &PyList_Type) {
    Py_ssize_t i = fast_index(k, PyList_GET_SIZE(o));
    return i >= 0 ? Py_NewRef(PyList_GET_ITEM(o, i)) : nullptr;
  }
  if (t == &PyTuple_Type) {
    Py_ssize_t i = fast_index(k, PyTuple_GET_SIZE(o));
    return i >= 0 ? Py_NewRef(PyTuple_GET_ITEM(o, i)) : nullptr;
  }
  if (t == &PyDict_Type) {
    PyObject* v = PyDict_GetItemWithError(o, k);
    if (v) return Py_NewRef(v);
    *failed = PyErr_Occurred() != nullptr;
  }
  return nullptr;
}

// The instance dict of `o` if its type keeps one at a fixed offset; NULL otherwise.
inline PyObject* instance_dict(PyObject* o) {
  Py_ssize_t off = Py_TYPE(o)->tp_dictoffset;
  if (off <= 0) return nullptr;
  PyObject* d = *reinterpret_cast<PyObject**>(reinterpret_cast<char*>(o) + off);
  return d && PyDict_CheckExact(d) ? d : nullptr;
}

}  // namespace krait::interp
