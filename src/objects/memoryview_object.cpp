// memoryview and its managed buffer, with CPython 3.11's layout
// (PyMemoryViewObject, _PyManagedBufferObject: extensions read them through
// PyMemoryView_GET_BUFFER / PyMemoryView_GET_BASE).
//
// Ownership, as in CPython: a managed buffer holds the one Py_buffer obtained
// from the exporter and counts the memoryviews built on it (`exports`). Every
// memoryview (slices and casts included) keeps a private copy of the view
// with its own shape/strides/suboffsets in ob_array, and a reference to the
// managed buffer. Releasing the last memoryview of a managed buffer releases
// the exporter's buffer at once, so `with memoryview(ba): ...` lets the
// bytearray resize afterwards. A memoryview that has itself exported buffers
// (view.obj == the memoryview) cannot be released until they are returned.
#include <Python.h>

#include <cstddef>
#include <cstring>

#include "objects/memoryview_object.h"
#include "objects/object_util.h"

using krait::Ref;
using krait::steal;

namespace krait {
namespace {

using MView = PyMemoryViewObject;
using MBuf = _PyManagedBufferObject;
namespace buf = krait::buffer;

inline MView* as_mv(PyObject* op) { return reinterpret_cast<MView*>(op); }
inline PyObject* as_obj(void* op) { return static_cast<PyObject*>(op); }

// --- the managed buffer ----------------------------------------------------------

MBuf* mbuf_alloc() {
  MBuf* mb = PyObject_GC_New(MBuf, &_PyManagedBuffer_Type);
  if (mb == nullptr) return nullptr;
  mb->flags = 0;
  mb->exports = 0;
  std::memset(&mb->master, 0, sizeof mb->master);
  PyObject_GC_Track(mb);
  return mb;
}

MBuf* mbuf_from_object(PyObject* base, int flags) {
  MBuf* mb = mbuf_alloc();
  if (mb == nullptr) return nullptr;
  if (PyObject_GetBuffer(base, &mb->master, flags) < 0) {
    mb->master.obj = nullptr;
    Py_DECREF(mb);
    return nullptr;
  }
  return mb;
}

void mbuf_release(MBuf* mb) {
  if (mb->flags & _Py_MANAGED_BUFFER_RELEASED) return;
  mb->flags |= _Py_MANAGED_BUFFER_RELEASED;
  // The exporter's buffer goes back now; the object lives on untracked.
  PyObject_GC_UnTrack(mb);
  PyBuffer_Release(&mb->master);
}

void mbuf_dealloc(PyObject* op) {
  MBuf* mb = reinterpret_cast<MBuf*>(op);
  mbuf_release(mb);
  if (mb->flags & _Py_MANAGED_BUFFER_FREE_FORMAT) PyMem_Free(mb->master.format);
  PyObject_GC_Del(op);
}

int mbuf_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<MBuf*>(op)->master.obj);
  return 0;
}

int mbuf_clear(PyObject* op) {
  MBuf* mb = reinterpret_cast<MBuf*>(op);
  mb->exports = 0;
  Py_CLEAR(mb->master.obj);
  return 0;
}

// --- building views -------------------------------------------------------------

// A memoryview with room for ndim shapes, strides and suboffsets.
MView* mv_alloc(int ndim) {
  MView* mv = PyObject_GC_NewVar(MView, &PyMemoryView_Type, 3 * static_cast<Py_ssize_t>(ndim));
  if (mv == nullptr) return nullptr;
  mv->mbuf = nullptr;
  mv->hash = -1;
  mv->flags = 0;
  mv->exports = 0;
  mv->weakreflist = nullptr;
  std::memset(&mv->view, 0, sizeof mv->view);
  mv->view.ndim = ndim;
  mv->view.shape = mv->ob_array;
  mv->view.strides = mv->ob_array + ndim;
  mv->view.suboffsets = mv->ob_array + 2 * ndim;
  return mv;
}

// Everything but shape/strides/suboffsets/ndim. `obj` stays borrowed: the
// managed buffer owns the exporter.
void init_shared_values(Py_buffer* dest, const Py_buffer* src) {
  dest->obj = src->obj;
  dest->buf = src->buf;
  dest->len = src->len;
  dest->itemsize = src->itemsize;
  dest->readonly = src->readonly;
  dest->format = src->format != nullptr ? src->format : const_cast<char*>("B");
  dest->internal = src->internal;
}

void init_shape_strides(Py_buffer* dest, const Py_buffer* src) {
  if (src->ndim == 0) {
    dest->shape = nullptr;
    dest->strides = nullptr;
    return;
  }
  if (src->ndim == 1) {
    dest->shape[0] = src->shape != nullptr ? src->shape[0] : src->len / src->itemsize;
    dest->strides[0] = src->strides != nullptr ? src->strides[0] : src->itemsize;
    return;
  }
  for (int i = 0; i < src->ndim; ++i) dest->shape[i] = src->shape[i];
  if (src->strides != nullptr) {
    for (int i = 0; i < src->ndim; ++i) dest->strides[i] = src->strides[i];
  } else {
    buf::contiguous_strides(dest->ndim, dest->shape, dest->strides, dest->itemsize, 'C');
  }
}

void init_suboffsets(Py_buffer* dest, const Py_buffer* src) {
  if (src->suboffsets == nullptr) {
    dest->suboffsets = nullptr;
    return;
  }
  for (int i = 0; i < src->ndim; ++i) dest->suboffsets[i] = src->suboffsets[i];
}

void init_len(Py_buffer* view) {
  Py_ssize_t len = view->itemsize;
  for (int i = 0; i < view->ndim; ++i) len *= view->shape[i];
  view->len = len;
}

void init_flags(MView* mv) {
  const Py_buffer* view = &mv->view;
  int flags = 0;
  switch (view->ndim) {
    case 0:
      flags = _Py_MEMORYVIEW_SCALAR | _Py_MEMORYVIEW_C | _Py_MEMORYVIEW_FORTRAN;
      break;
    case 1:
      if (view->shape[0] == 1 || view->strides[0] == view->itemsize) {
        flags = _Py_MEMORYVIEW_C | _Py_MEMORYVIEW_FORTRAN;
      }
      break;
    default:
      if (PyBuffer_IsContiguous(view, 'C')) flags |= _Py_MEMORYVIEW_C;
      if (PyBuffer_IsContiguous(view, 'F')) flags |= _Py_MEMORYVIEW_FORTRAN;
      break;
  }
  if (view->suboffsets != nullptr) flags = _Py_MEMORYVIEW_PIL;
  mv->flags = flags;
}

bool c_contiguous(const MView* mv) { return mv->flags & (_Py_MEMORYVIEW_SCALAR | _Py_MEMORYVIEW_C); }
bool f_contiguous(const MView* mv) { return mv->flags & (_Py_MEMORYVIEW_SCALAR | _Py_MEMORYVIEW_FORTRAN); }
bool any_contiguous(const MView* mv) {
  return mv->flags & (_Py_MEMORYVIEW_SCALAR | _Py_MEMORYVIEW_C | _Py_MEMORYVIEW_FORTRAN);
}

void attach(MView* mv, MBuf* mb) {
  Py_INCREF(mb);
  mv->mbuf = mb;
  mb->exports++;
  PyObject_GC_Track(mv);
}

// A new view of `mb` shaped like `src` (default: the exporter's master view).
PyObject* mbuf_add_view(MBuf* mb, const Py_buffer* src) {
  if (src == nullptr) src = &mb->master;
  if (src->ndim > PyBUF_MAX_NDIM) {
    PyErr_SetString(PyExc_ValueError, "memoryview: number of dimensions must not exceed 64");
    return nullptr;
  }
  MView* mv = mv_alloc(src->ndim);
  if (mv == nullptr) return nullptr;
  init_shared_values(&mv->view, src);
  init_shape_strides(&mv->view, src);
  init_suboffsets(&mv->view, src);
  init_flags(mv);
  attach(mv, mb);
  return as_obj(mv);
}

// Shared values only; the caller fills shape, strides, suboffsets and flags.
MView* mbuf_add_incomplete_view(MBuf* mb, const Py_buffer* src, int ndim) {
  if (src == nullptr) src = &mb->master;
  MView* mv = mv_alloc(ndim);
  if (mv == nullptr) return nullptr;
  init_shared_values(&mv->view, src);
  attach(mv, mb);
  return mv;
}

// --- release ------------------------------------------------------------------------

bool is_released(const MView* mv) {
  return (mv->flags & _Py_MEMORYVIEW_RELEASED) || (mv->mbuf->flags & _Py_MANAGED_BUFFER_RELEASED);
}

bool check_released(const MView* mv) {
  if (is_released(mv)) {
    PyErr_SetString(PyExc_ValueError, "operation forbidden on released memoryview object");
    return false;
  }
  return true;
}

int mv_release(MView* mv) {
  if (mv->flags & _Py_MEMORYVIEW_RELEASED) return 0;
  if (mv->exports == 0) {
    mv->flags |= _Py_MEMORYVIEW_RELEASED;
    if (--mv->mbuf->exports == 0) mbuf_release(mv->mbuf);
    return 0;
  }
  PyErr_Format(PyExc_BufferError, "memoryview has %zd exported buffer%s", mv->exports,
               mv->exports == 1 ? "" : "s");
  return -1;
}

void mv_dealloc(PyObject* op) {
  MView* mv = as_mv(op);
  PyObject_GC_UnTrack(op);
  if (mv->mbuf != nullptr) (void)mv_release(mv);
  Py_CLEAR(mv->mbuf);
  if (mv->weakreflist != nullptr) PyObject_ClearWeakRefs(op);
  PyObject_GC_Del(op);
}

int mv_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(as_mv(op)->mbuf);
  return 0;
}

int mv_clear(PyObject* op) {
  MView* mv = as_mv(op);
  if (mv->mbuf != nullptr) (void)mv_release(mv);
  Py_CLEAR(mv->mbuf);
  return 0;
}

// --- the buffer protocol: memoryviews export their view -----------------------------

int mv_getbuf(PyObject* op, Py_buffer* view, int flags) {
  MView* self = as_mv(op);
  if (!check_released(self)) return -1;
  const Py_buffer* base = &self->view;
  *view = *base;
  view->obj = nullptr;
  auto fail = [](const char* msg) {
    PyErr_SetString(PyExc_BufferError, msg);
    return -1;
  };
  if ((flags & PyBUF_WRITABLE) && base->readonly) return fail("memoryview: underlying buffer is not writable");
  if ((flags & PyBUF_FORMAT) != PyBUF_FORMAT) view->format = nullptr;  // NULL means 'B'
  if ((flags & PyBUF_C_CONTIGUOUS) == PyBUF_C_CONTIGUOUS && !c_contiguous(self))
    return fail("memoryview: underlying buffer is not C-contiguous");
  if ((flags & PyBUF_F_CONTIGUOUS) == PyBUF_F_CONTIGUOUS && !f_contiguous(self))
    return fail("memoryview: underlying buffer is not Fortran contiguous");
  if ((flags & PyBUF_ANY_CONTIGUOUS) == PyBUF_ANY_CONTIGUOUS && !any_contiguous(self))
    return fail("memoryview: underlying buffer is not contiguous");
  if ((flags & PyBUF_INDIRECT) != PyBUF_INDIRECT && (self->flags & _Py_MEMORYVIEW_PIL))
    return fail("memoryview: underlying buffer requires suboffsets");
  if ((flags & PyBUF_STRIDES) != PyBUF_STRIDES) {
    if (!c_contiguous(self)) return fail("memoryview: underlying buffer is not C-contiguous");
    view->strides = nullptr;
  }
  if ((flags & PyBUF_ND) != PyBUF_ND) {
    // PyBUF_SIMPLE: the consumer sees unsigned bytes.
    if (view->format != nullptr)
      return fail("memoryview: cannot cast to unsigned bytes if the format flag is present");
    view->ndim = 1;
    view->shape = nullptr;
  }
  Py_INCREF(op);
  view->obj = op;
  self->exports++;
  return 0;
}

void mv_releasebuf(PyObject* op, Py_buffer*) { as_mv(op)->exports--; }

PyBufferProcs mv_as_buffer = {mv_getbuf, mv_releasebuf};

// --- items -----------------------------------------------------------------------------

// The format character for item access, or NotImplementedError for formats
// that are not a single character.
const char* item_format(const Py_buffer* view) {
  const char* fmt = view->format[0] == '@' ? view->format + 1 : view->format;
  if (fmt[0] != '\0' && fmt[1] == '\0') return fmt;
  PyErr_Format(PyExc_NotImplementedError, "memoryview: unsupported format %s", view->format);
  return nullptr;
}

char* lookup_dimension(const Py_buffer* view, char* ptr, int dim, Py_ssize_t index) {
  Py_ssize_t n = view->shape[dim];
  if (index < 0) index += n;
  if (index < 0 || index >= n) {
    PyErr_Format(PyExc_IndexError, "index out of bounds on dimension %d", dim + 1);
    return nullptr;
  }
  ptr += view->strides[dim] * index;
  return buf::adjust_ptr(ptr, view->suboffsets, dim);
}

// The item addressed by a full tuple of indices.
char* ptr_from_tuple(const Py_buffer* view, PyObject* tup) {
  Py_ssize_t n = PyTuple_GET_SIZE(tup);
  if (n > view->ndim) {
    PyErr_Format(PyExc_TypeError, "cannot index %d-dimension view with %zd-element tuple", view->ndim, n);
    return nullptr;
  }
  char* ptr = static_cast<char*>(view->buf);
  for (Py_ssize_t dim = 0; dim < n; ++dim) {
    Py_ssize_t index = PyNumber_AsSsize_t(PyTuple_GET_ITEM(tup, dim), PyExc_IndexError);
    if (index == -1 && PyErr_Occurred()) return nullptr;
    ptr = lookup_dimension(view, ptr, static_cast<int>(dim), index);
    if (ptr == nullptr) return nullptr;
  }
  return ptr;
}

bool is_multiindex(PyObject* key) {
  if (!PyTuple_Check(key)) return false;
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(key); ++i) {
    if (!PyIndex_Check(PyTuple_GET_ITEM(key, i))) return false;
  }
  return true;
}

bool is_multislice(PyObject* key) {
  if (!PyTuple_Check(key)) return false;
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(key); ++i) {
    if (!PySlice_Check(PyTuple_GET_ITEM(key, i))) return false;
  }
  return true;
}

PyObject* mv_item(PyObject* op, Py_ssize_t index) {
  MView* self = as_mv(op);
  if (!check_released(self)) return nullptr;
  const Py_buffer* view = &self->view;
  const char* fmt = item_format(view);
  if (fmt == nullptr) return nullptr;
  if (view->ndim == 0) {
    PyErr_SetString(PyExc_TypeError, "invalid indexing of 0-dim memory");
    return nullptr;
  }
  if (view->ndim != 1) {
    PyErr_SetString(PyExc_NotImplementedError, "multi-dimensional sub-views are not implemented");
    return nullptr;
  }
  char* ptr = lookup_dimension(view, static_cast<char*>(view->buf), 0, index);
  return ptr != nullptr ? buf::unpack_item(ptr, fmt[0]) : nullptr;
}

// Narrows dimension `dim` of `base` (a private copy) to the slice `key`.
int init_slice(Py_buffer* base, PyObject* key, int dim) {
  Py_ssize_t start, stop, step;
  if (PySlice_Unpack(key, &start, &stop, &step) < 0) return -1;
  Py_ssize_t length = PySlice_AdjustIndices(base->shape[dim], &start, &stop, step);
  // With PIL-style suboffsets the start offset belongs to the nearest
  // earlier dimension that dereferences a pointer.
  int n = dim - 1;
  if (base->suboffsets != nullptr && dim != 0) {
    while (n >= 0 && base->suboffsets[n] < 0) --n;
  } else {
    n = -1;
  }
  if (n < 0) {
    base->buf = static_cast<char*>(base->buf) + base->strides[dim] * start;
  } else {
    base->suboffsets[n] += base->strides[dim] * start;
  }
  base->shape[dim] = length;
  base->strides[dim] *= step;
  return 0;
}

PyObject* mv_subscript(PyObject* op, PyObject* key) {
  MView* self = as_mv(op);
  if (!check_released(self)) return nullptr;
  Py_buffer* view = &self->view;
  if (view->ndim == 0) {
    if (PyTuple_Check(key) && PyTuple_GET_SIZE(key) == 0) {
      const char* fmt = item_format(view);
      return fmt != nullptr ? buf::unpack_item(static_cast<char*>(view->buf), fmt[0]) : nullptr;
    }
    if (key == Py_Ellipsis) {
      Py_INCREF(op);
      return op;
    }
    PyErr_SetString(PyExc_TypeError, "invalid indexing of 0-dim memory");
    return nullptr;
  }
  if (PyIndex_Check(key)) {
    Py_ssize_t index = PyNumber_AsSsize_t(key, PyExc_IndexError);
    if (index == -1 && PyErr_Occurred()) return nullptr;
    return mv_item(op, index);
  }
  if (PySlice_Check(key)) {
    Ref<> sliced = steal(mbuf_add_view(self->mbuf, view));
    if (!sliced) return nullptr;
    MView* s = as_mv(sliced.get());
    if (init_slice(&s->view, key, 0) < 0) return nullptr;
    init_len(&s->view);
    init_flags(s);
    return sliced.release();
  }
  if (is_multiindex(key)) {
    const char* fmt = item_format(view);
    if (fmt == nullptr) return nullptr;
    if (PyTuple_GET_SIZE(key) < view->ndim) {
      PyErr_SetString(PyExc_NotImplementedError, "sub-views are not implemented");
      return nullptr;
    }
    char* ptr = ptr_from_tuple(view, key);
    // __index__ may have released the view meanwhile (gh-92888).
    if (ptr == nullptr || !check_released(self)) return nullptr;
    return buf::unpack_item(ptr, fmt[0]);
  }
  if (is_multislice(key)) {
    PyErr_SetString(PyExc_NotImplementedError, "multi-dimensional slicing is not implemented");
    return nullptr;
  }
  PyErr_SetString(PyExc_TypeError, "memoryview: invalid slice key");
  return nullptr;
}

bool same_format(const Py_buffer* a, const Py_buffer* b) {
  const char* fa = a->format != nullptr ? a->format : "B";
  const char* fb = b->format != nullptr ? b->format : "B";
  if (fa[0] == '@') ++fa;
  if (fb[0] == '@') ++fb;
  return std::strcmp(fa, fb) == 0 && a->itemsize == b->itemsize;
}

bool same_shape(const Py_buffer* a, const Py_buffer* b) {
  if (a->ndim != b->ndim) return false;
  for (int i = 0; i < a->ndim; ++i) {
    if (a->shape[i] != b->shape[i]) return false;
    if (a->shape[i] == 0) break;  // empty either way
  }
  return true;
}

// m[i:j:k] = buffer, one-dimensional views only.
int assign_slice(MView* self, PyObject* key, PyObject* value) {
  const Py_buffer* view = &self->view;
  Py_buffer src;
  if (PyObject_GetBuffer(value, &src, PyBUF_FULL_RO) < 0) return -1;
  Py_buffer dest = *view;
  Py_ssize_t arrays[3] = {view->shape[0], view->strides[0], 0};
  dest.shape = &arrays[0];
  dest.strides = &arrays[1];
  if (view->suboffsets != nullptr) {
    arrays[2] = view->suboffsets[0];
    dest.suboffsets = &arrays[2];
  }
  int rc = init_slice(&dest, key, 0);
  if (rc == 0 && !check_released(self)) rc = -1;  // __index__ may release it
  if (rc == 0) {
    dest.len = dest.shape[0] * dest.itemsize;
    // The source may lack strides/shape (PyBUF_FULL_RO asks for them, but be safe).
    Py_ssize_t sshape = src.len / (src.itemsize ? src.itemsize : 1), sstride = src.itemsize;
    if (src.ndim == 1 && src.shape == nullptr) src.shape = &sshape;
    if (src.ndim == 1 && src.strides == nullptr) src.strides = &sstride;
    if (!same_format(&dest, &src) || !same_shape(&dest, &src)) {
      PyErr_SetString(PyExc_ValueError,
                      "memoryview assignment: lvalue and rvalue have different structures");
      rc = -1;
    } else {
      rc = buf::copy_buffer(&dest, &src);
    }
  }
  PyBuffer_Release(&src);
  return rc;
}

int mv_ass_subscript(PyObject* op, PyObject* key, PyObject* value) {
  MView* self = as_mv(op);
  if (!check_released(self)) return -1;
  Py_buffer* view = &self->view;
  const char* fmt = item_format(view);
  if (fmt == nullptr) return -1;
  if (view->readonly) {
    PyErr_SetString(PyExc_TypeError, "cannot modify read-only memory");
    return -1;
  }
  if (value == nullptr) {
    PyErr_SetString(PyExc_TypeError, "cannot delete memory");
    return -1;
  }
  if (view->ndim == 0) {
    if (key == Py_Ellipsis || (PyTuple_Check(key) && PyTuple_GET_SIZE(key) == 0)) {
      return buf::pack_item(self, static_cast<char*>(view->buf), value, fmt);
    }
    PyErr_SetString(PyExc_TypeError, "invalid indexing of 0-dim memory");
    return -1;
  }
  if (PyIndex_Check(key)) {
    if (view->ndim > 1) {
      PyErr_SetString(PyExc_NotImplementedError, "sub-views are not implemented");
      return -1;
    }
    Py_ssize_t index = PyNumber_AsSsize_t(key, PyExc_IndexError);
    if (index == -1 && PyErr_Occurred()) return -1;
    if (!check_released(self)) return -1;
    char* ptr = lookup_dimension(view, static_cast<char*>(view->buf), 0, index);
    return ptr != nullptr ? buf::pack_item(self, ptr, value, fmt) : -1;
  }
  if (PySlice_Check(key) && view->ndim == 1) return assign_slice(self, key, value);
  if (is_multiindex(key)) {
    if (PyTuple_GET_SIZE(key) < view->ndim) {
      PyErr_SetString(PyExc_NotImplementedError, "sub-views are not implemented");
      return -1;
    }
    char* ptr = ptr_from_tuple(view, key);
    return ptr != nullptr ? buf::pack_item(self, ptr, value, fmt) : -1;
  }
  if (PySlice_Check(key) || is_multislice(key)) {
    PyErr_SetString(PyExc_NotImplementedError,
                    "memoryview slice assignments are currently restricted to ndim = 1");
    return -1;
  }
  PyErr_SetString(PyExc_TypeError, "memoryview: invalid slice key");
  return -1;
}

Py_ssize_t mv_length(PyObject* op) {
  MView* self = as_mv(op);
  if (!check_released(self)) return -1;
  return self->view.ndim == 0 ? 1 : self->view.shape[0];
}

PySequenceMethods mv_as_sequence = {
    .sq_length = mv_length,
    .sq_item = mv_item,
};

PyMappingMethods mv_as_mapping = {
    .mp_length = mv_length,
    .mp_subscript = mv_subscript,
    .mp_ass_subscript = mv_ass_subscript,
};

// --- comparison, hash, repr ----------------------------------------------------

bool base_inaccessible(PyObject* op) { return is_released(as_mv(op)); }

PyObject* mv_richcompare(PyObject* v, PyObject* w, int op) {
  if (op != Py_EQ && op != Py_NE) Py_RETURN_NOTIMPLEMENTED;
  int equal;
  Py_buffer wbuf;
  bool release_w = false;
  const Py_buffer* ww = nullptr;
  if (base_inaccessible(v)) {
    equal = v == w;
  } else if (PyMemoryView_Check(w) && base_inaccessible(w)) {
    equal = v == w;
  } else {
    if (PyMemoryView_Check(w)) {
      ww = &as_mv(w)->view;
    } else {
      if (PyObject_GetBuffer(w, &wbuf, PyBUF_FULL_RO) < 0) {
        PyErr_Clear();
        Py_RETURN_NOTIMPLEMENTED;
      }
      release_w = true;
      // Fill what a minimal exporter left out, so both sides look alike.
      ww = &wbuf;
    }
    const Py_buffer* vv = &as_mv(v)->view;
    Py_ssize_t wshape, wstride;
    Py_buffer wcopy = *ww;
    if (wcopy.ndim == 1 && wcopy.shape == nullptr) {
      wshape = wcopy.len / (wcopy.itemsize ? wcopy.itemsize : 1);
      wcopy.shape = &wshape;
    }
    if (wcopy.ndim == 1 && wcopy.strides == nullptr) {
      wstride = wcopy.itemsize;
      wcopy.strides = &wstride;
    }
    if (!same_shape(vv, &wcopy)) {
      equal = 0;
    } else if (wcopy.ndim > 1 && wcopy.strides == nullptr) {
      Py_ssize_t strides[PyBUF_MAX_NDIM];
      buf::contiguous_strides(wcopy.ndim, wcopy.shape, strides, wcopy.itemsize, 'C');
      wcopy.strides = strides;
      equal = buf::compare_buffers(vv, &wcopy);
    } else {
      equal = buf::compare_buffers(vv, &wcopy);
    }
    if (release_w) PyBuffer_Release(&wbuf);
    if (equal < 0) return nullptr;
  }
  return PyBool_FromLong((equal != 0) == (op == Py_EQ));
}

Py_hash_t mv_hash(PyObject* op) {
  MView* self = as_mv(op);
  if (self->hash != -1) return self->hash;
  if (!check_released(self)) return -1;
  const Py_buffer* view = &self->view;
  if (!view->readonly) {
    PyErr_SetString(PyExc_ValueError, "cannot hash writable memoryview object");
    return -1;
  }
  char ch;
  if (buf::native_format(view->format, &ch) < 0 || !buf::is_byte_format(ch)) {
    PyErr_SetString(PyExc_ValueError, "memoryview: hashing is restricted to formats 'B', 'b' or 'c'");
    return -1;
  }
  // The exporter must be hashable too (a read-only view of a bytearray is not).
  if (view->obj != nullptr && PyObject_Hash(view->obj) == -1) return -1;
  if (c_contiguous(self)) {
    self->hash = _Py_HashBytes(view->buf, view->len);
  } else {
    char* mem = static_cast<char*>(PyMem_Malloc(static_cast<size_t>(view->len) + 1));
    if (mem == nullptr) {
      PyErr_NoMemory();
      return -1;
    }
    if (buf::buffer_to_contiguous(mem, view, 'C') < 0) {
      PyMem_Free(mem);
      return -1;
    }
    self->hash = _Py_HashBytes(mem, view->len);
    PyMem_Free(mem);
  }
  return self->hash;
}

PyObject* mv_repr(PyObject* op) {
  if (as_mv(op)->flags & _Py_MEMORYVIEW_RELEASED) return PyUnicode_FromFormat("<released memory at %p>", op);
  return PyUnicode_FromFormat("<memory at %p>", op);
}

// --- construction ------------------------------------------------------------------

PyObject* mv_new(PyTypeObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"object", nullptr};
  PyObject* obj;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O:memoryview", const_cast<char**>(kwlist), &obj)) return nullptr;
  return PyMemoryView_FromObject(obj);
}

}  // namespace
}  // namespace krait

// Entry points for memoryview_methods.cpp (methods, properties, iterator).
namespace krait::buffer {
bool mv_check_released(PyMemoryViewObject* mv) { return check_released(mv); }
int mv_do_release(PyMemoryViewObject* mv) { return mv_release(mv); }
bool mv_c_contiguous(const PyMemoryViewObject* mv) { return c_contiguous(mv); }
bool mv_f_contiguous(const PyMemoryViewObject* mv) { return f_contiguous(mv); }
bool mv_any_contiguous(const PyMemoryViewObject* mv) { return any_contiguous(mv); }
const char* mv_item_format(const Py_buffer* view) { return item_format(view); }
void mv_init_flags(PyMemoryViewObject* mv) { init_flags(mv); }
PyObject* mv_add_view(_PyManagedBufferObject* mb, const Py_buffer* src) { return mbuf_add_view(mb, src); }
PyMemoryViewObject* mv_add_incomplete_view(_PyManagedBufferObject* mb, const Py_buffer* src, int ndim) {
  return mbuf_add_incomplete_view(mb, src, ndim);
}
}  // namespace krait::buffer

PyTypeObject _PyManagedBuffer_Type = {
    .ob_base = KRAIT_IMMORTAL_VAR_HEAD(&PyType_Type, 0),
    .tp_name = "managedbuffer",
    .tp_basicsize = sizeof(_PyManagedBufferObject),
    .tp_dealloc = krait::mbuf_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = krait::mbuf_traverse,
    .tp_clear = krait::mbuf_clear,
};

PyTypeObject PyMemoryView_Type = {
    .ob_base = KRAIT_IMMORTAL_VAR_HEAD(&PyType_Type, 0),
    .tp_name = "memoryview",
    .tp_basicsize = offsetof(PyMemoryViewObject, ob_array),
    .tp_itemsize = sizeof(Py_ssize_t),
    .tp_dealloc = krait::mv_dealloc,
    .tp_repr = krait::mv_repr,
    .tp_as_sequence = &krait::mv_as_sequence,
    .tp_as_mapping = &krait::mv_as_mapping,
    .tp_hash = krait::mv_hash,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_as_buffer = &krait::mv_as_buffer,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_SEQUENCE,
    .tp_doc = "memoryview(object)\n--\n\nCreate a new memoryview object which references the given object.",
    .tp_traverse = krait::mv_traverse,
    .tp_clear = krait::mv_clear,
    .tp_richcompare = krait::mv_richcompare,
    .tp_weaklistoffset = offsetof(PyMemoryViewObject, weakreflist),
    .tp_iter = krait::buffer::memoryview_iter,
    .tp_methods = krait::buffer::memoryview_methods,
    .tp_getset = krait::buffer::memoryview_getset,
    .tp_new = krait::mv_new,
};

// --- the C API ------------------------------------------------------------------------

extern "C" {

PyObject* PyMemoryView_FromObject(PyObject* v) {
  if (PyMemoryView_Check(v)) {
    PyMemoryViewObject* mv = krait::as_mv(v);
    if (!krait::check_released(mv)) return nullptr;
    return krait::mbuf_add_view(mv->mbuf, &mv->view);
  }
  if (PyObject_CheckBuffer(v)) {
    Ref<_PyManagedBufferObject> mb = steal(krait::mbuf_from_object(v, PyBUF_FULL_RO));
    if (!mb) return nullptr;
    return krait::mbuf_add_view(mb.get(), nullptr);
  }
  PyErr_Format(PyExc_TypeError, "memoryview: a bytes-like object is required, not '%.200s'",
               Py_TYPE(v)->tp_name);
  return nullptr;
}

// A view of raw memory; nothing owns it (the caller keeps it alive).
PyObject* PyMemoryView_FromMemory(char* mem, Py_ssize_t size, int flags) {
  Ref<_PyManagedBufferObject> mb = steal(krait::mbuf_alloc());
  if (!mb) return nullptr;
  int readonly = flags == PyBUF_WRITE ? 0 : 1;
  (void)PyBuffer_FillInfo(&mb->master, nullptr, mem, size, readonly, PyBUF_FULL_RO);
  return krait::mbuf_add_view(mb.get(), nullptr);
}

// A view described by `info`; its obj (if any) is not owned by the view.
PyObject* PyMemoryView_FromBuffer(const Py_buffer* info) {
  if (info->buf == nullptr) {
    PyErr_SetString(PyExc_ValueError, "PyMemoryView_FromBuffer(): info->buf must not be NULL");
    return nullptr;
  }
  Ref<_PyManagedBufferObject> mb = steal(krait::mbuf_alloc());
  if (!mb) return nullptr;
  mb->master = *info;
  mb->master.obj = nullptr;
  return krait::mbuf_add_view(mb.get(), nullptr);
}

// A memoryview of `obj` that is contiguous in `order`: the object's own
// memory when it already is, else (read-only requests) a copy in a bytes.
PyObject* PyMemoryView_GetContiguous(PyObject* obj, int buffertype, char order) {
  if (buffertype != PyBUF_READ && buffertype != PyBUF_WRITE) {
    PyErr_SetString(PyExc_SystemError, "PyMemoryView_GetContiguous: invalid buffertype");
    return nullptr;
  }
  Ref<> mvobj = steal(PyMemoryView_FromObject(obj));
  if (!mvobj) return nullptr;
  PyMemoryViewObject* mv = krait::as_mv(mvobj.get());
  const Py_buffer* view = &mv->view;
  if (buffertype == PyBUF_WRITE && view->readonly) {
    PyErr_SetString(PyExc_BufferError, "underlying buffer is not writable");
    return nullptr;
  }
  if (PyBuffer_IsContiguous(view, order)) return mvobj.release();
  if (buffertype == PyBUF_WRITE) {
    PyErr_SetString(PyExc_BufferError, "writable contiguous buffer requested for a non-contiguous object.");
    return nullptr;
  }
  // Copy into a fresh bytes object and view it with the source's structure.
  Ref<> bytes = steal(PyBytes_FromStringAndSize(nullptr, view->len));
  if (!bytes) return nullptr;
  Ref<_PyManagedBufferObject> mb = steal(krait::mbuf_from_object(bytes.get(), PyBUF_FULL_RO));
  if (!mb) return nullptr;
  size_t flen = std::strlen(view->format) + 1;
  char* fmt = static_cast<char*>(PyMem_Malloc(flen));
  if (fmt == nullptr) return PyErr_NoMemory();
  std::memcpy(fmt, view->format, flen);
  mb->master.format = fmt;
  mb->flags |= _Py_MANAGED_BUFFER_FREE_FORMAT;
  PyMemoryViewObject* copy = krait::mbuf_add_incomplete_view(mb.get(), nullptr, view->ndim);
  if (copy == nullptr) return nullptr;
  Ref<> result = steal(reinterpret_cast<PyObject*>(copy));
  Py_buffer* dest = &copy->view;
  dest->itemsize = view->itemsize;
  if (view->ndim == 0) {
    dest->shape = nullptr;
    dest->strides = nullptr;
  } else {
    for (int i = 0; i < view->ndim; ++i) dest->shape[i] = view->shape[i];
    krait::buffer::contiguous_strides(view->ndim, dest->shape, dest->strides, dest->itemsize,
                                      order == 'F' ? 'F' : 'C');
  }
  dest->suboffsets = nullptr;
  krait::init_flags(copy);
  if (krait::buffer::copy_buffer(dest, view) < 0) return nullptr;
  return result.release();
}

}  // extern "C"
