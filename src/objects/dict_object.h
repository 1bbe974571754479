// dict internals shared by dict_object.cpp (hash table + C API),
// dict_methods.cpp (the type, its methods and operators) and dict_views.cpp
// (views and iterators), and fast paths for the interpreter.
//
// Layout (see docs/internals/objects-containers.md): PyDictObject is the
// header's struct; only ma_used and ma_version_tag are public. ma_keys points
// to one block holding a small header, the hash index (int8/16/32/64 per
// slot, chosen by table size) and the entries array in insertion order.
// ma_values is always NULL (no split tables: attribute storage of instances
// is done by hidden classes, DESIGN.md §6).
#pragma once
#include <Python.h>
#include <cstdint>

// The keys block. The header names the struct; its contents are ours.
struct _dictkeysobject {
  uint8_t dk_log2_size;         // index slots = 1 << dk_log2_size
  uint8_t dk_log2_index_bytes;  // bytes of the index array, log2
  uint8_t dk_all_str;           // every key ever inserted is an exact str
  uint8_t dk_static;            // the shared immutable empty block
  uint64_t dk_hash_bloom;       // bloom filter of the hashes ever inserted (dk_bloom_bits)
  Py_ssize_t dk_usable;         // entries still free for insertion
  Py_ssize_t dk_nentries;       // entries used (including deleted holes)
  alignas(8) char dk_indices[];  // index array, then the entries
};

namespace krait {

struct DictEntry {
  Py_hash_t hash;
  PyObject* key;
  PyObject* value;  // NULL for a deleted entry
};

// Two bits of a 64-bit bloom filter per hash. Every entry ever inserted into a
// keys block has its bits set (deletions leave them), so a hash whose bits are
// not all set is certainly absent: the interpreter rules out an instance dict
// shadowing a method without probing the table. Equal keys have equal hashes,
// so this is exactly a lookup miss, for any key type.
inline uint64_t dk_bloom_bits(Py_hash_t hash) {
  return (uint64_t(1) << (uint64_t(hash) & 63)) | (uint64_t(1) << ((uint64_t(hash) >> 6) & 63));
}
inline bool dk_may_contain(const PyDictKeysObject* dk, Py_hash_t hash) {
  uint64_t bits = dk_bloom_bits(hash);
  return (dk->dk_hash_bloom & bits) == bits;
}

constexpr Py_ssize_t kDkixEmpty = -1;
constexpr Py_ssize_t kDkixDummy = -2;
constexpr Py_ssize_t kDkixError = -3;

inline Py_ssize_t dk_size(const PyDictKeysObject* dk) { return Py_ssize_t(1) << dk->dk_log2_size; }
inline DictEntry* dk_entries(PyDictKeysObject* dk) {
  return reinterpret_cast<DictEntry*>(dk->dk_indices + (size_t(1) << dk->dk_log2_index_bytes));
}

// Entry index of `key` (or kDkixEmpty / kDkixError); *value gets the value
// (borrowed) or NULL.
Py_ssize_t dict_lookup(PyDictObject* mp, PyObject* key, Py_hash_t hash, PyObject** value);
// Inserts or replaces; takes new references itself (caller keeps its own).
int dict_setitem(PyDictObject* mp, PyObject* key, Py_hash_t hash, PyObject* value);
// Deletes a present key; KeyError if missing.
int dict_delitem(PyDictObject* mp, PyObject* key, Py_hash_t hash);
// dict.update / |= semantics for one positional argument.
int dict_update_arg(PyObject* self, PyObject* arg);
// override: 0 keep existing, 1 replace, 2 raise KeyError on duplicates.
int dict_merge(PyObject* a, PyObject* b, int override);
// Pops `key` (hash known); returns new ref, or deflt (new ref), or NULL.
PyObject* dict_pop(PyDictObject* mp, PyObject* key, Py_hash_t hash, PyObject* deflt);
// The dict's __missing__-aware subscript (dict[key]).
PyObject* dict_subscript(PyObject* self, PyObject* key);
int dict_contains(PyObject* self, PyObject* key);
// Type of views' __contains__ helpers.
int dictkeys_contains(PyObject* self, PyObject* obj);
int dictitems_contains(PyObject* self, PyObject* obj);
PyObject* dict_iter_new(PyDictObject* dict, PyTypeObject* itertype);

}  // namespace krait
