// isinstance()/issubclass() (PyObject_IsInstance/IsSubclass: tuples, unions,
// __instancecheck__/__subclasscheck__, __class__ and __bases__ for
// class-like objects, with recursion guards) and format() (PyObject_Format).
#include <Python.h>

#include <cstring>

#include "capi/abstract_internal.h"
#include "objects/object_util.h"

namespace krait {

// `int | str` (types.UnionType) counts as the tuple of its members. The union
// type lives elsewhere; it is recognised by name and read through __args__.
static bool is_union(PyObject* cls) {
  return std::strcmp(Py_TYPE(cls)->tp_name, "types.UnionType") == 0;
}

static PyObject* union_args(PyObject* cls) {
  return PyObject_GetAttrString(cls, "__args__");
}

// cls.__bases__ if it is a tuple; nullptr (maybe with an exception) otherwise.
static PyObject* abstract_get_bases(PyObject* cls) {
  PyObject* bases;
  if (_PyObject_LookupAttr(cls, KRAIT_INTERNED("__bases__"), &bases) < 0) return nullptr;
  if (bases && !PyTuple_Check(bases)) {
    Py_DECREF(bases);
    return nullptr;
  }
  return bases;
}

// Walks __bases__ of a class-like object.
static int abstract_issubclass(PyObject* derived, PyObject* cls) {
  Ref<> bases;
  for (;;) {
    if (derived == cls) return 1;
    Ref<> b = steal(abstract_get_bases(derived));
    if (!b) return PyErr_Occurred() ? -1 : 0;
    Py_ssize_t n = PyTuple_GET_SIZE(b.get());
    if (n == 0) return 0;
    if (n == 1) {  // single inheritance: iterate instead of recursing
      bases = std::move(b);
      derived = PyTuple_GET_ITEM(bases.get(), 0);
      continue;
    }
    bases = std::move(b);
    break;
  }
  int r = 0;
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(bases.get()); i++) {
    if (Py_EnterRecursiveCall(" in __issubclass__")) return -1;
    r = abstract_issubclass(PyTuple_GET_ITEM(bases.get(), i), cls);
    Py_LeaveRecursiveCall();
    if (r != 0) break;
  }
  return r;
}

static int check_class(PyObject* cls, const char* error) {
  Ref<> bases = steal(abstract_get_bases(cls));
  if (!bases) {
    if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, error);
    return 0;
  }
  return -1;
}

int object_real_isinstance(PyObject* inst, PyObject* cls) {
  PyObject* icls;
  if (PyType_Check(cls)) {
    int r = PyObject_TypeCheck(inst, reinterpret_cast<PyTypeObject*>(cls));
    if (r) return r;
    // A proxy may claim another class through __class__.
    if (_PyObject_LookupAttr(inst, KRAIT_INTERNED("__class__"), &icls) < 0) return -1;
    if (!icls) return 0;
    r = icls != reinterpret_cast<PyObject*>(Py_TYPE(inst)) && PyType_Check(icls)
            ? PyType_IsSubtype(reinterpret_cast<PyTypeObject*>(icls),
                               reinterpret_cast<PyTypeObject*>(cls))
            : 0;
    Py_DECREF(icls);
    return r;
  }
  if (!check_class(cls, "isinstance() arg 2 must be a type, a tuple of types, or a union"))
    return -1;
  if (_PyObject_LookupAttr(inst, KRAIT_INTERNED("__class__"), &icls) < 0) return -1;
  if (!icls) return 0;
  int r = abstract_issubclass(icls, cls);
  Py_DECREF(icls);
  return r;
}

int object_real_issubclass(PyObject* derived, PyObject* cls) {
  if (PyType_Check(cls) && PyType_Check(derived))
    return PyType_IsSubtype(reinterpret_cast<PyTypeObject*>(derived),
                            reinterpret_cast<PyTypeObject*>(cls));
  if (!check_class(derived, "issubclass() arg 1 must be a class")) return -1;
  if (!is_union(cls) &&
      !check_class(cls, "issubclass() arg 2 must be a class, a tuple of classes, or a union"))
    return -1;
  return abstract_issubclass(derived, cls);
}

// Calls cls.__instancecheck__(inst) / cls.__subclasscheck__(sub) if cls's
// type defines it: 1/0 in *result and true; false when it is absent.
static bool call_checker(PyObject* cls, PyObject* name, PyObject* arg, const char* where,
                         int* result) {
  Ref<> checker = steal(lookup_special(cls, name));
  if (!checker) {
    if (PyErr_Occurred()) {
      *result = -1;
      return true;
    }
    return false;
  }
  if (Py_EnterRecursiveCall(where)) {
    *result = -1;
    return true;
  }
  Ref<> res = steal(PyObject_CallOneArg(checker.get(), arg));
  Py_LeaveRecursiveCall();
  *result = res ? PyObject_IsTrue(res.get()) : -1;
  return true;
}

static int object_recursive_isinstance(PyObject* inst, PyObject* cls) {
  if (Py_IS_TYPE(inst, reinterpret_cast<PyTypeObject*>(cls))) return 1;
  // type's own __instancecheck__ is known: skip the call.
  if (PyType_CheckExact(cls)) return object_real_isinstance(inst, cls);
  Ref<> members;
  if (is_union(cls)) {
    members = steal(union_args(cls));
    if (!members) return -1;
    cls = members.get();
  }
  if (PyTuple_Check(cls)) {
    if (Py_EnterRecursiveCall(" in __instancecheck__")) return -1;
    int r = 0;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(cls); i++) {
      r = object_recursive_isinstance(inst, PyTuple_GET_ITEM(cls, i));
      if (r != 0) break;
    }
    Py_LeaveRecursiveCall();
    return r;
  }
  int r;
  if (call_checker(cls, KRAIT_INTERNED("__instancecheck__"), inst, " in __instancecheck__", &r))
    return r;
  return object_real_isinstance(inst, cls);
}

static int object_issubclass(PyObject* derived, PyObject* cls) {
  if (PyType_CheckExact(cls)) {
    if (derived == cls) return 1;
    return object_real_issubclass(derived, cls);
  }
  Ref<> members;
  if (is_union(cls)) {
    members = steal(union_args(cls));
    if (!members) return -1;
    cls = members.get();
  }
  if (PyTuple_Check(cls)) {
    if (Py_EnterRecursiveCall(" in __subclasscheck__")) return -1;
    int r = 0;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(cls); i++) {
      r = object_issubclass(derived, PyTuple_GET_ITEM(cls, i));
      if (r != 0) break;
    }
    Py_LeaveRecursiveCall();
    return r;
  }
  int r;
  if (call_checker(cls, KRAIT_INTERNED("__subclasscheck__"), derived, " in __subclasscheck__", &r))
    return r;
  return object_real_issubclass(derived, cls);
}

}  // namespace krait

using namespace krait;

int PyObject_IsInstance(PyObject* inst, PyObject* cls) {
  return object_recursive_isinstance(inst, cls);
}

int PyObject_IsSubclass(PyObject* derived, PyObject* cls) {
  return object_issubclass(derived, cls);
}

// format(obj, spec): obj's type's __format__, with fast paths for str and int.
PyObject* PyObject_Format(PyObject* obj, PyObject* format_spec) {
  if (format_spec && !PyUnicode_Check(format_spec)) {
    PyErr_Format(PyExc_SystemError, "Format specifier must be a string, not %.200s",
                 Py_TYPE(format_spec)->tp_name);
    return nullptr;
  }
  if (!format_spec || PyUnicode_GET_LENGTH(format_spec) == 0) {
    if (PyUnicode_CheckExact(obj)) {
      Py_INCREF(obj);
      return obj;
    }
    if (PyLong_CheckExact(obj)) return PyObject_Str(obj);
  }
  Ref<> empty;
  if (!format_spec) {
    empty = steal(PyUnicode_New(0, 0));
    if (!empty) return nullptr;
    format_spec = empty.get();
  }
  Ref<> meth = steal(lookup_special(obj, KRAIT_INTERNED("__format__")));
  if (!meth) {
    if (!PyErr_Occurred())
      PyErr_Format(PyExc_TypeError, "Type %.100s doesn't define __format__",
                   Py_TYPE(obj)->tp_name);
    return nullptr;
  }
  PyObject* result = PyObject_CallOneArg(meth.get(), format_spec);
  if (result && !PyUnicode_Check(result)) {
    PyErr_Format(PyExc_TypeError, "__format__ must return a str, not %.200s",
                 Py_TYPE(result)->tp_name);
    Py_DECREF(result);
    return nullptr;
  }
  return result;
}

// What type.__instancecheck__ / type.__subclasscheck__ do (no dunder lookup).
int _PyObject_RealIsInstance(PyObject* inst, PyObject* cls) {
  return krait::object_real_isinstance(inst, cls);
}

int _PyObject_RealIsSubclass(PyObject* derived, PyObject* cls) {
  return krait::object_real_issubclass(derived, cls);
}

// Whether obj.__isabstractmethod__ is true (a missing attribute means no);
// used by abc's abstract-method bookkeeping.
int _PyObject_IsAbstract(PyObject* obj) {
  if (obj == nullptr) return 0;
  PyObject* flag = nullptr;
  PyObject* name = PyUnicode_FromString("__isabstractmethod__");
  if (!name) return -1;
  int rc = _PyObject_LookupAttr(obj, name, &flag);
  Py_DECREF(name);
  if (rc > 0) {
    rc = PyObject_IsTrue(flag);
    Py_DECREF(flag);
  }
  return rc;
}
