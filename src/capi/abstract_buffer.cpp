// The buffer protocol's C API (pybuffer.h) and the old buffer API
// (PyObject_AsReadBuffer & co. in abstract.h), as CPython 3.11's abstract.c.
//
// PyBuffer_ToContiguous lives with the strided copy code in
// objects/memoryview_copy.cpp, as in CPython (memoryobject.c).
#include <Python.h>

#include <cstring>

#include "objects/memoryview_object.h"
#include "support/ref.h"

using krait::Ref;

namespace {

int null_error() {
  if (!PyErr_Occurred()) PyErr_SetString(PyExc_SystemError, "null argument to internal routine");
  return -1;
}

bool is_c_contiguous(const Py_buffer* view) {
  if (view->len == 0 || view->strides == nullptr) return true;
  Py_ssize_t expected = view->itemsize;
  for (int i = view->ndim - 1; i >= 0; --i) {
    Py_ssize_t dim = view->shape[i];
    if (dim > 1 && view->strides[i] != expected) return false;
    expected *= dim;
  }
  return true;
}

bool is_f_contiguous(const Py_buffer* view) {
  if (view->len == 0) return true;
  if (view->strides == nullptr) {
    // No strides means C order; that is also Fortran order when at most one
    // dimension has more than one element.
    if (view->ndim <= 1) return true;
    int nontrivial = 0;
    for (int i = 0; i < view->ndim; ++i) nontrivial += view->shape[i] > 1;
    return nontrivial <= 1;
  }
  Py_ssize_t expected = view->itemsize;
  for (int i = 0; i < view->ndim; ++i) {
    Py_ssize_t dim = view->shape[i];
    if (dim > 1 && view->strides[i] != expected) return false;
    expected *= dim;
  }
  return true;
}

// Advances a row-major (C) or column-major (F) multi-index over `shape`.
void next_index_c(int nd, Py_ssize_t* index, const Py_ssize_t* shape) {
  for (int k = nd - 1; k >= 0; --k) {
    if (++index[k] < shape[k]) return;
    index[k] = 0;
  }
}
void next_index_f(int nd, Py_ssize_t* index, const Py_ssize_t* shape) {
  for (int k = 0; k < nd; ++k) {
    if (++index[k] < shape[k]) return;
    index[k] = 0;
  }
}

}  // namespace

extern "C" {

int PyObject_CheckBuffer(PyObject* obj) {
  PyBufferProcs* pb = Py_TYPE(obj)->tp_as_buffer;
  return pb != nullptr && pb->bf_getbuffer != nullptr;
}

int PyObject_GetBuffer(PyObject* obj, Py_buffer* view, int flags) {
  PyBufferProcs* pb = Py_TYPE(obj)->tp_as_buffer;
  if (pb == nullptr || pb->bf_getbuffer == nullptr) {
    PyErr_Format(PyExc_TypeError, "a bytes-like object is required, not '%.100s'",
                 Py_TYPE(obj)->tp_name);
    return -1;
  }
  return pb->bf_getbuffer(obj, view, flags);
}

void PyBuffer_Release(Py_buffer* view) {
  PyObject* obj = view->obj;
  if (obj == nullptr) return;
  PyBufferProcs* pb = Py_TYPE(obj)->tp_as_buffer;
  if (pb != nullptr && pb->bf_releasebuffer != nullptr) pb->bf_releasebuffer(obj, view);
  view->obj = nullptr;
  Py_DECREF(obj);
}

// The whole buffer story of a simple exporter of unsigned bytes: shape,
// strides and format point into the Py_buffer itself when requested.
int PyBuffer_FillInfo(Py_buffer* view, PyObject* obj, void* buf, Py_ssize_t len, int readonly,
                      int flags) {
  if (view == nullptr) {
    PyErr_SetString(PyExc_BufferError, "PyBuffer_FillInfo: view==NULL argument is obsolete");
    return -1;
  }
  if ((flags & PyBUF_WRITABLE) == PyBUF_WRITABLE && readonly == 1) {
    PyErr_SetString(PyExc_BufferError, "Object is not writable.");
    return -1;
  }
  Py_XINCREF(obj);
  view->obj = obj;
  view->buf = buf;
  view->len = len;
  view->readonly = readonly;
  view->itemsize = 1;
  view->format = (flags & PyBUF_FORMAT) == PyBUF_FORMAT ? const_cast<char*>("B") : nullptr;
  view->ndim = 1;
  view->shape = (flags & PyBUF_ND) == PyBUF_ND ? &view->len : nullptr;
  view->strides = (flags & PyBUF_STRIDES) == PyBUF_STRIDES ? &view->itemsize : nullptr;
  view->suboffsets = nullptr;
  view->internal = nullptr;
  return 0;
}

int PyBuffer_IsContiguous(const Py_buffer* view, char order) {
  if (view->suboffsets != nullptr) return 0;
  switch (order) {
    case 'C': return is_c_contiguous(view);
    case 'F': return is_f_contiguous(view);
    case 'A': return is_c_contiguous(view) || is_f_contiguous(view);
    default: return 0;
  }
}

void* PyBuffer_GetPointer(const Py_buffer* view, const Py_ssize_t* indices) {
  char* ptr = static_cast<char*>(view->buf);
  for (int i = 0; i < view->ndim; ++i) {
    ptr += view->strides[i] * indices[i];
    ptr = krait::buffer::adjust_ptr(ptr, view->suboffsets, i);
  }
  return ptr;
}

void PyBuffer_FillContiguousStrides(int nd, Py_ssize_t* shape, Py_ssize_t* strides, int itemsize,
                                    char order) {
  krait::buffer::contiguous_strides(nd, shape, strides, itemsize, order);
}

// The item size a struct format describes. Native single-type formats are
// answered here; anything else asks struct.calcsize, as CPython does.
Py_ssize_t PyBuffer_SizeFromFormat(const char* format) {
  char ch;
  Py_ssize_t size = krait::buffer::native_format(format, &ch);
  if (size > 0) return size;
  Ref<> mod = krait::steal(PyImport_ImportModule("struct"));
  if (!mod) return -1;
  Ref<> res = krait::steal(PyObject_CallMethod(mod.get(), "calcsize", "s", format));
  if (!res) return -1;
  return PyLong_AsSsize_t(res.get());
}

// Copies up to view->len bytes from the contiguous `buf` (in `order`) into
// the possibly strided buffer.
int PyBuffer_FromContiguous(const Py_buffer* view, const void* buf, Py_ssize_t len, char order) {
  if (len > view->len) len = view->len;
  if (PyBuffer_IsContiguous(view, order)) {
    std::memcpy(view->buf, buf, static_cast<size_t>(len));
    return 0;
  }
  auto* index = static_cast<Py_ssize_t*>(PyMem_Calloc(view->ndim ? view->ndim : 1, sizeof(Py_ssize_t)));
  if (index == nullptr) {
    PyErr_NoMemory();
    return -1;
  }
  auto advance = order == 'F' ? next_index_f : next_index_c;
  const char* src = static_cast<const char*>(buf);
  for (Py_ssize_t n = len / view->itemsize; n > 0; --n) {
    std::memcpy(PyBuffer_GetPointer(view, index), src, static_cast<size_t>(view->itemsize));
    src += view->itemsize;
    advance(view->ndim, index, view->shape);
  }
  PyMem_Free(index);
  return 0;
}

int PyObject_CopyData(PyObject* dest, PyObject* src) {
  if (!PyObject_CheckBuffer(dest) || !PyObject_CheckBuffer(src)) {
    PyErr_SetString(PyExc_TypeError, "both destination and source must be bytes-like objects");
    return -1;
  }
  Py_buffer vd, vs;
  if (PyObject_GetBuffer(dest, &vd, PyBUF_FULL) != 0) return -1;
  if (PyObject_GetBuffer(src, &vs, PyBUF_FULL_RO) != 0) {
    PyBuffer_Release(&vd);
    return -1;
  }
  int rc = 0;
  if (vd.len < vs.len) {
    PyErr_SetString(PyExc_BufferError, "destination is too small to receive data from source");
    rc = -1;
  } else if ((PyBuffer_IsContiguous(&vd, 'C') && PyBuffer_IsContiguous(&vs, 'C')) ||
             (PyBuffer_IsContiguous(&vd, 'F') && PyBuffer_IsContiguous(&vs, 'F'))) {
    std::memcpy(vd.buf, vs.buf, static_cast<size_t>(vs.len));
  } else {
    // Element by element in C order, addressing both by the same index.
    auto* index = static_cast<Py_ssize_t*>(PyMem_Calloc(vs.ndim ? vs.ndim : 1, sizeof(Py_ssize_t)));
    if (index == nullptr) {
      PyErr_NoMemory();
      rc = -1;
    } else {
      Py_ssize_t elements = 1;
      for (int k = 0; k < vs.ndim; ++k) elements *= vs.shape[k];
      for (; elements > 0; --elements) {
        std::memcpy(PyBuffer_GetPointer(&vd, index), PyBuffer_GetPointer(&vs, index),
                    static_cast<size_t>(vs.itemsize));
        next_index_c(vs.ndim, index, vs.shape);
      }
      PyMem_Free(index);
    }
  }
  PyBuffer_Release(&vd);
  PyBuffer_Release(&vs);
  return rc;
}

// --- the old buffer API ----------------------------------------------------

static int as_read_buffer(PyObject* obj, const void** buffer, Py_ssize_t* buffer_len) {
  if (obj == nullptr || buffer == nullptr || buffer_len == nullptr) return null_error();
  Py_buffer view;
  if (PyObject_GetBuffer(obj, &view, PyBUF_SIMPLE) != 0) return -1;
  *buffer = view.buf;
  *buffer_len = view.len;
  PyBuffer_Release(&view);
  return 0;
}

int PyObject_AsCharBuffer(PyObject* obj, const char** buffer, Py_ssize_t* buffer_len) {
  return as_read_buffer(obj, reinterpret_cast<const void**>(buffer), buffer_len);
}

int PyObject_AsReadBuffer(PyObject* obj, const void** buffer, Py_ssize_t* buffer_len) {
  return as_read_buffer(obj, buffer, buffer_len);
}

int PyObject_CheckReadBuffer(PyObject* obj) {
  PyBufferProcs* pb = Py_TYPE(obj)->tp_as_buffer;
  if (pb == nullptr || pb->bf_getbuffer == nullptr) return 0;
  Py_buffer view;
  if (pb->bf_getbuffer(obj, &view, PyBUF_SIMPLE) == -1) {
    PyErr_Clear();
    return 0;
  }
  PyBuffer_Release(&view);
  return 1;
}

int PyObject_AsWriteBuffer(PyObject* obj, void** buffer, Py_ssize_t* buffer_len) {
  if (obj == nullptr || buffer == nullptr || buffer_len == nullptr) return null_error();
  PyBufferProcs* pb = Py_TYPE(obj)->tp_as_buffer;
  Py_buffer view;
  if (pb == nullptr || pb->bf_getbuffer == nullptr || pb->bf_getbuffer(obj, &view, PyBUF_WRITABLE) != 0) {
    PyErr_SetString(PyExc_TypeError, "expected a writable bytes-like object");
    return -1;
  }
  *buffer = view.buf;
  *buffer_len = view.len;
  PyBuffer_Release(&view);
  return 0;
}

}  // extern "C"
