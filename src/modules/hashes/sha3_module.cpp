// sha3_module.cpp — the `_sha3` module: SHA3-224/256/384/512 and SHAKE128/256,
// Keccak-f[1600] sponges as specified by FIPS 202.
#include "modules/hashes/hash_common.h"

using namespace krait::hashes;

namespace {

constexpr uint64_t kRoundConstants[24] = {
    0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000, 0x000000000000808B,
    0x0000000080000001, 0x8000000080008081, 0x8000000000008009, 0x000000000000008A, 0x0000000000000088,
    0x0000000080008009, 0x000000008000000A, 0x000000008000808B, 0x800000000000008B, 0x8000000000008089,
    0x8000000000008003, 0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008};
// rho offsets and pi lane order, walking the (x, y) -> (y, 2x + 3y) cycle from lane 1.
constexpr int kRho[24] = {1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44};
constexpr int kPi[24] = {10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1};

void keccak_f1600(uint64_t a[25]) {
  for (int round = 0; round < 24; round++) {
    uint64_t c[5];
    for (int x = 0; x < 5; x++) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
    for (int x = 0; x < 5; x++) {
      uint64_t d = c[(x + 4) % 5] ^ rotl64(c[(x + 1) % 5], 1);
      for (int y = 0; y < 25; y += 5) a[y + x] ^= d;
    }
    uint64_t cur = a[1];
    for (int i = 0; i < 24; i++) {
      int j = kPi[i];
      uint64_t t = a[j];
      a[j] = rotl64(cur, kRho[i]);
      cur = t;
    }
    for (int y = 0; y < 25; y += 5) {
      uint64_t row[5];
      for (int x = 0; x < 5; x++) row[x] = a[y + x];
      for (int x = 0; x < 5; x++) a[y + x] = row[x] ^ (~row[(x + 1) % 5] & row[(x + 2) % 5]);
    }
    a[0] ^= kRoundConstants[round];
  }
}

struct Keccak {
  static constexpr size_t kMaxDigest = 64;
  uint64_t a[25] = {};
  uint16_t rate;  // bytes
  uint8_t pos = 0;
  uint8_t dsize;  // 0 for SHAKE
  uint8_t suffix;
  const char* nm;

  static Keccak make(unsigned bits, bool shake, const char* name) {
    Keccak k;
    k.rate = static_cast<uint16_t>(200 - 2 * bits / 8);
    k.dsize = shake ? 0 : static_cast<uint8_t>(bits / 8);
    k.suffix = shake ? 0x1F : 0x06;
    k.nm = name;
    return k;
  }

  void xor_byte(size_t i, uint8_t v) { a[i / 8] ^= uint64_t(v) << (8 * (i % 8)); }

  void update(const uint8_t* p, size_t n) {
    while (n) {
      if (pos == 0 && n >= rate) {  // whole blocks straight from the input
        for (size_t i = 0; i < rate / 8u; i++) a[i] ^= load_le64(p + 8 * i);
        keccak_f1600(a);
        p += rate;
        n -= rate;
        continue;
      }
      xor_byte(pos++, *p++);
      n--;
      if (pos == rate) {
        keccak_f1600(a);
        pos = 0;
      }
    }
  }
  // Pads and squeezes `len` bytes (the state is consumed: call on a copy).
  void squeeze(uint8_t* out, size_t len) {
    xor_byte(pos, suffix);
    xor_byte(rate - 1u, 0x80);
    keccak_f1600(a);
    size_t off = 0;
    while (len) {
      if (off == rate) {
        keccak_f1600(a);
        off = 0;
      }
      *out++ = uint8_t(a[off / 8] >> (8 * (off % 8)));
      off++;
      len--;
    }
  }
  void finish(uint8_t* out) { squeeze(out, dsize); }
  size_t digest_size() const { return dsize; }
  size_t block_size() const { return rate; }
  const char* name() const { return nm; }
};

PyObject* get_capacity_bits(PyObject* self, void*) {
  return PyLong_FromLong(1600 - 8 * static_cast<long>(state<Keccak>(self).rate));
}
PyObject* get_rate_bits(PyObject* self, void*) { return PyLong_FromLong(8 * static_cast<long>(state<Keccak>(self).rate)); }
PyObject* get_suffix(PyObject* self, void*) {
  char c = static_cast<char>(state<Keccak>(self).suffix);
  return PyBytes_FromStringAndSize(&c, 1);
}

PyGetSetDef keccak_getset[] = {
    {"block_size", get_block_size<Keccak>, nullptr, nullptr, nullptr},
    {"name", get_name<Keccak>, nullptr, nullptr, nullptr},
    {"digest_size", get_digest_size<Keccak>, nullptr, nullptr, nullptr},
    {"_capacity_bits", get_capacity_bits, nullptr, nullptr, nullptr},
    {"_rate_bits", get_rate_bits, nullptr, nullptr, nullptr},
    {"_suffix", get_suffix, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

// SHAKE's digest(length) / hexdigest(length): the length converter rejects
// negatives with "value must be positive", as CPython's unsigned-long converter.
PyObject* shake_output(PyObject* self, PyObject* arg, bool hex) {
  if (PyLong_Check(arg) && Py_SIZE(arg) < 0) {  // the sign lives in ob_size
    PyErr_SetString(PyExc_ValueError, "value must be positive");
    return nullptr;
  }
  unsigned long len = PyLong_AsUnsignedLong(arg);
  if (len == static_cast<unsigned long>(-1) && PyErr_Occurred()) return nullptr;
  if (len >= (1ul << 29)) {
    PyErr_SetString(PyExc_ValueError, "length is too large");
    return nullptr;
  }
  Keccak tmp = state<Keccak>(self);
  PyObject* bytes = PyBytes_FromStringAndSize(nullptr, static_cast<Py_ssize_t>(len));
  if (!bytes) return nullptr;
  auto* out = reinterpret_cast<uint8_t*>(PyBytes_AS_STRING(bytes));
  tmp.squeeze(out, len);
  if (!hex) return bytes;
  PyObject* r = hex_of(out, len);
  Py_DECREF(bytes);
  return r;
}
PyObject* shake_digest(PyObject* self, PyObject* arg) { return shake_output(self, arg, false); }
PyObject* shake_hexdigest(PyObject* self, PyObject* arg) { return shake_output(self, arg, true); }

PyMethodDef shake_methods[] = {
    {"copy", hash_copy<Keccak>, METH_NOARGS, "Return a copy of the hash object."},
    {"digest", shake_digest, METH_O, "Return the digest value as a bytes object."},
    {"hexdigest", shake_hexdigest, METH_O, "Return the digest value as a string of hexadecimal digits."},
    {"update", hash_update<Keccak>, METH_O, "Update this hash object's state with the provided string."},
    {nullptr, nullptr, 0, nullptr},
};

struct Variant {
  unsigned bits;
  bool shake;
  const char* name;
};

template <int I>
PyObject* sponge_new(PyTypeObject* type, PyObject* args, PyObject* kwargs);

PyTypeObject make_sponge_type(const char* qualname, newfunc tp_new, bool shake) {
  PyTypeObject t = make_hash_type<Keccak>(qualname);
  t.tp_getset = keccak_getset;
  if (shake) t.tp_methods = shake_methods;
  t.tp_new = tp_new;
  return t;
}

constexpr Variant kVariants[6] = {{224, false, "sha3_224"}, {256, false, "sha3_256"}, {384, false, "sha3_384"},
                                  {512, false, "sha3_512"}, {128, true, "shake_128"},  {256, true, "shake_256"}};

PyTypeObject sponge_types[6] = {
    make_sponge_type("_sha3.sha3_224", sponge_new<0>, false), make_sponge_type("_sha3.sha3_256", sponge_new<1>, false),
    make_sponge_type("_sha3.sha3_384", sponge_new<2>, false), make_sponge_type("_sha3.sha3_512", sponge_new<3>, false),
    make_sponge_type("_sha3.shake_128", sponge_new<4>, true), make_sponge_type("_sha3.shake_256", sponge_new<5>, true),
};

// (data=b'', /, *, usedforsecurity=True)
template <int I>
PyObject* sponge_new(PyTypeObject* type, PyObject* args, PyObject* kwargs) {
  static const char* kw[] = {"", "usedforsecurity", nullptr};
  char fmt[48];
  PyOS_snprintf(fmt, sizeof fmt, "|O$p:%s", kVariants[I].name);
  PyObject* data = nullptr;
  int usedforsecurity = 1;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, fmt, const_cast<char**>(kw), &data, &usedforsecurity))
    return nullptr;
  Keccak k = Keccak::make(kVariants[I].bits, kVariants[I].shake, kVariants[I].name);
  if (data && feed_object(k, data) < 0) return nullptr;
  return new_hash<Keccak>(type, k);
}

PyModuleDef sha3_module = {PyModuleDef_HEAD_INIT, "_sha3", nullptr, -1, nullptr};

}  // namespace

extern "C" PyObject* PyInit__sha3(void) {
  for (auto& t : sponge_types)
    if (PyType_Ready(&t) < 0) return nullptr;
  PyObject* m = PyModule_Create(&sha3_module);
  if (!m) return nullptr;
  for (int i = 0; i < 6; i++) {
    Py_INCREF(&sponge_types[i]);
    if (PyModule_AddObject(m, kVariants[i].name, reinterpret_cast<PyObject*>(&sponge_types[i])) < 0) {
      Py_DECREF(m);
      return nullptr;
    }
  }
  if (PyModule_AddStringConstant(m, "implementation", "tiny_sha3") < 0 ||
      PyModule_AddIntConstant(m, "keccakopt", 0) < 0) {
    Py_DECREF(m);
    return nullptr;
  }
  return m;
}
