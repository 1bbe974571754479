#include "objects/unicode_methods.h"
#include "objects/unicode_object.h"
namespace krait {
PyNumberMethods unicode_as_number = {};
PyObject* unicode_format_method(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  PyErr_SetString(PyExc_NotImplementedError, "str.format");
  return nullptr;
}
PyObject* unicode_format_map(PyObject* self, PyObject* mapping) {
  PyErr_SetString(PyExc_NotImplementedError, "str.format_map");
  return nullptr;
}
PyObject* unicode_dunder_format(PyObject* self, PyObject* spec) {
  PyErr_SetString(PyExc_NotImplementedError, "str.__format__");
  return nullptr;
}
}
