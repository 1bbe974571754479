// PyMember_GetOne / PyMember_SetOne: reading and writing the C fields that
// PyMemberDef tables describe (tp_members, __slots__).
#include <Python.h>
#include <structmember.h>

#include <climits>
#include <cstring>

namespace {

bool warn_truncation(const char* what) {
  return PyErr_WarnEx(PyExc_RuntimeWarning, what, 1) >= 0;
}

// Converts to a C long, with CPython's conversion and messages.
bool as_long(PyObject* v, long* out) {
  *out = PyLong_AsLong(v);
  return !(*out == -1 && PyErr_Occurred());
}

}  // namespace

extern "C" {

PyObject* PyMember_GetOne(const char* obj_addr, PyMemberDef* l) {
  const char* addr = obj_addr + l->offset;
  switch (l->type) {
    case T_BOOL: return PyBool_FromLong(*reinterpret_cast<const char*>(addr));
    case T_BYTE: return PyLong_FromLong(*reinterpret_cast<const signed char*>(addr));
    case T_UBYTE: return PyLong_FromUnsignedLong(*reinterpret_cast<const unsigned char*>(addr));
    case T_SHORT: return PyLong_FromLong(*reinterpret_cast<const short*>(addr));
    case T_USHORT: return PyLong_FromUnsignedLong(*reinterpret_cast<const unsigned short*>(addr));
    case T_INT: return PyLong_FromLong(*reinterpret_cast<const int*>(addr));
    case T_UINT: return PyLong_FromUnsignedLong(*reinterpret_cast<const unsigned int*>(addr));
    case T_LONG: return PyLong_FromLong(*reinterpret_cast<const long*>(addr));
    case T_ULONG: return PyLong_FromUnsignedLong(*reinterpret_cast<const unsigned long*>(addr));
    case T_PYSSIZET: return PyLong_FromSsize_t(*reinterpret_cast<const Py_ssize_t*>(addr));
    case T_FLOAT: return PyFloat_FromDouble(*reinterpret_cast<const float*>(addr));
    case T_DOUBLE: return PyFloat_FromDouble(*reinterpret_cast<const double*>(addr));
    case T_STRING: {
      const char* s = *reinterpret_cast<char* const*>(addr);
      if (s == nullptr) Py_RETURN_NONE;
      return PyUnicode_FromString(s);
    }
    case T_STRING_INPLACE: return PyUnicode_FromString(addr);
    case T_CHAR: return PyUnicode_FromStringAndSize(addr, 1);
    case T_OBJECT: {
      PyObject* v = *reinterpret_cast<PyObject* const*>(addr);
      if (v == nullptr) v = Py_None;
      Py_INCREF(v);
      return v;
    }
    case T_OBJECT_EX: {
      PyObject* v = *reinterpret_cast<PyObject* const*>(addr);
      if (v == nullptr) {
        auto* obj = reinterpret_cast<PyObject*>(const_cast<char*>(obj_addr));
        PyErr_Format(PyExc_AttributeError, "'%.200s' object has no attribute '%s'",
                     Py_TYPE(obj)->tp_name, l->name);
        return nullptr;
      }
      Py_INCREF(v);
      return v;
    }
    case T_LONGLONG: return PyLong_FromLongLong(*reinterpret_cast<const long long*>(addr));
    case T_ULONGLONG:
      return PyLong_FromUnsignedLongLong(*reinterpret_cast<const unsigned long long*>(addr));
    case T_NONE: Py_RETURN_NONE;
    default:
      PyErr_SetString(PyExc_SystemError, "bad memberdescr type");
      return nullptr;
  }
}

int PyMember_SetOne(char* obj_addr, PyMemberDef* l, PyObject* v) {
  char* addr = obj_addr + l->offset;
  if (l->flags & READONLY) {
    PyErr_SetString(PyExc_AttributeError, "readonly attribute");
    return -1;
  }
  if (v == nullptr) {
    if (l->type == T_OBJECT_EX) {
      if (*reinterpret_cast<PyObject**>(addr) == nullptr) {
        PyErr_SetString(PyExc_AttributeError, l->name);
        return -1;
      }
    } else if (l->type != T_OBJECT) {
      PyErr_SetString(PyExc_TypeError, "can't delete numeric/char attribute");
      return -1;
    }
  }
  long lv;
  switch (l->type) {
    case T_BOOL:
      if (!PyBool_Check(v)) {
        PyErr_SetString(PyExc_TypeError, "attribute value type must be bool");
        return -1;
      }
      *reinterpret_cast<char*>(addr) = v == Py_True;
      return 0;
    case T_BYTE:
      if (!as_long(v, &lv)) return -1;
      *reinterpret_cast<signed char*>(addr) = static_cast<signed char>(lv);
      if (lv > CHAR_MAX || lv < CHAR_MIN) return warn_truncation("Truncation of value to char") ? 0 : -1;
      return 0;
    case T_UBYTE:
      if (!as_long(v, &lv)) return -1;
      *reinterpret_cast<unsigned char*>(addr) = static_cast<unsigned char>(lv);
      if (lv > UCHAR_MAX || lv < 0)
        return warn_truncation("Truncation of value to unsigned char") ? 0 : -1;
      return 0;
    case T_SHORT:
      if (!as_long(v, &lv)) return -1;
      *reinterpret_cast<short*>(addr) = static_cast<short>(lv);
      if (lv > SHRT_MAX || lv < SHRT_MIN) return warn_truncation("Truncation of value to short") ? 0 : -1;
      return 0;
    case T_USHORT:
      if (!as_long(v, &lv)) return -1;
      *reinterpret_cast<unsigned short*>(addr) = static_cast<unsigned short>(lv);
      if (lv > USHRT_MAX || lv < 0)
        return warn_truncation("Truncation of value to unsigned short") ? 0 : -1;
      return 0;
    case T_INT:
      if (!as_long(v, &lv)) return -1;
      *reinterpret_cast<int*>(addr) = static_cast<int>(lv);
      if (lv > INT_MAX || lv < INT_MIN) return warn_truncation("Truncation of value to int") ? 0 : -1;
      return 0;
    case T_UINT: {
      unsigned long ulv = PyLong_AsUnsignedLong(v);
      if (ulv == static_cast<unsigned long>(-1) && PyErr_Occurred()) {
        // A negative value is accepted with a warning, as CPython does.
        PyErr_Clear();
        if (!as_long(v, &lv)) return -1;
        ulv = static_cast<unsigned long>(lv);
        *reinterpret_cast<unsigned int*>(addr) = static_cast<unsigned int>(ulv);
        return warn_truncation("Writing negative value into unsigned field") ? 0 : -1;
      }
      *reinterpret_cast<unsigned int*>(addr) = static_cast<unsigned int>(ulv);
      if (ulv > UINT_MAX) return warn_truncation("Truncation of value to unsigned int") ? 0 : -1;
      return 0;
    }
    case T_LONG:
      if (!as_long(v, &lv)) return -1;
      *reinterpret_cast<long*>(addr) = lv;
      return 0;
    case T_ULONG: {
      unsigned long ulv = PyLong_AsUnsignedLong(v);
      if (ulv == static_cast<unsigned long>(-1) && PyErr_Occurred()) {
        PyErr_Clear();
        if (!as_long(v, &lv)) return -1;
        *reinterpret_cast<unsigned long*>(addr) = static_cast<unsigned long>(lv);
        return warn_truncation("Writing negative value into unsigned field") ? 0 : -1;
      }
      *reinterpret_cast<unsigned long*>(addr) = ulv;
      return 0;
    }
    case T_PYSSIZET: {
      Py_ssize_t s = PyLong_AsSsize_t(v);
      if (s == -1 && PyErr_Occurred()) return -1;
      *reinterpret_cast<Py_ssize_t*>(addr) = s;
      return 0;
    }
    case T_FLOAT: {
      double d = PyFloat_AsDouble(v);
      if (d == -1 && PyErr_Occurred()) return -1;
      *reinterpret_cast<float*>(addr) = static_cast<float>(d);
      return 0;
    }
    case T_DOUBLE: {
      double d = PyFloat_AsDouble(v);
      if (d == -1 && PyErr_Occurred()) return -1;
      *reinterpret_cast<double*>(addr) = d;
      return 0;
    }
    case T_OBJECT:
    case T_OBJECT_EX: {
      auto** slot = reinterpret_cast<PyObject**>(addr);
      Py_XINCREF(v);
      PyObject* old = *slot;
      *slot = v;
      Py_XDECREF(old);
      return 0;
    }
    case T_CHAR: {
      Py_ssize_t len;
      const char* s;
      if (PyUnicode_Check(v) && (s = PyUnicode_AsUTF8AndSize(v, &len)) != nullptr && len == 1) {
        *addr = s[0];
        return 0;
      }
      PyErr_Clear();
      PyErr_BadArgument();
      return -1;
    }
    case T_STRING:
    case T_STRING_INPLACE:
      PyErr_SetString(PyExc_TypeError, "readonly attribute");
      return -1;
    case T_LONGLONG: {
      long long x = PyLong_AsLongLong(v);
      if (x == -1 && PyErr_Occurred()) return -1;
      *reinterpret_cast<long long*>(addr) = x;
      return 0;
    }
    case T_ULONGLONG: {
      unsigned long long x;
      if (PyLong_Check(v)) x = PyLong_AsUnsignedLongLong(v);
      else x = static_cast<unsigned long long>(PyLong_AsLong(v));
      if (x == static_cast<unsigned long long>(-1) && PyErr_Occurred()) return -1;
      *reinterpret_cast<unsigned long long*>(addr) = x;
      return 0;
    }
    default:
      PyErr_Format(PyExc_SystemError, "bad memberdescr type for %s", l->name);
      return -1;
  }
}

}  // extern "C"
