// Small helpers shared by the container types (tuple, list, dict, set, range,
// slice and the iterator types). Internal to src/objects; namespace krait.
//
// Nothing here is CPython API: these are inline fast paths built only from
// layouts the public headers fix (PEP 393 strings, PyASCIIObject.hash), so
// dict/set lookups on str keys avoid a call per probe.
#pragma once
#include <Python.h>
#include <cstring>
#include "objects/object_util.h"

namespace krait {

// Hash of `key`, taking the cached value of exact str objects directly.
inline Py_hash_t hash_of(PyObject* key) {
  if (PyUnicode_CheckExact(key)) {
    Py_hash_t h = reinterpret_cast<PyASCIIObject*>(key)->hash;
    if (h != -1) return h;
  }
  return PyObject_Hash(key);
}

// Equality of two exact str objects whose hashes already matched.
inline bool unicode_eq(PyObject* a, PyObject* b) {
  Py_ssize_t len = PyUnicode_GET_LENGTH(a);
  if (len != PyUnicode_GET_LENGTH(b)) return false;
  int kind = PyUnicode_KIND(a);
  if (kind != static_cast<int>(PyUnicode_KIND(b))) return false;
  return std::memcmp(PyUnicode_DATA(a), PyUnicode_DATA(b), size_t(len) * size_t(kind)) == 0;
}

// builtins.<name> as a new reference (for __reduce__ of iterators, which
// CPython pickles as `iter(seq)` / `reversed(seq)` calls). NULL + exception
// if missing.
inline PyObject* builtin_object(const char* name) {
  PyObject* builtins = PyEval_GetBuiltins();
  if (builtins == nullptr) return nullptr;
  PyObject* v = PyDict_GetItemString(builtins, name);
  if (v == nullptr) {
    if (!PyErr_Occurred()) PyErr_SetString(PyExc_AttributeError, name);
    return nullptr;
  }
  Py_INCREF(v);
  return v;
}

// Monotonic source of dict version tags (PyDictObject.ma_version_tag): every
// mutation of any dict takes a fresh value, so a cached (dict, version) pair
// proves the dict unchanged. Defined in dict_object.cpp.
extern uint64_t g_dict_version;
inline uint64_t next_dict_version() { return ++g_dict_version; }

}  // namespace krait
