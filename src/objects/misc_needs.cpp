// Minimal stand-ins for C-API functions owned by other areas that the
// `misc` area (the _codecs module and the codec registry) calls but that
// nobody defines yet. They keep libkrait linking; the owners replace them
// (the lead reconciles this file away):
//   strings: PyUnicode_DecodeUTF7Stateful, _PyUnicode_EncodeUTF7,
//            PyUnicode_DecodeCharmap, _PyUnicode_EncodeCharmap,
//            PyUnicode_BuildEncodingMap, PyBytes_DecodeEscape
//   lead (errors): _PyErr_TrySetFromCause
#include <Python.h>

namespace {

PyObject* not_yet(const char* what) {
  PyErr_Format(PyExc_NotImplementedError, "%s is not implemented yet in Krait", what);
  return nullptr;
}

}  // namespace

extern "C" {

PyObject* PyUnicode_DecodeUTF7Stateful(const char*, Py_ssize_t, const char*, Py_ssize_t*) {
  return not_yet("the UTF-7 decoder");
}

PyObject* _PyUnicode_EncodeUTF7(PyObject*, int, int, const char*) { return not_yet("the UTF-7 encoder"); }

PyObject* PyUnicode_DecodeCharmap(const char*, Py_ssize_t, PyObject*, const char*) {
  return not_yet("the charmap decoder");
}

PyObject* _PyUnicode_EncodeCharmap(PyObject*, PyObject*, const char*) { return not_yet("the charmap encoder"); }

PyObject* PyUnicode_BuildEncodingMap(PyObject*) { return not_yet("charmap_build"); }

PyObject* PyBytes_DecodeEscape(const char*, Py_ssize_t, const char*, Py_ssize_t, const char*) {
  return not_yet("escape_decode");
}

// CPython wraps a plain exception as "<prefix> (<type>: <msg>)" when it can
// and otherwise leaves it alone; this stand-in always leaves it alone.
PyObject* _PyErr_TrySetFromCause(const char*, ...) { return nullptr; }

}  // extern "C"
