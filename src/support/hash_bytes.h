// hash_bytes.h — Krait-internal entry points of src/support/hash_bytes.cpp.
// _Py_HashBytes and _Py_HashSecret themselves are declared by <pyhash.h>.
#pragma once
#include <cstddef>
#include <cstdint>

namespace krait {

// (Re)keys _Py_HashSecret from a PYTHONHASHSEED value: NULL/""/"random" picks
// random bytes, "0" disables randomization, an integer in [1, 2**32-1] seeds
// CPython's LCG. Returns false (secret unchanged) for an invalid value; the
// caller reports 'PYTHONHASHSEED must be "random" or an integer in range
// [0; 4294967295]' as CPython does. Runs automatically at library load; the
// start-up code calls it again only for -E / -I (pass nullptr) before any
// string is hashed.
bool hash_secret_init(const char* seed_text);

// Parses a PYTHONHASHSEED integer; false if not in [0, 4294967295].
bool parse_hash_seed(const char* text, unsigned long long* out);
// CPython's _Py_KeyedHash: SipHash-1-3 keyed (key, 0), for _imp.source_hash.
uint64_t siphash13_keyed(uint64_t key, const unsigned char* data, size_t n);

}  // namespace krait
