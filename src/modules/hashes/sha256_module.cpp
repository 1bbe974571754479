// sha256_module.cpp — the `_sha256` module: SHA-224 and SHA-256 (FIPS 180-4 §6.2-6.3).
#include "modules/hashes/hash_common.h"

using namespace krait::hashes;

namespace {

constexpr uint32_t kK256[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

struct Sha256 {
  static constexpr size_t kMaxDigest = 32;
  uint32_t h[8];
  BlockBuffer<64> b;
  uint8_t dsize;

  static Sha256 make(bool is224) {
    static constexpr uint32_t iv256[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                          0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    static constexpr uint32_t iv224[8] = {0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939,
                                          0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4};
    Sha256 s;
    std::memcpy(s.h, is224 ? iv224 : iv256, sizeof s.h);
    s.dsize = is224 ? 28 : 32;
    return s;
  }

  void compress(const uint8_t* p) {
    uint32_t w[64];
    for (int i = 0; i < 16; i++) w[i] = load_be32(p + 4 * i);
    for (int i = 16; i < 64; i++) {
      uint32_t s0 = rotr32(w[i - 15], 7) ^ rotr32(w[i - 15], 18) ^ (w[i - 15] >> 3);
      uint32_t s1 = rotr32(w[i - 2], 17) ^ rotr32(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], bb = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 64; i++) {
      uint32_t S1 = rotr32(e, 6) ^ rotr32(e, 11) ^ rotr32(e, 25);
      uint32_t ch = (e & f) ^ (~e & g);
      uint32_t t1 = hh + S1 + ch + kK256[i] + w[i];
      uint32_t S0 = rotr32(a, 2) ^ rotr32(a, 13) ^ rotr32(a, 22);
      uint32_t maj = (a & bb) ^ (a & c) ^ (bb & c);
      uint32_t t2 = S0 + maj;
      hh = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = bb;
      bb = a;
      a = t1 + t2;
    }
    h[0] += a;
    h[1] += bb;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  }
  void update(const uint8_t* p, size_t n) {
    b.feed(p, n, [this](const uint8_t* blk) { compress(blk); });
  }
  void finish(uint8_t* out) {
    b.pad<8, true>([this](const uint8_t* blk) { compress(blk); });
    uint8_t full[32];
    for (int i = 0; i < 8; i++) store_be32(full + 4 * i, h[i]);
    std::memcpy(out, full, dsize);
  }
  size_t digest_size() const { return dsize; }
  size_t block_size() const { return 64; }
  const char* name() const { return dsize == 28 ? "sha224" : "sha256"; }
};

PyTypeObject sha224_type = make_hash_type<Sha256>("_sha256.sha224");
PyTypeObject sha256_type = make_hash_type<Sha256>("_sha256.sha256");

PyObject* sha256_new(PyObject*, PyObject* args, PyObject* kwargs) {
  return construct_simple<Sha256>(&sha256_type, Sha256::make(false), "sha256", args, kwargs);
}
PyObject* sha224_new(PyObject*, PyObject* args, PyObject* kwargs) {
  return construct_simple<Sha256>(&sha224_type, Sha256::make(true), "sha224", args, kwargs);
}

PyMethodDef sha256_functions[] = {
    {"sha256", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(sha256_new)),
     METH_VARARGS | METH_KEYWORDS,
     "sha256($module, /, string=b'', *, usedforsecurity=True)\n--\n\n"
     "Return a new SHA-256 hash object; optionally initialized with a string."},
    {"sha224", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(sha224_new)),
     METH_VARARGS | METH_KEYWORDS,
     "sha224($module, /, string=b'', *, usedforsecurity=True)\n--\n\n"
     "Return a new SHA-224 hash object; optionally initialized with a string."},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef sha256_module = {PyModuleDef_HEAD_INIT, "_sha256", nullptr, -1, sha256_functions};

}  // namespace

extern "C" PyObject* PyInit__sha256(void) {
  if (PyType_Ready(&sha224_type) < 0 || PyType_Ready(&sha256_type) < 0) return nullptr;
  PyObject* m = PyModule_Create(&sha256_module);
  if (!m) return nullptr;
  Py_INCREF(&sha224_type);
  Py_INCREF(&sha256_type);
  if (PyModule_AddObject(m, "SHA224Type", reinterpret_cast<PyObject*>(&sha224_type)) < 0 ||
      PyModule_AddObject(m, "SHA256Type", reinterpret_cast<PyObject*>(&sha256_type)) < 0) {
    Py_DECREF(m);
    return nullptr;
  }
  return m;
}
