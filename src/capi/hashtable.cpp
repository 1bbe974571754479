// CPython's private C hash table (_Py_hashtable_*, internal/pycore_hashtable.h),
// used by extension binaries such as _hashlib (its OpenSSL digest cache).
//
// The table struct is not opaque: callers' inline `_Py_hashtable_get_entry`
// calls `ht->get_entry_func` directly, so Table below reproduces 3.11's layout
// (the internal header itself is not included: DESIGN.md §1). Buckets are
// singly linked chains; the table doubles when it is more than half full and
// halves when less than a tenth full, as CPython's does.
#include <Python.h>

#include <cstddef>

namespace {

struct Entry {
  Entry* next;
  Py_uhash_t key_hash;
  void* key;
  void* value;
};

struct Table;
using HashFunc = Py_uhash_t (*)(const void*);
using CompareFunc = int (*)(const void*, const void*);
using DestroyFunc = void (*)(void*);
using GetEntryFunc = Entry* (*)(Table*, const void*);
using ForeachFunc = int (*)(Table*, const void*, const void*, void*);

struct Allocator {
  void* (*malloc)(size_t);
  void (*free)(void*);
};

struct Table {
  size_t nentries;
  size_t nbuckets;
  Entry** buckets;  // each bucket is a list head (one pointer)
  GetEntryFunc get_entry_func;
  HashFunc hash_func;
  CompareFunc compare_func;
  DestroyFunc key_destroy_func;
  DestroyFunc value_destroy_func;
  Allocator alloc;
};
static_assert(sizeof(Table) == 80 && offsetof(Table, get_entry_func) == 24);
static_assert(sizeof(Entry) == 32);

constexpr size_t kMinBuckets = 16;

inline size_t bucket_of(const Table* ht, Py_uhash_t h) { return h & (ht->nbuckets - 1); }

Entry* get_entry(Table* ht, const void* key) {
  Py_uhash_t h = ht->hash_func(key);
  for (Entry* e = ht->buckets[bucket_of(ht, h)]; e != nullptr; e = e->next) {
    if (e->key_hash == h && ht->compare_func(key, e->key)) return e;
  }
  return nullptr;
}

size_t round_size(size_t s) {
  size_t n = kMinBuckets;
  while (n < s) n <<= 1;
  return n;
}

// Re-chains every entry into `nbuckets` buckets. -1 when out of memory (the
// table is unchanged).
int rehash(Table* ht, size_t nbuckets) {
  auto* buckets = static_cast<Entry**>(ht->alloc.malloc(nbuckets * sizeof(Entry*)));
  if (buckets == nullptr) return -1;
  for (size_t i = 0; i < nbuckets; i++) buckets[i] = nullptr;
  for (size_t i = 0; i < ht->nbuckets; i++) {
    Entry* e = ht->buckets[i];
    while (e != nullptr) {
      Entry* next = e->next;
      size_t b = e->key_hash & (nbuckets - 1);
      e->next = buckets[b];
      buckets[b] = e;
      e = next;
    }
  }
  ht->alloc.free(ht->buckets);
  ht->buckets = buckets;
  ht->nbuckets = nbuckets;
  return 0;
}

void free_entries(Table* ht) {
  for (size_t i = 0; i < ht->nbuckets; i++) {
    Entry* e = ht->buckets[i];
    while (e != nullptr) {
      Entry* next = e->next;
      if (ht->key_destroy_func) ht->key_destroy_func(e->key);
      if (ht->value_destroy_func) ht->value_destroy_func(e->value);
      ht->alloc.free(e);
      e = next;
    }
    ht->buckets[i] = nullptr;
  }
  ht->nentries = 0;
}

}  // namespace

// Some of these are declared only in CPython's internal headers, so nothing
// gives them default visibility but this.
#pragma GCC visibility push(default)
extern "C" {

Py_uhash_t _Py_hashtable_hash_ptr(const void* key) {
  // Rotate by 4 bits: the low bits of an aligned pointer carry no information.
  size_t y = reinterpret_cast<size_t>(key);
  return Py_uhash_t((y >> 4) | (y << (8 * sizeof(void*) - 4)));
}

int _Py_hashtable_compare_direct(const void* key1,
                                                                        const void* key2) {
  return key1 == key2;
}

Table* _Py_hashtable_new_full(
    HashFunc hash_func, CompareFunc compare_func, DestroyFunc key_destroy_func,
    DestroyFunc value_destroy_func, Allocator* allocator) {
  Allocator alloc = allocator ? *allocator : Allocator{PyMem_Malloc, PyMem_Free};
  auto* ht = static_cast<Table*>(alloc.malloc(sizeof(Table)));
  if (ht == nullptr) return nullptr;
  ht->nentries = 0;
  ht->nbuckets = kMinBuckets;
  ht->buckets = static_cast<Entry**>(alloc.malloc(kMinBuckets * sizeof(Entry*)));
  if (ht->buckets == nullptr) {
    alloc.free(ht);
    return nullptr;
  }
  for (size_t i = 0; i < kMinBuckets; i++) ht->buckets[i] = nullptr;
  ht->get_entry_func = get_entry;
  ht->hash_func = hash_func;
  ht->compare_func = compare_func;
  ht->key_destroy_func = key_destroy_func;
  ht->value_destroy_func = value_destroy_func;
  ht->alloc = alloc;
  return ht;
}

Table* _Py_hashtable_new(HashFunc hash_func,
                                                                 CompareFunc compare_func) {
  return _Py_hashtable_new_full(hash_func, compare_func, nullptr, nullptr, nullptr);
}

size_t _Py_hashtable_size(const Table* ht) {
  return sizeof(Table) + ht->nbuckets * sizeof(Entry*) + ht->nentries * sizeof(Entry);
}

// The key must not be in the table yet (as on CPython). 0, or -1 on memory error.
int _Py_hashtable_set(Table* ht, const void* key,
                                                             void* value) {
  Py_uhash_t h = ht->hash_func(key);
  auto* e = static_cast<Entry*>(ht->alloc.malloc(sizeof(Entry)));
  if (e == nullptr) return -1;
  e->key_hash = h;
  e->key = const_cast<void*>(key);
  e->value = value;
  size_t b = bucket_of(ht, h);
  e->next = ht->buckets[b];
  ht->buckets[b] = e;
  ht->nentries++;
  if (ht->nentries > ht->nbuckets / 2) {
    if (rehash(ht, round_size(ht->nentries * 4)) < 0) {
      // Undo: the caller sees a clean failure.
      ht->buckets[b] = e->next;
      ht->nentries--;
      ht->alloc.free(e);
      return -1;
    }
  }
  return 0;
}

void* _Py_hashtable_get(Table* ht, const void* key) {
  Entry* e = ht->get_entry_func(ht, key);
  return e ? e->value : nullptr;
}

// Removes key's entry and returns its value (destroy functions not called).
void* _Py_hashtable_steal(Table* ht, const void* key) {
  Py_uhash_t h = ht->hash_func(key);
  Entry** link = &ht->buckets[bucket_of(ht, h)];
  while (*link != nullptr) {
    Entry* e = *link;
    if (e->key_hash == h && ht->compare_func(key, e->key)) {
      *link = e->next;
      void* value = e->value;
      ht->alloc.free(e);
      ht->nentries--;
      if (ht->nbuckets > kMinBuckets && ht->nentries < ht->nbuckets / 10) {
        (void)rehash(ht, round_size(ht->nentries * 4));  // shrinking is optional
      }
      return value;
    }
    link = &e->next;
  }
  return nullptr;
}

int _Py_hashtable_foreach(Table* ht, ForeachFunc func,
                                                                 void* user_data) {
  for (size_t i = 0; i < ht->nbuckets; i++) {
    for (Entry* e = ht->buckets[i]; e != nullptr; e = e->next) {
      int r = func(ht, e->key, e->value, user_data);
      if (r != 0) return r;
    }
  }
  return 0;
}

void _Py_hashtable_clear(Table* ht) {
  free_entries(ht);
  (void)rehash(ht, kMinBuckets);
}

void _Py_hashtable_destroy(Table* ht) {
  free_entries(ht);
  ht->alloc.free(ht->buckets);
  ht->alloc.free(ht);
}

}  // extern "C"
#pragma GCC visibility pop
