// bytearray_object.cpp — bytearray (PyByteArrayObject: ob_alloc, ob_bytes,
// ob_start, ob_exports as CPython 3.11): the C API, construction, buffer
// protocol (resizing is refused while views are exported), sequence and
// mapping protocols and the mutating methods. Non-mutating methods are the
// shared ones from bytes_methods.cpp.
#define PY_SSIZE_T_CLEAN  // Py_BuildValue("y#"): Py_ssize_t lengths
#include <Python.h>

#include <string>
#include <utility>

#include "objects/bytes_object.h"
#include "objects/container_util.h"

using namespace krait;

extern "C" {
char _PyByteArray_empty_string[] = "";
}

namespace {

inline PyByteArrayObject* ba(PyObject* o) { return reinterpret_cast<PyByteArrayObject*>(o); }

bool check_exports(PyObject* self) {
  if (ba(self)->ob_exports > 0) {
    PyErr_SetString(PyExc_BufferError, "Existing exports of data: object cannot be re-sized");
    return false;
  }
  return true;
}

}  // namespace

extern "C" int PyByteArray_Resize(PyObject* self, Py_ssize_t requested) {
  PyByteArrayObject* obj = ba(self);
  if (requested < 0) {
    PyErr_Format(PyExc_ValueError, "Can only resize to positive sizes, got %zd", requested);
    return -1;
  }
  if (requested == Py_SIZE(self)) return 0;
  // Any change of size is refused while a buffer is exported, even one that fits the
  // allocation (CPython's rule: the exporter's view must stay what it was).
  if (!check_exports(self)) return -1;
  Py_ssize_t logical_offset = obj->ob_start - obj->ob_bytes;
  Py_ssize_t alloc = obj->ob_alloc;
  // Written so that a huge `requested` cannot overflow the comparison.
  if (requested <= alloc - logical_offset - 1 && requested >= alloc / 2) {
    Py_SET_SIZE(self, requested);
    obj->ob_start[requested] = 0;
    return 0;
  }
  if (requested > PY_SSIZE_T_MAX - 1 - requested / 8) {
    PyErr_NoMemory();
    return -1;
  }
  // Over-allocate by 1/8 when growing, as CPython does, so appends amortize.
  Py_ssize_t newalloc = requested + 1;
  if (requested > Py_SIZE(self)) newalloc += requested / 8;
  char* sval;
  if (logical_offset > 0) {
    sval = static_cast<char*>(PyObject_Malloc(newalloc));
    if (sval == nullptr) {
      PyErr_NoMemory();
      return -1;
    }
    Py_ssize_t keep = Py_SIZE(self) < requested ? Py_SIZE(self) : requested;
    std::memcpy(sval, obj->ob_start, keep);
    PyObject_Free(obj->ob_bytes);
  } else {
    sval = static_cast<char*>(PyObject_Realloc(obj->ob_bytes, newalloc));
    if (sval == nullptr) {
      PyErr_NoMemory();
      return -1;
    }
  }
  obj->ob_bytes = obj->ob_start = sval;
  Py_SET_SIZE(self, requested);
  obj->ob_alloc = newalloc;
  obj->ob_bytes[requested] = 0;
  return 0;
}

extern "C" PyObject* PyByteArray_FromStringAndSize(const char* bytes, Py_ssize_t size) {
  if (size < 0) {
    PyErr_SetString(PyExc_SystemError, "Negative size passed to PyByteArray_FromStringAndSize");
    return nullptr;
  }
  if (size == PY_SSIZE_T_MAX) return PyErr_NoMemory();
  PyByteArrayObject* obj = PyObject_New(PyByteArrayObject, &PyByteArray_Type);
  if (obj == nullptr) return nullptr;
  if (size == 0) {
    obj->ob_bytes = nullptr;
    obj->ob_alloc = 0;
  } else {
    obj->ob_bytes = static_cast<char*>(PyObject_Malloc(size + 1));
    if (obj->ob_bytes == nullptr) {
      Py_DECREF(obj);
      return PyErr_NoMemory();
    }
    if (bytes != nullptr) std::memcpy(obj->ob_bytes, bytes, size);
    obj->ob_bytes[size] = 0;
    obj->ob_alloc = size + 1;
  }
  Py_SET_SIZE(obj, size);
  obj->ob_start = obj->ob_bytes;
  obj->ob_exports = 0;
  return reinterpret_cast<PyObject*>(obj);
}

extern "C" PyObject* PyByteArray_FromObject(PyObject* input) {
  return PyObject_CallOneArg(reinterpret_cast<PyObject*>(&PyByteArray_Type), input);
}

extern "C" Py_ssize_t PyByteArray_Size(PyObject* self) { return PyByteArray_GET_SIZE(self); }
extern "C" char* PyByteArray_AsString(PyObject* self) { return PyByteArray_AS_STRING(self); }

extern "C" PyObject* PyByteArray_Concat(PyObject* a, PyObject* b) {
  Py_buffer va, vb;
  va.len = -1;
  if (PyObject_GetBuffer(a, &va, PyBUF_SIMPLE) != 0 || PyObject_GetBuffer(b, &vb, PyBUF_SIMPLE) != 0) {
    PyErr_Format(PyExc_TypeError, "can't concat %.100s to %.100s", Py_TYPE(b)->tp_name, Py_TYPE(a)->tp_name);
    if (va.len != -1) PyBuffer_Release(&va);
    return nullptr;
  }
  PyObject* r = PyByteArray_FromStringAndSize(nullptr, va.len + vb.len);
  if (r != nullptr) {
    std::memcpy(PyByteArray_AS_STRING(r), va.buf, va.len);
    std::memcpy(PyByteArray_AS_STRING(r) + va.len, vb.buf, vb.len);
  }
  PyBuffer_Release(&va);
  PyBuffer_Release(&vb);
  return r;
}

namespace {

// -- Buffer protocol ---------------------------------------------------------------------

int bytearray_getbuffer(PyObject* self, Py_buffer* view, int flags) {
  if (view == nullptr) {
    PyErr_SetString(PyExc_BufferError, "bytearray_getbuffer: view==NULL argument is obsolete");
    return -1;
  }
  void* ptr = PyByteArray_AS_STRING(self);
  if (PyBuffer_FillInfo(view, self, ptr, Py_SIZE(self), 0, flags) < 0) return -1;
  ba(self)->ob_exports++;
  return 0;
}

void bytearray_releasebuffer(PyObject* self, Py_buffer*) { ba(self)->ob_exports--; }

PyBufferProcs bytearray_as_buffer = {bytearray_getbuffer, bytearray_releasebuffer};

// -- Lifetime --------------------------------------------------------------------------

void bytearray_dealloc(PyObject* self) {
  if (ba(self)->ob_exports > 0) {
    PyErr_SetString(PyExc_SystemError, "deallocated bytearray object has exported buffers");
    PyErr_Print();
  }
  PyObject_Free(ba(self)->ob_bytes);
  Py_TYPE(self)->tp_free(self);
}

bool set_contents(PyObject* self, const char* p, Py_ssize_t n) {
  if (PyByteArray_Resize(self, n) < 0) return false;
  if (n) std::memmove(PyByteArray_AS_STRING(self), p, n);
  return true;
}

int bytearray_init(PyObject* self, PyObject* args, PyObject* kwargs) {
  static const char* const kwlist[] = {"source", "encoding", "errors", nullptr};
  static _PyArg_Parser parser = {.keywords = kwlist, .fname = "bytearray"};
  PyObject* buf[3] = {};  // unpacking leaves absent optionals unset
  Py_ssize_t nargs = PyTuple_GET_SIZE(args);
  PyObject* const* a =
      _PyArg_UnpackKeywords(_PyTuple_CAST(args)->ob_item, nargs, kwargs, nullptr, &parser, 0, 3, 0, buf);
  if (a == nullptr) return -1;
  // Without keywords (kwargs NULL or empty) the unpacker returns the tuple's own items, of
  // which only the first nargs exist; otherwise it filled buf.
  PyObject* given[3] = {nullptr, nullptr, nullptr};
  for (Py_ssize_t k = 0; k < 3; ++k) given[k] = (a == buf || k < nargs) ? a[k] : nullptr;
  a = given;
  Py_ssize_t total = nargs + (kwargs ? PyDict_GET_SIZE(kwargs) : 0);
  PyObject* x = total > 0 ? a[0] : nullptr;
  const char* enc[2] = {nullptr, nullptr};
  for (int k = 1; k < 3 && total > 0; ++k) {
    if (a[k] == nullptr) continue;
    if (!PyUnicode_Check(a[k])) {
      _PyArg_BadArgument("bytearray", k == 1 ? "argument 'encoding'" : "argument 'errors'", "str", a[k]);
      return -1;
    }
    enc[k - 1] = PyUnicode_AsUTF8(a[k]);
    if (enc[k - 1] == nullptr) return -1;
  }
  if (Py_SIZE(self) != 0 && PyByteArray_Resize(self, 0) < 0) return -1;
  if (x == nullptr) {
    if (enc[0] || enc[1]) {
      PyErr_SetString(PyExc_TypeError, enc[0] ? "encoding without a string argument" : "errors without a string argument");
      return -1;
    }
    return 0;
  }
  if (PyUnicode_Check(x)) {
    if (enc[0] == nullptr) {
      PyErr_SetString(PyExc_TypeError, "string argument without an encoding");
      return -1;
    }
    Ref<> encoded = steal(PyUnicode_AsEncodedString(x, enc[0], enc[1]));
    if (!encoded) return -1;
    return set_contents(self, PyBytes_AS_STRING(encoded.get()), PyBytes_GET_SIZE(encoded.get())) ? 0 : -1;
  }
  if (enc[0] || enc[1]) {
    PyErr_SetString(PyExc_TypeError, enc[0] ? "encoding without a string argument" : "errors without a string argument");
    return -1;
  }
  if (PyIndex_Check(x)) {
    Py_ssize_t count = PyNumber_AsSsize_t(x, PyExc_OverflowError);
    if (count == -1 && PyErr_Occurred()) {
      if (!PyErr_ExceptionMatches(PyExc_TypeError)) return -1;
      PyErr_Clear();
    } else {
      if (count < 0) {
        PyErr_SetString(PyExc_ValueError, "negative count");
        return -1;
      }
      if (PyByteArray_Resize(self, count) < 0) return -1;
      if (count) std::memset(PyByteArray_AS_STRING(self), 0, count);
      return 0;
    }
  }
  if (PyObject_CheckBuffer(x)) {
    Py_buffer view;
    if (PyObject_GetBuffer(x, &view, PyBUF_FULL_RO) < 0) return -1;
    bool ok = PyByteArray_Resize(self, view.len) == 0 &&
              PyBuffer_ToContiguous(PyByteArray_AS_STRING(self), &view, view.len, 'C') == 0;
    PyBuffer_Release(&view);
    return ok ? 0 : -1;
  }
  Ref<> it = steal(PyObject_GetIter(x));
  if (!it) {
    if (PyErr_ExceptionMatches(PyExc_TypeError)) {
      PyErr_Clear();
      PyErr_Format(PyExc_TypeError, "cannot convert '%.200s' object to bytearray", Py_TYPE(x)->tp_name);
    }
    return -1;
  }
  // Append byte by byte: the iterable may look at the bytearray while it fills (as CPython).
  for (;;) {
    Ref<> item = steal(PyIter_Next(it.get()));
    if (!item) return PyErr_Occurred() ? -1 : 0;
    int v = byte_value(item.get());
    if (v < 0) {
      if (PyErr_ExceptionMatches(PyExc_ValueError)) {
        PyErr_Clear();
        PyErr_SetString(PyExc_ValueError, "byte must be in range(0, 256)");
      }
      return -1;
    }
    Py_ssize_t n = Py_SIZE(self);
    if (PyByteArray_Resize(self, n + 1) < 0) return -1;
    PyByteArray_AS_STRING(self)[n] = static_cast<char>(v);
  }
}

PyObject* bytearray_repr(PyObject* self) {
  const char* name = Py_TYPE(self)->tp_name;
  std::string prefix = std::string(name) + "(b";
  return bytes_repr_data(PyByteArray_AS_STRING(self), Py_SIZE(self), 1, prefix.c_str(), ")");
}

PyObject* bytearray_richcompare(PyObject* a, PyObject* b, int op) {
  if (!PyObject_CheckBuffer(a) || !PyObject_CheckBuffer(b) || PyUnicode_Check(a) || PyUnicode_Check(b))
    Py_RETURN_NOTIMPLEMENTED;
  Py_buffer va, vb;
  if (PyObject_GetBuffer(a, &va, PyBUF_SIMPLE) != 0) {
    PyErr_Clear();
    Py_RETURN_NOTIMPLEMENTED;
  }
  if (PyObject_GetBuffer(b, &vb, PyBUF_SIMPLE) != 0) {
    PyErr_Clear();
    PyBuffer_Release(&va);
    Py_RETURN_NOTIMPLEMENTED;
  }
  Py_ssize_t n = va.len < vb.len ? va.len : vb.len;
  int c = n ? std::memcmp(va.buf, vb.buf, n) : 0;
  if (c == 0) c = va.len < vb.len ? -1 : (va.len > vb.len ? 1 : 0);
  PyBuffer_Release(&va);
  PyBuffer_Release(&vb);
  bool r = false;
  switch (op) {
    case Py_LT: r = c < 0; break;
    case Py_LE: r = c <= 0; break;
    case Py_EQ: r = c == 0; break;
    case Py_NE: r = c != 0; break;
    case Py_GT: r = c > 0; break;
    case Py_GE: r = c >= 0; break;
  }
  return PyBool_FromLong(r);
}

// -- Sequence / mapping ------------------------------------------------------------------

Py_ssize_t bytearray_length(PyObject* self) { return Py_SIZE(self); }

PyObject* bytearray_item(PyObject* self, Py_ssize_t i) {
  if (i < 0 || i >= Py_SIZE(self)) {
    PyErr_SetString(PyExc_IndexError, "bytearray index out of range");
    return nullptr;
  }
  return PyLong_FromLong(static_cast<unsigned char>(PyByteArray_AS_STRING(self)[i]));
}

PyObject* bytearray_iconcat(PyObject* self, PyObject* other) {
  Py_buffer vo;
  if (PyObject_GetBuffer(other, &vo, PyBUF_SIMPLE) != 0) {
    PyErr_Format(PyExc_TypeError, "can't concat %.100s to %.100s", Py_TYPE(other)->tp_name, Py_TYPE(self)->tp_name);
    return nullptr;
  }
  Py_ssize_t old = Py_SIZE(self);
  // other may be self: copy from the view before resizing invalidates nothing
  // (the view pins self's buffer, so resize fails only when exports > 1).
  ByteVec tmp;
  bool ok = tmp.append(static_cast<const char*>(vo.buf), vo.len);
  PyBuffer_Release(&vo);
  if (!ok || PyByteArray_Resize(self, old + tmp.size()) < 0) return nullptr;
  std::memcpy(PyByteArray_AS_STRING(self) + old, tmp.data(), tmp.size());
  return Py_NewRef(self);
}

PyObject* bytearray_repeat(PyObject* self, Py_ssize_t n) {
  if (n < 0) n = 0;
  Py_ssize_t len = Py_SIZE(self);
  if (n > 0 && len > PY_SSIZE_T_MAX / n) return PyErr_NoMemory();
  PyObject* r = PyByteArray_FromStringAndSize(nullptr, len * n);
  if (r == nullptr) return nullptr;
  for (Py_ssize_t i = 0; i < n; ++i) std::memcpy(PyByteArray_AS_STRING(r) + i * len, PyByteArray_AS_STRING(self), len);
  return r;
}

PyObject* bytearray_irepeat(PyObject* self, Py_ssize_t n) {
  if (n < 0) n = 0;
  Py_ssize_t len = Py_SIZE(self);
  if (n > 0 && len > PY_SSIZE_T_MAX / n) return PyErr_NoMemory();
  if (PyByteArray_Resize(self, len * n) < 0) return nullptr;
  char* d = PyByteArray_AS_STRING(self);
  for (Py_ssize_t i = 1; i < n; ++i) std::memcpy(d + i * len, d, len);
  return Py_NewRef(self);
}

int bytearray_contains(PyObject* self, PyObject* arg) {
  return bytes_contains_data(PyByteArray_AS_STRING(self), Py_SIZE(self), arg);
}

int bytearray_setslice(PyObject* self, Py_ssize_t lo, Py_ssize_t hi, const char* bytes, Py_ssize_t needed) {
  Py_ssize_t size = Py_SIZE(self);
  if (lo < 0) lo = 0;
  if (hi < lo) hi = lo;
  if (hi > size) hi = size;
  Py_ssize_t avail = hi - lo;
  Py_ssize_t growth = needed - avail;
  if (growth != 0 && !check_exports(self)) return -1;
  char* buf = PyByteArray_AS_STRING(self);
  if (growth < 0) {
    std::memmove(buf + lo + needed, buf + hi, size - hi);
    if (PyByteArray_Resize(self, size + growth) < 0) return -1;
  } else if (growth > 0) {
    if (PyByteArray_Resize(self, size + growth) < 0) return -1;
    buf = PyByteArray_AS_STRING(self);
    std::memmove(buf + lo + needed, buf + hi, size - hi);
  }
  if (needed > 0) std::memcpy(PyByteArray_AS_STRING(self) + lo, bytes, needed);
  return 0;
}

int bytearray_ass_item(PyObject* self, Py_ssize_t i, PyObject* value) {
  // Convert the value before checking the index: its __index__ may resize the bytearray.
  int v = 0;
  if (value != nullptr) {
    v = byte_value(value);
    if (v < 0) {
      if (PyErr_ExceptionMatches(PyExc_ValueError)) {
        PyErr_Clear();
        PyErr_SetString(PyExc_ValueError, "byte must be in range(0, 256)");
      }
      return -1;
    }
  }
  if (i < 0) i += Py_SIZE(self);
  if (i < 0 || i >= Py_SIZE(self)) {
    PyErr_SetString(PyExc_IndexError, "bytearray index out of range");
    return -1;
  }
  if (value == nullptr) return bytearray_setslice(self, i, i + 1, nullptr, 0);
  PyByteArray_AS_STRING(self)[i] = static_cast<char>(v);
  return 0;
}

PyObject* bytearray_subscript(PyObject* self, PyObject* index) {
  if (PyIndex_Check(index)) {
    Py_ssize_t i = PyNumber_AsSsize_t(index, PyExc_IndexError);
    if (i == -1 && PyErr_Occurred()) return nullptr;
    if (i < 0) i += Py_SIZE(self);
    return bytearray_item(self, i);
  }
  if (PySlice_Check(index)) {
    Py_ssize_t start, stop, step;
    if (PySlice_Unpack(index, &start, &stop, &step) < 0) return nullptr;
    Py_ssize_t n = PySlice_AdjustIndices(Py_SIZE(self), &start, &stop, step);
    const char* src = PyByteArray_AS_STRING(self);
    if (n <= 0) return PyByteArray_FromStringAndSize(nullptr, 0);
    if (step == 1) return PyByteArray_FromStringAndSize(src + start, n);
    PyObject* r = PyByteArray_FromStringAndSize(nullptr, n);
    if (r == nullptr) return nullptr;
    char* d = PyByteArray_AS_STRING(r);
    for (Py_ssize_t i = 0, p = start; i < n; ++i, p += step) d[i] = src[p];
    return r;
  }
  PyErr_Format(PyExc_TypeError, "bytearray indices must be integers or slices, not %.200s", Py_TYPE(index)->tp_name);
  return nullptr;
}

int bytearray_ass_subscript(PyObject* self, PyObject* index, PyObject* values) {
  if (PyIndex_Check(index)) {
    Py_ssize_t i = PyNumber_AsSsize_t(index, PyExc_IndexError);
    if (i == -1 && PyErr_Occurred()) return -1;
    return bytearray_ass_item(self, i, values);
  }
  if (!PySlice_Check(index)) {
    PyErr_Format(PyExc_TypeError, "bytearray indices must be integers or slices, not %.200s", Py_TYPE(index)->tp_name);
    return -1;
  }
  Py_ssize_t start, stop, step;
  if (PySlice_Unpack(index, &start, &stop, &step) < 0) return -1;
  Py_ssize_t slicelen = PySlice_AdjustIndices(Py_SIZE(self), &start, &stop, step);
  Ref<> src;
  const char* bytes = nullptr;
  Py_ssize_t needed = 0;
  if (values != nullptr) {
    if (PyNumber_Check(values) || PyUnicode_Check(values)) {
      PyErr_SetString(PyExc_TypeError, "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
      return -1;
    }
    src = steal(PyBytes_FromObject(values));
    if (!src) return -1;
    bytes = PyBytes_AS_STRING(src.get());
    needed = PyBytes_GET_SIZE(src.get());
  }
  if (step == 1) {
    if (stop < start) stop = start;
    return bytearray_setslice(self, start, stop, bytes, needed);
  }
  if (needed == 0) {
    // Delete an extended slice (assigning an empty value deletes too): compact the kept bytes.
    if (slicelen <= 0) return 0;
    if (!check_exports(self)) return -1;
    if (step < 0) {
      stop = start + 1;
      start = stop + step * (slicelen - 1) - 1;
      step = -step;
    }
    char* buf = PyByteArray_AS_STRING(self);
    Py_ssize_t size = Py_SIZE(self), o = 0;
    for (Py_ssize_t i = 0; i < size; ++i) {
      // Division, not `start + step * slicelen`: a step near PY_SSIZE_T_MAX would overflow.
      bool drop = i >= start && (i - start) % step == 0 && (i - start) / step < slicelen;
      if (!drop) buf[o++] = buf[i];
    }
    return PyByteArray_Resize(self, o);
  }
  if (needed != slicelen) {
    PyErr_Format(PyExc_ValueError, "attempt to assign bytes of size %zd to extended slice of size %zd", needed,
                 slicelen);
    return -1;
  }
  char* buf = PyByteArray_AS_STRING(self);
  for (Py_ssize_t i = 0, p = start; i < slicelen; ++i, p += step) buf[p] = bytes[i];
  return 0;
}

PySequenceMethods bytearray_as_sequence = {
    .sq_length = bytearray_length,
    .sq_concat = PyByteArray_Concat,
    .sq_repeat = bytearray_repeat,
    .sq_item = bytearray_item,
    .sq_ass_item = bytearray_ass_item,
    .sq_contains = bytearray_contains,
    .sq_inplace_concat = bytearray_iconcat,
    .sq_inplace_repeat = bytearray_irepeat,
};

PyMappingMethods bytearray_as_mapping = {
    .mp_length = bytearray_length,
    .mp_subscript = bytearray_subscript,
    .mp_ass_subscript = bytearray_ass_subscript,
};

// -- Mutating methods --------------------------------------------------------------------

PyObject* ba_append(PyObject* self, PyObject* item) {
  int v = byte_value(item);
  if (v < 0) return nullptr;
  Py_ssize_t n = Py_SIZE(self);
  if (PyByteArray_Resize(self, n + 1) < 0) return nullptr;
  PyByteArray_AS_STRING(self)[n] = static_cast<char>(v);
  Py_RETURN_NONE;
}

PyObject* ba_extend(PyObject* self, PyObject* iterable) {
  if (PyObject_CheckBuffer(iterable)) {
    PyObject* r = bytearray_iconcat(self, iterable);
    if (r == nullptr) return nullptr;
    Py_DECREF(r);
    Py_RETURN_NONE;
  }
  // As CPython: the iterator first (its TypeError is "can't extend"), then the length hint,
  // whose errors propagate (a __len__ raising RuntimeError is not swallowed).
  Ref<> it = steal(PyObject_GetIter(iterable));
  if (!it) {
    if (PyErr_ExceptionMatches(PyExc_TypeError)) {
      PyErr_Clear();
      PyErr_Format(PyExc_TypeError, "can't extend bytearray with %.100s", Py_TYPE(iterable)->tp_name);
    }
    return nullptr;
  }
  if (PyObject_LengthHint(iterable, 64) == -1) return nullptr;
  Ref<> b = steal(bytes_from_iterable_ints(it.get()));
  if (!b) {
    if (PyErr_ExceptionMatches(PyExc_TypeError) && !PySequence_Check(iterable)) {
      PyErr_Clear();
      PyErr_Format(PyExc_TypeError, "can't extend bytearray with %.100s", Py_TYPE(iterable)->tp_name);
    }
    return nullptr;
  }
  PyObject* r = bytearray_iconcat(self, b.get());
  if (r == nullptr) return nullptr;
  Py_DECREF(r);
  Py_RETURN_NONE;
}

PyObject* ba_pop(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("pop", nargs, 0, 1)) return nullptr;
  Py_ssize_t index = -1;
  if (nargs) {
    index = PyNumber_AsSsize_t(args[0], PyExc_OverflowError);
    if (index == -1 && PyErr_Occurred()) return nullptr;
  }
  Py_ssize_t n = Py_SIZE(self);
  if (n == 0) {
    PyErr_SetString(PyExc_IndexError, "pop from empty bytearray");
    return nullptr;
  }
  if (index < 0) index += n;
  if (index < 0 || index >= n) {
    PyErr_SetString(PyExc_IndexError, "pop index out of range");
    return nullptr;
  }
  if (!check_exports(self)) return nullptr;
  char* buf = PyByteArray_AS_STRING(self);
  unsigned char c = buf[index];
  std::memmove(buf + index, buf + index + 1, n - index - 1);
  if (PyByteArray_Resize(self, n - 1) < 0) return nullptr;
  return PyLong_FromLong(c);
}

PyObject* ba_insert(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("insert", nargs, 2, 2)) return nullptr;
  Py_ssize_t index = PyNumber_AsSsize_t(args[0], PyExc_OverflowError);
  if (index == -1 && PyErr_Occurred()) return nullptr;
  int v = byte_value(args[1]);
  if (v < 0) return nullptr;
  Py_ssize_t n = Py_SIZE(self);
  if (PyByteArray_Resize(self, n + 1) < 0) return nullptr;
  if (index < 0) {
    index += n;
    if (index < 0) index = 0;
  }
  if (index > n) index = n;
  char* buf = PyByteArray_AS_STRING(self);
  std::memmove(buf + index + 1, buf + index, n - index);
  buf[index] = static_cast<char>(v);
  Py_RETURN_NONE;
}

PyObject* ba_remove(PyObject* self, PyObject* arg) {
  int v = byte_value(arg);
  if (v < 0) return nullptr;
  const char* buf = PyByteArray_AS_STRING(self);
  const void* at = std::memchr(buf, v, Py_SIZE(self));
  if (at == nullptr) {
    PyErr_SetString(PyExc_ValueError, "value not found in bytearray");
    return nullptr;
  }
  Py_ssize_t i = static_cast<const char*>(at) - buf;
  if (bytearray_setslice(self, i, i + 1, nullptr, 0) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* ba_clear(PyObject* self, PyObject*) {
  if (PyByteArray_Resize(self, 0) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* ba_copy(PyObject* self, PyObject*) {
  return PyByteArray_FromStringAndSize(PyByteArray_AS_STRING(self), Py_SIZE(self));
}

PyObject* ba_reverse(PyObject* self, PyObject*) {
  char* b = PyByteArray_AS_STRING(self);
  for (Py_ssize_t i = 0, j = Py_SIZE(self) - 1; i < j; ++i, --j) std::swap(b[i], b[j]);
  Py_RETURN_NONE;
}

PyObject* ba_alloc(PyObject* self, PyObject*) { return PyLong_FromSsize_t(ba(self)->ob_alloc); }

// Pickling: protocols < 3 get a latin-1 str (readable by Python 2), later
// ones the bytes; the state of subclasses (__getstate__: instance dict, slots) rides along.
PyObject* ba_common_reduce(PyObject* self, int proto) {
  static PyObject* getstate_name = PyUnicode_InternFromString("__getstate__");
  if (getstate_name == nullptr) return nullptr;
  Ref<> d = steal(PyObject_CallMethodNoArgs(self, getstate_name));
  if (!d) return nullptr;
  const char* buf = PyByteArray_AS_STRING(self);
  Py_ssize_t n = Py_SIZE(self);
  auto* type = reinterpret_cast<PyObject*>(Py_TYPE(self));
  if (proto < 3) {
    Ref<> latin1 = steal(PyUnicode_DecodeLatin1(buf, n, nullptr));
    if (!latin1) return nullptr;
    return Py_BuildValue("(O(Os)O)", type, latin1.get(), "latin-1", d.get());
  }
  if (n) return Py_BuildValue("(O(y#)O)", type, buf, n, d.get());
  return Py_BuildValue("(O()O)", type, d.get());
}

PyObject* ba_reduce(PyObject* self, PyObject*) { return ba_common_reduce(self, 2); }

// __sizeof__: the object plus its allocated buffer (ob_alloc bytes), as CPython counts it.
PyObject* ba_sizeof(PyObject* self, PyObject*) {
  auto* b = reinterpret_cast<PyByteArrayObject*>(self);
  return PyLong_FromSsize_t(static_cast<Py_ssize_t>(Py_TYPE(self)->tp_basicsize) + b->ob_alloc);
}

PyObject* ba_reduce_ex(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("__reduce_ex__", nargs, 0, 1)) return nullptr;
  int proto = 0;
  if (nargs == 1) {
    proto = _PyLong_AsInt(args[0]);
    if (proto == -1 && PyErr_Occurred()) return nullptr;
  }
  return ba_common_reduce(self, proto);
}

PyObject* ba_mod(PyObject* v, PyObject* w) {
  if (!PyByteArray_Check(v)) Py_RETURN_NOTIMPLEMENTED;
  return _PyBytes_FormatEx(PyByteArray_AS_STRING(v), PyByteArray_GET_SIZE(v), w, 1);
}

PyNumberMethods bytearray_as_number = {.nb_remainder = ba_mod};

#define FC(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)(void)>(f))

PyMethodDef bytearray_own_methods[] = {
    {"append", ba_append, METH_O,
     "append($self, item, /)\n--\n\nAppend one byte (an int in range(256)) at the end."},
    {"extend", ba_extend, METH_O,
     "extend($self, iterable_of_ints, /)\n--\n\nAppend every byte of the iterable (ints or a bytes-like object) at the end."},
    {"pop", FC(ba_pop), METH_FASTCALL,
     "pop($self, index=-1, /)\n--\n\nRemove the byte at index (the last by default) and return it as an int."},
    {"insert", FC(ba_insert), METH_FASTCALL,
     "insert($self, index, item, /)\n--\n\nInsert one byte (an int in range(256)) before index."},
    {"remove", ba_remove, METH_O,
     "remove($self, value, /)\n--\n\nRemove the first byte equal to value; ValueError if there is none."},
    {"clear", ba_clear, METH_NOARGS,
     "clear($self, /)\n--\n\nRemove every byte."},
    {"copy", ba_copy, METH_NOARGS,
     "copy($self, /)\n--\n\nReturn a new bytearray with the same bytes."},
    {"reverse", ba_reverse, METH_NOARGS,
     "reverse($self, /)\n--\n\nReverse the order of the bytes in place."},
    {"__alloc__", ba_alloc, METH_NOARGS,
     "B.__alloc__() -> int\n\nReturn the number of bytes actually allocated."},
    {"__reduce__", ba_reduce, METH_NOARGS,
     "__reduce__($self, /)\n--\n\nReturn state information for pickling."},
    {"__sizeof__", ba_sizeof, METH_NOARGS,
     "__sizeof__($self, /)\n--\n\nReturns the size of the bytearray object in memory, in bytes."},
    {"__reduce_ex__", FC(ba_reduce_ex), METH_FASTCALL,
     "__reduce_ex__($self, proto=0, /)\n--\n\nReturn state information for pickling."},
    {nullptr, nullptr, 0, nullptr},
};

// The type's table: own methods + the shared ones, concatenated once.
PyMethodDef* bytearray_methods() {
  static PyMethodDef* table = [] {
    size_t a = 0, b = 0;
    while (bytearray_own_methods[a].ml_name) ++a;
    while (bytearray_shared_methods[b].ml_name) ++b;
    auto* t = new PyMethodDef[a + b + 1];
    for (size_t i = 0; i < a; ++i) t[i] = bytearray_own_methods[i];
    for (size_t i = 0; i < b; ++i) t[a + i] = bytearray_shared_methods[i];
    t[a + b] = {nullptr, nullptr, 0, nullptr};
    return t;
  }();
  return table;
}

// -- Iterator ----------------------------------------------------------------------------

struct ByteArrayIter {
  PyObject_HEAD
  Py_ssize_t index;
  PyObject* seq;
};

void baiter_dealloc(PyObject* op) {
  PyObject_GC_UnTrack(op);
  Py_XDECREF(reinterpret_cast<ByteArrayIter*>(op)->seq);
  PyObject_GC_Del(op);
}
int baiter_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<ByteArrayIter*>(op)->seq);
  return 0;
}
PyObject* baiter_next(PyObject* op) {
  auto* it = reinterpret_cast<ByteArrayIter*>(op);
  PyObject* seq = it->seq;
  if (seq == nullptr) return nullptr;
  if (it->index < PyByteArray_GET_SIZE(seq))
    return PyLong_FromLong(static_cast<unsigned char>(PyByteArray_AS_STRING(seq)[it->index++]));
  it->seq = nullptr;
  Py_DECREF(seq);
  return nullptr;
}
PyObject* baiter_length_hint(PyObject* op, PyObject*) {
  auto* it = reinterpret_cast<ByteArrayIter*>(op);
  Py_ssize_t n = it->seq ? PyByteArray_GET_SIZE(it->seq) - it->index : 0;
  return PyLong_FromSsize_t(n < 0 ? 0 : n);
}
// Pickles as iter(the bytearray) plus the position, or iter(()) once exhausted.
PyObject* baiter_reduce(PyObject* op, PyObject*) {
  auto* it = reinterpret_cast<ByteArrayIter*>(op);
  PyObject* iter = builtin_object("iter");
  if (iter == nullptr) return nullptr;
  if (it->seq != nullptr) return Py_BuildValue("N(O)n", iter, it->seq, it->index);
  return Py_BuildValue("N(())", iter);
}
// The position is clamped to [0, len].
PyObject* baiter_setstate(PyObject* op, PyObject* state) {
  auto* it = reinterpret_cast<ByteArrayIter*>(op);
  Py_ssize_t index = PyLong_AsSsize_t(state);
  if (index == -1 && PyErr_Occurred()) return nullptr;
  if (it->seq != nullptr) {
    if (index < 0) index = 0;
    if (index > PyByteArray_GET_SIZE(it->seq)) index = PyByteArray_GET_SIZE(it->seq);
    it->index = index;
  }
  Py_RETURN_NONE;
}
PyMethodDef baiter_methods[] = {
    {"__length_hint__", baiter_length_hint, METH_NOARGS, "Private method returning an estimate of len(list(it))."},
    {"__reduce__", baiter_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", baiter_setstate, METH_O, "Set state information for unpickling."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

PyTypeObject PyByteArrayIter_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "bytearray_iterator",
    .tp_basicsize = sizeof(ByteArrayIter),
    .tp_dealloc = baiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = baiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = baiter_next,
    .tp_methods = baiter_methods,
};

static PyObject* bytearray_iter(PyObject* seq) {
  auto* it = PyObject_GC_New(ByteArrayIter, &PyByteArrayIter_Type);
  if (it == nullptr) return nullptr;
  it->index = 0;
  it->seq = Py_NewRef(seq);
  PyObject_GC_Track(it);
  return reinterpret_cast<PyObject*>(it);
}

static PyObject* bytearray_alloc_new(PyTypeObject* type, PyObject*, PyObject*) {
  PyObject* self = type->tp_alloc(type, 0);
  if (self == nullptr) return nullptr;
  ba(self)->ob_bytes = ba(self)->ob_start = nullptr;
  ba(self)->ob_alloc = 0;
  ba(self)->ob_exports = 0;
  Py_SET_SIZE(self, 0);
  return self;
}

// PyType_Ready reads tp_methods; point it at the combined table before that.
__attribute__((constructor)) static void bytearray_methods_init() { PyByteArray_Type.tp_methods = bytearray_methods(); }

PyTypeObject PyByteArray_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "bytearray",
    .tp_basicsize = sizeof(PyByteArrayObject),
    .tp_dealloc = bytearray_dealloc,
    .tp_repr = bytearray_repr,
    .tp_as_number = &bytearray_as_number,
    .tp_as_sequence = &bytearray_as_sequence,
    .tp_as_mapping = &bytearray_as_mapping,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_str = bytearray_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_as_buffer = &bytearray_as_buffer,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | _Py_TPFLAGS_MATCH_SELF,
    .tp_doc = "bytearray(iterable_of_ints) -> bytearray\n"
              "bytearray(string, encoding[, errors]) -> bytearray\n"
              "bytearray(bytes_or_buffer) -> mutable copy of bytes_or_buffer\n"
              "bytearray(int) -> bytes array of size given by the parameter initialized with null bytes\n"
              "bytearray() -> empty bytes array",
    .tp_richcompare = bytearray_richcompare,
    .tp_iter = bytearray_iter,
    .tp_base = &PyBaseObject_Type,
    .tp_init = bytearray_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = bytearray_alloc_new,
    .tp_free = PyObject_Del,
};
