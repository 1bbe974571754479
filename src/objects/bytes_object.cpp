// bytes_object.cpp — bytes (PyBytesObject): storage, singletons, the C API,
// repr, hashing, comparison, the sequence/mapping/buffer protocols, the
// iterator and the constructor. Methods shared with bytearray live in
// bytes_methods.cpp.
//
// Layout is CPython 3.11's (PyObject_VAR_HEAD, ob_shash, ob_sval[] with a
// trailing NUL that PyBytes_AS_STRING users rely on). b"" and the 256
// one-byte values are statically allocated immortal singletons.
#include "objects/bytes_object.h"

#include <cstdarg>
#include <cstddef>
#include <cstdio>

#include "capi/pyruntime_shim.h"
#include "objects/object_util.h"
#include "objects/type_internal.h"
#include "objects/unicode_object.h"

#pragma GCC diagnostic ignored "-Wdeprecated-declarations"  // ob_shash is deprecated in 3.11 headers

using namespace krait;

namespace {

// The empty and one-byte bytes live in the exported `_PyRuntime`
// (capi/pyruntime_shim.cpp), where `_Py_SINGLETON(bytes_characters[c])` in
// extensions finds them; the shim builds them at compile time.
inline bool is_byte_singleton(PyObject* o) {
  auto p = reinterpret_cast<const char*>(o);
  auto b = reinterpret_cast<const char*>(&_PyRuntime.bytes_empty);
  auto e = reinterpret_cast<const char*>(&_PyRuntime.bytes_characters[256]);
  return p >= b && p < e;
}

}  // namespace

PyObject* krait::bytes_empty() { return reinterpret_cast<PyObject*>(&_PyRuntime.bytes_empty); }
PyObject* krait::bytes_char(unsigned char c) {
  return reinterpret_cast<PyObject*>(&_PyRuntime.bytes_characters[c]);
}

PyObject* krait::bytes_new_uninit(Py_ssize_t size) {
  if (size == 0) return bytes_empty();
  if (size > PY_SSIZE_T_MAX - static_cast<Py_ssize_t>(kBytesObjectSize)) {
    PyErr_SetString(PyExc_OverflowError, "byte string is too large");
    return nullptr;
  }
  auto* op = static_cast<PyBytesObject*>(PyObject_Malloc(kBytesObjectSize + size));
  if (op == nullptr) return PyErr_NoMemory();
  PyObject_InitVar(reinterpret_cast<PyVarObject*>(op), &PyBytes_Type, size);
  op->ob_shash = -1;
  op->ob_sval[size] = 0;
  return reinterpret_cast<PyObject*>(op);
}

extern "C" PyObject* PyBytes_FromStringAndSize(const char* str, Py_ssize_t size) {
  if (size < 0) {
    PyErr_SetString(PyExc_SystemError, "Negative size passed to PyBytes_FromStringAndSize");
    return nullptr;
  }
  if (size == 1 && str != nullptr) return bytes_char(static_cast<unsigned char>(*str));
  if (size == 0) return bytes_empty();
  PyObject* op = bytes_new_uninit(size);
  if (op != nullptr && str != nullptr) std::memcpy(PyBytes_AS_STRING(op), str, size);
  return op;
}

extern "C" PyObject* PyBytes_FromString(const char* str) {
  size_t size = std::strlen(str);
  if (size > static_cast<size_t>(PY_SSIZE_T_MAX - kBytesObjectSize)) {
    PyErr_SetString(PyExc_OverflowError, "byte string is too long");
    return nullptr;
  }
  return PyBytes_FromStringAndSize(str, static_cast<Py_ssize_t>(size));
}

extern "C" char* PyBytes_AsString(PyObject* op) {
  if (!PyBytes_Check(op)) {
    PyErr_Format(PyExc_TypeError, "expected bytes, %.200s found", Py_TYPE(op)->tp_name);
    return nullptr;
  }
  return PyBytes_AS_STRING(op);
}

extern "C" Py_ssize_t PyBytes_Size(PyObject* op) {
  if (!PyBytes_Check(op)) {
    PyErr_Format(PyExc_TypeError, "expected bytes, %.200s found", Py_TYPE(op)->tp_name);
    return -1;
  }
  return Py_SIZE(op);
}

extern "C" int PyBytes_AsStringAndSize(PyObject* obj, char** s, Py_ssize_t* len) {
  if (s == nullptr) {
    PyErr_BadInternalCall();
    return -1;
  }
  if (!PyBytes_Check(obj)) {
    PyErr_Format(PyExc_TypeError, "expected bytes, %.200s found", Py_TYPE(obj)->tp_name);
    return -1;
  }
  *s = PyBytes_AS_STRING(obj);
  if (len != nullptr) {
    *len = PyBytes_GET_SIZE(obj);
  } else if (std::strlen(*s) != static_cast<size_t>(PyBytes_GET_SIZE(obj))) {
    PyErr_SetString(PyExc_ValueError, "embedded null byte");
    return -1;
  }
  return 0;
}

extern "C" int _PyBytes_Resize(PyObject** pv, Py_ssize_t newsize) {
  PyObject* v = *pv;
  if (!PyBytes_Check(v) || newsize < 0) {
    *pv = nullptr;
    Py_DECREF(v);
    PyErr_BadInternalCall();
    return -1;
  }
  Py_ssize_t old = Py_SIZE(v);
  if (old == newsize) return 0;
  if (old == 0 || is_byte_singleton(v) || Py_REFCNT(v) != 1) {
    // Shared (or a singleton): resize into a fresh object.
    PyObject* r = PyBytes_FromStringAndSize(nullptr, newsize);
    if (r == nullptr) {
      *pv = nullptr;
      Py_DECREF(v);
      return -1;
    }
    if (newsize) std::memcpy(PyBytes_AS_STRING(r), PyBytes_AS_STRING(v), old < newsize ? old : newsize);
    Py_DECREF(v);
    *pv = r;
    return 0;
  }
  if (newsize == 0) {
    Py_DECREF(v);
    *pv = bytes_empty();
    return 0;
  }
  auto* r = static_cast<PyBytesObject*>(PyObject_Realloc(v, kBytesObjectSize + newsize));
  if (r == nullptr) {
    PyObject_Free(v);
    *pv = nullptr;
    PyErr_NoMemory();
    return -1;
  }
  Py_SET_SIZE(r, newsize);
  r->ob_sval[newsize] = 0;
  r->ob_shash = -1;
  *pv = reinterpret_cast<PyObject*>(r);
  return 0;
}

// -- Buffer protocol ------------------------------------------------------------------------

static int bytes_getbuffer(PyObject* self, Py_buffer* view, int flags) {
  return PyBuffer_FillInfo(view, self, PyBytes_AS_STRING(self), Py_SIZE(self), 1, flags);
}

static PyBufferProcs bytes_as_buffer = {bytes_getbuffer, nullptr};

// -- Concatenation, join ----------------------------------------------------------------------

PyObject* krait::bytes_concat(PyObject* a, PyObject* b) {
  Py_buffer va, vb;
  va.len = vb.len = -1;
  if (PyObject_GetBuffer(a, &va, PyBUF_SIMPLE) != 0 || PyObject_GetBuffer(b, &vb, PyBUF_SIMPLE) != 0) {
    PyErr_Format(PyExc_TypeError, "can't concat %.100s to %.100s", Py_TYPE(b)->tp_name, Py_TYPE(a)->tp_name);
    if (va.len != -1) PyBuffer_Release(&va);
    return nullptr;
  }
  PyObject* result = nullptr;
  if (va.len == 0 && PyBytes_CheckExact(b)) {
    result = Py_NewRef(b);
  } else if (vb.len == 0 && PyBytes_CheckExact(a)) {
    result = Py_NewRef(a);
  } else if (va.len > PY_SSIZE_T_MAX - vb.len) {
    PyErr_NoMemory();
  } else {
    result = PyBytes_FromStringAndSize(nullptr, va.len + vb.len);
    if (result != nullptr) {
      std::memcpy(PyBytes_AS_STRING(result), va.buf, va.len);
      std::memcpy(PyBytes_AS_STRING(result) + va.len, vb.buf, vb.len);
    }
  }
  PyBuffer_Release(&va);
  PyBuffer_Release(&vb);
  return result;
}

extern "C" void PyBytes_Concat(PyObject** pv, PyObject* w) {
  if (*pv == nullptr) return;
  if (w == nullptr) {
    Py_CLEAR(*pv);
    return;
  }
  if (Py_REFCNT(*pv) == 1 && PyBytes_CheckExact(*pv) && !is_byte_singleton(*pv)) {
    // Append in place.
    Py_buffer wb;
    if (PyObject_GetBuffer(w, &wb, PyBUF_CONTIG_RO) != 0) {
      PyErr_Format(PyExc_TypeError, "can't concat %.100s to %.100s", Py_TYPE(w)->tp_name, Py_TYPE(*pv)->tp_name);
      Py_CLEAR(*pv);
      return;
    }
    Py_ssize_t old = PyBytes_GET_SIZE(*pv);
    if (old > PY_SSIZE_T_MAX - wb.len) {
      PyErr_NoMemory();
      PyBuffer_Release(&wb);
      Py_CLEAR(*pv);
      return;
    }
    if (_PyBytes_Resize(pv, old + wb.len) < 0) {
      PyBuffer_Release(&wb);
      return;
    }
    std::memcpy(PyBytes_AS_STRING(*pv) + old, wb.buf, wb.len);
    PyBuffer_Release(&wb);
    return;
  }
  PyObject* v = bytes_concat(*pv, w);
  Py_SETREF(*pv, v);
}

extern "C" void PyBytes_ConcatAndDel(PyObject** pv, PyObject* w) {
  PyBytes_Concat(pv, w);
  Py_XDECREF(w);
}

// -- repr -----------------------------------------------------------------------------------

PyObject* krait::bytes_repr_data(const char* data, Py_ssize_t n, int smartquotes, const char* prefix,
                                 const char* suffix) {
  size_t plen = std::strlen(prefix), slen = std::strlen(suffix);
  Py_ssize_t squotes = 0, dquotes = 0, newsize = 3 + static_cast<Py_ssize_t>(plen + slen) - 1;
  for (Py_ssize_t i = 0; i < n; ++i) {
    unsigned char c = data[i];
    Py_ssize_t inc = 1;
    switch (c) {
      case '\'': ++squotes; break;
      case '"': ++dquotes; break;
      case '\\': case '\t': case '\n': case '\r': inc = 2; break;
      default:
        if (c < ' ' || c >= 0x7f) inc = 4;
    }
    if (newsize > PY_SSIZE_T_MAX - inc) {
      PyErr_SetString(PyExc_OverflowError, "bytes object is too large to make repr");
      return nullptr;
    }
    newsize += inc;
  }
  char quote = '\'';
  if (smartquotes && squotes && !dquotes) quote = '"';
  if (squotes && quote == '\'') newsize += squotes;
  PyObject* v = PyUnicode_New(newsize, 127);
  if (v == nullptr) return nullptr;
  char* p = static_cast<char*>(PyUnicode_DATA(v));
  std::memcpy(p, prefix, plen);
  p += plen;
  *p++ = quote;
  static const char hex[] = "0123456789abcdef";
  for (Py_ssize_t i = 0; i < n; ++i) {
    unsigned char c = data[i];
    if (c == quote || c == '\\') {
      *p++ = '\\';
      *p++ = static_cast<char>(c);
    } else if (c == '\t') {
      *p++ = '\\', *p++ = 't';
    } else if (c == '\n') {
      *p++ = '\\', *p++ = 'n';
    } else if (c == '\r') {
      *p++ = '\\', *p++ = 'r';
    } else if (c < ' ' || c >= 0x7f) {
      *p++ = '\\', *p++ = 'x', *p++ = hex[c >> 4], *p++ = hex[c & 15];
    } else {
      *p++ = static_cast<char>(c);
    }
  }
  *p++ = quote;
  std::memcpy(p, suffix, slen);
  return v;
}

extern "C" PyObject* PyBytes_Repr(PyObject* op, int smartquotes) {
  return bytes_repr_data(PyBytes_AS_STRING(op), Py_SIZE(op), smartquotes, "b", "");
}

static PyObject* bytes_repr(PyObject* op) { return PyBytes_Repr(op, 1); }

// -- hash / compare ---------------------------------------------------------------------------

static Py_hash_t bytes_hash(PyObject* op) {
  auto* b = reinterpret_cast<PyBytesObject*>(op);
  if (b->ob_shash == -1) b->ob_shash = _Py_HashBytes(b->ob_sval, Py_SIZE(op));
  return b->ob_shash;
}

static PyObject* bytes_richcompare(PyObject* a, PyObject* b, int op) {
  if (!PyBytes_Check(a) || !PyBytes_Check(b)) Py_RETURN_NOTIMPLEMENTED;
  Py_ssize_t la = Py_SIZE(a), lb = Py_SIZE(b);
  if (op == Py_EQ || op == Py_NE) {
    bool eq = a == b || (la == lb && std::memcmp(PyBytes_AS_STRING(a), PyBytes_AS_STRING(b), la) == 0);
    return PyBool_FromLong(eq == (op == Py_EQ));
  }
  Py_ssize_t n = la < lb ? la : lb;
  int c = n ? std::memcmp(PyBytes_AS_STRING(a), PyBytes_AS_STRING(b), n) : 0;
  if (c == 0) c = la < lb ? -1 : (la > lb ? 1 : 0);
  bool r = false;
  switch (op) {
    case Py_LT: r = c < 0; break;
    case Py_LE: r = c <= 0; break;
    case Py_GT: r = c > 0; break;
    case Py_GE: r = c >= 0; break;
  }
  return PyBool_FromLong(r);
}

// -- Sequence / mapping -----------------------------------------------------------------------

static Py_ssize_t bytes_length(PyObject* self) { return Py_SIZE(self); }

static PyObject* bytes_item(PyObject* self, Py_ssize_t i) {
  if (i < 0 || i >= Py_SIZE(self)) {
    PyErr_SetString(PyExc_IndexError, "index out of range");
    return nullptr;
  }
  return PyLong_FromLong(static_cast<unsigned char>(PyBytes_AS_STRING(self)[i]));
}

static PyObject* bytes_repeat(PyObject* self, Py_ssize_t n) {
  if (n < 0) n = 0;
  Py_ssize_t len = Py_SIZE(self);
  if (n > 0 && len > PY_SSIZE_T_MAX / n) {
    PyErr_SetString(PyExc_OverflowError, "repeated bytes are too long");
    return nullptr;
  }
  if ((n == 1 || len == 0) && PyBytes_CheckExact(self)) return Py_NewRef(self);
  Py_ssize_t total = len * n;
  PyObject* r = PyBytes_FromStringAndSize(nullptr, total);
  if (r == nullptr || total == 0) return r;
  char* d = PyBytes_AS_STRING(r);
  if (len == 1) {
    std::memset(d, PyBytes_AS_STRING(self)[0], total);
    return r;
  }
  Py_ssize_t done = len;
  std::memcpy(d, PyBytes_AS_STRING(self), len);
  while (done < total) {
    Py_ssize_t chunk = done <= total - done ? done : total - done;
    std::memcpy(d + done, d, chunk);
    done += chunk;
  }
  return r;
}

static int bytes_contains(PyObject* self, PyObject* arg) {
  return bytes_contains_data(PyBytes_AS_STRING(self), Py_SIZE(self), arg);
}

static PyObject* bytes_subscript(PyObject* self, PyObject* item) {
  if (PyIndex_Check(item)) {
    Py_ssize_t i = PyNumber_AsSsize_t(item, PyExc_IndexError);
    if (i == -1 && PyErr_Occurred()) return nullptr;
    if (i < 0) i += Py_SIZE(self);
    return bytes_item(self, i);
  }
  if (PySlice_Check(item)) {
    Py_ssize_t start, stop, step;
    if (PySlice_Unpack(item, &start, &stop, &step) < 0) return nullptr;
    Py_ssize_t n = PySlice_AdjustIndices(Py_SIZE(self), &start, &stop, step);
    const char* src = PyBytes_AS_STRING(self);
    if (n <= 0) return bytes_empty();
    if (step == 1) {
      if (start == 0 && n == Py_SIZE(self) && PyBytes_CheckExact(self)) return Py_NewRef(self);
      return PyBytes_FromStringAndSize(src + start, n);
    }
    PyObject* r = PyBytes_FromStringAndSize(nullptr, n);
    if (r == nullptr) return nullptr;
    char* d = PyBytes_AS_STRING(r);
    for (Py_ssize_t i = 0, p = start; i < n; ++i, p += step) d[i] = src[p];
    if (n == 1) {
      PyObject* s = bytes_char(static_cast<unsigned char>(d[0]));
      Py_DECREF(r);
      return s;
    }
    return r;
  }
  PyErr_Format(PyExc_TypeError, "byte indices must be integers or slices, not %.200s", Py_TYPE(item)->tp_name);
  return nullptr;
}

static PySequenceMethods bytes_as_sequence = {
    .sq_length = bytes_length,
    .sq_concat = bytes_concat,
    .sq_repeat = bytes_repeat,
    .sq_item = bytes_item,
    .sq_contains = bytes_contains,
};

static PyMappingMethods bytes_as_mapping = {
    .mp_length = bytes_length,
    .mp_subscript = bytes_subscript,
};

// -- Iterator -------------------------------------------------------------------------------

namespace {

struct BytesIter {
  PyObject_HEAD
  Py_ssize_t index;
  PyObject* seq;
};

void bytesiter_dealloc(PyObject* op) {
  PyObject_GC_UnTrack(op);
  Py_XDECREF(reinterpret_cast<BytesIter*>(op)->seq);
  PyObject_GC_Del(op);
}

int bytesiter_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<BytesIter*>(op)->seq);
  return 0;
}

PyObject* bytesiter_next(PyObject* op) {
  auto* it = reinterpret_cast<BytesIter*>(op);
  PyObject* seq = it->seq;
  if (seq == nullptr) return nullptr;
  if (it->index < PyBytes_GET_SIZE(seq))
    return PyLong_FromLong(static_cast<unsigned char>(PyBytes_AS_STRING(seq)[it->index++]));
  it->seq = nullptr;
  Py_DECREF(seq);
  return nullptr;
}

PyObject* bytesiter_length_hint(PyObject* op, PyObject*) {
  auto* it = reinterpret_cast<BytesIter*>(op);
  Py_ssize_t n = it->seq ? PyBytes_GET_SIZE(it->seq) - it->index : 0;
  return PyLong_FromSsize_t(n < 0 ? 0 : n);
}

PyObject* bytesiter_setstate(PyObject* op, PyObject* state) {
  auto* it = reinterpret_cast<BytesIter*>(op);
  Py_ssize_t index = PyLong_AsSsize_t(state);
  if (index == -1 && PyErr_Occurred()) return nullptr;
  if (it->seq != nullptr) {
    if (index < 0) index = 0;
    if (index > PyBytes_GET_SIZE(it->seq)) index = PyBytes_GET_SIZE(it->seq);
    it->index = index;
  }
  Py_RETURN_NONE;
}

// Pickles as iter(the bytes) plus the position, or iter(()) once exhausted.
PyObject* bytesiter_reduce(PyObject* op, PyObject*) {
  auto* it = reinterpret_cast<BytesIter*>(op);
  PyObject* builtins = PyEval_GetBuiltins();
  PyObject* iter = builtins ? Py_XNewRef(PyDict_GetItemString(builtins, "iter")) : nullptr;
  if (iter == nullptr) {
    if (!PyErr_Occurred()) PyErr_SetString(PyExc_AttributeError, "iter");
    return nullptr;
  }
  if (it->seq != nullptr) return Py_BuildValue("N(O)n", iter, it->seq, it->index);
  return Py_BuildValue("N(())", iter);
}

PyMethodDef bytesiter_methods[] = {
    {"__length_hint__", bytesiter_length_hint, METH_NOARGS, "Private method returning an estimate of len(list(it))."},
    {"__reduce__", bytesiter_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", bytesiter_setstate, METH_O, "Set state information for unpickling."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

PyTypeObject PyBytesIter_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "bytes_iterator",
    .tp_basicsize = sizeof(BytesIter),
    .tp_dealloc = bytesiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = bytesiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = bytesiter_next,
    .tp_methods = bytesiter_methods,
};

static PyObject* bytes_iter(PyObject* seq) {
  auto* it = PyObject_GC_New(BytesIter, &PyBytesIter_Type);
  if (it == nullptr) return nullptr;
  it->index = 0;
  it->seq = Py_NewRef(seq);
  PyObject_GC_Track(it);
  return reinterpret_cast<PyObject*>(it);
}

// -- Construction ---------------------------------------------------------------------------

// bytes(iterable of ints) / bytes(buffer) / list and tuple fast paths.
PyObject* krait::bytes_from_iterable_ints(PyObject* x) {
  if (PyTuple_CheckExact(x)) {
    Py_ssize_t n = PyTuple_GET_SIZE(x);
    PyObject* r = PyBytes_FromStringAndSize(nullptr, n);
    if (r == nullptr) return nullptr;
    char* d = PyBytes_AS_STRING(r);
    for (Py_ssize_t i = 0; i < n; ++i) {
      int v = byte_value(PyTuple_GET_ITEM(x, i));
      if (v < 0) {
        Py_DECREF(r);
        return nullptr;
      }
      d[i] = static_cast<char>(v);
    }
    return n == 1 ? (Py_DECREF(r), bytes_char(static_cast<unsigned char>(d[0]))) : r;
  }
  if (PyList_CheckExact(x)) {
    // An item's __index__ may shrink or grow the list: take what is there at each step,
    // and hold the item while converting it.
    ByteVec buf;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(x); ++i) {
      Ref<> item = Ref<>::borrow(PyList_GET_ITEM(x, i));
      int v = byte_value(item.get());
      if (v < 0 || !buf.push(static_cast<char>(v))) return nullptr;
    }
    return PyBytes_FromStringAndSize(buf.data(), buf.size());
  }
  Ref<> it = steal(PyObject_GetIter(x));
  if (!it) {
    if (PyErr_ExceptionMatches(PyExc_TypeError))
      PyErr_Format(PyExc_TypeError, "cannot convert '%.200s' object to bytes", Py_TYPE(x)->tp_name);
    return nullptr;
  }
  ByteVec buf;
  for (;;) {
    PyObject* item = PyIter_Next(it.get());
    if (item == nullptr) break;
    int v = byte_value(item);
    Py_DECREF(item);
    if (v < 0 || !buf.push(static_cast<char>(v))) return nullptr;
  }
  if (PyErr_Occurred()) return nullptr;
  return PyBytes_FromStringAndSize(buf.data(), buf.size());
}

int krait::byte_value(PyObject* item) {
  Py_ssize_t v = PyNumber_AsSsize_t(item, nullptr);
  if (v == -1 && PyErr_Occurred()) return -1;
  if (v < 0 || v >= 256) {
    PyErr_SetString(PyExc_ValueError, "bytes must be in range(0, 256)");
    return -1;
  }
  return static_cast<int>(v);
}

extern "C" PyObject* PyBytes_FromObject(PyObject* x) {
  if (x == nullptr) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  if (PyBytes_CheckExact(x)) return Py_NewRef(x);
  if (PyObject_CheckBuffer(x)) {
    Py_buffer view;
    if (PyObject_GetBuffer(x, &view, PyBUF_FULL_RO) < 0) return nullptr;
    PyObject* r = PyBytes_FromStringAndSize(nullptr, view.len);
    if (r != nullptr && PyBuffer_ToContiguous(PyBytes_AS_STRING(r), &view, view.len, 'C') < 0) Py_CLEAR(r);
    PyBuffer_Release(&view);
    return r;
  }
  if (PyUnicode_Check(x)) {
    PyErr_SetString(PyExc_TypeError, "cannot convert 'str' object to bytes");
    return nullptr;
  }
  return bytes_from_iterable_ints(x);
}

static PyObject* bytes_subtype_new(PyTypeObject* type, PyObject* exact) {
  Py_ssize_t n = PyBytes_GET_SIZE(exact);
  PyObject* self = type->tp_alloc(type, n);
  if (self == nullptr) return nullptr;
  auto* b = reinterpret_cast<PyBytesObject*>(self);
  std::memcpy(b->ob_sval, PyBytes_AS_STRING(exact), n + 1);
  b->ob_shash = reinterpret_cast<PyBytesObject*>(exact)->ob_shash;
  return self;
}

static PyObject* bytes_new_impl(PyObject* x, const char* encoding, const char* errors) {
  if (x == nullptr) {
    if (encoding != nullptr || errors != nullptr) {
      PyErr_SetString(PyExc_TypeError, encoding != nullptr ? "encoding without a string argument"
                                                           : "errors without a string argument");
      return nullptr;
    }
    return bytes_empty();
  }
  if (encoding != nullptr) {
    if (!PyUnicode_Check(x)) {
      PyErr_SetString(PyExc_TypeError, "encoding without a string argument");
      return nullptr;
    }
    return PyUnicode_AsEncodedString(x, encoding, errors);
  }
  if (errors != nullptr) {
    PyErr_SetString(PyExc_TypeError,
                    PyUnicode_Check(x) ? "string argument without an encoding" : "errors without a string argument");
    return nullptr;
  }
  // __bytes__ takes precedence, even for a str subclass (looked up on the type, as a
  // special method).
  Ref<> name = steal(PyUnicode_InternFromString("__bytes__"));
  if (!name) return nullptr;
  Ref<> bound = steal(lookup_special(x, name.get()));
  if (bound) {
    PyObject* r = PyObject_CallNoArgs(bound.get());
    if (r == nullptr) return nullptr;
    if (!PyBytes_Check(r)) {
      PyErr_Format(PyExc_TypeError, "__bytes__ returned non-bytes (type %.200s)", Py_TYPE(r)->tp_name);
      Py_DECREF(r);
      return nullptr;
    }
    return r;
  }
  if (PyErr_Occurred()) return nullptr;
  if (PyUnicode_Check(x)) {
    PyErr_SetString(PyExc_TypeError, "string argument without an encoding");
    return nullptr;
  }
  if (PyIndex_Check(x)) {
    Py_ssize_t size = PyNumber_AsSsize_t(x, PyExc_OverflowError);
    if (size == -1 && PyErr_Occurred()) {
      if (!PyErr_ExceptionMatches(PyExc_TypeError)) return nullptr;
      PyErr_Clear();
    } else {
      if (size < 0) {
        PyErr_SetString(PyExc_ValueError, "negative count");
        return nullptr;
      }
      PyObject* r = PyBytes_FromStringAndSize(nullptr, size);
      if (r != nullptr && size > 0) std::memset(PyBytes_AS_STRING(r), 0, size);
      return r;
    }
  }
  return PyBytes_FromObject(x);
}

static PyObject* bytes_tp_new(PyTypeObject* type, PyObject* args, PyObject* kwargs) {
  static const char* const kwlist[] = {"source", "encoding", "errors", nullptr};
  static _PyArg_Parser parser = {.keywords = kwlist, .fname = "bytes"};
  PyObject* buf[3] = {};  // unpacking leaves absent optionals unset
  Py_ssize_t nargs = PyTuple_GET_SIZE(args);
  PyObject* const* a = _PyArg_UnpackKeywords(_PyTuple_CAST(args)->ob_item, nargs, kwargs, nullptr, &parser, 0, 3,
                                             0, buf);
  a = all_slots(a, nargs, buf, 3);
  if (a == nullptr) return nullptr;
  Py_ssize_t total = nargs + (kwargs ? PyDict_GET_SIZE(kwargs) : 0);
  PyObject* x = total > 0 ? a[0] : nullptr;
  const char* enc[2] = {nullptr, nullptr};
  for (int k = 1; k < 3 && total > 0; ++k) {
    PyObject* o = a[k];
    if (o == nullptr) continue;
    if (!PyUnicode_Check(o)) {
      _PyArg_BadArgument("bytes", k == 1 ? "argument 'encoding'" : "argument 'errors'", "str", o);
      return nullptr;
    }
    Py_ssize_t len;
    enc[k - 1] = PyUnicode_AsUTF8AndSize(o, &len);
    if (enc[k - 1] == nullptr) return nullptr;
    if (std::strlen(enc[k - 1]) != static_cast<size_t>(len)) {
      PyErr_SetString(PyExc_ValueError, "embedded null character");
      return nullptr;
    }
  }
  Ref<> r = steal(bytes_new_impl(x, enc[0], enc[1]));
  if (!r) return nullptr;
  if (type == &PyBytes_Type) return r.release();
  return bytes_subtype_new(type, r.get());
}

static void bytes_dealloc(PyObject* op) {
  if (is_byte_singleton(op)) {
    make_immortal(op);
    return;
  }
  Py_TYPE(op)->tp_free(op);
}

PyDoc_STRVAR(bytes_doc,
             "bytes(iterable_of_ints) -> bytes\n"
             "bytes(string, encoding[, errors]) -> bytes\n"
             "bytes(bytes_or_buffer) -> immutable copy of bytes_or_buffer\n"
             "bytes(int) -> bytes object of size given by the parameter initialized with null bytes\n"
             "bytes() -> empty bytes object\n"
             "\n"
             "Construct an immutable array of bytes from:\n"
             "  - an iterable yielding integers in range(256)\n"
             "  - a text string encoded using the specified encoding\n"
             "  - any object implementing the buffer API.\n"
             "  - an integer");

PyTypeObject PyBytes_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "bytes",
    .tp_basicsize = kBytesObjectSize,
    .tp_itemsize = sizeof(char),
    .tp_dealloc = bytes_dealloc,
    .tp_repr = bytes_repr,
    .tp_as_number = &bytes_as_number,
    .tp_as_sequence = &bytes_as_sequence,
    .tp_as_mapping = &bytes_as_mapping,
    .tp_hash = bytes_hash,
    .tp_str = bytes_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_as_buffer = &bytes_as_buffer,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_BYTES_SUBCLASS | _Py_TPFLAGS_MATCH_SELF,
    .tp_doc = bytes_doc,
    .tp_richcompare = bytes_richcompare,
    .tp_iter = bytes_iter,
    .tp_methods = bytes_methods,
    .tp_base = &PyBaseObject_Type,
    .tp_new = bytes_tp_new,
    .tp_free = PyObject_Del,
};
