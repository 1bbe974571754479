// csv_dialect.cpp — _csv.Dialect: the validated, immutable set of options a
// reader or writer works with. Built from keyword arguments, a registered
// dialect name, or any object carrying the option attributes (csv.Dialect
// subclasses), with CPython 3.11's defaults, checks and messages.
#include <Python.h>
#include <structmember.h>

#include <cstring>

#include "modules/csv/csv.h"
#include "support/ref.h"

namespace krait::csv {
namespace {

DialectObject* D(PyObject* op) { return reinterpret_cast<DialectObject*>(op); }

PyObject* char_or_none(Py_UCS4 c) {
  if (c == kNotSet) Py_RETURN_NONE;
  return PyUnicode_FromOrdinal(int(c));
}

// Each setter leaves the default when `src` is NULL (option not given).
int set_bool(char* target, PyObject* src, bool dflt) {
  if (src == nullptr) {
    *target = dflt;
    return 0;
  }
  int b = PyObject_IsTrue(src);
  if (b < 0) return -1;
  *target = char(b);
  return 0;
}

int set_int(const char* name, int* target, PyObject* src, int dflt) {
  if (src == nullptr) {
    *target = dflt;
    return 0;
  }
  if (!PyLong_CheckExact(src)) {
    PyErr_Format(PyExc_TypeError, "\"%s\" must be an integer", name);
    return -1;
  }
  int overflow = 0;
  long v = PyLong_AsLongAndOverflow(src, &overflow);
  if (v == -1 && PyErr_Occurred()) return -1;
  if (overflow != 0 || v > INT_MAX || v < INT_MIN) {
    PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C int");
    return -1;
  }
  *target = int(v);
  return 0;
}

// A one-character str; None too when `allow_none` (giving kNotSet).
int set_char(const char* name, Py_UCS4* target, PyObject* src, Py_UCS4 dflt, bool allow_none) {
  if (src == nullptr) {
    *target = dflt;
    return 0;
  }
  if (allow_none && src == Py_None) {
    *target = kNotSet;
    return 0;
  }
  if (!PyUnicode_Check(src)) {
    PyErr_Format(PyExc_TypeError, allow_none ? "\"%s\" must be string or None, not %.200s"
                                             : "\"%s\" must be string, not %.200s",
                 name, Py_TYPE(src)->tp_name);
    return -1;
  }
  Py_ssize_t len = PyUnicode_GetLength(src);
  if (len < 0) return -1;
  if (len != 1) {
    PyErr_Format(PyExc_TypeError, "\"%s\" must be a 1-character string", name);
    return -1;
  }
  *target = PyUnicode_READ_CHAR(src, 0);
  return 0;
}

int set_str(const char* name, PyObject** target, PyObject* src, const char* dflt) {
  if (src == nullptr) {
    *target = PyUnicode_DecodeASCII(dflt, Py_ssize_t(std::strlen(dflt)), nullptr);
    return *target == nullptr ? -1 : 0;
  }
  if (src == Py_None) {
    *target = nullptr;
    return 0;
  }
  if (!PyUnicode_Check(src)) {
    PyErr_Format(PyExc_TypeError, "\"%s\" must be a string", name);
    return -1;
  }
  if (PyUnicode_READY(src) == -1) return -1;
  Py_XSETREF(*target, Py_NewRef(src));
  return 0;
}

PyObject* dialect_new(PyTypeObject* type, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"dialect",    "delimiter", "doublequote",      "escapechar",
                                 "lineterminator", "quotechar", "quoting", "skipinitialspace",
                                 "strict",     nullptr};
  // Options in kwlist order after "dialect".
  enum { kDelimiter, kDoublequote, kEscapechar, kLineterminator, kQuotechar, kQuoting,
         kSkipinitialspace, kStrict, kCount };
  PyObject* dialect = nullptr;
  PyObject* given[kCount] = {};
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|OOOOOOOOO", const_cast<char**>(kwlist),
                                   &dialect, &given[0], &given[1], &given[2], &given[3],
                                   &given[4], &given[5], &given[6], &given[7]))
    return nullptr;
  Ref<> base;
  if (dialect != nullptr) {
    if (PyUnicode_Check(dialect)) {
      base = steal(registered_dialect(dialect));
      if (!base) return nullptr;
    } else {
      base = borrow(dialect);
    }
    // A Dialect with nothing overridden is immutable: share it.
    bool any = false;
    for (PyObject* g : given) any = any || g != nullptr;
    if (!any && PyObject_TypeCheck(base.get(), &Dialect_Type)) return base.release();
  }
  // Options not given come from the base dialect's attributes, if it has them.
  Ref<> opt[kCount];
  for (int i = 0; i < kCount; i++) {
    if (given[i] != nullptr) {
      opt[i] = borrow(given[i]);
    } else if (base) {
      opt[i] = steal(PyObject_GetAttrString(base.get(), kwlist[i + 1]));
    }
  }
  if (base) PyErr_Clear();
  Ref<> self_ref = steal(type->tp_alloc(type, 0));
  if (!self_ref) return nullptr;
  DialectObject* self = D(self_ref.get());
  self->lineterminator = nullptr;
  if (set_char("delimiter", &self->delimiter, opt[kDelimiter].get(), ',', false) < 0 ||
      set_bool(&self->doublequote, opt[kDoublequote].get(), true) < 0 ||
      set_char("escapechar", &self->escapechar, opt[kEscapechar].get(), kNotSet, true) < 0 ||
      set_str("lineterminator", &self->lineterminator, opt[kLineterminator].get(), "\r\n") < 0 ||
      set_char("quotechar", &self->quotechar, opt[kQuotechar].get(), '"', true) < 0 ||
      set_int("quoting", &self->quoting, opt[kQuoting].get(), kQuoteMinimal) < 0 ||
      set_bool(&self->skipinitialspace, opt[kSkipinitialspace].get(), false) < 0 ||
      set_bool(&self->strict, opt[kStrict].get(), false) < 0)
    return nullptr;
  if (self->quoting < kQuoteMinimal || self->quoting > kQuoteNone) {
    PyErr_SetString(PyExc_TypeError, "bad \"quoting\" value");
    return nullptr;
  }
  // quotechar=None alone means "no quoting at all".
  if (opt[kQuotechar].get() == Py_None && opt[kQuoting].get() == nullptr)
    self->quoting = kQuoteNone;
  if (self->quoting != kQuoteNone && self->quotechar == kNotSet) {
    PyErr_SetString(PyExc_TypeError, "quotechar must be set if quoting enabled");
    return nullptr;
  }
  if (self->lineterminator == nullptr) {
    PyErr_SetString(PyExc_TypeError, "lineterminator must be set");
    return nullptr;
  }
  return self_ref.release();
}

void dialect_dealloc(PyObject* op) {
  // Subclasses' subtype_dealloc releases their heap type; nothing to do here.
  Py_XDECREF(D(op)->lineterminator);
  Py_TYPE(op)->tp_free(op);
}

PyObject* get_delimiter(PyObject* op, void*) { return char_or_none(D(op)->delimiter); }
PyObject* get_escapechar(PyObject* op, void*) { return char_or_none(D(op)->escapechar); }
PyObject* get_quotechar(PyObject* op, void*) { return char_or_none(D(op)->quotechar); }
PyObject* get_lineterminator(PyObject* op, void*) { return Py_NewRef(D(op)->lineterminator); }
PyObject* get_quoting(PyObject* op, void*) { return PyLong_FromLong(D(op)->quoting); }

PyObject* dialect_reduce(PyObject* op, PyObject*) {
  PyErr_Format(PyExc_TypeError, "cannot pickle '%.100s' instances", _PyType_Name(Py_TYPE(op)));
  return nullptr;
}

PyGetSetDef dialect_getset[] = {
    {"delimiter", get_delimiter, nullptr, nullptr, nullptr},
    {"escapechar", get_escapechar, nullptr, nullptr, nullptr},
    {"lineterminator", get_lineterminator, nullptr, nullptr, nullptr},
    {"quotechar", get_quotechar, nullptr, nullptr, nullptr},
    {"quoting", get_quoting, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyMemberDef dialect_members[] = {
    {"skipinitialspace", T_BOOL, offsetof(DialectObject, skipinitialspace), READONLY, nullptr},
    {"doublequote", T_BOOL, offsetof(DialectObject, doublequote), READONLY, nullptr},
    {"strict", T_BOOL, offsetof(DialectObject, strict), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyMethodDef dialect_methods[] = {
    {"__reduce_ex__", dialect_reduce, METH_VARARGS, nullptr},
    {"__reduce__", dialect_reduce, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

PyTypeObject Dialect_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "_csv.Dialect",
    .tp_basicsize = sizeof(DialectObject),
    .tp_dealloc = dialect_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "CSV dialect\n\nThe Dialect type records CSV parsing and generation options.\n",
    .tp_methods = dialect_methods,
    .tp_members = dialect_members,
    .tp_getset = dialect_getset,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = dialect_new,
    .tp_free = PyObject_Del,
};

PyObject* make_dialect(PyObject* dialect, PyObject* kwargs) {
  PyObject* type = reinterpret_cast<PyObject*>(&Dialect_Type);
  Ref<> args = steal(dialect != nullptr ? PyTuple_Pack(1, dialect) : PyTuple_New(0));
  if (!args) return nullptr;
  return PyObject_Call(type, args.get(), kwargs);
}

PyObject* registered_dialect(PyObject* name) {
  PyObject* d = PyDict_GetItemWithError(g_dialects, name);
  if (d == nullptr) {
    if (!PyErr_Occurred()) PyErr_SetString(g_error, "unknown dialect");
    return nullptr;
  }
  return Py_NewRef(d);
}

}  // namespace krait::csv
