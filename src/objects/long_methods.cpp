// int: the type object (PyLong_Type), int.__new__, methods and getters,
// and int.__format__.
#include <algorithm>
#include <cstring>

#include "objects/float_object.h"
#include "objects/format_spec.h"
#include "objects/long_object.h"
#include "objects/object_util.h"

namespace krait::longs {

namespace {

// int(self) for an int or a subclass instance: exact ints as they are.
PyObject* exact(PyObject* self) {
  if (PyLong_CheckExact(self)) return Py_NewRef(self);
  return _PyLong_Copy(as_long(self));
}

// -- int.__new__ ----------------------------------------------------------------

PyObject* new_exact(PyObject* x, PyObject* obase) {
  if (!x) {
    if (obase) {
      PyErr_SetString(PyExc_TypeError, "int() missing string argument");
      return nullptr;
    }
    return small_int(0);
  }
  if (!obase) return PyNumber_Long(x);
  Py_ssize_t base = PyNumber_AsSsize_t(obase, nullptr);
  if (base == -1 && PyErr_Occurred()) return nullptr;
  if ((base != 0 && base < 2) || base > 36) {
    PyErr_SetString(PyExc_ValueError, "int() base must be >= 2 and <= 36, or 0");
    return nullptr;
  }
  if (PyUnicode_Check(x)) return PyLong_FromUnicodeObject(x, int(base));
  if (PyBytes_Check(x)) return _PyLong_FromBytes(PyBytes_AS_STRING(x), PyBytes_GET_SIZE(x), int(base));
  if (PyByteArray_Check(x))
    return _PyLong_FromBytes(PyByteArray_AS_STRING(x), PyByteArray_GET_SIZE(x), int(base));
  PyErr_SetString(PyExc_TypeError, "int() can't convert non-string with explicit base");
  return nullptr;
}

PyObject* long_new(PyTypeObject* type, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"", "base", nullptr};
  PyObject *x = nullptr, *obase = nullptr;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|OO:int", const_cast<char**>(kwlist), &x, &obase))
    return nullptr;
  if (type == &PyLong_Type) return new_exact(x, obase);
  // Subclass: build the value, then copy it into an instance of `type`.
  Ref<> tmp = steal(new_exact(x, obase));
  if (!tmp) return nullptr;
  Py_ssize_t n = ndigits(tmp.get());
  PyObject* r = type->tp_alloc(type, n == 0 ? 1 : n);  // ob_digit[0] always readable
  if (!r) return nullptr;
  Py_SET_SIZE(r, Py_SIZE(tmp.get()));
  std::memcpy(as_long(r)->ob_digit, as_long(tmp.get())->ob_digit, size_t(n) * sizeof(digit));
  return r;
}

void long_dealloc(PyObject* self) {
  if (Py_IS_TYPE(self, &PyLong_Type) && free_list_push(self)) return;
  Py_TYPE(self)->tp_free(self);
}

PyObject* long_repr_slot(PyObject* self) { return to_str(self, 10, false); }

// -- Methods ------------------------------------------------------------------------

PyObject* int_conjugate(PyObject* self, PyObject*) { return exact(self); }

PyObject* int_bit_length(PyObject* self, PyObject*) { return from_int64(bit_length(self)); }

PyObject* int_bit_count(PyObject* self, PyObject*) {
  int64_t n = 0;
  const digit* d = as_long(self)->ob_digit;
  for (Py_ssize_t i = 0, e = ndigits(self); i < e; i++) n += __builtin_popcount(d[i]);
  return from_int64(n);
}

PyObject* int_as_integer_ratio(PyObject* self, PyObject*) {
  Ref<> num = steal(exact(self));
  if (!num) return nullptr;
  return PyTuple_Pack(2, num.get(), small_int(1));
}

PyObject* int_getnewargs(PyObject* self, PyObject*) {
  Ref<> v = steal(exact(self));
  if (!v) return nullptr;
  return PyTuple_Pack(1, v.get());
}

PyObject* int_sizeof(PyObject* self, PyObject*) {
  // Zero still occupies one digit of storage.
  Py_ssize_t n = std::max<Py_ssize_t>(ndigits(self), 1);
  return from_int64(Py_ssize_t(offsetof(PyLongObject, ob_digit)) + n * Py_ssize_t(sizeof(digit)));
}

PyObject* int_round(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs > 1) {
    PyErr_Format(PyExc_TypeError, "__round__ expected at most 1 argument, got %zd", nargs);
    return nullptr;
  }
  if (nargs == 0 || args[0] == Py_None) return exact(self);
  Ref<> nd = steal(PyNumber_Index(args[0]));
  if (!nd) return nullptr;
  if (Py_SIZE(nd.get()) >= 0) return exact(self);
  // Round half to even to a multiple of 10**-ndigits.
  Ref<> exp = steal(neg(nd.get()));
  if (!exp) return nullptr;
  Ref<> pow10 = steal(pow_nonneg(small_int(10), exp.get()));
  if (!pow10) return nullptr;
  Ref<> qr = steal(_PyLong_DivmodNear(self, pow10.get()));
  if (!qr) return nullptr;
  return sub(self, PyTuple_GET_ITEM(qr.get(), 1));
}

bool read_byteorder(PyObject* byteorder, bool* little) {
  if (!byteorder) {
    *little = false;
    return true;
  }
  if (!PyUnicode_Check(byteorder)) {
    PyErr_Format(PyExc_TypeError, "to_bytes() argument 'byteorder' must be str, not %.50s",
                 Py_TYPE(byteorder)->tp_name);
    return false;
  }
  if (PyUnicode_CompareWithASCIIString(byteorder, "little") == 0) {
    *little = true;
  } else if (PyUnicode_CompareWithASCIIString(byteorder, "big") == 0) {
    *little = false;
  } else {
    PyErr_SetString(PyExc_ValueError, "byteorder must be either 'little' or 'big'");
    return false;
  }
  return true;
}

PyObject* int_to_bytes(PyObject* self, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"length", "byteorder", "signed", nullptr};
  Py_ssize_t length = 1;
  PyObject* byteorder = nullptr;
  int is_signed = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|nO$p:to_bytes", const_cast<char**>(kwlist),
                                   &length, &byteorder, &is_signed))
    return nullptr;
  bool little;
  if (!read_byteorder(byteorder, &little)) return nullptr;
  if (length < 0) {
    PyErr_SetString(PyExc_ValueError, "length argument must be non-negative");
    return nullptr;
  }
  PyObject* bytes = PyBytes_FromStringAndSize(nullptr, length);
  if (!bytes) return nullptr;
  if (_PyLong_AsByteArray(as_long(self), reinterpret_cast<unsigned char*>(PyBytes_AS_STRING(bytes)),
                          size_t(length), little, is_signed) < 0) {
    Py_DECREF(bytes);
    return nullptr;
  }
  return bytes;
}

PyObject* int_from_bytes(PyObject* type, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"bytes", "byteorder", "signed", nullptr};
  PyObject* obj;
  PyObject* byteorder = nullptr;
  int is_signed = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|O$p:from_bytes", const_cast<char**>(kwlist),
                                   &obj, &byteorder, &is_signed))
    return nullptr;
  bool little;
  if (!read_byteorder(byteorder, &little)) return nullptr;
  Ref<> bytes = steal(PyObject_Bytes(obj));
  if (!bytes) return nullptr;
  Ref<> r = steal(_PyLong_FromByteArray(
      reinterpret_cast<const unsigned char*>(PyBytes_AS_STRING(bytes.get())),
      size_t(PyBytes_GET_SIZE(bytes.get())), little, is_signed));
  if (!r) return nullptr;
  if (type != reinterpret_cast<PyObject*>(&PyLong_Type))
    return PyObject_CallOneArg(type, r.get());
  return r.release();
}

// -- __format__ -----------------------------------------------------------------

PyObject* format_int(PyObject* self, const format::Spec& spec) {
  if (spec.precision != -1) {
    PyErr_SetString(PyExc_ValueError, "Precision not allowed in integer format specifier");
    return nullptr;
  }
  if (spec.no_neg_zero) {
    PyErr_SetString(PyExc_ValueError,
                    "Negative zero coercion (z) not allowed in integer format specifier");
    return nullptr;
  }
  Py_UCS4 type = spec.type;
  if (type == 'c') {
    if (spec.sign) {
      PyErr_SetString(PyExc_ValueError, "Sign not allowed with integer format specifier 'c'");
      return nullptr;
    }
    if (spec.alternate) {
      PyErr_SetString(PyExc_ValueError,
                      "Alternate form (#) not allowed with integer format specifier 'c'");
      return nullptr;
    }
    long x = PyLong_AsLong(self);
    if (x == -1 && PyErr_Occurred()) return nullptr;
    if (x < 0 || x > 0x10ffff) {
      PyErr_SetString(PyExc_OverflowError, "%c arg not in range(0x110000)");
      return nullptr;
    }
    Ref<> ch = steal(PyUnicode_FromOrdinal(int(x)));
    if (!ch) return nullptr;
    return format::pad(ch.get(), spec, '>');
  }
  int base = type == 'b' ? 2 : type == 'o' ? 8 : (type == 'x' || type == 'X') ? 16 : 10;
  format::Number num;
  if (Py_SIZE(self) < 0)
    num.sign = "-";
  else if (spec.sign == '+' || spec.sign == ' ')
    num.sign = std::string(1, spec.sign);
  if (spec.alternate && base != 10) {
    num.prefix = base == 2 ? "0b" : base == 8 ? "0o" : "0x";
    if (type == 'X') num.prefix = "0X";
  }
  if (!to_ascii(self, base, &num.digits)) return nullptr;
  if (num.digits[0] == '-') num.digits.erase(0, 1);
  if (type == 'X')
    for (char& c : num.digits) c = char(std::toupper(static_cast<unsigned char>(c)));
  return format::render_number(spec, num, format::grouping_for(spec, type));
}

PyObject* int_format(PyObject* self, PyObject* spec_obj) {
  if (!PyUnicode_Check(spec_obj)) {
    PyErr_Format(PyExc_TypeError, "__format__() argument must be str, not %.50s",
                 Py_TYPE(spec_obj)->tp_name);
    return nullptr;
  }
  if (PyUnicode_GET_LENGTH(spec_obj) == 0) return PyObject_Str(self);
  format::Spec spec;
  if (!format::parse(spec_obj, self, &spec, 'd', '>')) return nullptr;
  switch (spec.type) {
    case 'b': case 'c': case 'd': case 'o': case 'x': case 'X': case 'n':
      return format_int(self, spec);
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%': {
      double d = PyLong_AsDouble(self);
      if (d == -1.0 && PyErr_Occurred()) return nullptr;
      return floats::format(d, spec, self);
    }
    default:
      return format::unknown_code(spec.type, self);
  }
}

// -- Getters --------------------------------------------------------------------

PyObject* get_self(PyObject* self, void*) { return exact(self); }
PyObject* get_zero(PyObject*, void*) { return small_int(0); }
PyObject* get_one(PyObject*, void*) { return small_int(1); }

// -- Tables -----------------------------------------------------------------------

PyMethodDef int_methods[] = {
    {"conjugate", int_conjugate, METH_NOARGS, "Returns self, the complex conjugate of any int."},
    {"bit_length", int_bit_length, METH_NOARGS,
     "bit_length($self, /)\n--\n\nNumber of bits necessary to represent self in binary.\n\n"
     ">>> bin(37)\n'0b100101'\n>>> (37).bit_length()\n6"},
    {"bit_count", int_bit_count, METH_NOARGS,
     "bit_count($self, /)\n--\n\nNumber of ones in the binary representation of the absolute "
     "value of self.\n\nAlso known as the population count.\n\n>>> bin(13)\n'0b1101'\n"
     ">>> (13).bit_count()\n3"},
    {"to_bytes", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(int_to_bytes)),
     METH_VARARGS | METH_KEYWORDS,
     "to_bytes($self, /, length=1, byteorder='big', *, signed=False)\n--\n\n"
     "Return an array of bytes representing an integer.\n\n"
     "  length\n    Length of bytes object to use.  An OverflowError is raised if the\n"
     "    integer is not representable with the given number of bytes.  Default\n"
     "    is length 1.\n"
     "  byteorder\n    The byte order used to represent the integer.  If byteorder is 'big',\n"
     "    the most significant byte is at the beginning of the byte array.  If\n"
     "    byteorder is 'little', the most significant byte is at the end of the\n"
     "    byte array.  To request the native byte order of the host system, use\n"
     "    `sys.byteorder' as the byte order value.  Default is to use 'big'.\n"
     "  signed\n    Determines whether two's complement is used to represent the integer.\n"
     "    If signed is False and a negative integer is given, an OverflowError\n"
     "    is raised."},
    {"from_bytes", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(int_from_bytes)),
     METH_VARARGS | METH_KEYWORDS | METH_CLASS,
     "from_bytes($type, /, bytes, byteorder='big', *, signed=False)\n--\n\n"
     "Return the integer represented by the given array of bytes.\n\n"
     "  bytes\n    Holds the array of bytes to convert.  The argument must either\n"
     "    support the buffer protocol or be an iterable object producing bytes.\n"
     "    Bytes and bytearray are examples of built-in objects that support the\n"
     "    buffer protocol.\n"
     "  byteorder\n    The byte order used to represent the integer.  If byteorder is 'big',\n"
     "    the most significant byte is at the beginning of the byte array.  If\n"
     "    byteorder is 'little', the most significant byte is at the end of the\n"
     "    byte array.  To request the native byte order of the host system, use\n"
     "    `sys.byteorder' as the byte order value.  Default is to use 'big'.\n"
     "  signed\n    Indicates whether two's complement is used to represent the integer."},
    {"as_integer_ratio", int_as_integer_ratio, METH_NOARGS,
     "as_integer_ratio($self, /)\n--\n\nReturn integer ratio.\n\n"
     "Return a pair of integers, whose ratio is exactly equal to the original int\n"
     "and with a positive denominator.\n\n>>> (10).as_integer_ratio()\n(10, 1)\n"
     ">>> (-10).as_integer_ratio()\n(-10, 1)\n>>> (0).as_integer_ratio()\n(0, 1)"},
    {"__trunc__", int_conjugate, METH_NOARGS, "Truncating an Integral returns itself."},
    {"__floor__", int_conjugate, METH_NOARGS, "Flooring an Integral returns itself."},
    {"__ceil__", int_conjugate, METH_NOARGS, "Ceiling of an Integral returns itself."},
    {"__round__", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(int_round)),
     METH_FASTCALL,
     "__round__($self, ndigits=<unrepresentable>, /)\n--\n\n"
     "Rounding an Integral returns itself.\n\n"
     "Rounding with an ndigits argument also returns an integer."},
    {"__getnewargs__", int_getnewargs, METH_NOARGS, "__getnewargs__($self, /)\n--\n\n"},
    {"__format__", int_format, METH_O, "__format__($self, format_spec, /)\n--\n\n"},
    {"__sizeof__", int_sizeof, METH_NOARGS,
     "__sizeof__($self, /)\n--\n\nReturns size in memory, in bytes."},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef int_getset[] = {
    {"real", get_self, nullptr, "the real part of a complex number", nullptr},
    {"imag", get_zero, nullptr, "the imaginary part of a complex number", nullptr},
    {"numerator", get_self, nullptr, "the numerator of a rational number in lowest terms",
     nullptr},
    {"denominator", get_one, nullptr, "the denominator of a rational number in lowest terms",
     nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

}  // namespace krait::longs

using namespace krait::longs;

PyTypeObject PyLong_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "int",
    .tp_basicsize = offsetof(PyLongObject, ob_digit),
    .tp_itemsize = sizeof(digit),
    .tp_dealloc = long_dealloc,
    .tp_repr = long_repr_slot,
    .tp_as_number = &number_methods,
    .tp_hash = krait::longs::hash,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_LONG_SUBCLASS |
                _Py_TPFLAGS_MATCH_SELF,
    .tp_doc =
        "int([x]) -> integer\nint(x, base=10) -> integer\n\n"
        "Convert a number or string to an integer, or return 0 if no arguments\n"
        "are given.  If x is a number, return x.__int__().  For floating point\n"
        "numbers, this truncates towards zero.\n\n"
        "If x is not a number or if base is given, then x must be a string,\n"
        "bytes, or bytearray instance representing an integer literal in the\n"
        "given base.  The literal can be preceded by '+' or '-' and be surrounded\n"
        "by whitespace.  The base defaults to 10.  Valid bases are 0 and 2-36.\n"
        "Base 0 means to interpret the base from the string as an integer literal.\n"
        ">>> int('0b100', base=0)\n4",
    .tp_richcompare = krait::longs::richcompare,
    .tp_methods = int_methods,
    .tp_getset = int_getset,
    .tp_new = long_new,
    .tp_free = PyObject_Free,
};
