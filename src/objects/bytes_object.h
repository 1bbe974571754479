// bytes_object.h — Krait-internal helpers shared by bytes and bytearray.
#pragma once
#include <Python.h>

#include <cstddef>
#include <cstring>

#include "support/ref.h"

namespace krait {

// Header plus the trailing NUL: a bytes of length n takes kBytesObjectSize + n.
inline constexpr Py_ssize_t kBytesObjectSize = offsetof(PyBytesObject, ob_sval) + 1;

PyObject* bytes_empty();                          // b"" (immortal)
PyObject* bytes_char(unsigned char c);            // one-byte singleton (immortal)
PyObject* bytes_new_uninit(Py_ssize_t size);      // fresh, unshared, NUL-terminated
PyObject* bytes_concat(PyObject* a, PyObject* b); // buffer + buffer -> bytes
PyObject* bytes_repr_data(const char* data, Py_ssize_t n, int smartquotes, const char* prefix,
                          const char* suffix);
PyObject* bytes_from_iterable_ints(PyObject* x);
// An int in range(256) from item (__index__), or -1 with ValueError/TypeError.
int byte_value(PyObject* item);
// `arg in data`: an int byte value or a bytes-like subsequence. -1 on error.
int bytes_contains_data(const char* data, Py_ssize_t n, PyObject* arg);

// _PyArg_UnpackKeywords returns the caller's own argument array when no
// keywords were passed; then only the first nargs entries exist. This makes
// every one of the n slots readable (absent ones NULL) by copying into buf.
inline PyObject* const* all_slots(PyObject* const* a, Py_ssize_t nargs, PyObject** buf, Py_ssize_t n) {
  if (a == nullptr || a == buf) return a;
  for (Py_ssize_t i = 0; i < n; ++i) buf[i] = i < nargs ? a[i] : nullptr;
  return buf;
}

// The methods bytes and bytearray share (bytes_methods.cpp), parameterized
// by the type of result they build.
extern PyMethodDef bytes_methods[];
extern PyNumberMethods bytes_as_number;
extern PyMethodDef bytearray_shared_methods[];

// data.hex(sep, bytes_per_sep) for bytes, bytearray and memoryview; sep NULL when not given.
PyObject* hex_with_sep(const unsigned char* data, Py_ssize_t n, PyObject* sep, int bytes_per_sep);

// Growable char buffer (PyMem-backed).
class ByteVec {
 public:
  ~ByteVec() { PyMem_Free(p_); }
  bool push(char c) {
    if (n_ == cap_ && !grow(1)) return false;
    p_[n_++] = c;
    return true;
  }
  bool append(const char* s, Py_ssize_t k) {
    if (n_ + k > cap_ && !grow(k)) return false;
    if (k) std::memcpy(p_ + n_, s, k);
    n_ += k;
    return true;
  }
  const char* data() const { return p_ ? p_ : ""; }
  Py_ssize_t size() const { return n_; }

 private:
  bool grow(Py_ssize_t k) {
    Py_ssize_t nc = cap_ ? cap_ * 2 : 16;
    while (nc < n_ + k) nc *= 2;
    char* np = static_cast<char*>(PyMem_Realloc(p_, nc));
    if (np == nullptr) {
      PyErr_NoMemory();
      return false;
    }
    p_ = np;
    cap_ = nc;
    return true;
  }
  char* p_ = nullptr;
  Py_ssize_t n_ = 0, cap_ = 0;
};

}  // namespace krait
