// posix_ids.cpp — uid/gid argument conversion shared by posix, pwd, grp and
// _posixsubprocess: CPython's _Py_Uid_Converter / _Py_Gid_Converter and
// _PyLong_FromUid / _PyLong_FromGid (exported under those names, as CPython
// does, for extension modules).
#include <Python.h>
#include <sys/types.h>

#include "support/ref.h"

namespace {

// -1 is accepted as the "no change" id; other negatives and values that do
// not fit the 32-bit id type are rejected with CPython's messages.
template <typename Id>
int convert_id(PyObject* obj, Id* out, const char* what) {
  if (PyFloat_Check(obj) || !PyIndex_Check(obj)) {
    PyErr_Format(PyExc_TypeError, "%s should be integer, not %.200s", what, Py_TYPE(obj)->tp_name);
    return 0;
  }
  krait::Ref<> index = krait::steal(PyNumber_Index(obj));
  if (!index) return 0;
  int overflow;
  long result = PyLong_AsLongAndOverflow(index.get(), &overflow);
  if (!overflow) {
    if (result == -1) {
      if (PyErr_Occurred()) return 0;
      *out = static_cast<Id>(-1);
      return 1;
    }
    Id id = static_cast<Id>(result);
    if (result < 0 || static_cast<long>(id) != result) goto underflow;
    *out = id;
    return 1;
  }
  if (overflow < 0) goto underflow;
  {
    unsigned long u = PyLong_AsUnsignedLong(index.get());
    if (PyErr_Occurred()) {
      if (PyErr_ExceptionMatches(PyExc_OverflowError)) goto overflow_label;
      return 0;
    }
    Id id = static_cast<Id>(u);
    if (id == static_cast<Id>(-1) || static_cast<unsigned long>(id) != u) goto overflow_label;
    *out = id;
    return 1;
  }
underflow:
  PyErr_Format(PyExc_OverflowError, "%s is less than minimum", what);
  return 0;
overflow_label:
  PyErr_Format(PyExc_OverflowError, "%s is greater than maximum", what);
  return 0;
}

}  // namespace

extern "C" {

int _Py_Uid_Converter(PyObject* obj, void* p) { return convert_id(obj, static_cast<uid_t*>(p), "uid"); }
int _Py_Gid_Converter(PyObject* obj, void* p) { return convert_id(obj, static_cast<gid_t*>(p), "gid"); }

PyObject* _PyLong_FromUid(uid_t uid) {
  if (uid == static_cast<uid_t>(-1)) return PyLong_FromLong(-1);
  return PyLong_FromUnsignedLong(uid);
}

PyObject* _PyLong_FromGid(gid_t gid) {
  if (gid == static_cast<gid_t>(-1)) return PyLong_FromLong(-1);
  return PyLong_FromUnsignedLong(gid);
}

}  // extern "C"
