// hash_common.h — the Python-facing hash object shared by _md5, _sha1,
// _sha256, _sha512, _sha3 and _blake2.
//
// Every algorithm is a plain C++ state struct S with
//   void update(const uint8_t* p, size_t n);
//   void finish(uint8_t* out);          // on a copy: digest() stays repeatable
//   size_t digest_size() const; size_t block_size() const; const char* name() const;
// HashObject<S> wraps it; the methods below are templates so each module
// only supplies its states, its type objects and its constructors.
#pragma once

#include <Python.h>

#include <cstdint>
#include <cstring>

namespace krait::hashes {

template <class S>
struct HashObject {
  PyObject_HEAD
  S s;
};

inline uint32_t rotl32(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }
inline uint32_t rotr32(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }
inline uint64_t rotl64(uint64_t x, int n) { return (x << n) | (x >> (64 - n)); }
inline uint64_t rotr64(uint64_t x, int n) { return (x >> n) | (x << (64 - n)); }
inline uint32_t load_le32(const uint8_t* p) {
  return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}
inline uint32_t load_be32(const uint8_t* p) {
  return uint32_t(p[3]) | uint32_t(p[2]) << 8 | uint32_t(p[1]) << 16 | uint32_t(p[0]) << 24;
}
inline uint64_t load_le64(const uint8_t* p) { return uint64_t(load_le32(p)) | uint64_t(load_le32(p + 4)) << 32; }
inline uint64_t load_be64(const uint8_t* p) { return uint64_t(load_be32(p)) << 32 | uint64_t(load_be32(p + 4)); }
inline void store_le32(uint8_t* p, uint32_t v) {
  for (int i = 0; i < 4; i++) p[i] = uint8_t(v >> (8 * i));
}
inline void store_be32(uint8_t* p, uint32_t v) {
  for (int i = 0; i < 4; i++) p[i] = uint8_t(v >> (24 - 8 * i));
}
inline void store_le64(uint8_t* p, uint64_t v) {
  for (int i = 0; i < 8; i++) p[i] = uint8_t(v >> (8 * i));
}
inline void store_be64(uint8_t* p, uint64_t v) {
  for (int i = 0; i < 8; i++) p[i] = uint8_t(v >> (56 - 8 * i));
}

// Merkle–Damgård block buffering shared by MD5 and the SHA-1/SHA-2 family:
// `Compress` consumes whole blocks; the total length is counted in bytes
// (a 128-bit length for SHA-384/512 only matters beyond 2^61 bytes).
template <size_t Block>
struct BlockBuffer {
  uint8_t buf[Block];
  size_t used = 0;
  uint64_t total = 0;

  template <class F>
  void feed(const uint8_t* p, size_t n, F&& compress) {
    total += n;
    if (used) {
      size_t take = Block - used < n ? Block - used : n;
      std::memcpy(buf + used, p, take);
      used += take;
      p += take;
      n -= take;
      if (used < Block) return;
      compress(buf);
      used = 0;
    }
    while (n >= Block) {
      compress(p);
      p += Block;
      n -= Block;
    }
    if (n) std::memcpy(buf, p, n);
    used = n;
  }

  // Appends 0x80, zeros and the bit length (LenBytes wide, big or little endian).
  template <size_t LenBytes, bool BigEndian, class F>
  void pad(F&& compress) {
    uint64_t bits = total * 8;
    buf[used++] = 0x80;
    if (used > Block - LenBytes) {
      std::memset(buf + used, 0, Block - used);
      compress(buf);
      used = 0;
    }
    std::memset(buf + used, 0, Block - used);
    if (BigEndian) {
      store_be64(buf + Block - 8, bits);
      if (LenBytes == 16) store_be64(buf + Block - 16, total >> 61);
    } else {
      store_le64(buf + Block - LenBytes, bits);
    }
    compress(buf);
  }
};

// Fills *view from a data argument with CPython's hash-specific messages.
inline int get_data_buffer(PyObject* obj, Py_buffer* view) {
  if (PyUnicode_Check(obj)) {
    PyErr_SetString(PyExc_TypeError, "Strings must be encoded before hashing");
    return -1;
  }
  if (!PyObject_CheckBuffer(obj)) {
    PyErr_SetString(PyExc_TypeError, "object supporting the buffer API required");
    return -1;
  }
  if (PyObject_GetBuffer(obj, view, PyBUF_SIMPLE) < 0) return -1;
  if (view->ndim > 1) {
    PyErr_SetString(PyExc_BufferError, "Buffer must be single dimension");
    PyBuffer_Release(view);
    return -1;
  }
  return 0;
}

template <class S>
inline S& state(PyObject* self) {
  return reinterpret_cast<HashObject<S>*>(self)->s;
}

template <class S>
int feed_object(S& s, PyObject* data) {
  Py_buffer view;
  if (get_data_buffer(data, &view) < 0) return -1;
  // Large inputs could release the GIL as CPython does; Krait hashes in place.
  s.update(static_cast<const uint8_t*>(view.buf), static_cast<size_t>(view.len));
  PyBuffer_Release(&view);
  return 0;
}

template <class S>
PyObject* new_hash(PyTypeObject* type, const S& init) {
  auto* o = reinterpret_cast<HashObject<S>*>(type->tp_alloc(type, 0));
  if (!o) return nullptr;
  new (&o->s) S(init);
  return reinterpret_cast<PyObject*>(o);
}

template <class S>
void hash_dealloc(PyObject* self) {
  PyTypeObject* tp = Py_TYPE(self);
  state<S>(self).~S();
  tp->tp_free(self);
  if (tp->tp_flags & Py_TPFLAGS_HEAPTYPE) Py_DECREF(tp);
}

template <class S>
PyObject* hash_update(PyObject* self, PyObject* data) {
  if (feed_object(state<S>(self), data) < 0) return nullptr;
  Py_RETURN_NONE;
}

template <class S>
PyObject* hash_copy(PyObject* self, PyObject*) {
  return new_hash<S>(Py_TYPE(self), state<S>(self));
}

inline PyObject* hex_of(const uint8_t* d, size_t n) {
  static const char digits[] = "0123456789abcdef";
  PyObject* r = PyUnicode_New(static_cast<Py_ssize_t>(2 * n), 127);
  if (!r) return nullptr;
  auto* out = static_cast<char*>(PyUnicode_DATA(r));
  for (size_t i = 0; i < n; i++) {
    out[2 * i] = digits[d[i] >> 4];
    out[2 * i + 1] = digits[d[i] & 15];
  }
  return r;
}

template <class S>
PyObject* hash_digest(PyObject* self, PyObject*) {
  S tmp = state<S>(self);
  uint8_t out[S::kMaxDigest];
  tmp.finish(out);
  return PyBytes_FromStringAndSize(reinterpret_cast<const char*>(out),
                                   static_cast<Py_ssize_t>(tmp.digest_size()));
}

template <class S>
PyObject* hash_hexdigest(PyObject* self, PyObject*) {
  S tmp = state<S>(self);
  uint8_t out[S::kMaxDigest];
  tmp.finish(out);
  return hex_of(out, tmp.digest_size());
}

template <class S>
PyObject* get_name(PyObject* self, void*) {
  return PyUnicode_FromString(state<S>(self).name());
}
template <class S>
PyObject* get_digest_size(PyObject* self, void*) {
  return PyLong_FromSize_t(state<S>(self).digest_size());
}
template <class S>
PyObject* get_block_size(PyObject* self, void*) {
  return PyLong_FromSize_t(state<S>(self).block_size());
}

template <class S>
PyMethodDef hash_methods[] = {
    {"copy", hash_copy<S>, METH_NOARGS, "Return a copy of the hash object."},
    {"digest", hash_digest<S>, METH_NOARGS, "Return the digest value as a bytes object."},
    {"hexdigest", hash_hexdigest<S>, METH_NOARGS, "Return the digest value as a string of hexadecimal digits."},
    {"update", hash_update<S>, METH_O, "Update this hash object's state with the provided string."},
    {nullptr, nullptr, 0, nullptr},
};

template <class S>
PyGetSetDef hash_getset[] = {
    {"block_size", get_block_size<S>, nullptr, nullptr, nullptr},
    {"name", get_name<S>, nullptr, nullptr, nullptr},
    {"digest_size", get_digest_size<S>, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

// A static hash type named `qualname` (e.g. "_md5.md5"); not subclassable and
// not directly instantiable, as CPython's MD5Type & co.
template <class S>
PyTypeObject make_hash_type(const char* qualname) {
  PyTypeObject t = {
      .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
      .tp_name = qualname,
      .tp_basicsize = sizeof(HashObject<S>),
      .tp_dealloc = hash_dealloc<S>,
      .tp_getattro = PyObject_GenericGetAttr,
      .tp_flags = Py_TPFLAGS_DEFAULT,
      .tp_methods = hash_methods<S>,
      .tp_getset = hash_getset<S>,
  };
  return t;
}

// Parses CPython's `(string=b'', *, usedforsecurity=True)` for the md5/sha1/
// sha2 constructor functions and builds the object.
template <class S>
PyObject* construct_simple(PyTypeObject* type, const S& init, const char* fname, PyObject* args,
                           PyObject* kwargs) {
  static const char* kw[] = {"string", "usedforsecurity", nullptr};
  PyObject* data = nullptr;
  int usedforsecurity = 1;
  char fmt[64];
  PyOS_snprintf(fmt, sizeof fmt, "|O$p:%s", fname);
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, fmt, const_cast<char**>(kw), &data, &usedforsecurity))
    return nullptr;
  (void)usedforsecurity;  // no FIPS mode: every algorithm is always available
  S s = init;
  if (data && data != Py_None && feed_object(s, data) < 0) return nullptr;
  return new_hash<S>(type, s);
}

}  // namespace krait::hashes
