// dict: the hash table (compact, insertion-ordered, open addressing with
// CPython's perturbation probe sequence) and the dict C API.
//
// The type object, methods and operators are in dict_methods.cpp; views and
// iterators in dict_views.cpp. Layout decisions: dict_object.h.
//
// Invariants worth knowing:
//   * entries [0, dk_nentries) are in insertion order; deleted ones have
//     value == NULL (and key == NULL) and stay as holes until a resize;
//   * every mutation gives ma_version_tag a fresh global value;
//   * lookups that run Python __eq__ re-check that the table did not change
//     under them and restart if it did (a comparison may mutate the dict).
#include "objects/dict_object.h"

#include <cstddef>
#include <cstring>

#include "gc/gc_inline.h"
#include "objects/container_util.h"

namespace krait {

uint64_t g_dict_version = 0;

namespace {

constexpr int kPerturbShift = 5;
constexpr uint8_t kMinLog2Size = 3;  // 8 slots
constexpr uint8_t kMaxPresizeLog2 = 17;

inline Py_ssize_t usable_fraction(Py_ssize_t n) { return (n << 1) / 3; }

// The shared empty table every new dict starts with: no allocation until the
// first insertion. It has no usable entries, so inserting always resizes.
// (Mirrors PyDictKeysObject's layout with a fixed 8-slot int8 index.)
struct StaticEmptyKeys {
  uint8_t log2_size, log2_index_bytes, all_str, is_static;
  uint64_t hash_bloom;
  Py_ssize_t usable, nentries;
  int8_t indices[8];
};
static_assert(offsetof(StaticEmptyKeys, indices) == offsetof(PyDictKeysObject, dk_indices));
StaticEmptyKeys g_empty_keys = {kMinLog2Size, kMinLog2Size, 1, 1, 0, 0, 0, {-1, -1, -1, -1, -1, -1, -1, -1}};
inline PyDictKeysObject* empty_keys() { return reinterpret_cast<PyDictKeysObject*>(&g_empty_keys); }

constexpr int kKeysFreeListMax = 80;
PyDictKeysObject* g_keys_free_list[kKeysFreeListMax];
int g_keys_num_free = 0;

constexpr int kDictFreeListMax = 80;
PyDictObject* g_dict_free_list[kDictFreeListMax];
int g_dict_num_free = 0;

inline Py_ssize_t get_index(const PyDictKeysObject* dk, size_t i) {
  uint8_t log2 = dk->dk_log2_size;
  if (log2 < 8) return reinterpret_cast<const int8_t*>(dk->dk_indices)[i];
  if (log2 < 16) return reinterpret_cast<const int16_t*>(dk->dk_indices)[i];
  if (log2 < 32) return reinterpret_cast<const int32_t*>(dk->dk_indices)[i];
  return reinterpret_cast<const int64_t*>(dk->dk_indices)[i];
}

inline void set_index(PyDictKeysObject* dk, size_t i, Py_ssize_t ix) {
  uint8_t log2 = dk->dk_log2_size;
  if (log2 < 8) reinterpret_cast<int8_t*>(dk->dk_indices)[i] = int8_t(ix);
  else if (log2 < 16) reinterpret_cast<int16_t*>(dk->dk_indices)[i] = int16_t(ix);
  else if (log2 < 32) reinterpret_cast<int32_t*>(dk->dk_indices)[i] = int32_t(ix);
  else reinterpret_cast<int64_t*>(dk->dk_indices)[i] = int64_t(ix);
}

inline uint8_t index_width_log2(uint8_t log2_size) {
  return log2_size < 8 ? 0 : log2_size < 16 ? 1 : log2_size < 32 ? 2 : 3;
}

PyDictKeysObject* new_keys_object(uint8_t log2_size, bool all_str) {
  uint8_t log2_bytes = uint8_t(log2_size + index_width_log2(log2_size));
  Py_ssize_t usable = usable_fraction(Py_ssize_t(1) << log2_size);
  PyDictKeysObject* dk;
  if (log2_size == kMinLog2Size && g_keys_num_free > 0) {
    dk = g_keys_free_list[--g_keys_num_free];
  } else {
    size_t bytes = sizeof(PyDictKeysObject) + (size_t(1) << log2_bytes) + sizeof(DictEntry) * size_t(usable);
    dk = static_cast<PyDictKeysObject*>(PyObject_Malloc(bytes));
    if (dk == nullptr) {
      PyErr_NoMemory();
      return nullptr;
    }
  }
  dk->dk_log2_size = log2_size;
  dk->dk_log2_index_bytes = log2_bytes;
  dk->dk_all_str = all_str;
  dk->dk_static = 0;
  dk->dk_hash_bloom = 0;
  dk->dk_usable = usable;
  dk->dk_nentries = 0;
  std::memset(dk->dk_indices, 0xff, size_t(1) << log2_bytes);
  std::memset(dk_entries(dk), 0, sizeof(DictEntry) * size_t(usable));
  return dk;
}

void free_keys_object(PyDictKeysObject* dk) {
  if (dk->dk_static) return;
  if (dk->dk_log2_size == kMinLog2Size && g_keys_num_free < kKeysFreeListMax) {
    g_keys_free_list[g_keys_num_free++] = dk;
    return;
  }
  PyObject_Free(dk);
}

// Drops the references held by a keys block, then frees it.
void release_keys(PyDictKeysObject* dk) {
  if (dk->dk_static) return;
  DictEntry* ep = dk_entries(dk);
  for (Py_ssize_t i = 0, n = dk->dk_nentries; i < n; i++) {
    Py_XDECREF(ep[i].key);
    Py_XDECREF(ep[i].value);
  }
  free_keys_object(dk);
}

uint8_t calculate_log2_keysize(Py_ssize_t minsize) {
  uint8_t log2 = kMinLog2Size;
  while ((Py_ssize_t(1) << log2) < minsize) log2++;
  return log2;
}

// Smallest table whose usable fraction holds n entries.
uint8_t estimate_log2_keysize(Py_ssize_t n) { return calculate_log2_keysize((n * 3 + 1) / 2); }

// First index slot for `hash` that holds no live entry (for insertion into
// a table known not to contain the key).
size_t find_empty_slot(PyDictKeysObject* dk, Py_hash_t hash) {
  size_t mask = size_t(dk_size(dk)) - 1;
  size_t i = size_t(hash) & mask;
  Py_ssize_t ix = get_index(dk, i);
  for (size_t perturb = size_t(hash); ix >= 0;) {
    perturb >>= kPerturbShift;
    i = (i * 5 + perturb + 1) & mask;
    ix = get_index(dk, i);
  }
  return i;
}

// Rebuilds the table with 1 << log2_newsize slots, compacting out holes.
int dict_resize(PyDictObject* mp, uint8_t log2_newsize) {
  PyDictKeysObject* oldkeys = mp->ma_keys;
  PyDictKeysObject* newkeys = new_keys_object(log2_newsize, oldkeys->dk_all_str);
  if (newkeys == nullptr) return -1;
  Py_ssize_t numentries = mp->ma_used;
  DictEntry* oldentries = dk_entries(oldkeys);
  DictEntry* newentries = dk_entries(newkeys);
  if (oldkeys->dk_nentries == numentries) {
    std::memcpy(newentries, oldentries, size_t(numentries) * sizeof(DictEntry));
  } else {
    DictEntry* ep = oldentries;
    for (Py_ssize_t i = 0; i < numentries; i++) {
      while (ep->value == nullptr) ep++;
      newentries[i] = *ep++;
    }
  }
  uint64_t bloom = 0;
  for (Py_ssize_t i = 0; i < numentries; i++) {
    set_index(newkeys, find_empty_slot(newkeys, newentries[i].hash), i);
    bloom |= dk_bloom_bits(newentries[i].hash);
  }
  newkeys->dk_hash_bloom = bloom;
  newkeys->dk_usable -= numentries;
  newkeys->dk_nentries = numentries;
  mp->ma_keys = newkeys;
  // The references moved to the new block: free the old one without decrefs.
  free_keys_object(oldkeys);
  return 0;
}

int insertion_resize(PyDictObject* mp) {
  return dict_resize(mp, calculate_log2_keysize(mp->ma_used * 3));
}

// CPython's _PyObject_GC_MAY_BE_TRACKED: could `obj` be part of a cycle?
inline bool may_be_tracked(PyObject* obj) {
  if (!PyObject_IS_GC(obj)) return false;
  if (PyTuple_CheckExact(obj)) return PyObject_GC_IsTracked(obj);
  return true;
}

// Dicts holding only atomic keys and values stay untracked by the GC (as in
// CPython; gc.is_tracked() shows it), and get tracked on the first insertion
// of something that may form a cycle.
inline void maintain_tracking(PyDictObject* mp, PyObject* key, PyObject* value) {
  if (!PyObject_GC_IsTracked(reinterpret_cast<PyObject*>(mp)) &&
      (may_be_tracked(key) || may_be_tracked(value)))
    krait::gc::track(mp);
}

// Inserts a key known to be absent into a table with a free entry; takes
// over the references.
inline void insert_new(PyDictObject* mp, PyObject* key, Py_hash_t hash, PyObject* value) {
  PyDictKeysObject* dk = mp->ma_keys;
  size_t slot = find_empty_slot(dk, hash);
  Py_ssize_t ix = dk->dk_nentries;
  DictEntry* ep = &dk_entries(dk)[ix];
  set_index(dk, slot, ix);
  ep->hash = hash;
  ep->key = key;
  ep->value = value;
  dk->dk_hash_bloom |= dk_bloom_bits(hash);
  dk->dk_usable--;
  dk->dk_nentries++;
  mp->ma_used++;
  mp->ma_version_tag = next_dict_version();
}

// Index slot holding entry `ix` (for deletion).
size_t lookdict_index(PyDictKeysObject* dk, Py_hash_t hash, Py_ssize_t index) {
  size_t mask = size_t(dk_size(dk)) - 1;
  size_t perturb = size_t(hash);
  size_t i = size_t(hash) & mask;
  for (;;) {
    Py_ssize_t ix = get_index(dk, i);
    if (ix == index) return i;
    perturb >>= kPerturbShift;
    i = (i * 5 + perturb + 1) & mask;
  }
}

void delitem_at(PyDictObject* mp, Py_hash_t hash, Py_ssize_t ix) {
  PyDictKeysObject* dk = mp->ma_keys;
  size_t slot = lookdict_index(dk, hash, ix);
  set_index(dk, slot, kDkixDummy);
  DictEntry* ep = &dk_entries(dk)[ix];
  PyObject* old_key = ep->key;
  PyObject* old_value = ep->value;
  ep->key = nullptr;
  ep->value = nullptr;
  mp->ma_used--;
  mp->ma_version_tag = next_dict_version();
  Py_DECREF(old_key);
  Py_DECREF(old_value);
}

}  // namespace

// -- Lookup ------------------------------------------------------------------

Py_ssize_t dict_lookup(PyDictObject* mp, PyObject* key, Py_hash_t hash, PyObject** value) {
restart:
  PyDictKeysObject* dk = mp->ma_keys;
  size_t mask = size_t(dk_size(dk)) - 1;
  size_t i = size_t(hash) & mask;
  size_t perturb = size_t(hash);
  DictEntry* entries = dk_entries(dk);
  // A str key in an all-str table: equality never runs Python code.
  if (dk->dk_all_str && PyUnicode_CheckExact(key)) {
    for (;;) {
      Py_ssize_t ix = get_index(dk, i);
      if (ix == kDkixEmpty) {
        *value = nullptr;
        return kDkixEmpty;
      }
      if (ix >= 0) {
        DictEntry* ep = &entries[ix];
        if (ep->key == key || (ep->hash == hash && unicode_eq(ep->key, key))) {
          *value = ep->value;
          return ix;
        }
      }
      perturb >>= kPerturbShift;
      i = (i * 5 + perturb + 1) & mask;
    }
  }
  for (;;) {
    Py_ssize_t ix = get_index(dk, i);
    if (ix == kDkixEmpty) {
      *value = nullptr;
      return kDkixEmpty;
    }
    if (ix >= 0) {
      DictEntry* ep = &entries[ix];
      PyObject* startkey = ep->key;
      if (startkey == key) {
        *value = ep->value;
        return ix;
      }
      if (ep->hash == hash) {
        if (PyUnicode_CheckExact(startkey) && PyUnicode_CheckExact(key)) {
          if (unicode_eq(startkey, key)) {
            *value = ep->value;
            return ix;
          }
        } else {
          Py_INCREF(startkey);
          int cmp = PyObject_RichCompareBool(startkey, key, Py_EQ);
          Py_DECREF(startkey);
          if (cmp < 0) {
            *value = nullptr;
            return kDkixError;
          }
          if (dk != mp->ma_keys || entries[ix].key != startkey) goto restart;
          if (cmp > 0) {
            *value = entries[ix].value;
            return ix;
          }
        }
      }
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + perturb + 1) & mask;
  }
}

// -- Insertion and deletion -------------------------------------------------------

int dict_setitem(PyDictObject* mp, PyObject* key, Py_hash_t hash, PyObject* value) {
  Py_INCREF(key);
  Py_INCREF(value);
  maintain_tracking(mp, key, value);
  PyObject* old_value;
  Py_ssize_t ix = dict_lookup(mp, key, hash, &old_value);
  if (ix == kDkixError) goto fail;
  if (ix == kDkixEmpty) {
    if (mp->ma_keys->dk_usable <= 0 && insertion_resize(mp) < 0) goto fail;
    if (!PyUnicode_CheckExact(key)) mp->ma_keys->dk_all_str = 0;
    insert_new(mp, key, hash, value);
    return 0;
  }
  if (old_value != value) {
    dk_entries(mp->ma_keys)[ix].value = value;
    mp->ma_version_tag = next_dict_version();
    Py_XDECREF(old_value);
  } else {
    Py_DECREF(value);
  }
  Py_DECREF(key);
  return 0;
fail:
  Py_DECREF(value);
  Py_DECREF(key);
  return -1;
}

int dict_delitem(PyDictObject* mp, PyObject* key, Py_hash_t hash) {
  PyObject* old_value;
  Py_ssize_t ix = dict_lookup(mp, key, hash, &old_value);
  if (ix == kDkixError) return -1;
  if (ix == kDkixEmpty || old_value == nullptr) {
    _PyErr_SetKeyError(key);
    return -1;
  }
  delitem_at(mp, hash, ix);
  return 0;
}

PyObject* dict_pop(PyDictObject* mp, PyObject* key, Py_hash_t hash, PyObject* deflt) {
  PyObject* old_value;
  Py_ssize_t ix = dict_lookup(mp, key, hash, &old_value);
  if (ix == kDkixError) return nullptr;
  if (ix == kDkixEmpty || old_value == nullptr) {
    if (deflt) return Py_NewRef(deflt);
    _PyErr_SetKeyError(key);
    return nullptr;
  }
  Py_INCREF(old_value);
  delitem_at(mp, hash, ix);
  return old_value;
}

// -- Merging ----------------------------------------------------------------------

namespace {

// a is empty and b is a hole-free exact dict: copy b's block wholesale.
int clone_into_empty(PyDictObject* a, PyDictObject* b) {
  PyDictKeysObject* okeys = b->ma_keys;
  size_t bytes = sizeof(PyDictKeysObject) + (size_t(1) << okeys->dk_log2_index_bytes) +
                 sizeof(DictEntry) * size_t(usable_fraction(dk_size(okeys)));
  PyDictKeysObject* keys = static_cast<PyDictKeysObject*>(PyObject_Malloc(bytes));
  if (keys == nullptr) {
    PyErr_NoMemory();
    return -1;
  }
  std::memcpy(keys, okeys, bytes);
  DictEntry* ep = dk_entries(keys);
  for (Py_ssize_t i = 0, n = keys->dk_nentries; i < n; i++) {
    if (ep[i].value != nullptr) {
      Py_INCREF(ep[i].key);
      Py_INCREF(ep[i].value);
    }
  }
  PyDictKeysObject* old = a->ma_keys;
  a->ma_keys = keys;
  a->ma_used = b->ma_used;
  a->ma_version_tag = next_dict_version();
  release_keys(old);
  if (PyObject_GC_IsTracked(reinterpret_cast<PyObject*>(b)) &&
      !PyObject_GC_IsTracked(reinterpret_cast<PyObject*>(a)))
    krait::gc::track(a);
  return 0;
}

PyObject* keys_str() {
  static PyObject* s = nullptr;
  if (s == nullptr) s = PyUnicode_InternFromString("keys");
  return s;
}

}  // namespace

int dict_merge(PyObject* a, PyObject* b, int override) {
  if (a == nullptr || !PyDict_Check(a) || b == nullptr) {
    PyErr_BadInternalCall();
    return -1;
  }
  PyDictObject* mp = reinterpret_cast<PyDictObject*>(a);
  if (PyDict_Check(b) && Py_TYPE(b)->tp_iter == PyDict_Type.tp_iter) {
    PyDictObject* other = reinterpret_cast<PyDictObject*>(b);
    if (other == mp || other->ma_used == 0) return 0;
    if (mp->ma_used == 0 && override == 1 && other->ma_used == other->ma_keys->dk_nentries &&
        !other->ma_keys->dk_static)
      return clone_into_empty(mp, other);
    // Make room once rather than resizing repeatedly.
    if (usable_fraction(dk_size(mp->ma_keys)) < other->ma_used + mp->ma_used) {
      if (dict_resize(mp, estimate_log2_keysize(mp->ma_used + other->ma_used)) < 0) return -1;
    }
    Py_ssize_t orig_size = other->ma_used;
    Py_ssize_t n = other->ma_keys->dk_nentries;
    for (Py_ssize_t i = 0; i < n; i++) {
      DictEntry* entry = &dk_entries(other->ma_keys)[i];
      PyObject* value = entry->value;
      if (value == nullptr) continue;
      PyObject* key = Py_NewRef(entry->key);
      Py_hash_t hash = entry->hash;
      Py_INCREF(value);
      int err = 0;
      if (override == 1) {
        err = dict_setitem(mp, key, hash, value);
      } else {
        PyObject* existing;
        Py_ssize_t ix = dict_lookup(mp, key, hash, &existing);
        if (ix == kDkixError) {
          err = -1;
        } else if (existing == nullptr) {
          err = dict_setitem(mp, key, hash, value);
        } else if (override != 0) {
          _PyErr_SetKeyError(key);
          err = -1;
        }
      }
      Py_DECREF(value);
      Py_DECREF(key);
      if (err != 0) return -1;
      if (n != other->ma_keys->dk_nentries || orig_size != other->ma_used) {
        PyErr_SetString(PyExc_RuntimeError, "dict mutated during update");
        return -1;
      }
    }
    return 0;
  }
  // A generic mapping: keys() then b[key].
  PyObject* keys = PyMapping_Keys(b);
  if (keys == nullptr) return -1;
  PyObject* iter = PyObject_GetIter(keys);
  Py_DECREF(keys);
  if (iter == nullptr) return -1;
  PyObject* key;
  while ((key = PyIter_Next(iter)) != nullptr) {
    if (override != 1) {
      int status = PyDict_Contains(a, key);
      if (status != 0) {
        if (status > 0) {
          if (override == 0) {
            Py_DECREF(key);
            continue;
          }
          _PyErr_SetKeyError(key);
        }
        Py_DECREF(key);
        Py_DECREF(iter);
        return -1;
      }
    }
    PyObject* value = PyObject_GetItem(b, key);
    if (value == nullptr) {
      Py_DECREF(iter);
      Py_DECREF(key);
      return -1;
    }
    int status = PyDict_SetItem(a, key, value);
    Py_DECREF(key);
    Py_DECREF(value);
    if (status < 0) {
      Py_DECREF(iter);
      return -1;
    }
  }
  Py_DECREF(iter);
  return PyErr_Occurred() ? -1 : 0;
}

int dict_update_arg(PyObject* self, PyObject* arg) {
  if (PyDict_CheckExact(arg)) return PyDict_Merge(self, arg, 1);
  PyObject* func;
  if (_PyObject_LookupAttr(arg, keys_str(), &func) < 0) return -1;
  if (func != nullptr) {
    Py_DECREF(func);
    return PyDict_Merge(self, arg, 1);
  }
  return PyDict_MergeFromSeq2(self, arg, 1);
}

int dict_contains(PyObject* self, PyObject* key) {
  Py_hash_t hash = hash_of(key);
  if (hash == -1) return -1;
  PyObject* value;
  Py_ssize_t ix = dict_lookup(reinterpret_cast<PyDictObject*>(self), key, hash, &value);
  if (ix == kDkixError) return -1;
  return ix != kDkixEmpty && value != nullptr;
}

// Called by dict_methods.cpp for construction.
PyObject* dict_new_presized(Py_ssize_t minused);
void dict_init_empty(PyDictObject* mp) {
  mp->ma_keys = empty_keys();
  mp->ma_values = nullptr;
  mp->ma_used = 0;
  mp->ma_version_tag = next_dict_version();
}
// Frees the table contents (for dealloc / tp_clear): the dict is left empty.
void dict_release_table(PyDictObject* mp) {
  PyDictKeysObject* keys = mp->ma_keys;
  mp->ma_keys = empty_keys();
  mp->ma_used = 0;
  mp->ma_version_tag = next_dict_version();
  release_keys(keys);
}
// Pops the last item (LIFO) into *key/*value (new refs); -1 if empty.
int dict_popitem_last(PyDictObject* mp, PyObject** key, PyObject** value) {
  if (mp->ma_used == 0) return -1;
  PyDictKeysObject* dk = mp->ma_keys;
  DictEntry* ep0 = dk_entries(dk);
  Py_ssize_t i = dk->dk_nentries - 1;
  while (i >= 0 && ep0[i].value == nullptr) i--;
  DictEntry* ep = &ep0[i];
  size_t slot = lookdict_index(dk, ep->hash, i);
  set_index(dk, slot, kDkixDummy);
  *key = ep->key;
  *value = ep->value;
  ep->key = nullptr;
  ep->value = nullptr;
  // The hole at the end is reused by the next insertion.
  dk->dk_nentries = i;
  mp->ma_used--;
  mp->ma_version_tag = next_dict_version();
  return 0;
}
// Grows the table ahead of inserting `extra` more keys.
int dict_reserve(PyDictObject* mp, Py_ssize_t extra) {
  if (usable_fraction(dk_size(mp->ma_keys)) < mp->ma_used + extra || mp->ma_keys->dk_static)
    return dict_resize(mp, estimate_log2_keysize(mp->ma_used + extra));
  return 0;
}
// Size of the table block in bytes (for __sizeof__).
Py_ssize_t dict_keys_sizeof(PyDictObject* mp) {
  PyDictKeysObject* dk = mp->ma_keys;
  if (dk->dk_static) return 0;
  return Py_ssize_t(sizeof(PyDictKeysObject) + (size_t(1) << dk->dk_log2_index_bytes) +
                    sizeof(DictEntry) * size_t(usable_fraction(dk_size(dk))));
}
bool dict_has_only_str_keys(PyDictObject* mp) {
  if (mp->ma_keys->dk_all_str) return true;
  DictEntry* ep = dk_entries(mp->ma_keys);
  for (Py_ssize_t i = 0; i < mp->ma_keys->dk_nentries; i++)
    if (ep[i].value != nullptr && !PyUnicode_Check(ep[i].key)) return false;
  return true;
}
PyDictObject* dict_alloc_from_free_list() {
  if (g_dict_num_free > 0) {
    PyDictObject* mp = g_dict_free_list[--g_dict_num_free];
    _Py_NewReference(reinterpret_cast<PyObject*>(mp));
    return mp;
  }
  return nullptr;
}
bool dict_push_free_list(PyDictObject* mp) {
  if (g_dict_num_free < kDictFreeListMax) {
    g_dict_free_list[g_dict_num_free++] = mp;
    return true;
  }
  return false;
}

PyObject* dict_new_presized(Py_ssize_t minused) {
  PyObject* d = PyDict_New();
  if (d == nullptr || minused <= usable_fraction(Py_ssize_t(1) << kMinLog2Size)) return d;
  uint8_t log2 = minused > usable_fraction(Py_ssize_t(1) << kMaxPresizeLog2)
                     ? kMaxPresizeLog2
                     : estimate_log2_keysize(minused);
  if (dict_resize(reinterpret_cast<PyDictObject*>(d), log2) < 0) {
    Py_DECREF(d);
    return nullptr;
  }
  return d;
}

}  // namespace krait

using namespace krait;

// -- C API -------------------------------------------------------------------------

PyObject* PyDict_New(void) {
  PyDictObject* mp = dict_alloc_from_free_list();
  if (mp == nullptr) {
    mp = PyObject_GC_New(PyDictObject, &PyDict_Type);
    if (mp == nullptr) return nullptr;
  }
  dict_init_empty(mp);
  return reinterpret_cast<PyObject*>(mp);
}

PyObject* _PyDict_NewPresized(Py_ssize_t minused) { return dict_new_presized(minused); }

PyObject* PyDict_GetItem(PyObject* op, PyObject* key) {
  if (!PyDict_Check(op)) return nullptr;
  PyDictObject* mp = reinterpret_cast<PyDictObject*>(op);
  Py_hash_t hash;
  if (!PyUnicode_CheckExact(key) || (hash = reinterpret_cast<PyASCIIObject*>(key)->hash) == -1) {
    hash = PyObject_Hash(key);
    if (hash == -1) {
      PyErr_Clear();
      return nullptr;
    }
  }
  // Errors are swallowed, and a pending exception must survive the lookup.
  PyObject *type, *value, *tb;
  PyErr_Fetch(&type, &value, &tb);
  PyObject* result;
  Py_ssize_t ix = dict_lookup(mp, key, hash, &result);
  PyErr_Restore(type, value, tb);
  if (ix < 0) return nullptr;
  return result;
}

PyObject* _PyDict_GetItem_KnownHash(PyObject* op, PyObject* key, Py_hash_t hash) {
  if (!PyDict_Check(op)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  PyObject* value;
  Py_ssize_t ix = dict_lookup(reinterpret_cast<PyDictObject*>(op), key, hash, &value);
  if (ix < 0) return nullptr;
  return value;
}

PyObject* PyDict_GetItemWithError(PyObject* op, PyObject* key) {
  if (!PyDict_Check(op)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  Py_hash_t hash = hash_of(key);
  if (hash == -1) return nullptr;
  PyObject* value;
  Py_ssize_t ix = dict_lookup(reinterpret_cast<PyDictObject*>(op), key, hash, &value);
  if (ix < 0) return nullptr;
  return value;
}

PyObject* _PyDict_GetItemWithError(PyObject* dp, PyObject* kv) {
  return PyDict_GetItemWithError(dp, kv);
}

PyObject* _PyDict_GetItemIdWithError(PyObject* dp, _Py_Identifier* key) {
  PyObject* kv = _PyUnicode_FromId(key);  // borrowed
  if (kv == nullptr) return nullptr;
  return PyDict_GetItemWithError(dp, kv);
}

PyObject* _PyDict_GetItemStringWithError(PyObject* v, const char* key) {
  PyObject* kv = PyUnicode_FromString(key);
  if (kv == nullptr) return nullptr;
  PyObject* rv = PyDict_GetItemWithError(v, kv);
  Py_DECREF(kv);
  return rv;
}

PyObject* PyDict_GetItemString(PyObject* v, const char* key) {
  PyObject* kv = PyUnicode_FromString(key);
  if (kv == nullptr) {
    PyErr_Clear();
    return nullptr;
  }
  PyObject* rv = PyDict_GetItem(v, kv);
  Py_DECREF(kv);
  return rv;
}

int PyDict_SetItem(PyObject* op, PyObject* key, PyObject* value) {
  if (!PyDict_Check(op)) {
    PyErr_BadInternalCall();
    return -1;
  }
  Py_hash_t hash = hash_of(key);
  if (hash == -1) return -1;
  return dict_setitem(reinterpret_cast<PyDictObject*>(op), key, hash, value);
}

int _PyDict_SetItem_KnownHash(PyObject* op, PyObject* key, PyObject* value, Py_hash_t hash) {
  if (!PyDict_Check(op)) {
    PyErr_BadInternalCall();
    return -1;
  }
  return dict_setitem(reinterpret_cast<PyDictObject*>(op), key, hash, value);
}

int _PyDict_SetItemId(PyObject* v, _Py_Identifier* key, PyObject* item) {
  PyObject* kv = _PyUnicode_FromId(key);
  if (kv == nullptr) return -1;
  return PyDict_SetItem(v, kv, item);
}

int PyDict_SetItemString(PyObject* v, const char* key, PyObject* item) {
  PyObject* kv = PyUnicode_FromString(key);
  if (kv == nullptr) return -1;
  PyUnicode_InternInPlace(&kv);
  int err = PyDict_SetItem(v, kv, item);
  Py_DECREF(kv);
  return err;
}

int PyDict_DelItem(PyObject* op, PyObject* key) {
  if (!PyDict_Check(op)) {
    PyErr_BadInternalCall();
    return -1;
  }
  Py_hash_t hash = hash_of(key);
  if (hash == -1) return -1;
  return dict_delitem(reinterpret_cast<PyDictObject*>(op), key, hash);
}

int _PyDict_DelItem_KnownHash(PyObject* op, PyObject* key, Py_hash_t hash) {
  if (!PyDict_Check(op)) {
    PyErr_BadInternalCall();
    return -1;
  }
  return dict_delitem(reinterpret_cast<PyDictObject*>(op), key, hash);
}

int _PyDict_DelItemIf(PyObject* op, PyObject* key, int (*predicate)(PyObject* value)) {
  if (!PyDict_Check(op)) {
    PyErr_BadInternalCall();
    return -1;
  }
  PyDictObject* mp = reinterpret_cast<PyDictObject*>(op);
  Py_hash_t hash = hash_of(key);
  if (hash == -1) return -1;
  PyObject* old_value;
  Py_ssize_t ix = dict_lookup(mp, key, hash, &old_value);
  if (ix == kDkixError) return -1;
  if (ix == kDkixEmpty || old_value == nullptr) {
    _PyErr_SetKeyError(key);
    return -1;
  }
  int res = predicate(old_value);
  if (res == -1) return -1;
  if (res > 0) {
    // The predicate may have run code: look the entry up again.
    ix = dict_lookup(mp, key, hash, &old_value);
    if (ix == kDkixError) return -1;
    if (ix == kDkixEmpty || old_value == nullptr) return 0;
    delitem_at(mp, hash, ix);
    return 1;
  }
  return 0;
}

int _PyDict_DelItemId(PyObject* v, _Py_Identifier* key) {
  PyObject* kv = _PyUnicode_FromId(key);
  if (kv == nullptr) return -1;
  return PyDict_DelItem(v, kv);
}

int PyDict_DelItemString(PyObject* v, const char* key) {
  PyObject* kv = PyUnicode_FromString(key);
  if (kv == nullptr) return -1;
  int err = PyDict_DelItem(v, kv);
  Py_DECREF(kv);
  return err;
}

void PyDict_Clear(PyObject* op) {
  if (!PyDict_Check(op)) return;
  PyDictObject* mp = reinterpret_cast<PyDictObject*>(op);
  if (mp->ma_keys->dk_static && mp->ma_used == 0) return;
  dict_release_table(mp);
}

int _PyDict_Next(PyObject* op, Py_ssize_t* ppos, PyObject** pkey, PyObject** pvalue, Py_hash_t* phash) {
  if (!PyDict_Check(op)) return 0;
  PyDictObject* mp = reinterpret_cast<PyDictObject*>(op);
  Py_ssize_t i = *ppos;
  Py_ssize_t n = mp->ma_keys->dk_nentries;
  if (i < 0 || i >= n) return 0;
  DictEntry* ep = &dk_entries(mp->ma_keys)[i];
  while (i < n && ep->value == nullptr) {
    ep++;
    i++;
  }
  if (i >= n) return 0;
  *ppos = i + 1;
  if (pkey) *pkey = ep->key;
  if (pvalue) *pvalue = ep->value;
  if (phash) *phash = ep->hash;
  return 1;
}

int PyDict_Next(PyObject* op, Py_ssize_t* ppos, PyObject** pkey, PyObject** pvalue) {
  return _PyDict_Next(op, ppos, pkey, pvalue, nullptr);
}

namespace {
// keys()/values()/items() as lists; `which` 0 keys, 1 values, 2 items.
PyObject* dict_to_list(PyObject* op, int which) {
  if (op == nullptr || !PyDict_Check(op)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  PyDictObject* mp = reinterpret_cast<PyDictObject*>(op);
  for (;;) {
    Py_ssize_t n = mp->ma_used;
    PyObject* v = PyList_New(n);
    if (v == nullptr) return nullptr;
    if (which == 2) {
      for (Py_ssize_t i = 0; i < n; i++) {
        PyObject* item = PyTuple_New(2);
        if (item == nullptr) {
          Py_DECREF(v);
          return nullptr;
        }
        PyList_SET_ITEM(v, i, item);
      }
    }
    // Allocation may have run the GC and so arbitrary code: retry if the
    // dict changed size meanwhile.
    if (n != mp->ma_used) {
      Py_DECREF(v);
      continue;
    }
    DictEntry* ep = dk_entries(mp->ma_keys);
    Py_ssize_t j = 0;
    for (Py_ssize_t i = 0; j < n; i++) {
      if (ep[i].value == nullptr) continue;
      if (which == 0) {
        PyList_SET_ITEM(v, j, Py_NewRef(ep[i].key));
      } else if (which == 1) {
        PyList_SET_ITEM(v, j, Py_NewRef(ep[i].value));
      } else {
        PyObject* item = PyList_GET_ITEM(v, j);
        PyTuple_SET_ITEM(item, 0, Py_NewRef(ep[i].key));
        PyTuple_SET_ITEM(item, 1, Py_NewRef(ep[i].value));
      }
      j++;
    }
    return v;
  }
}
}  // namespace

PyObject* PyDict_Keys(PyObject* op) { return dict_to_list(op, 0); }
PyObject* PyDict_Values(PyObject* op) { return dict_to_list(op, 1); }
PyObject* PyDict_Items(PyObject* op) { return dict_to_list(op, 2); }

Py_ssize_t PyDict_Size(PyObject* op) {
  if (op == nullptr || !PyDict_Check(op)) {
    PyErr_BadInternalCall();
    return -1;
  }
  return reinterpret_cast<PyDictObject*>(op)->ma_used;
}

PyObject* PyDict_Copy(PyObject* o) {
  if (o == nullptr || !PyDict_Check(o)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  PyDictObject* mp = reinterpret_cast<PyDictObject*>(o);
  if (mp->ma_used == 0) return PyDict_New();
  PyObject* copy;
  if (Py_TYPE(o)->tp_iter == PyDict_Type.tp_iter && mp->ma_used == mp->ma_keys->dk_nentries &&
      mp->ma_used >= usable_fraction(dk_size(mp->ma_keys)) / 2) {
    // Dense table: clone the block (same size, same order).
    copy = PyDict_New();
    if (copy == nullptr) return nullptr;
    if (clone_into_empty(reinterpret_cast<PyDictObject*>(copy), mp) < 0) {
      Py_DECREF(copy);
      return nullptr;
    }
    return copy;
  }
  copy = PyDict_New();
  if (copy == nullptr) return nullptr;
  if (dict_merge(copy, o, 1) == 0) return copy;
  Py_DECREF(copy);
  return nullptr;
}

int PyDict_Contains(PyObject* op, PyObject* key) { return dict_contains(op, key); }

int _PyDict_Contains_KnownHash(PyObject* op, PyObject* key, Py_hash_t hash) {
  PyObject* value;
  Py_ssize_t ix = dict_lookup(reinterpret_cast<PyDictObject*>(op), key, hash, &value);
  if (ix == kDkixError) return -1;
  return ix != kDkixEmpty && value != nullptr;
}

int _PyDict_ContainsId(PyObject* op, _Py_Identifier* key) {
  PyObject* kv = _PyUnicode_FromId(key);
  if (kv == nullptr) return -1;
  return PyDict_Contains(op, kv);
}

int PyDict_Update(PyObject* a, PyObject* b) { return dict_merge(a, b, 1); }

int PyDict_Merge(PyObject* a, PyObject* b, int override) { return dict_merge(a, b, override != 0); }

int _PyDict_MergeEx(PyObject* a, PyObject* b, int override) { return dict_merge(a, b, override); }

int PyDict_MergeFromSeq2(PyObject* d, PyObject* seq2, int override) {
  if (d == nullptr || !PyDict_Check(d) || seq2 == nullptr) {
    PyErr_BadInternalCall();
    return -1;
  }
  PyObject* it = PyObject_GetIter(seq2);
  if (it == nullptr) return -1;
  Py_ssize_t i = 0;
  for (;; ++i) {
    PyObject* item = PyIter_Next(it);
    if (item == nullptr) {
      if (PyErr_Occurred()) goto fail;
      break;
    }
    PyObject* fast = PySequence_Fast(item, "");
    if (fast == nullptr) {
      if (PyErr_ExceptionMatches(PyExc_TypeError))
        PyErr_Format(PyExc_TypeError,
                     "cannot convert dictionary update sequence element #%zd to a sequence", i);
      Py_DECREF(item);
      goto fail;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    if (n != 2) {
      PyErr_Format(PyExc_ValueError,
                   "dictionary update sequence element #%zd has length %zd; 2 is required", i, n);
      Py_DECREF(fast);
      Py_DECREF(item);
      goto fail;
    }
    PyObject* key = Py_NewRef(PySequence_Fast_GET_ITEM(fast, 0));
    PyObject* value = Py_NewRef(PySequence_Fast_GET_ITEM(fast, 1));
    int status = 0;
    if (override) {
      status = PyDict_SetItem(d, key, value);
    } else {
      PyObject* existing = PyDict_GetItemWithError(d, key);
      if (existing == nullptr) {
        status = PyErr_Occurred() ? -1 : PyDict_SetItem(d, key, value);
      }
    }
    Py_DECREF(key);
    Py_DECREF(value);
    Py_DECREF(fast);
    Py_DECREF(item);
    if (status < 0) goto fail;
  }
  Py_DECREF(it);
  return 0;
fail:
  Py_DECREF(it);
  return -1;
}

PyObject* PyDict_SetDefault(PyObject* d, PyObject* key, PyObject* defaultobj) {
  if (!PyDict_Check(d)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  PyDictObject* mp = reinterpret_cast<PyDictObject*>(d);
  Py_hash_t hash = hash_of(key);
  if (hash == -1) return nullptr;
  PyObject* value;
  Py_ssize_t ix = dict_lookup(mp, key, hash, &value);
  if (ix == kDkixError) return nullptr;
  if (ix == kDkixEmpty) {
    // Inserted without a second lookup: the key's __eq__ runs at most once, as in CPython.
    if (mp->ma_keys->dk_usable <= 0 && insertion_resize(mp) < 0) return nullptr;
    Py_INCREF(key);
    Py_INCREF(defaultobj);
    maintain_tracking(mp, key, defaultobj);
    if (!PyUnicode_CheckExact(key)) mp->ma_keys->dk_all_str = 0;
    insert_new(mp, key, hash, defaultobj);
    return defaultobj;
  }
  if (value == nullptr) {
    if (dict_setitem(mp, key, hash, defaultobj) < 0) return nullptr;
    return defaultobj;
  }
  return value;
}

PyObject* _PyDict_Pop(PyObject* dict, PyObject* key, PyObject* deflt) {
  PyDictObject* mp = reinterpret_cast<PyDictObject*>(dict);
  // An empty dict answers without hashing the key (CPython does the same).
  if (mp->ma_used == 0) {
    if (deflt) return Py_NewRef(deflt);
    _PyErr_SetKeyError(key);
    return nullptr;
  }
  Py_hash_t hash = hash_of(key);
  if (hash == -1) return nullptr;
  return dict_pop(mp, key, hash, deflt);
}

void _PyDict_MaybeUntrack(PyObject* op) {
  if (!PyDict_CheckExact(op) || !PyObject_GC_IsTracked(op)) return;
  PyDictObject* mp = reinterpret_cast<PyDictObject*>(op);
  DictEntry* ep = dk_entries(mp->ma_keys);
  for (Py_ssize_t i = 0; i < mp->ma_keys->dk_nentries; i++) {
    if (ep[i].value == nullptr) continue;
    if (may_be_tracked(ep[i].value) || may_be_tracked(ep[i].key)) return;
  }
  krait::gc::untrack(op);
}

int _PyDict_HasOnlyStringKeys(PyObject* op) {
  return dict_has_only_str_keys(reinterpret_cast<PyDictObject*>(op));
}

Py_ssize_t _PyDict_SizeOf(PyDictObject* mp) {
  return Py_ssize_t(Py_TYPE(mp)->tp_basicsize) + dict_keys_sizeof(mp);
}

void _PyDict_DebugMallocStats(FILE* out) {
  fprintf(out, "free PyDictObject: %d\nfree PyDictKeysObject: %d\n", g_dict_num_free, g_keys_num_free);
}
