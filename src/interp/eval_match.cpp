// eval_match.cpp — the runtime side of `match` statements (MATCH_CLASS,
// MATCH_KEYS, MATCH_SEQUENCE/MAPPING tests), following CPython 3.11's rules.
#include "interp/eval_support.h"

#include <pthread.h>

#include "interp/frame_object.h"
#include "interp/support.h"
#include "support/ref.h"

namespace krait::interp {

// -- Pattern matching helpers ---------------------------------------------------------------------

static bool type_is_any(PyTypeObject* t, std::initializer_list<PyTypeObject*> bases) {
  for (PyTypeObject* b : bases)
    if (PyType_IsSubtype(t, b)) return true;
  return false;
}

// Py_TPFLAGS_SEQUENCE / MAPPING (collections.abc registration sets them);
// the builtin types are checked directly too, in case their flags are missing.
bool is_match_sequence(PyObject* o) {
  PyTypeObject* t = Py_TYPE(o);
  if (t->tp_flags & Py_TPFLAGS_SEQUENCE) return true;
  if (t->tp_flags & Py_TPFLAGS_MAPPING) return false;
  return type_is_any(t, {&PyList_Type, &PyTuple_Type, &PyRange_Type, &PyMemoryView_Type});
}
bool is_match_mapping(PyObject* o) {
  PyTypeObject* t = Py_TYPE(o);
  if (t->tp_flags & Py_TPFLAGS_MAPPING) return true;
  if (t->tp_flags & Py_TPFLAGS_SEQUENCE) return false;
  return type_is_any(t, {&PyDict_Type});
}

// The values of `keys` in the mapping `map` (a tuple), or None if one is missing.
PyObject* match_keys(PyObject* map, PyObject* keys) {
  Py_ssize_t n = PyTuple_GET_SIZE(keys);
  if (n == 0) return PyTuple_New(0);
  PyObject* get = PyObject_GetAttrString(map, "get");
  if (!get) return nullptr;
  PyObject* dummy = PyObject_CallNoArgs(reinterpret_cast<PyObject*>(&PyBaseObject_Type));
  PyObject* seen = PySet_New(nullptr);
  PyObject* values = PyList_New(0);
  PyObject* result = nullptr;
  if (!dummy || !seen || !values) goto done;
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject* k = PyTuple_GET_ITEM(keys, i);
    int dup = PySet_Contains(seen, k);
    if (dup < 0 || (dup == 0 && PySet_Add(seen, k) < 0)) goto done;
    if (dup) {
      PyErr_Format(PyExc_ValueError, "mapping pattern checks duplicate key (%R)", k);
      goto done;
    }
    PyObject* args[2] = {k, dummy};
    PyObject* v = PyObject_Vectorcall(get, args, 2, nullptr);
    if (!v) goto done;
    if (v == dummy) {
      Py_DECREF(v);
      result = Py_NewRef(Py_None);
      goto done;
    }
    int rc = PyList_Append(values, v);
    Py_DECREF(v);
    if (rc < 0) goto done;
  }
  result = PyList_AsTuple(values);
done:
  Py_DECREF(get);
  Py_XDECREF(dummy);
  Py_XDECREF(seen);
  Py_XDECREF(values);
  return result;
}

// getattr(subject, name) for a class pattern; NULL without an exception if
// the attribute is missing.
static PyObject* match_class_attr(PyObject* subject, PyTypeObject* type, PyObject* name, PyObject* seen) {
  int dup = PySet_Contains(seen, name);
  if (dup < 0) return nullptr;
  if (dup) {
    PyErr_Format(PyExc_TypeError, "%s() got multiple sub-patterns for attribute %R", type->tp_name, name);
    return nullptr;
  }
  if (PySet_Add(seen, name) < 0) return nullptr;
  PyObject* v = PyObject_GetAttr(subject, name);
  if (!v && PyErr_ExceptionMatches(PyExc_AttributeError)) PyErr_Clear();
  return v;
}

// MATCH_CLASS: the matched attributes (positional first) as a tuple, or None.
PyObject* match_class(PyObject* subject, PyObject* cls, Py_ssize_t nargs, PyObject* kwargs) {
  if (!PyType_Check(cls)) {
    PyErr_Format(PyExc_TypeError, "called match pattern must be a type");
    return nullptr;
  }
  PyTypeObject* type = reinterpret_cast<PyTypeObject*>(cls);
  int inst = PyObject_IsInstance(subject, cls);
  if (inst < 0) return nullptr;
  if (!inst) return Py_NewRef(Py_None);
  PyObject* seen = PySet_New(nullptr);
  PyObject* attrs = PyList_New(0);
  PyObject* match_args = nullptr;
  PyObject* result = nullptr;
  if (!seen || !attrs) goto done;
  if (nargs) {
    bool match_self = false;
    if (_PyObject_LookupAttr(cls, PyUnicode_InternFromString("__match_args__"), &match_args) < 0) goto done;
    if (match_args) {
      if (!PyTuple_CheckExact(match_args)) {
        PyErr_Format(PyExc_TypeError, "%s.__match_args__ must be a tuple (got %s)", type->tp_name,
                     Py_TYPE(match_args)->tp_name);
        goto done;
      }
    } else {
      match_args = PyTuple_New(0);
      if (!match_args) goto done;
      match_self = (type->tp_flags & _Py_TPFLAGS_MATCH_SELF) ||
                   type_is_any(type, {&PyBool_Type, &PyByteArray_Type, &PyBytes_Type, &PyDict_Type,
                                      &PyFloat_Type, &PyFrozenSet_Type, &PyLong_Type, &PyList_Type,
                                      &PySet_Type, &PyUnicode_Type, &PyTuple_Type});
    }
    Py_ssize_t allowed = match_self ? 1 : PyTuple_GET_SIZE(match_args);
    if (allowed < nargs) {
      PyErr_Format(PyExc_TypeError, "%s() accepts %zd positional sub-pattern%s (%zd given)", type->tp_name,
                   allowed, allowed == 1 ? "" : "s", nargs);
      goto done;
    }
    if (match_self) {
      if (PyList_Append(attrs, subject) < 0) goto done;
    } else {
      for (Py_ssize_t i = 0; i < nargs; i++) {
        PyObject* name = PyTuple_GET_ITEM(match_args, i);
        if (!PyUnicode_CheckExact(name)) {
          PyErr_Format(PyExc_TypeError, "__match_args__ elements must be strings (got %s)", Py_TYPE(name)->tp_name);
          goto done;
        }
        PyObject* v = match_class_attr(subject, type, name, seen);
        if (!v) {
          if (!PyErr_Occurred()) result = Py_NewRef(Py_None);
          goto done;
        }
        int rc = PyList_Append(attrs, v);
        Py_DECREF(v);
        if (rc < 0) goto done;
      }
    }
  }
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kwargs); i++) {
    PyObject* v = match_class_attr(subject, type, PyTuple_GET_ITEM(kwargs, i), seen);
    if (!v) {
      if (!PyErr_Occurred()) result = Py_NewRef(Py_None);
      goto done;
    }
    int rc = PyList_Append(attrs, v);
    Py_DECREF(v);
    if (rc < 0) goto done;
  }
  result = PyList_AsTuple(attrs);
done:
  Py_XDECREF(seen);
  Py_XDECREF(attrs);
  Py_XDECREF(match_args);
  return result;
}

}  // namespace krait::interp
