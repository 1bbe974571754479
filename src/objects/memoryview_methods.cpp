// memoryview's Python-level methods (release, tobytes, hex, tolist, cast,
// toreadonly, the context manager), its properties, and its iterator
// ("memory_iterator"). Argument handling mirrors CPython 3.11's Argument
// Clinic signatures so that errors read the same.
#include <Python.h>

#include <cstring>

#include "objects/bytes_object.h"
#include "objects/memoryview_object.h"
#include "objects/object_util.h"

using krait::Ref;
using krait::steal;

namespace krait::buffer {
namespace {

using MView = PyMemoryViewObject;
inline MView* as_mv(PyObject* op) { return reinterpret_cast<MView*>(op); }

// --- release and the context manager ----------------------------------------------

PyObject* mv_release_meth(PyObject* self, PyObject*) {
  if (mv_do_release(as_mv(self)) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* mv_enter(PyObject* self, PyObject*) {
  if (!mv_check_released(as_mv(self))) return nullptr;
  Py_INCREF(self);
  return self;
}

PyObject* mv_exit(PyObject* self, PyObject*) { return mv_release_meth(self, nullptr); }

// --- tobytes / hex / tolist ------------------------------------------------------------

PyObject* mv_tobytes(PyObject* op, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const keywords[] = {"order", nullptr};
  static _PyArg_Parser parser = {nullptr, keywords, "tobytes", nullptr, 0, 0, 0, nullptr, nullptr};
  PyObject* argsbuf[1] = {};  // unpacking leaves absent optionals unset
  args = _PyArg_UnpackKeywords(args, nargs, nullptr, kwnames, &parser, 0, 1, 0, argsbuf);
  if (args == nullptr) return nullptr;
  const char* order = nullptr;
  Py_ssize_t total = nargs + (kwnames != nullptr ? PyTuple_GET_SIZE(kwnames) : 0);
  if (total > 0 && args[0] != Py_None) {
    if (!PyUnicode_Check(args[0])) {
      _PyArg_BadArgument("tobytes", "argument 'order'", "str or None", args[0]);
      return nullptr;
    }
    Py_ssize_t len;
    order = PyUnicode_AsUTF8AndSize(args[0], &len);
    if (order == nullptr) return nullptr;
    if (std::strlen(order) != static_cast<size_t>(len)) {
      PyErr_SetString(PyExc_ValueError, "embedded null character");
      return nullptr;
    }
  }
  MView* self = as_mv(op);
  if (!mv_check_released(self)) return nullptr;
  char ord = 'C';
  if (order != nullptr) {
    if (std::strcmp(order, "F") == 0) {
      ord = 'F';
    } else if (std::strcmp(order, "A") == 0) {
      ord = 'A';
    } else if (std::strcmp(order, "C") != 0) {
      PyErr_SetString(PyExc_ValueError, "order must be 'C', 'F' or 'A'");
      return nullptr;
    }
  }
  const Py_buffer* src = &self->view;
  Ref<> bytes = steal(PyBytes_FromStringAndSize(nullptr, src->len));
  if (!bytes) return nullptr;
  if (PyBuffer_ToContiguous(PyBytes_AS_STRING(bytes.get()), src, src->len, ord) < 0) return nullptr;
  return bytes.release();
}

PyObject* mv_hex(PyObject* op, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const keywords[] = {"sep", "bytes_per_sep", nullptr};
  static _PyArg_Parser parser = {nullptr, keywords, "hex", nullptr, 0, 0, 0, nullptr, nullptr};
  PyObject* argsbuf[2] = {nullptr, nullptr};
  PyObject* const* a = _PyArg_UnpackKeywords(args, nargs, nullptr, kwnames, &parser, 0, 2, 0, argsbuf);
  if (a == nullptr) return nullptr;
  // Optional parameters are present in order until `remaining` runs out;
  // one given only by keyword leaves a NULL hole before it.
  Py_ssize_t remaining = nargs + (kwnames != nullptr ? PyTuple_GET_SIZE(kwnames) : 0);
  PyObject* sep = nullptr;
  int bytes_per_sep = 1;
  if (remaining > 0 && a[0] != nullptr) {
    sep = a[0];
    --remaining;
  }
  if (remaining > 0) {
    bytes_per_sep = _PyLong_AsInt(a[1]);
    if (bytes_per_sep == -1 && PyErr_Occurred()) return nullptr;
  }
  MView* self = as_mv(op);
  if (!mv_check_released(self)) return nullptr;
  const Py_buffer* src = &self->view;
  if (mv_c_contiguous(self)) {
    return krait::hex_with_sep(static_cast<const unsigned char*>(src->buf), src->len, sep, bytes_per_sep);
  }
  Ref<> bytes = steal(PyBytes_FromStringAndSize(nullptr, src->len));
  if (!bytes) return nullptr;
  if (PyBuffer_ToContiguous(PyBytes_AS_STRING(bytes.get()), src, src->len, 'C') < 0) return nullptr;
  return krait::hex_with_sep(reinterpret_cast<const unsigned char*>(PyBytes_AS_STRING(bytes.get())),
                      src->len, sep, bytes_per_sep);
}

PyObject* tolist_dim(const Py_buffer* view, char* ptr, int dim, char fmt) {
  Py_ssize_t n = view->shape[dim];
  Ref<> list = steal(PyList_New(n));
  if (!list) return nullptr;
  const bool last = dim == view->ndim - 1;
  for (Py_ssize_t i = 0; i < n; ++i, ptr += view->strides[dim]) {
    char* item_ptr = adjust_ptr(ptr, view->suboffsets, dim);
    PyObject* item = last ? unpack_item(item_ptr, fmt) : tolist_dim(view, item_ptr, dim + 1, fmt);
    if (item == nullptr) return nullptr;
    PyList_SET_ITEM(list.get(), i, item);
  }
  return list.release();
}

PyObject* mv_tolist(PyObject* op, PyObject*) {
  MView* self = as_mv(op);
  if (!mv_check_released(self)) return nullptr;
  const Py_buffer* view = &self->view;
  const char* fmt = mv_item_format(view);
  if (fmt == nullptr) return nullptr;
  if (view->ndim == 0) return unpack_item(static_cast<char*>(view->buf), fmt[0]);
  return tolist_dim(view, static_cast<char*>(view->buf), 0, fmt[0]);
}

PyObject* mv_toreadonly(PyObject* op, PyObject*) {
  MView* self = as_mv(op);
  if (!mv_check_released(self)) return nullptr;
  PyObject* mv = mv_add_view(self->mbuf, &self->view);
  if (mv != nullptr) as_mv(mv)->view.readonly = 1;
  return mv;
}

// --- cast ---------------------------------------------------------------------------------

// Reinterprets a C-contiguous view as one dimension of the new format.
int cast_to_1d(MView* mv, PyObject* format) {
  Py_buffer* view = &mv->view;
  Ref<> ascii = steal(PyUnicode_AsASCIIString(format));
  if (!ascii) return -1;
  const char* fmt = PyBytes_AS_STRING(ascii.get());
  char dest;
  Py_ssize_t itemsize = native_format(fmt, &dest);
  if (itemsize < 0) {
    PyErr_SetString(PyExc_ValueError,
                    "memoryview: destination format must be a native single character format "
                    "prefixed with an optional '@'");
    return -1;
  }
  char src;
  if ((native_format(view->format, &src) < 0 || !is_byte_format(src)) && !is_byte_format(dest)) {
    PyErr_SetString(PyExc_TypeError, "memoryview: cannot cast between two non-byte formats");
    return -1;
  }
  if (view->len % itemsize != 0) {
    PyErr_SetString(PyExc_TypeError, "memoryview: length is not a multiple of itemsize");
    return -1;
  }
  view->format = const_cast<char*>(native_format_string(fmt));
  view->itemsize = itemsize;
  view->ndim = 1;
  view->shape[0] = view->len / itemsize;
  view->strides[0] = itemsize;
  view->suboffsets = nullptr;
  mv_init_flags(mv);
  return 0;
}

int cast_to_nd(MView* mv, PyObject* shape, int ndim) {
  Py_buffer* view = &mv->view;
  view->ndim = ndim;
  Py_ssize_t len = view->itemsize;
  if (ndim == 0) {
    view->shape = nullptr;
    view->strides = nullptr;
  } else {
    for (int i = 0; i < ndim; ++i) {
      PyObject* x = PySequence_Fast_GET_ITEM(shape, i);
      if (!PyLong_Check(x)) {
        PyErr_SetString(PyExc_TypeError, "memoryview.cast(): elements of shape must be integers");
        return -1;
      }
      Py_ssize_t n = PyLong_AsSsize_t(x);
      if (n == -1 && PyErr_Occurred()) return -1;
      if (n <= 0) {
        PyErr_SetString(PyExc_ValueError, "memoryview.cast(): elements of shape must be integers > 0");
        return -1;
      }
      if (n > PY_SSIZE_T_MAX / len) {
        PyErr_SetString(PyExc_ValueError, "memoryview.cast(): product(shape) > SSIZE_MAX");
        return -1;
      }
      len *= n;
      view->shape[i] = n;
    }
    contiguous_strides(ndim, view->shape, view->strides, view->itemsize, 'C');
  }
  if (view->len != len) {
    PyErr_SetString(PyExc_TypeError, "memoryview: product(shape) * itemsize != buffer size");
    return -1;
  }
  mv_init_flags(mv);
  return 0;
}

PyObject* mv_cast(PyObject* op, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const keywords[] = {"format", "shape", nullptr};
  static _PyArg_Parser parser = {nullptr, keywords, "cast", nullptr, 0, 0, 0, nullptr, nullptr};
  PyObject* argsbuf[2] = {nullptr, nullptr};
  PyObject* const* a = _PyArg_UnpackKeywords(args, nargs, nullptr, kwnames, &parser, 1, 2, 0, argsbuf);
  if (a == nullptr) return nullptr;
  PyObject* format = a[0];
  if (!PyUnicode_Check(format)) {
    _PyArg_BadArgument("cast", "argument 'format'", "str", format);
    return nullptr;
  }
  if (PyUnicode_READY(format) < 0) return nullptr;
  Py_ssize_t total = nargs + (kwnames != nullptr ? PyTuple_GET_SIZE(kwnames) : 0);
  PyObject* shape = total > 1 ? a[1] : nullptr;

  MView* self = as_mv(op);
  if (!mv_check_released(self)) return nullptr;
  if (!mv_c_contiguous(self)) {
    PyErr_SetString(PyExc_TypeError, "memoryview: casts are restricted to C-contiguous views");
    return nullptr;
  }
  if (shape != nullptr || self->view.ndim != 1) {
    for (int i = 0; i < self->view.ndim; ++i) {
      if (self->view.shape[i] == 0) {
        PyErr_SetString(PyExc_TypeError, "memoryview: cannot cast view with zeros in shape or strides");
        return nullptr;
      }
    }
  }
  Py_ssize_t ndim = 1;
  if (shape != nullptr) {
    if (!PyList_Check(shape) && !PyTuple_Check(shape)) {
      PyErr_SetString(PyExc_TypeError, "shape must be a list or a tuple");
      return nullptr;
    }
    ndim = PySequence_Fast_GET_SIZE(shape);
    if (ndim > PyBUF_MAX_NDIM) {
      PyErr_SetString(PyExc_ValueError, "memoryview: number of dimensions must not exceed 64");
      return nullptr;
    }
    if (self->view.ndim != 1 && ndim != 1) {
      PyErr_SetString(PyExc_TypeError, "memoryview: cast must be 1D -> ND or ND -> 1D");
      return nullptr;
    }
  }
  MView* mv = mv_add_incomplete_view(self->mbuf, &self->view, ndim == 0 ? 1 : static_cast<int>(ndim));
  if (mv == nullptr) return nullptr;
  Ref<> result = steal(reinterpret_cast<PyObject*>(mv));
  if (cast_to_1d(mv, format) < 0) return nullptr;
  if (shape != nullptr && cast_to_nd(mv, shape, static_cast<int>(ndim)) < 0) return nullptr;
  return result.release();
}

// --- properties --------------------------------------------------------------------------

PyObject* ssize_tuple(int n, const Py_ssize_t* values) {
  if (values == nullptr) return PyTuple_New(0);
  PyObject* t = PyTuple_New(n);
  if (t == nullptr) return nullptr;
  for (int i = 0; i < n; ++i) {
    PyObject* v = PyLong_FromSsize_t(values[i]);
    if (v == nullptr) {
      Py_DECREF(t);
      return nullptr;
    }
    PyTuple_SET_ITEM(t, i, v);
  }
  return t;
}

#define KRAIT_MV_GETTER(name, expr)                  \
  PyObject* name(PyObject* op, void*) {              \
    MView* self = as_mv(op);                         \
    if (!mv_check_released(self)) return nullptr;    \
    const Py_buffer* view = &self->view;             \
    (void)view;                                      \
    return expr;                                     \
  }

KRAIT_MV_GETTER(get_nbytes, PyLong_FromSsize_t(view->len))
KRAIT_MV_GETTER(get_readonly, PyBool_FromLong(view->readonly))
KRAIT_MV_GETTER(get_itemsize, PyLong_FromSsize_t(view->itemsize))
KRAIT_MV_GETTER(get_format, PyUnicode_FromString(view->format))
KRAIT_MV_GETTER(get_ndim, PyLong_FromLong(view->ndim))
KRAIT_MV_GETTER(get_shape, ssize_tuple(view->ndim, view->shape))
KRAIT_MV_GETTER(get_strides, ssize_tuple(view->ndim, view->strides))
KRAIT_MV_GETTER(get_suboffsets, ssize_tuple(view->ndim, view->suboffsets))
KRAIT_MV_GETTER(get_c_contiguous, PyBool_FromLong(mv_c_contiguous(self)))
KRAIT_MV_GETTER(get_f_contiguous, PyBool_FromLong(mv_f_contiguous(self)))
KRAIT_MV_GETTER(get_contiguous, PyBool_FromLong(mv_any_contiguous(self)))
#undef KRAIT_MV_GETTER

PyObject* get_obj(PyObject* op, void*) {
  MView* self = as_mv(op);
  if (!mv_check_released(self)) return nullptr;
  PyObject* obj = self->view.obj != nullptr ? self->view.obj : Py_None;
  Py_INCREF(obj);
  return obj;
}

// --- the iterator --------------------------------------------------------------------------

struct MemoryIter {
  PyObject_HEAD
  Py_ssize_t index;
  MView* seq;  // cleared when exhausted
  Py_ssize_t length;
  const char* fmt;
};

void iter_dealloc(PyObject* op) {
  PyObject_GC_UnTrack(op);
  Py_XDECREF(reinterpret_cast<MemoryIter*>(op)->seq);
  PyObject_GC_Del(op);
}

int iter_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<MemoryIter*>(op)->seq);
  return 0;
}

PyObject* iter_next(PyObject* op) {
  auto* it = reinterpret_cast<MemoryIter*>(op);
  MView* seq = it->seq;
  if (seq == nullptr) return nullptr;
  if (it->index < it->length) {
    if (!mv_check_released(seq)) return nullptr;
    const Py_buffer* view = &seq->view;
    char* ptr = static_cast<char*>(view->buf) + view->strides[0] * it->index++;
    return unpack_item(adjust_ptr(ptr, view->suboffsets, 0), it->fmt[0]);
  }
  it->seq = nullptr;
  Py_DECREF(seq);
  return nullptr;
}

}  // namespace

PyObject* memoryview_iter(PyObject* op) {
  if (!PyMemoryView_Check(op)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  MView* seq = as_mv(op);
  if (!mv_check_released(seq)) return nullptr;
  const Py_buffer* view = &seq->view;
  if (view->ndim == 0) {
    PyErr_SetString(PyExc_TypeError, "invalid indexing of 0-dim memory");
    return nullptr;
  }
  if (view->ndim != 1) {
    PyErr_SetString(PyExc_NotImplementedError, "multi-dimensional sub-views are not implemented");
    return nullptr;
  }
  const char* fmt = mv_item_format(view);
  if (fmt == nullptr) return nullptr;
  MemoryIter* it = PyObject_GC_New(MemoryIter, &MemoryIter_Type);
  if (it == nullptr) return nullptr;
  it->fmt = fmt;
  it->length = view->shape[0];
  it->index = 0;
  Py_INCREF(op);
  it->seq = seq;
  PyObject_GC_Track(it);
  return reinterpret_cast<PyObject*>(it);
}

PyMethodDef memoryview_methods[] = {
    {"release", mv_release_meth, METH_NOARGS,
     "release($self, /)\n--\n\nRelease the underlying buffer exposed by the memoryview object."},
    {"tobytes", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(mv_tobytes)),
     METH_FASTCALL | METH_KEYWORDS,
     "tobytes($self, /, order='C')\n--\n\n"
     "Return the data in the buffer as a byte string.\n\n"
     "Order can be {'C', 'F', 'A'}. When order is 'C' or 'F', the data of the\n"
     "original array is converted to C or Fortran order. For contiguous views,\n"
     "'A' returns an exact copy of the physical memory. In particular, in-memory\n"
     "Fortran order is preserved. For non-contiguous views, the data is converted\n"
     "to C first. order=None is the same as order='C'."},
    {"hex", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(mv_hex)),
     METH_FASTCALL | METH_KEYWORDS,
     "hex($self, /, sep=<unrepresentable>, bytes_per_sep=1)\n--\n\n"
     "Return the data in the buffer as a str of hexadecimal numbers.\n\n"
     "  sep\n"
     "    An optional single character or byte to separate hex bytes.\n"
     "  bytes_per_sep\n"
     "    How many bytes between separators.  Positive values count from the\n"
     "    right, negative values count from the left.\n\n"
     "Example:\n"
     ">>> value = memoryview(b'\\xb9\\x01\\xef')\n"
     ">>> value.hex()\n"
     "'b901ef'\n"
     ">>> value.hex(':')\n"
     "'b9:01:ef'\n"
     ">>> value.hex(':', 2)\n"
     "'b9:01ef'\n"
     ">>> value.hex(':', -2)\n"
     "'b901:ef'"},
    {"tolist", mv_tolist, METH_NOARGS,
     "tolist($self, /)\n--\n\nReturn the data in the buffer as a list of elements."},
    {"cast", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(mv_cast)),
     METH_FASTCALL | METH_KEYWORDS,
     "cast($self, /, format, shape=<unrepresentable>)\n--\n\nCast a memoryview to a new format or shape."},
    {"toreadonly", mv_toreadonly, METH_NOARGS,
     "toreadonly($self, /)\n--\n\nReturn a readonly version of the memoryview."},
    {"__enter__", mv_enter, METH_NOARGS, nullptr},
    {"__exit__", mv_exit, METH_VARARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef memoryview_getset[] = {
    {"obj", get_obj, nullptr, "The underlying object of the memoryview.", nullptr},
    {"nbytes", get_nbytes, nullptr,
     "The amount of space in bytes that the array would use in\n a contiguous representation.", nullptr},
    {"readonly", get_readonly, nullptr, "A bool indicating whether the memory is read only.", nullptr},
    {"itemsize", get_itemsize, nullptr, "The size in bytes of each element of the memoryview.", nullptr},
    {"format", get_format, nullptr,
     "A string containing the format (in struct module style)\n for each element in the view.", nullptr},
    {"ndim", get_ndim, nullptr,
     "An integer indicating how many dimensions of a multi-dimensional\n array the memory represents.",
     nullptr},
    {"shape", get_shape, nullptr,
     "A tuple of ndim integers giving the shape of the memory\n as an N-dimensional array.", nullptr},
    {"strides", get_strides, nullptr,
     "A tuple of ndim integers giving the size in bytes to access\n each element for each dimension of "
     "the array.",
     nullptr},
    {"suboffsets", get_suboffsets, nullptr, "A tuple of integers used internally for PIL-style arrays.",
     nullptr},
    {"c_contiguous", get_c_contiguous, nullptr, "A bool indicating whether the memory is C contiguous.",
     nullptr},
    {"f_contiguous", get_f_contiguous, nullptr,
     "A bool indicating whether the memory is Fortran contiguous.", nullptr},
    {"contiguous", get_contiguous, nullptr, "A bool indicating whether the memory is contiguous.", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace krait::buffer

PyTypeObject krait::MemoryIter_Type = {
    .ob_base = KRAIT_IMMORTAL_VAR_HEAD(&PyType_Type, 0),
    .tp_name = "memory_iterator",
    .tp_basicsize = sizeof(krait::buffer::MemoryIter),
    .tp_dealloc = krait::buffer::iter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = krait::buffer::iter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = krait::buffer::iter_next,
};
