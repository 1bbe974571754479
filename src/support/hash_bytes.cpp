// hash_bytes.cpp — _Py_HashBytes (SipHash-1-3) and the hash secret.
//
// CPython 3.11's default Py_HASH_ALGORITHM is SipHash-1-3 ("siphash13") with
// Py_HASH_CUTOFF 0, keyed by _Py_HashSecret.siphash.{k0,k1}. str and bytes hash
// their raw data through _Py_HashBytes, so matching CPython bit for bit here is
// what makes set/dict iteration order of strings identical under
// PYTHONHASHSEED=0 (the differential tests depend on it).
//
// Seeding follows CPython: PYTHONHASHSEED unset or "random" -> 24 random bytes;
// "0" -> all-zero secret (randomization off); an integer N in [1, 2**32-1] ->
// the secret bytes come from a linear-congruential generator seeded with N
// (x = x*214013 + 2531011 mod 2**32, byte = bits 16..23 of x).
#include <Python.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/random.h>
#include <unistd.h>

#include "support/hash_bytes.h"

extern "C" {
_Py_HashSecret_t _Py_HashSecret = {};
}

namespace {

inline uint64_t rotl(uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

// One SipRound on the four-word state.
inline void sip_round(uint64_t& v0, uint64_t& v1, uint64_t& v2, uint64_t& v3) {
  v0 += v1;
  v2 += v3;
  v1 = rotl(v1, 13) ^ v0;
  v3 = rotl(v3, 16) ^ v2;
  v0 = rotl(v0, 32);
  v2 += v1;
  v0 += v3;
  v1 = rotl(v1, 17) ^ v2;
  v3 = rotl(v3, 21) ^ v0;
  v2 = rotl(v2, 32);
}

// SipHash-1-3: one compression round per 8-byte word, three finalization
// rounds. The 64-bit result is (v0^v1)^(v2^v3). x86-64 is little-endian, so
// words are read with memcpy as they lie in memory.
uint64_t siphash13(uint64_t k0, uint64_t k1, const unsigned char* in, size_t n) {
  uint64_t v0 = k0 ^ 0x736f6d6570736575ULL;
  uint64_t v1 = k1 ^ 0x646f72616e646f6dULL;
  uint64_t v2 = k0 ^ 0x6c7967656e657261ULL;
  uint64_t v3 = k1 ^ 0x7465646279746573ULL;
  uint64_t b = static_cast<uint64_t>(n) << 56;
  while (n >= 8) {
    uint64_t m;
    std::memcpy(&m, in, 8);
    in += 8;
    n -= 8;
    v3 ^= m;
    sip_round(v0, v1, v2, v3);
    v0 ^= m;
  }
  uint64_t tail = 0;
  std::memcpy(&tail, in, n);  // remaining 0..7 bytes, little-endian
  b |= tail;
  v3 ^= b;
  sip_round(v0, v1, v2, v3);
  v0 ^= b;
  v2 ^= 0xff;
  sip_round(v0, v1, v2, v3);
  sip_round(v0, v1, v2, v3);
  sip_round(v0, v1, v2, v3);
  return (v0 ^ v1) ^ (v2 ^ v3);
}

Py_hash_t pysiphash13(const void* src, Py_ssize_t len) {
  return static_cast<Py_hash_t>(siphash13(_Py_HashSecret.siphash.k0, _Py_HashSecret.siphash.k1,
                                          static_cast<const unsigned char*>(src),
                                          static_cast<size_t>(len)));
}

PyHash_FuncDef g_hash_func = {pysiphash13, "siphash13", 64, 128};

void fill_random(unsigned char* buf, size_t n) {
  while (n > 0) {
    ssize_t got = getrandom(buf, n, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      break;
    }
    buf += got;
    n -= static_cast<size_t>(got);
  }
  if (n == 0) return;
  int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    while (n > 0) {
      ssize_t got = read(fd, buf, n);
      if (got <= 0) break;
      buf += got;
      n -= static_cast<size_t>(got);
    }
    close(fd);
  }
}

// Runs before any Python object exists: str hashes must never change once
// computed, so the secret is settled at library load.
__attribute__((constructor)) void init_hash_secret_at_load() {
  krait::hash_secret_init(std::getenv("PYTHONHASHSEED"));
}

}  // namespace

namespace krait {

// CPython's _Py_KeyedHash (used by _imp.source_hash): SipHash-1-3 keyed (key, 0).
uint64_t siphash13_keyed(uint64_t key, const unsigned char* data, size_t n) {
  return siphash13(key, 0, data, n);
}

bool hash_secret_init(const char* seed_text) {
  unsigned char* secret = _Py_HashSecret.uc;
  const size_t size = sizeof(_Py_HashSecret);
  if (seed_text == nullptr || seed_text[0] == '\0' || std::strcmp(seed_text, "random") == 0) {
    fill_random(secret, size);
    return true;
  }
  unsigned long long seed = 0;
  if (!parse_hash_seed(seed_text, &seed)) return false;
  if (seed == 0) {
    std::memset(secret, 0, size);
    return true;
  }
  uint32_t x = static_cast<uint32_t>(seed);
  for (size_t i = 0; i < size; ++i) {
    x = x * 214013u + 2531011u;
    secret[i] = static_cast<unsigned char>((x >> 16) & 0xff);
  }
  return true;
}

bool parse_hash_seed(const char* text, unsigned long long* out) {
  // CPython accepts what strtoul accepts (decimal) for the whole string, within
  // [0, 4294967295]; anything else is a fatal configuration error.
  if (text == nullptr || *text == '\0') return false;
  errno = 0;
  char* end = nullptr;
  unsigned long long v = std::strtoull(text, &end, 10);
  if (*end != '\0' || errno == ERANGE || v > 4294967295ULL || text[0] == '-') return false;
  *out = v;
  return true;
}

}  // namespace krait

extern "C" {

PyAPI_FUNC(Py_hash_t) _Py_HashBytes(const void* src, Py_ssize_t len) {
  if (len == 0) return 0;
  Py_hash_t x = pysiphash13(src, len);
  return x == -1 ? -2 : x;
}

PyAPI_FUNC(PyHash_FuncDef*) PyHash_GetFuncDef(void) { return &g_hash_func; }

}  // extern "C"
