// Strided copies between buffers: memoryview slice assignment, tobytes()
// and PyBuffer_ToContiguous. Each dimension is walked recursively; the last
// one is a single memmove when both sides are contiguous there, otherwise it
// goes item by item through a scratch row, which also makes overlapping
// one-dimensional copies (m[1:] = m[:-1]) safe.
#include <Python.h>

#include <cstring>

#include "objects/memoryview_object.h"

namespace krait::buffer {
namespace {

inline const Py_ssize_t* sub_next(const Py_ssize_t* suboffsets) {
  return suboffsets != nullptr ? suboffsets + 1 : nullptr;
}

// One row. `row` is scratch space for shape0 items, or null when both sides
// are contiguous in this dimension.
void copy_row(Py_ssize_t shape0, Py_ssize_t itemsize, char* dptr, Py_ssize_t dstride,
              const Py_ssize_t* dsub, char* sptr, Py_ssize_t sstride, const Py_ssize_t* ssub,
              char* row) {
  if (row == nullptr) {
    std::memmove(dptr, sptr, static_cast<size_t>(shape0 * itemsize));
    return;
  }
  char* p = row;
  for (Py_ssize_t i = 0; i < shape0; ++i, sptr += sstride, p += itemsize) {
    std::memcpy(p, adjust_ptr(sptr, ssub, 0), static_cast<size_t>(itemsize));
  }
  p = row;
  for (Py_ssize_t i = 0; i < shape0; ++i, dptr += dstride, p += itemsize) {
    std::memcpy(adjust_ptr(dptr, dsub, 0), p, static_cast<size_t>(itemsize));
  }
}

void copy_dims(const Py_ssize_t* shape, int ndim, Py_ssize_t itemsize, char* dptr,
               const Py_ssize_t* dstrides, const Py_ssize_t* dsub, char* sptr,
               const Py_ssize_t* sstrides, const Py_ssize_t* ssub, char* row) {
  if (ndim == 1) {
    copy_row(shape[0], itemsize, dptr, dstrides[0], dsub, sptr, sstrides[0], ssub, row);
    return;
  }
  for (Py_ssize_t i = 0; i < shape[0]; ++i, dptr += dstrides[0], sptr += sstrides[0]) {
    copy_dims(shape + 1, ndim - 1, itemsize, adjust_ptr(dptr, dsub, 0), dstrides + 1,
              sub_next(dsub), adjust_ptr(sptr, ssub, 0), sstrides + 1, sub_next(ssub), row);
  }
}

bool has_suboffset(const Py_buffer* view, int dim) {
  return view->suboffsets != nullptr && view->suboffsets[dim] >= 0;
}

}  // namespace

void contiguous_strides(int ndim, const Py_ssize_t* shape, Py_ssize_t* strides,
                        Py_ssize_t itemsize, char order) {
  Py_ssize_t sd = itemsize;
  if (order == 'F') {
    for (int k = 0; k < ndim; ++k) {
      strides[k] = sd;
      sd *= shape[k];
    }
  } else {
    for (int k = ndim - 1; k >= 0; --k) {
      strides[k] = sd;
      sd *= shape[k];
    }
  }
}

int copy_buffer(const Py_buffer* dest, const Py_buffer* src) {
  if (dest->ndim == 0) {
    std::memmove(dest->buf, src->buf, static_cast<size_t>(dest->itemsize));
    return 0;
  }
  const int last = dest->ndim - 1;
  char* row = nullptr;
  bool contiguous_last = !has_suboffset(dest, last) && !has_suboffset(src, last) &&
                         dest->strides[last] == dest->itemsize && src->strides[last] == src->itemsize;
  if (!contiguous_last) {
    row = static_cast<char*>(PyMem_Malloc(static_cast<size_t>(dest->shape[last] * dest->itemsize) + 1));
    if (row == nullptr) {
      PyErr_NoMemory();
      return -1;
    }
  }
  for (int d = 0; d < dest->ndim; ++d) {
    if (dest->shape[d] == 0) {  // nothing to copy
      PyMem_Free(row);
      return 0;
    }
  }
  copy_dims(dest->shape, dest->ndim, dest->itemsize, static_cast<char*>(dest->buf), dest->strides,
            dest->suboffsets, static_cast<char*>(src->buf), src->strides, src->suboffsets, row);
  PyMem_Free(row);
  return 0;
}

int buffer_to_contiguous(char* mem, const Py_buffer* src, char order) {
  if (src->ndim == 0) {
    std::memcpy(mem, src->buf, static_cast<size_t>(src->itemsize));
    return 0;
  }
  Py_ssize_t strides[PyBUF_MAX_NDIM];
  contiguous_strides(src->ndim, src->shape, strides, src->itemsize, order == 'F' ? 'F' : 'C');
  Py_buffer dest = *src;
  dest.buf = mem;
  dest.strides = strides;
  dest.suboffsets = nullptr;
  return copy_buffer(&dest, src);
}

}  // namespace krait::buffer

// Copies the buffer's items into `buf` (len bytes) in C, Fortran or either
// ('A': the memory as it is when contiguous, else C) order.
extern "C" int PyBuffer_ToContiguous(void* buf, const Py_buffer* src, Py_ssize_t len, char order) {
  if (len != src->len) {
    PyErr_SetString(PyExc_ValueError, "PyBuffer_ToContiguous: len != view->len");
    return -1;
  }
  if (PyBuffer_IsContiguous(src, order)) {
    std::memcpy(buf, src->buf, static_cast<size_t>(len));
    return 0;
  }
  if (src->ndim > PyBUF_MAX_NDIM) {
    PyErr_SetString(PyExc_ValueError, "memoryview: number of dimensions must not exceed 64");
    return -1;
  }
  // The copy needs shape and strides; fill in what a minimal exporter omits.
  Py_buffer full = *src;
  Py_ssize_t shape[PyBUF_MAX_NDIM], strides[PyBUF_MAX_NDIM];
  if (full.ndim >= 1 && full.shape == nullptr) {
    shape[0] = full.len / full.itemsize;
    full.shape = shape;
  }
  if (full.ndim >= 1 && full.strides == nullptr) {
    krait::buffer::contiguous_strides(full.ndim, full.shape, strides, full.itemsize, 'C');
    full.strides = strides;
  }
  return krait::buffer::buffer_to_contiguous(static_cast<char*>(buf), &full, order);
}
