// sha1_module.cpp — the `_sha1` module: SHA-1 as specified by FIPS 180-4 §6.1.
#include "modules/hashes/hash_common.h"

using namespace krait::hashes;

namespace {

struct Sha1 {
  static constexpr size_t kMaxDigest = 20;
  uint32_t h[5] = {0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u, 0xC3D2E1F0u};
  BlockBuffer<64> b;

  void compress(const uint8_t* p) {
    uint32_t w[80];
    for (int i = 0; i < 16; i++) w[i] = load_be32(p + 4 * i);
    for (int i = 16; i < 80; i++) w[i] = rotl32(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    uint32_t a = h[0], bb = h[1], c = h[2], d = h[3], e = h[4];
    for (int i = 0; i < 80; i++) {
      uint32_t f, k;
      if (i < 20) {
        f = (bb & c) | (~bb & d);
        k = 0x5A827999u;
      } else if (i < 40) {
        f = bb ^ c ^ d;
        k = 0x6ED9EBA1u;
      } else if (i < 60) {
        f = (bb & c) | (bb & d) | (c & d);
        k = 0x8F1BBCDCu;
      } else {
        f = bb ^ c ^ d;
        k = 0xCA62C1D6u;
      }
      uint32_t t = rotl32(a, 5) + f + e + k + w[i];
      e = d;
      d = c;
      c = rotl32(bb, 30);
      bb = a;
      a = t;
    }
    h[0] += a;
    h[1] += bb;
    h[2] += c;
    h[3] += d;
    h[4] += e;
  }
  void update(const uint8_t* p, size_t n) {
    b.feed(p, n, [this](const uint8_t* blk) { compress(blk); });
  }
  void finish(uint8_t* out) {
    b.pad<8, true>([this](const uint8_t* blk) { compress(blk); });
    for (int i = 0; i < 5; i++) store_be32(out + 4 * i, h[i]);
  }
  size_t digest_size() const { return 20; }
  size_t block_size() const { return 64; }
  const char* name() const { return "sha1"; }
};

PyTypeObject sha1_type = make_hash_type<Sha1>("_sha1.sha1");

PyObject* sha1_new(PyObject*, PyObject* args, PyObject* kwargs) {
  return construct_simple<Sha1>(&sha1_type, Sha1{}, "sha1", args, kwargs);
}

PyMethodDef sha1_functions[] = {
    {"sha1", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(sha1_new)), METH_VARARGS | METH_KEYWORDS,
     "sha1($module, /, string=b'', *, usedforsecurity=True)\n--\n\n"
     "Return a new SHA1 hash object; optionally initialized with a string."},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef sha1_module = {PyModuleDef_HEAD_INIT, "_sha1", nullptr, -1, sha1_functions};

}  // namespace

extern "C" PyObject* PyInit__sha1(void) {
  if (PyType_Ready(&sha1_type) < 0) return nullptr;
  PyObject* m = PyModule_Create(&sha1_module);
  if (!m) return nullptr;
  Py_INCREF(&sha1_type);
  if (PyModule_AddObject(m, "SHA1Type", reinterpret_cast<PyObject*>(&sha1_type)) < 0) {
    Py_DECREF(&sha1_type);
    Py_DECREF(m);
    return nullptr;
  }
  return m;
}
