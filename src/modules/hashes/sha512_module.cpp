// sha512_module.cpp — the `_sha512` module: SHA-384 and SHA-512 (FIPS 180-4 §6.4-6.5).
#include "modules/hashes/hash_common.h"

using namespace krait::hashes;

namespace {

constexpr uint64_t kK512[80] = {
    0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc, 0x3956c25bf348b538,
    0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118, 0xd807aa98a3030242, 0x12835b0145706fbe,
    0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2, 0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235,
    0xc19bf174cf692694, 0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
    0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5, 0x983e5152ee66dfab,
    0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4, 0xc6e00bf33da88fc2, 0xd5a79147930aa725,
    0x06ca6351e003826f, 0x142929670a0e6e70, 0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed,
    0x53380d139d95b3df, 0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
    0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30, 0xd192e819d6ef5218,
    0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8, 0x19a4c116b8d2d0c8, 0x1e376c085141ab53,
    0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8, 0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373,
    0x682e6ff3d6b2b8a3, 0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
    0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b, 0xca273eceea26619c,
    0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178, 0x06f067aa72176fba, 0x0a637dc5a2c898a6,
    0x113f9804bef90dae, 0x1b710b35131c471b, 0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc,
    0x431d67c49c100d4c, 0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817};

struct Sha512 {
  static constexpr size_t kMaxDigest = 64;
  uint64_t h[8];
  BlockBuffer<128> b;
  uint8_t dsize;

  static Sha512 make(bool is384) {
    static constexpr uint64_t iv512[8] = {0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b,
                                          0xa54ff53a5f1d36f1, 0x510e527fade682d1, 0x9b05688c2b3e6c1f,
                                          0x1f83d9abfb41bd6b, 0x5be0cd19137e2179};
    static constexpr uint64_t iv384[8] = {0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17,
                                          0x152fecd8f70e5939, 0x67332667ffc00b31, 0x8eb44a8768581511,
                                          0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4};
    Sha512 s;
    std::memcpy(s.h, is384 ? iv384 : iv512, sizeof s.h);
    s.dsize = is384 ? 48 : 64;
    return s;
  }

  void compress(const uint8_t* p) {
    uint64_t w[80];
    for (int i = 0; i < 16; i++) w[i] = load_be64(p + 8 * i);
    for (int i = 16; i < 80; i++) {
      uint64_t s0 = rotr64(w[i - 15], 1) ^ rotr64(w[i - 15], 8) ^ (w[i - 15] >> 7);
      uint64_t s1 = rotr64(w[i - 2], 19) ^ rotr64(w[i - 2], 61) ^ (w[i - 2] >> 6);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint64_t a = h[0], bb = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 80; i++) {
      uint64_t S1 = rotr64(e, 14) ^ rotr64(e, 18) ^ rotr64(e, 41);
      uint64_t ch = (e & f) ^ (~e & g);
      uint64_t t1 = hh + S1 + ch + kK512[i] + w[i];
      uint64_t S0 = rotr64(a, 28) ^ rotr64(a, 34) ^ rotr64(a, 39);
      uint64_t maj = (a & bb) ^ (a & c) ^ (bb & c);
      uint64_t t2 = S0 + maj;
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
    b.pad<16, true>([this](const uint8_t* blk) { compress(blk); });
    uint8_t full[64];
    for (int i = 0; i < 8; i++) store_be64(full + 8 * i, h[i]);
    std::memcpy(out, full, dsize);
  }
  size_t digest_size() const { return dsize; }
  size_t block_size() const { return 128; }
  const char* name() const { return dsize == 48 ? "sha384" : "sha512"; }
};

PyTypeObject sha384_type = make_hash_type<Sha512>("_sha512.sha384");
PyTypeObject sha512_type = make_hash_type<Sha512>("_sha512.sha512");

PyObject* sha512_new(PyObject*, PyObject* args, PyObject* kwargs) {
  return construct_simple<Sha512>(&sha512_type, Sha512::make(false), "sha512", args, kwargs);
}
PyObject* sha384_new(PyObject*, PyObject* args, PyObject* kwargs) {
  return construct_simple<Sha512>(&sha384_type, Sha512::make(true), "sha384", args, kwargs);
}

PyMethodDef sha512_functions[] = {
    {"sha512", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(sha512_new)),
     METH_VARARGS | METH_KEYWORDS,
     "sha512($module, /, string=b'', *, usedforsecurity=True)\n--\n\n"
     "Return a new SHA-512 hash object; optionally initialized with a string."},
    {"sha384", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(sha384_new)),
     METH_VARARGS | METH_KEYWORDS,
     "sha384($module, /, string=b'', *, usedforsecurity=True)\n--\n\n"
     "Return a new SHA-384 hash object; optionally initialized with a string."},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef sha512_module = {PyModuleDef_HEAD_INIT, "_sha512", nullptr, -1, sha512_functions};

}  // namespace

extern "C" PyObject* PyInit__sha512(void) {
  if (PyType_Ready(&sha384_type) < 0 || PyType_Ready(&sha512_type) < 0) return nullptr;
  PyObject* m = PyModule_Create(&sha512_module);
  if (!m) return nullptr;
  // CPython 3.11 binds the sha512 type under the name SHA384Type (and has no
  // SHA512Type); reproduced as observable behaviour.
  Py_INCREF(&sha512_type);
  if (PyModule_AddObject(m, "SHA384Type", reinterpret_cast<PyObject*>(&sha512_type)) < 0) {
    Py_DECREF(m);
    return nullptr;
  }
  return m;
}
