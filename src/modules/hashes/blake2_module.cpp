// blake2_module.cpp — the `_blake2` module: BLAKE2b and BLAKE2s (RFC 7693),
// with the full parameter block of the BLAKE2 paper (salt, personalisation,
// tree hashing: fanout, depth, leaf size, node offset/depth, inner size, last node).
#include "modules/hashes/hash_common.h"

using namespace krait::hashes;

namespace {

constexpr uint8_t kSigma[12][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4}, {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13}, {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11}, {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5}, {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
};

// Traits: word type, rounds, rotation constants, IV, sizes.
struct B2b {
  using W = uint64_t;
  static constexpr int kRounds = 12, R1 = 32, R2 = 24, R3 = 16, R4 = 63;
  static constexpr size_t kBlock = 128, kMaxOut = 64, kMaxKey = 64, kSalt = 16, kPerson = 16;
  static constexpr W kIV[8] = {0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
                               0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179};
  static W rotr(W x, int n) { return rotr64(x, n); }
  static W load(const uint8_t* p) { return load_le64(p); }
  static void store(uint8_t* p, W v) { store_le64(p, v); }
  static constexpr const char* kName = "blake2b";
};
struct B2s {
  using W = uint32_t;
  static constexpr int kRounds = 10, R1 = 16, R2 = 12, R3 = 8, R4 = 7;
  static constexpr size_t kBlock = 64, kMaxOut = 32, kMaxKey = 32, kSalt = 8, kPerson = 8;
  static constexpr W kIV[8] = {0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A,
                               0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19};
  static W rotr(W x, int n) { return rotr32(x, n); }
  static W load(const uint8_t* p) { return load_le32(p); }
  static void store(uint8_t* p, W v) { store_le32(p, v); }
  static constexpr const char* kName = "blake2s";
};

template <class T>
struct Blake2 {
  using W = typename T::W;
  static constexpr size_t kMaxDigest = T::kMaxOut;
  W h[8];
  W t[2] = {0, 0};
  uint8_t buf[T::kBlock];
  size_t buflen = 0;
  uint8_t outlen;
  bool last_node;

  void compress(const uint8_t* block, bool final) {
    W m[16], v[16];
    for (int i = 0; i < 16; i++) m[i] = T::load(block + sizeof(W) * i);
    for (int i = 0; i < 8; i++) {
      v[i] = h[i];
      v[i + 8] = T::kIV[i];
    }
    v[12] ^= t[0];
    v[13] ^= t[1];
    if (final) {
      v[14] = ~v[14];
      if (last_node) v[15] = ~v[15];
    }
    auto g = [&](int a, int b, int c, int d, W x, W y) {
      v[a] = v[a] + v[b] + x;
      v[d] = T::rotr(v[d] ^ v[a], T::R1);
      v[c] = v[c] + v[d];
      v[b] = T::rotr(v[b] ^ v[c], T::R2);
      v[a] = v[a] + v[b] + y;
      v[d] = T::rotr(v[d] ^ v[a], T::R3);
      v[c] = v[c] + v[d];
      v[b] = T::rotr(v[b] ^ v[c], T::R4);
    };
    for (int r = 0; r < T::kRounds; r++) {
      const uint8_t* s = kSigma[r];
      g(0, 4, 8, 12, m[s[0]], m[s[1]]);
      g(1, 5, 9, 13, m[s[2]], m[s[3]]);
      g(2, 6, 10, 14, m[s[4]], m[s[5]]);
      g(3, 7, 11, 15, m[s[6]], m[s[7]]);
      g(0, 5, 10, 15, m[s[8]], m[s[9]]);
      g(1, 6, 11, 12, m[s[10]], m[s[11]]);
      g(2, 7, 8, 13, m[s[12]], m[s[13]]);
      g(3, 4, 9, 14, m[s[14]], m[s[15]]);
    }
    for (int i = 0; i < 8; i++) h[i] ^= v[i] ^ v[i + 8];
  }
  void count(size_t n) {
    t[0] += static_cast<W>(n);
    if (t[0] < static_cast<W>(n)) t[1]++;
  }
  // The last block must be compressed with the final flag, so a full buffer
  // is only compressed once more input arrives.
  void update(const uint8_t* p, size_t n) {
    while (n) {
      if (buflen == T::kBlock) {
        count(T::kBlock);
        compress(buf, false);
        buflen = 0;
      }
      size_t take = T::kBlock - buflen < n ? T::kBlock - buflen : n;
      std::memcpy(buf + buflen, p, take);
      buflen += take;
      p += take;
      n -= take;
    }
  }
  void finish(uint8_t* out) {
    count(buflen);
    std::memset(buf + buflen, 0, T::kBlock - buflen);
    compress(buf, true);
    uint8_t full[8 * sizeof(W)];
    for (int i = 0; i < 8; i++) T::store(full + sizeof(W) * i, h[i]);
    std::memcpy(out, full, outlen);
  }
  size_t digest_size() const { return outlen; }
  size_t block_size() const { return T::kBlock; }
  const char* name() const { return T::kName; }
};

// O& converters matching CPython's unsigned long / unsigned long long ones.
int ulong_converter(PyObject* obj, void* ptr) {
  if (PyLong_Check(obj) && Py_SIZE(obj) < 0) {
    PyErr_SetString(PyExc_ValueError, "value must be positive");
    return 0;
  }
  unsigned long v = PyLong_AsUnsignedLong(obj);
  if (v == static_cast<unsigned long>(-1) && PyErr_Occurred()) return 0;
  *static_cast<unsigned long*>(ptr) = v;
  return 1;
}
int ulonglong_converter(PyObject* obj, void* ptr) {
  if (PyLong_Check(obj) && Py_SIZE(obj) < 0) {
    PyErr_SetString(PyExc_ValueError, "value must be positive");
    return 0;
  }
  unsigned long long v = PyLong_AsUnsignedLongLong(obj);
  if (v == static_cast<unsigned long long>(-1) && PyErr_Occurred()) return 0;
  *static_cast<unsigned long long*>(ptr) = v;
  return 1;
}

template <class T>
PyObject* blake2_new(PyTypeObject* type, PyObject* args, PyObject* kwargs) {
  static const char* kw[] = {"",          "digest_size", "key",        "salt",       "person",
                             "fanout",    "depth",       "leaf_size",  "node_offset", "node_depth",
                             "inner_size", "last_node",  "usedforsecurity", nullptr};
  char fmt[64];
  PyOS_snprintf(fmt, sizeof fmt, "|O$iy*y*y*iiO&O&iipp:%s", T::kName);
  PyObject* data = nullptr;
  int digest_size = static_cast<int>(T::kMaxOut), fanout = 1, depth = 1, node_depth = 0, inner_size = 0;
  int last_node = 0, usedforsecurity = 1;
  unsigned long leaf_size = 0;
  unsigned long long node_offset = 0;
  Py_buffer key = {}, salt = {}, person = {};
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, fmt, const_cast<char**>(kw), &data, &digest_size, &key, &salt,
                                   &person, &fanout, &depth, ulong_converter, &leaf_size, ulonglong_converter,
                                   &node_offset, &node_depth, &inner_size, &last_node, &usedforsecurity))
    return nullptr;
  struct Release {
    Py_buffer* b[3];
    ~Release() {
      for (Py_buffer* x : b)
        if (x->obj) PyBuffer_Release(x);
    }
  } release{{&key, &salt, &person}};

  const bool is_s = T::kBlock == 64;
  if (digest_size <= 0 || static_cast<size_t>(digest_size) > T::kMaxOut) {
    PyErr_Format(PyExc_ValueError, "digest_size must be between 1 and %d bytes", static_cast<int>(T::kMaxOut));
    return nullptr;
  }
  if (salt.obj && static_cast<size_t>(salt.len) > T::kSalt) {
    PyErr_Format(PyExc_ValueError, "maximum salt length is %d bytes", static_cast<int>(T::kSalt));
    return nullptr;
  }
  if (person.obj && static_cast<size_t>(person.len) > T::kPerson) {
    PyErr_Format(PyExc_ValueError, "maximum person length is %d bytes", static_cast<int>(T::kPerson));
    return nullptr;
  }
  if (fanout < 0 || fanout > 255) {
    PyErr_SetString(PyExc_ValueError, "fanout must be between 0 and 255");
    return nullptr;
  }
  if (depth <= 0 || depth > 255) {
    PyErr_SetString(PyExc_ValueError, "depth must be between 1 and 255");
    return nullptr;
  }
  if (leaf_size > 0xFFFFFFFFul) {
    PyErr_SetString(PyExc_OverflowError, "leaf_size is too large");
    return nullptr;
  }
  if (is_s && node_offset > 0xFFFFFFFFFFFFull) {
    PyErr_SetString(PyExc_OverflowError, "node_offset is too large");
    return nullptr;
  }
  if (node_depth < 0 || node_depth > 255) {
    PyErr_SetString(PyExc_ValueError, "node_depth must be between 0 and 255");
    return nullptr;
  }
  if (inner_size < 0 || static_cast<size_t>(inner_size) > T::kMaxOut) {
    PyErr_Format(PyExc_ValueError, "inner_size must be between 0 and is %d", static_cast<int>(T::kMaxOut));
    return nullptr;
  }
  if (key.obj && static_cast<size_t>(key.len) > T::kMaxKey) {
    PyErr_Format(PyExc_ValueError, "maximum key length is %d bytes", static_cast<int>(T::kMaxKey));
    return nullptr;
  }

  // The parameter block, XORed into the IV.
  uint8_t param[8 * sizeof(typename T::W)] = {};
  param[0] = static_cast<uint8_t>(digest_size);
  param[1] = static_cast<uint8_t>(key.obj ? key.len : 0);
  param[2] = static_cast<uint8_t>(fanout);
  param[3] = static_cast<uint8_t>(depth);
  store_le32(param + 4, static_cast<uint32_t>(leaf_size));
  size_t off_bytes = is_s ? 6 : 8;
  for (size_t i = 0; i < off_bytes; i++) param[8 + i] = static_cast<uint8_t>(node_offset >> (8 * i));
  param[8 + off_bytes] = static_cast<uint8_t>(node_depth);
  param[9 + off_bytes] = static_cast<uint8_t>(inner_size);
  size_t salt_at = is_s ? 16 : 32, person_at = salt_at + T::kSalt;
  if (salt.obj) std::memcpy(param + salt_at, salt.buf, static_cast<size_t>(salt.len));
  if (person.obj) std::memcpy(param + person_at, person.buf, static_cast<size_t>(person.len));

  Blake2<T> s;
  for (int i = 0; i < 8; i++) s.h[i] = T::kIV[i] ^ T::load(param + sizeof(typename T::W) * i);
  s.outlen = static_cast<uint8_t>(digest_size);
  s.last_node = last_node != 0;
  if (key.obj && key.len > 0) {
    uint8_t block[T::kBlock] = {};
    std::memcpy(block, key.buf, static_cast<size_t>(key.len));
    s.update(block, T::kBlock);
  }
  if (data && feed_object(s, data) < 0) return nullptr;
  return new_hash<Blake2<T>>(type, s);
}

template <class T>
PyTypeObject make_blake_type(const char* qualname) {
  PyTypeObject t = make_hash_type<Blake2<T>>(qualname);
  t.tp_new = blake2_new<T>;
  return t;
}

PyTypeObject blake2b_type = make_blake_type<B2b>("_blake2.blake2b");
PyTypeObject blake2s_type = make_blake_type<B2s>("_blake2.blake2s");

PyModuleDef blake2_module = {PyModuleDef_HEAD_INIT, "_blake2", nullptr, -1, nullptr};

template <class T>
int add_blake(PyObject* m, PyTypeObject* type, const char* prefix) {
  if (PyType_Ready(type) < 0) return -1;
  const std::pair<const char*, size_t> consts[] = {
      {"SALT_SIZE", T::kSalt}, {"PERSON_SIZE", T::kPerson}, {"MAX_KEY_SIZE", T::kMaxKey}, {"MAX_DIGEST_SIZE", T::kMaxOut}};
  for (auto& [name, value] : consts) {
    PyObject* v = PyLong_FromSize_t(value);
    if (!v || PyDict_SetItemString(type->tp_dict, name, v) < 0) {
      Py_XDECREF(v);
      return -1;
    }
    char full[64];
    PyOS_snprintf(full, sizeof full, "%s_%s", prefix, name);
    if (PyModule_AddObject(m, full, v) < 0) {
      Py_DECREF(v);
      return -1;
    }
  }
  PyType_Modified(type);
  Py_INCREF(type);
  if (PyModule_AddObject(m, T::kName, reinterpret_cast<PyObject*>(type)) < 0) {
    Py_DECREF(type);
    return -1;
  }
  return 0;
}

}  // namespace

extern "C" PyObject* PyInit__blake2(void) {
  PyObject* m = PyModule_Create(&blake2_module);
  if (!m) return nullptr;
  if (add_blake<B2b>(m, &blake2b_type, "BLAKE2B") < 0 || add_blake<B2s>(m, &blake2s_type, "BLAKE2S") < 0) {
    Py_DECREF(m);
    return nullptr;
  }
  return m;
}
