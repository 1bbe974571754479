// md5_module.cpp — the `_md5` module: MD5 as specified by RFC 1321.
#include "modules/hashes/hash_common.h"

using namespace krait::hashes;

namespace {

struct Md5 {
  static constexpr size_t kMaxDigest = 16;
  uint32_t h[4] = {0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u};
  BlockBuffer<64> b;

  // Per-round shift amounts and the sine-derived constants T[i] = floor(2^32 |sin(i+1)|).
  static constexpr int kShift[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                                     5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
                                     4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                                     6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};
  static constexpr uint32_t kT[64] = {
      0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
      0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
      0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
      0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
      0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
      0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
      0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
      0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391};

  void compress(const uint8_t* p) {
    uint32_t x[16];
    for (int i = 0; i < 16; i++) x[i] = load_le32(p + 4 * i);
    uint32_t a = h[0], bb = h[1], c = h[2], d = h[3];
    for (int i = 0; i < 64; i++) {
      uint32_t f;
      int g;
      if (i < 16) {
        f = (bb & c) | (~bb & d);
        g = i;
      } else if (i < 32) {
        f = (d & bb) | (~d & c);
        g = (5 * i + 1) & 15;
      } else if (i < 48) {
        f = bb ^ c ^ d;
        g = (3 * i + 5) & 15;
      } else {
        f = c ^ (bb | ~d);
        g = (7 * i) & 15;
      }
      uint32_t t = d;
      d = c;
      c = bb;
      bb = bb + rotl32(a + f + kT[i] + x[g], kShift[i]);
      a = t;
    }
    h[0] += a;
    h[1] += bb;
    h[2] += c;
    h[3] += d;
  }
  void update(const uint8_t* p, size_t n) {
    b.feed(p, n, [this](const uint8_t* blk) { compress(blk); });
  }
  void finish(uint8_t* out) {
    b.pad<8, false>([this](const uint8_t* blk) { compress(blk); });
    for (int i = 0; i < 4; i++) store_le32(out + 4 * i, h[i]);
  }
  size_t digest_size() const { return 16; }
  size_t block_size() const { return 64; }
  const char* name() const { return "md5"; }
};

PyTypeObject md5_type = make_hash_type<Md5>("_md5.md5");

PyObject* md5_new(PyObject*, PyObject* args, PyObject* kwargs) {
  return construct_simple<Md5>(&md5_type, Md5{}, "md5", args, kwargs);
}

PyMethodDef md5_functions[] = {
    {"md5", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(md5_new)), METH_VARARGS | METH_KEYWORDS,
     "md5($module, /, string=b'', *, usedforsecurity=True)\n--\n\n"
     "Return a new MD5 hash object; optionally initialized with a string."},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef md5_module = {PyModuleDef_HEAD_INIT, "_md5", nullptr, -1, md5_functions};

}  // namespace

extern "C" PyObject* PyInit__md5(void) {
  if (PyType_Ready(&md5_type) < 0) return nullptr;
  PyObject* m = PyModule_Create(&md5_module);
  if (!m) return nullptr;
  Py_INCREF(&md5_type);
  if (PyModule_AddObject(m, "MD5Type", reinterpret_cast<PyObject*>(&md5_type)) < 0) {
    Py_DECREF(&md5_type);
    Py_DECREF(m);
    return nullptr;
  }
  return m;
}
