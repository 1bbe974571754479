// file_object.cpp — PyObject_AsFileDescriptor (CPython's Objects/fileobject.c):
// an int, or an object whose fileno() returns one.
#include <Python.h>

#include "support/ref.h"

extern "C" int PyObject_AsFileDescriptor(PyObject* o) {
  long fd;
  if (PyLong_Check(o)) {
    fd = PyLong_AsLong(o);
  } else {
    krait::Ref<> meth;
    if (_PyObject_LookupAttr(o, krait::steal(PyUnicode_FromString("fileno")).get(),
                             reinterpret_cast<PyObject**>(&meth)) < 0)
      return -1;
    if (!meth) {
      PyErr_SetString(PyExc_TypeError, "argument must be an int, or have a fileno() method.");
      return -1;
    }
    krait::Ref<> r = krait::steal(PyObject_CallNoArgs(meth.get()));
    if (!r) return -1;
    if (!PyLong_Check(r.get())) {
      PyErr_SetString(PyExc_TypeError, "fileno() returned a non-integer");
      return -1;
    }
    fd = PyLong_AsLong(r.get());
  }
  if (fd == -1 && PyErr_Occurred()) return -1;
  if (fd < 0) {
    PyErr_Format(PyExc_ValueError, "file descriptor cannot be a negative integer (%i)",
                 static_cast<int>(fd));
    return -1;
  }
  if (fd > INT_MAX) {
    PyErr_SetString(PyExc_OverflowError, "file descriptor cannot be greater than maximum");
    return -1;
  }
  return static_cast<int>(fd);
}
