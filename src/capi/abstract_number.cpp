// The number protocol: PyNumber_* with CPython's dispatch rules.
//
// binary_op1 is the heart of every binary operator: with v OP w it tries
// type(v)'s slot and type(w)'s slot, w's first when type(w) is a proper
// subtype of type(v) with its own slot (so a subclass can override an
// operator of its base, `1 + MyInt(2)`), each returning NotImplemented to
// decline. `+` and `*` then fall back to the sequence protocol
// (concatenation, repetition) before raising "unsupported operand type(s)".
#include <Python.h>

#include <cstring>

#include "capi/abstract_internal.h"
#include "objects/object_util.h"

namespace krait {

PyObject* type_error(const char* format, PyObject* o) {
  PyErr_Format(PyExc_TypeError, format, Py_TYPE(o)->tp_name);
  return nullptr;
}

using Slot = binaryfunc PyNumberMethods::*;

static binaryfunc number_slot(PyTypeObject* t, Slot slot) {
  return t->tp_as_number ? t->tp_as_number->*slot : nullptr;
}

PyObject* binary_op1(PyObject* v, PyObject* w, Slot slot) {
  binaryfunc slotv = number_slot(Py_TYPE(v), slot);
  binaryfunc slotw = nullptr;
  if (!Py_IS_TYPE(w, Py_TYPE(v))) {
    slotw = number_slot(Py_TYPE(w), slot);
    if (slotw == slotv) slotw = nullptr;
  }
  if (slotv) {
    if (slotw && PyType_IsSubtype(Py_TYPE(w), Py_TYPE(v))) {
      PyObject* x = slotw(v, w);
      if (x != Py_NotImplemented) return x;
      Py_DECREF(x);
      slotw = nullptr;
    }
    PyObject* x = slotv(v, w);
    if (x != Py_NotImplemented) return x;
    Py_DECREF(x);
  }
  if (slotw) {
    PyObject* x = slotw(v, w);
    if (x != Py_NotImplemented) return x;
    Py_DECREF(x);
  }
  Py_RETURN_NOTIMPLEMENTED;
}

PyObject* binary_iop1(PyObject* v, PyObject* w, Slot islot, Slot slot) {
  if (binaryfunc f = number_slot(Py_TYPE(v), islot)) {
    PyObject* x = f(v, w);
    if (x != Py_NotImplemented) return x;
    Py_DECREF(x);
  }
  return binary_op1(v, w, slot);
}

static PyObject* binop_type_error(PyObject* v, PyObject* w, const char* op_name) {
  PyErr_Format(PyExc_TypeError, "unsupported operand type(s) for %.100s: '%.100s' and '%.100s'",
               op_name, Py_TYPE(v)->tp_name, Py_TYPE(w)->tp_name);
  return nullptr;
}

// `print >> f` gets a hint about Python 2's print statement.
static bool is_builtin_print(PyObject* v) {
  return PyCFunction_Check(v) &&
         std::strcmp(reinterpret_cast<PyCFunctionObject*>(v)->m_ml->ml_name, "print") == 0;
}

static PyObject* binary_op(PyObject* v, PyObject* w, Slot slot, const char* op_name) {
  PyObject* result = binary_op1(v, w, slot);
  if (result != Py_NotImplemented) return result;
  Py_DECREF(result);
  if (slot == &PyNumberMethods::nb_rshift && is_builtin_print(v)) {
    PyErr_Format(PyExc_TypeError,
                 "unsupported operand type(s) for %.100s: '%.100s' and '%.100s'. "
                 "Did you mean \"print(<message>, file=<output_stream>)\"?",
                 op_name, Py_TYPE(v)->tp_name, Py_TYPE(w)->tp_name);
    return nullptr;
  }
  return binop_type_error(v, w, op_name);
}

static PyObject* binary_iop(PyObject* v, PyObject* w, Slot islot, Slot slot,
                            const char* op_name) {
  PyObject* result = binary_iop1(v, w, islot, slot);
  if (result != Py_NotImplemented) return result;
  Py_DECREF(result);
  return binop_type_error(v, w, op_name);
}

// seq * n: n must be an index.
static PyObject* sequence_repeat(ssizeargfunc repeat, PyObject* seq, PyObject* n) {
  if (!PyIndex_Check(n))
    return type_error("can't multiply sequence by non-int of type '%.200s'", n);
  Py_ssize_t count = PyNumber_AsSsize_t(n, PyExc_OverflowError);
  if (count == -1 && PyErr_Occurred()) return nullptr;
  return repeat(seq, count);
}

// v OP w OP z for pow(): the same subtype-first rule, then z's slot.
static PyObject* ternary_op(PyObject* v, PyObject* w, PyObject* z,
                            ternaryfunc PyNumberMethods::*slot, const char* op_name) {
  PyNumberMethods* mv = Py_TYPE(v)->tp_as_number;
  PyNumberMethods* mw = Py_TYPE(w)->tp_as_number;
  ternaryfunc slotv = mv ? mv->*slot : nullptr;
  ternaryfunc slotw = nullptr;
  if (!Py_IS_TYPE(w, Py_TYPE(v)) && mw) {
    slotw = mw->*slot;
    if (slotw == slotv) slotw = nullptr;
  }
  if (slotv) {
    if (slotw && PyType_IsSubtype(Py_TYPE(w), Py_TYPE(v))) {
      PyObject* x = slotw(v, w, z);
      if (x != Py_NotImplemented) return x;
      Py_DECREF(x);
      slotw = nullptr;
    }
    PyObject* x = slotv(v, w, z);
    if (x != Py_NotImplemented) return x;
    Py_DECREF(x);
  }
  if (slotw) {
    PyObject* x = slotw(v, w, z);
    if (x != Py_NotImplemented) return x;
    Py_DECREF(x);
  }
  PyNumberMethods* mz = Py_TYPE(z)->tp_as_number;
  if (mz) {
    ternaryfunc slotz = mz->*slot;
    if (slotz == slotv || slotz == slotw) slotz = nullptr;
    if (slotz) {
      PyObject* x = slotz(v, w, z);
      if (x != Py_NotImplemented) return x;
      Py_DECREF(x);
    }
  }
  if (z == Py_None)
    PyErr_Format(PyExc_TypeError, "unsupported operand type(s) for %.100s: '%.100s' and '%.100s'",
                 op_name, Py_TYPE(v)->tp_name, Py_TYPE(w)->tp_name);
  else
    PyErr_Format(PyExc_TypeError,
                 "unsupported operand type(s) for %.100s: '%.100s', '%.100s', '%.100s'", op_name,
                 Py_TYPE(v)->tp_name, Py_TYPE(w)->tp_name, Py_TYPE(z)->tp_name);
  return nullptr;
}

static PyObject* null_error() {
  if (!PyErr_Occurred())
    PyErr_SetString(PyExc_SystemError, "null argument to internal routine");
  return nullptr;
}

}  // namespace krait

using namespace krait;

// -- binary operators -------------------------------------------------------------

#define KRAIT_BINOPS(X)                                                    \
  X(Subtract, nb_subtract, nb_inplace_subtract, "-", "-=")                 \
  X(MatrixMultiply, nb_matrix_multiply, nb_inplace_matrix_multiply, "@", "@=") \
  X(FloorDivide, nb_floor_divide, nb_inplace_floor_divide, "//", "//=")    \
  X(TrueDivide, nb_true_divide, nb_inplace_true_divide, "/", "/=")         \
  X(Remainder, nb_remainder, nb_inplace_remainder, "%", "%=")              \
  X(Lshift, nb_lshift, nb_inplace_lshift, "<<", "<<=")                     \
  X(Rshift, nb_rshift, nb_inplace_rshift, ">>", ">>=")                     \
  X(And, nb_and, nb_inplace_and, "&", "&=")                                \
  X(Xor, nb_xor, nb_inplace_xor, "^", "^=")                                \
  X(Or, nb_or, nb_inplace_or, "|", "|=")

#define KRAIT_DEFINE_BINOP(Name, slot, islot, op, iop)                       \
  PyObject* PyNumber_##Name(PyObject* v, PyObject* w) {                      \
    return binary_op(v, w, &PyNumberMethods::slot, op);                      \
  }                                                                          \
  PyObject* PyNumber_InPlace##Name(PyObject* v, PyObject* w) {               \
    return binary_iop(v, w, &PyNumberMethods::islot, &PyNumberMethods::slot, iop); \
  }
KRAIT_BINOPS(KRAIT_DEFINE_BINOP)
#undef KRAIT_DEFINE_BINOP

PyObject* PyNumber_Divmod(PyObject* v, PyObject* w) {
  return binary_op(v, w, &PyNumberMethods::nb_divmod, "divmod()");
}

PyObject* PyNumber_Add(PyObject* v, PyObject* w) {
  PyObject* result = binary_op1(v, w, &PyNumberMethods::nb_add);
  if (result != Py_NotImplemented) return result;
  Py_DECREF(result);
  PySequenceMethods* m = Py_TYPE(v)->tp_as_sequence;
  if (m && m->sq_concat) return m->sq_concat(v, w);
  return binop_type_error(v, w, "+");
}

PyObject* PyNumber_Multiply(PyObject* v, PyObject* w) {
  PyObject* result = binary_op1(v, w, &PyNumberMethods::nb_multiply);
  if (result != Py_NotImplemented) return result;
  Py_DECREF(result);
  PySequenceMethods* mv = Py_TYPE(v)->tp_as_sequence;
  PySequenceMethods* mw = Py_TYPE(w)->tp_as_sequence;
  if (mv && mv->sq_repeat) return sequence_repeat(mv->sq_repeat, v, w);
  if (mw && mw->sq_repeat) return sequence_repeat(mw->sq_repeat, w, v);
  return binop_type_error(v, w, "*");
}

PyObject* PyNumber_InPlaceAdd(PyObject* v, PyObject* w) {
  PyObject* result =
      binary_iop1(v, w, &PyNumberMethods::nb_inplace_add, &PyNumberMethods::nb_add);
  if (result != Py_NotImplemented) return result;
  Py_DECREF(result);
  if (PySequenceMethods* m = Py_TYPE(v)->tp_as_sequence) {
    binaryfunc f = m->sq_inplace_concat ? m->sq_inplace_concat : m->sq_concat;
    if (f) return f(v, w);
  }
  return binop_type_error(v, w, "+=");
}

PyObject* PyNumber_InPlaceMultiply(PyObject* v, PyObject* w) {
  PyObject* result =
      binary_iop1(v, w, &PyNumberMethods::nb_inplace_multiply, &PyNumberMethods::nb_multiply);
  if (result != Py_NotImplemented) return result;
  Py_DECREF(result);
  PySequenceMethods* mv = Py_TYPE(v)->tp_as_sequence;
  PySequenceMethods* mw = Py_TYPE(w)->tp_as_sequence;
  if (mv) {
    if (mv->sq_inplace_repeat) return sequence_repeat(mv->sq_inplace_repeat, v, w);
    if (mv->sq_repeat) return sequence_repeat(mv->sq_repeat, v, w);
  } else if (mw && mw->sq_repeat) {
    return sequence_repeat(mw->sq_repeat, w, v);
  }
  return binop_type_error(v, w, "*=");
}

PyObject* PyNumber_Power(PyObject* v, PyObject* w, PyObject* z) {
  return ternary_op(v, w, z, &PyNumberMethods::nb_power, "** or pow()");
}

PyObject* PyNumber_InPlacePower(PyObject* v, PyObject* w, PyObject* z) {
  PyNumberMethods* mv = Py_TYPE(v)->tp_as_number;
  if (mv && mv->nb_inplace_power) {
    PyObject* x = mv->nb_inplace_power(v, w, z);
    if (x != Py_NotImplemented) return x;
    Py_DECREF(x);
  }
  return ternary_op(v, w, z, &PyNumberMethods::nb_power, "**=");
}

// -- unary operators ----------------------------------------------------------------

static PyObject* unary_op(PyObject* o, unaryfunc PyNumberMethods::*slot, const char* op) {
  if (!o) return null_error();
  PyNumberMethods* m = Py_TYPE(o)->tp_as_number;
  if (m && m->*slot) return (m->*slot)(o);
  PyErr_Format(PyExc_TypeError, "bad operand type for %s: '%.200s'", op, Py_TYPE(o)->tp_name);
  return nullptr;
}

PyObject* PyNumber_Negative(PyObject* o) { return unary_op(o, &PyNumberMethods::nb_negative, "unary -"); }
PyObject* PyNumber_Positive(PyObject* o) { return unary_op(o, &PyNumberMethods::nb_positive, "unary +"); }
PyObject* PyNumber_Invert(PyObject* o) { return unary_op(o, &PyNumberMethods::nb_invert, "unary ~"); }
PyObject* PyNumber_Absolute(PyObject* o) { return unary_op(o, &PyNumberMethods::nb_absolute, "abs()"); }

// -- conversions ---------------------------------------------------------------------

int PyNumber_Check(PyObject* o) {
  if (!o) return 0;
  PyNumberMethods* nb = Py_TYPE(o)->tp_as_number;
  return (nb && (nb->nb_index || nb->nb_int || nb->nb_float)) || PyComplex_Check(o);
}

int PyIndex_Check(PyObject* o) {
  PyNumberMethods* nb = Py_TYPE(o)->tp_as_number;
  return nb && nb->nb_index;
}

static const char kStrictSubclassTail[] =
    ".  The ability to return an instance of a strict subclass of %s is deprecated, "
    "and may be removed in a future version of Python.";

// The result of o.__index__(): an int, possibly of a subclass.
PyObject* _PyNumber_Index(PyObject* item) {
  if (!item) return null_error();
  if (PyLong_Check(item)) {
    Py_INCREF(item);
    return item;
  }
  if (!PyIndex_Check(item))
    return type_error("'%.200s' object cannot be interpreted as an integer", item);
  PyObject* result = Py_TYPE(item)->tp_as_number->nb_index(item);
  if (!result || PyLong_CheckExact(result)) return result;
  if (!PyLong_Check(result)) {
    PyErr_Format(PyExc_TypeError, "__index__ returned non-int (type %.200s)",
                 Py_TYPE(result)->tp_name);
    Py_DECREF(result);
    return nullptr;
  }
  char fmt[256];
  PyOS_snprintf(fmt, sizeof fmt, "__index__ returned non-int (type %%.200s)%s", kStrictSubclassTail);
  if (PyErr_WarnFormat(PyExc_DeprecationWarning, 1, fmt, Py_TYPE(result)->tp_name, "int")) {
    Py_DECREF(result);
    return nullptr;
  }
  return result;
}

PyObject* PyNumber_Index(PyObject* item) {
  PyObject* result = _PyNumber_Index(item);
  if (result && !PyLong_CheckExact(result))
    Py_SETREF(result, _PyLong_Copy(reinterpret_cast<PyLongObject*>(result)));
  return result;
}

Py_ssize_t PyNumber_AsSsize_t(PyObject* item, PyObject* err) {
  Ref<> value = steal(_PyNumber_Index(item));
  if (!value) return -1;
  Py_ssize_t result = PyLong_AsSsize_t(value.get());
  if (result != -1 || !PyErr_Occurred()) return result;
  if (!PyErr_ExceptionMatches(PyExc_OverflowError)) return -1;
  PyErr_Clear();
  if (!err) return _PyLong_Sign(value.get()) < 0 ? PY_SSIZE_T_MIN : PY_SSIZE_T_MAX;
  PyErr_Format(err, "cannot fit '%.200s' into an index-sized integer", Py_TYPE(item)->tp_name);
  return -1;
}

// int(x) with the parsing of str/bytes/buffers in base 10.
PyObject* PyNumber_Long(PyObject* o) {
  if (!o) return null_error();
  if (PyLong_CheckExact(o)) {
    Py_INCREF(o);
    return o;
  }
  PyNumberMethods* m = Py_TYPE(o)->tp_as_number;
  if (m && m->nb_int) {
    PyObject* result = m->nb_int(o);
    if (!result || PyLong_CheckExact(result)) return result;
    if (!PyLong_Check(result)) {
      PyErr_Format(PyExc_TypeError, "__int__ returned non-int (type %.200s)",
                   Py_TYPE(result)->tp_name);
      Py_DECREF(result);
      return nullptr;
    }
    char fmt[256];
    PyOS_snprintf(fmt, sizeof fmt, "__int__ returned non-int (type %%.200s)%s", kStrictSubclassTail);
    if (PyErr_WarnFormat(PyExc_DeprecationWarning, 1, fmt, Py_TYPE(result)->tp_name, "int")) {
      Py_DECREF(result);
      return nullptr;
    }
    Py_SETREF(result, _PyLong_Copy(reinterpret_cast<PyLongObject*>(result)));
    return result;
  }
  if (m && m->nb_index) return PyNumber_Index(o);
  if (PyObject* trunc = lookup_special(o, KRAIT_INTERNED("__trunc__"))) {
    Ref<> trunc_ref = steal(trunc);
    if (PyErr_WarnEx(PyExc_DeprecationWarning,
                     "The delegation of int() to __trunc__ is deprecated.", 1))
      return nullptr;
    Ref<> result = steal(PyObject_CallNoArgs(trunc));
    if (!result || PyLong_CheckExact(result.get())) return result.release();
    if (PyLong_Check(result.get()))
      return _PyLong_Copy(reinterpret_cast<PyLongObject*>(result.get()));
    if (!PyIndex_Check(result.get())) {
      PyErr_Format(PyExc_TypeError, "__trunc__ returned non-Integral (type %.200s)",
                   Py_TYPE(result.get())->tp_name);
      return nullptr;
    }
    return PyNumber_Index(result.get());
  }
  if (PyErr_Occurred()) return nullptr;
  if (PyUnicode_Check(o)) return PyLong_FromUnicodeObject(o, 10);
  if (PyBytes_Check(o)) return _PyLong_FromBytes(PyBytes_AS_STRING(o), PyBytes_GET_SIZE(o), 10);
  if (PyByteArray_Check(o))
    return _PyLong_FromBytes(PyByteArray_AS_STRING(o), PyByteArray_GET_SIZE(o), 10);
  Py_buffer view;
  if (PyObject_GetBuffer(o, &view, PyBUF_SIMPLE) == 0) {
    // The buffer need not be NUL-terminated: parse a bytes copy.
    Ref<> bytes = steal(PyBytes_FromStringAndSize(static_cast<const char*>(view.buf), view.len));
    PyBuffer_Release(&view);
    if (!bytes) return nullptr;
    return _PyLong_FromBytes(PyBytes_AS_STRING(bytes.get()), PyBytes_GET_SIZE(bytes.get()), 10);
  }
  PyErr_Clear();
  return type_error(
      "int() argument must be a string, a bytes-like object or a real number, not '%.200s'", o);
}

PyObject* PyNumber_Float(PyObject* o) {
  if (!o) return null_error();
  if (PyFloat_CheckExact(o)) {
    Py_INCREF(o);
    return o;
  }
  PyNumberMethods* m = Py_TYPE(o)->tp_as_number;
  if (m && m->nb_float) {
    PyObject* res = m->nb_float(o);
    if (!res || PyFloat_CheckExact(res)) return res;
    if (!PyFloat_Check(res)) {
      PyErr_Format(PyExc_TypeError, "%.50s.__float__ returned non-float (type %.50s)",
                   Py_TYPE(o)->tp_name, Py_TYPE(res)->tp_name);
      Py_DECREF(res);
      return nullptr;
    }
    char fmt[256];
    PyOS_snprintf(fmt, sizeof fmt, "%%.50s.__float__ returned non-float (type %%.50s)%s",
                  kStrictSubclassTail);
    if (PyErr_WarnFormat(PyExc_DeprecationWarning, 1, fmt, Py_TYPE(o)->tp_name,
                         Py_TYPE(res)->tp_name, "float")) {
      Py_DECREF(res);
      return nullptr;
    }
    double val = PyFloat_AS_DOUBLE(res);
    Py_DECREF(res);
    return PyFloat_FromDouble(val);
  }
  if (m && m->nb_index) {
    Ref<> res = steal(_PyNumber_Index(o));
    if (!res) return nullptr;
    double val = PyLong_AsDouble(res.get());
    if (val == -1.0 && PyErr_Occurred()) return nullptr;
    return PyFloat_FromDouble(val);
  }
  if (PyFloat_Check(o)) return PyFloat_FromDouble(PyFloat_AS_DOUBLE(o));
  return PyFloat_FromString(o);
}

PyObject* PyNumber_ToBase(PyObject* n, int base) {
  if (!(base == 2 || base == 8 || base == 10 || base == 16)) {
    PyErr_SetString(PyExc_SystemError, "PyNumber_ToBase: base must be 2, 8, 10 or 16");
    return nullptr;
  }
  Ref<> index = steal(PyNumber_Index(n));
  if (!index) return nullptr;
  return _PyLong_Format(index.get(), base);
}
