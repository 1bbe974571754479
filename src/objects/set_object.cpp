// set and frozenset: PySetObject exactly as cpython/setobject.h lays it out
// (fill/used/mask/table/hash/finger/smalltable), the set iterator, and the
// set C API.
//
// The table uses CPython 3.11's algorithm to the letter where it decides
// *where* keys land: start slot hash & mask, LINEAR_PROBES (9) neighbouring
// slots when they fit below mask, then the perturbed probe
// i = i*5 + 1 + (perturb >>= 5); the last dummy seen is reused on
// insertion; resizes to the smallest power of two > used*4 (used*2 past
// 50000) once fill*5 >= mask*3, reinserting in table order; merges of
// sets copy tables the same way CPython does. Same hashes + same history
// => same slots => iteration order, and so printed sets, match CPython.
#include <cstddef>
#include <utility>

#include "objects/container_util.h"

namespace krait {
namespace {

constexpr int kLinearProbes = 9;
constexpr int kPerturbShift = 5;

// Deleted slots hold this key with hash -1.
PyObject g_dummy_struct = KRAIT_IMMORTAL_HEAD(&PyBaseObject_Type);
PyObject* const kDummy = &g_dummy_struct;

inline PySetObject* as_set(PyObject* o) { return reinterpret_cast<PySetObject*>(o); }

// -- Table primitives --------------------------------------------------------

int set_table_resize(PySetObject* so, Py_ssize_t minused);

// Entry holding key, or the unused entry ending the probe sequence; NULL on
// comparison error.
setentry* set_lookkey(PySetObject* so, PyObject* key, Py_hash_t hash) {
restart:
  size_t perturb = size_t(hash);
  size_t mask = size_t(so->mask);
  size_t i = size_t(hash) & mask;
  for (;;) {
    setentry* entry = &so->table[i];
    int probes = (i + kLinearProbes <= mask) ? kLinearProbes : 0;
    do {
      if (entry->hash == 0 && entry->key == nullptr) return entry;
      if (entry->hash == hash) {
        PyObject* startkey = entry->key;
        if (startkey == key) return entry;
        if (PyUnicode_CheckExact(startkey) && PyUnicode_CheckExact(key) && unicode_eq(startkey, key))
          return entry;
        setentry* table = so->table;
        Py_INCREF(startkey);
        int cmp = PyObject_RichCompareBool(startkey, key, Py_EQ);
        Py_DECREF(startkey);
        if (cmp < 0) return nullptr;
        if (table != so->table || entry->key != startkey) goto restart;
        if (cmp > 0) return entry;
        mask = size_t(so->mask);
      }
      entry++;
    } while (probes--);
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & mask;
  }
}

// Inserts a new reference to key (the set takes one).
int set_add_entry(PySetObject* so, PyObject* key, Py_hash_t hash) {
  // Held across comparisons so __eq__ cannot free it under us.
  Py_INCREF(key);
restart:
  size_t mask = size_t(so->mask);
  size_t i = size_t(hash) & mask;
  setentry* freeslot = nullptr;
  size_t perturb = size_t(hash);
  setentry* entry;
  for (;;) {
    entry = &so->table[i];
    int probes = (i + kLinearProbes <= mask) ? kLinearProbes : 0;
    do {
      if (entry->hash == 0 && entry->key == nullptr) goto found_unused_or_dummy;
      if (entry->hash == hash) {
        PyObject* startkey = entry->key;
        if (startkey == key) goto found_active;
        if (PyUnicode_CheckExact(startkey) && PyUnicode_CheckExact(key) && unicode_eq(startkey, key))
          goto found_active;
        setentry* table = so->table;
        Py_INCREF(startkey);
        int cmp = PyObject_RichCompareBool(startkey, key, Py_EQ);
        Py_DECREF(startkey);
        if (cmp > 0) goto found_active;
        if (cmp < 0) {
          Py_DECREF(key);
          return -1;
        }
        if (table != so->table || entry->key != startkey) goto restart;
        mask = size_t(so->mask);
      } else if (entry->hash == -1) {
        freeslot = entry;  // CPython 3.11 reuses the last dummy seen
      }
      entry++;
    } while (probes--);
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & mask;
  }
found_unused_or_dummy:
  if (freeslot != nullptr) {
    so->used++;
    freeslot->key = key;
    freeslot->hash = hash;
    return 0;
  }
  so->fill++;
  so->used++;
  entry->key = key;
  entry->hash = hash;
  if (size_t(so->fill) * 5 < mask * 3) return 0;
  return set_table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4);
found_active:
  Py_DECREF(key);
  return 0;
}

// Insertion into a table known to hold no dummies and not the key.
void set_insert_clean(setentry* table, size_t mask, PyObject* key, Py_hash_t hash) {
  size_t perturb = size_t(hash);
  size_t i = size_t(hash) & mask;
  setentry* entry;
  for (;;) {
    entry = &table[i];
    if (entry->key == nullptr) goto found_null;
    if (i + kLinearProbes <= mask) {
      for (int j = 0; j < kLinearProbes; j++) {
        entry++;
        if (entry->key == nullptr) goto found_null;
      }
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & mask;
  }
found_null:
  entry->key = key;
  entry->hash = hash;
}

int set_table_resize(PySetObject* so, Py_ssize_t minused) {
  setentry small_copy[PySet_MINSIZE];
  size_t oldmask = size_t(so->mask);
  // Smallest power of two > minused.
  size_t newsize = PySet_MINSIZE;
  while (newsize <= size_t(minused)) newsize <<= 1;

  setentry* oldtable = so->table;
  bool is_oldtable_malloced = oldtable != so->smalltable;
  setentry* newtable;
  if (newsize == PySet_MINSIZE) {
    newtable = so->smalltable;
    if (newtable == oldtable) {
      if (so->fill == so->used) return 0;  // no dummies to purge
      std::memcpy(small_copy, oldtable, sizeof(small_copy));
      oldtable = small_copy;
    }
  } else {
    newtable = PyMem_New(setentry, newsize);
    if (newtable == nullptr) {
      PyErr_NoMemory();
      return -1;
    }
  }
  std::memset(newtable, 0, sizeof(setentry) * newsize);
  so->mask = Py_ssize_t(newsize - 1);
  so->table = newtable;
  size_t newmask = newsize - 1;
  if (so->fill == so->used) {
    for (setentry* entry = oldtable; entry <= oldtable + oldmask; entry++)
      if (entry->key != nullptr) set_insert_clean(newtable, newmask, entry->key, entry->hash);
  } else {
    so->fill = so->used;
    for (setentry* entry = oldtable; entry <= oldtable + oldmask; entry++)
      if (entry->key != nullptr && entry->key != kDummy)
        set_insert_clean(newtable, newmask, entry->key, entry->hash);
  }
  if (is_oldtable_malloced) PyMem_Free(oldtable);
  return 0;
}

int set_contains_entry(PySetObject* so, PyObject* key, Py_hash_t hash) {
  setentry* entry = set_lookkey(so, key, hash);
  if (entry == nullptr) return -1;
  return entry->key != nullptr;
}

constexpr int kDiscardNotFound = 0;
constexpr int kDiscardFound = 1;

int set_discard_entry(PySetObject* so, PyObject* key, Py_hash_t hash) {
  setentry* entry = set_lookkey(so, key, hash);
  if (entry == nullptr) return -1;
  if (entry->key == nullptr) return kDiscardNotFound;
  PyObject* old_key = entry->key;
  entry->key = kDummy;
  entry->hash = -1;
  so->used--;
  Py_DECREF(old_key);
  return kDiscardFound;
}

int set_add_key(PySetObject* so, PyObject* key) {
  Py_hash_t hash = hash_of(key);
  if (hash == -1) return -1;
  return set_add_entry(so, key, hash);
}

int set_contains_key(PySetObject* so, PyObject* key) {
  Py_hash_t hash = hash_of(key);
  if (hash == -1) return -1;
  return set_contains_entry(so, key, hash);
}

int set_discard_key(PySetObject* so, PyObject* key) {
  Py_hash_t hash = hash_of(key);
  if (hash == -1) return -1;
  return set_discard_entry(so, key, hash);
}

void set_empty_to_minsize(PySetObject* so) {
  std::memset(so->smalltable, 0, sizeof(so->smalltable));
  so->fill = 0;
  so->used = 0;
  so->mask = PySet_MINSIZE - 1;
  so->table = so->smalltable;
  so->hash = -1;
}

int set_clear_internal(PySetObject* so) {
  setentry small_copy[PySet_MINSIZE];
  setentry* table = so->table;
  bool table_is_malloced = table != so->smalltable;
  Py_ssize_t fill = so->fill;
  Py_ssize_t used = so->used;
  // Empty the set first: decrefs below may run code that looks at it.
  if (table_is_malloced) {
    set_empty_to_minsize(so);
  } else if (fill > 0) {
    std::memcpy(small_copy, table, sizeof(small_copy));
    table = small_copy;
    set_empty_to_minsize(so);
  }
  for (setentry* entry = table; used > 0; entry++) {
    if (entry->key && entry->key != kDummy) {
      used--;
      Py_DECREF(entry->key);
    }
  }
  if (table_is_malloced) PyMem_Free(table);
  return 0;
}

// Iteration over live entries in table order.
bool set_next(PySetObject* so, Py_ssize_t* pos_ptr, setentry** entry_ptr) {
  Py_ssize_t i = *pos_ptr;
  Py_ssize_t mask = so->mask;
  setentry* entry = &so->table[i];
  while (i <= mask && (entry->key == nullptr || entry->key == kDummy)) {
    i++;
    entry++;
  }
  *pos_ptr = i + 1;
  if (i > mask) return false;
  *entry_ptr = entry;
  return true;
}

int set_merge(PySetObject* so, PyObject* otherset) {
  PySetObject* other = as_set(otherset);
  if (other == so || other->used == 0) return 0;
  // One big resize up front: expect few overlapping keys.
  if ((so->fill + other->used) * 5 >= so->mask * 3) {
    if (set_table_resize(so, (so->used + other->used) * 2) != 0) return -1;
  }
  setentry* so_entry = so->table;
  setentry* other_entry = other->table;
  // Empty, same size, no dummies: copy the table slot for slot.
  if (so->fill == 0 && so->mask == other->mask && other->fill == other->used) {
    for (Py_ssize_t i = 0; i <= other->mask; i++, so_entry++, other_entry++) {
      PyObject* key = other_entry->key;
      if (key != nullptr) {
        so_entry->key = Py_NewRef(key);
        so_entry->hash = other_entry->hash;
      }
    }
    so->fill = other->fill;
    so->used = other->used;
    return 0;
  }
  // Empty: insert without comparisons.
  if (so->fill == 0) {
    setentry* newtable = so->table;
    size_t newmask = size_t(so->mask);
    so->fill = other->used;
    so->used = other->used;
    for (Py_ssize_t i = other->mask + 1; i > 0; i--, other_entry++) {
      PyObject* key = other_entry->key;
      if (key != nullptr && key != kDummy) set_insert_clean(newtable, newmask, Py_NewRef(key), other_entry->hash);
    }
    return 0;
  }
  for (Py_ssize_t i = 0; i <= other->mask; i++) {
    other_entry = &other->table[i];
    PyObject* key = other_entry->key;
    if (key != nullptr && key != kDummy) {
      if (set_add_entry(so, key, other_entry->hash)) return -1;
    }
  }
  return 0;
}

int set_update_internal(PySetObject* so, PyObject* other) {
  if (PyAnySet_Check(other)) return set_merge(so, other);
  if (PyDict_CheckExact(other)) {
    Py_ssize_t dictsize = PyDict_GET_SIZE(other);
    if ((so->fill + dictsize) * 5 >= so->mask * 3) {
      if (set_table_resize(so, (so->used + dictsize) * 2) != 0) return -1;
    }
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    Py_hash_t hash;
    while (_PyDict_Next(other, &pos, &key, &value, &hash)) {
      if (set_add_entry(so, key, hash)) return -1;
    }
    return 0;
  }
  PyObject* it = PyObject_GetIter(other);
  if (it == nullptr) return -1;
  PyObject* key;
  while ((key = PyIter_Next(it)) != nullptr) {
    if (set_add_key(so, key)) {
      Py_DECREF(it);
      Py_DECREF(key);
      return -1;
    }
    Py_DECREF(key);
  }
  Py_DECREF(it);
  return PyErr_Occurred() ? -1 : 0;
}

PyObject* make_new_set(PyTypeObject* type, PyObject* iterable) {
  PySetObject* so = as_set(type->tp_alloc(type, 0));
  if (so == nullptr) return nullptr;
  so->fill = 0;
  so->used = 0;
  so->mask = PySet_MINSIZE - 1;
  so->table = so->smalltable;
  so->hash = -1;
  so->finger = 0;
  so->weakreflist = nullptr;
  if (iterable != nullptr && set_update_internal(so, iterable)) {
    Py_DECREF(so);
    return nullptr;
  }
  return reinterpret_cast<PyObject*>(so);
}

// Results of operations on subclasses are plain sets / frozensets.
PyObject* make_new_set_basetype(PyTypeObject* type, PyObject* iterable) {
  if (type != &PySet_Type && type != &PyFrozenSet_Type)
    type = PyType_IsSubtype(type, &PySet_Type) ? &PySet_Type : &PyFrozenSet_Type;
  return make_new_set(type, iterable);
}

PyObject* set_copy(PyObject* so, PyObject* = nullptr) { return make_new_set_basetype(Py_TYPE(so), so); }

// -- Object protocol ------------------------------------------------------------

void set_dealloc(PyObject* self) {
  PySetObject* so = as_set(self);
  Py_ssize_t used = so->used;
  PyObject_GC_UnTrack(self);
  Py_TRASHCAN_BEGIN(so, set_dealloc)
  if (so->weakreflist != nullptr) PyObject_ClearWeakRefs(self);
  for (setentry* entry = so->table; used > 0; entry++) {
    if (entry->key && entry->key != kDummy) {
      used--;
      Py_DECREF(entry->key);
    }
  }
  if (so->table != so->smalltable) PyMem_Free(so->table);
  Py_TYPE(self)->tp_free(self);
  Py_TRASHCAN_END
}

int set_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_ssize_t pos = 0;
  setentry* entry;
  while (set_next(as_set(self), &pos, &entry)) Py_VISIT(entry->key);
  return 0;
}

int set_tp_clear(PyObject* self) { return set_clear_internal(as_set(self)); }

PyObject* set_repr(PyObject* self) {
  PySetObject* so = as_set(self);
  int status = Py_ReprEnter(self);
  if (status != 0) {
    if (status < 0) return nullptr;
    return PyUnicode_FromFormat("%s(...)", Py_TYPE(so)->tp_name);
  }
  PyObject* result = nullptr;
  if (!so->used) {
    Py_ReprLeave(self);
    return PyUnicode_FromFormat("%s()", Py_TYPE(so)->tp_name);
  }
  PyObject* keys = PySequence_List(self);
  if (keys != nullptr) {
    PyObject* listrepr = PyObject_Repr(keys);
    Py_DECREF(keys);
    if (listrepr != nullptr) {
      PyObject* tmp = PyUnicode_Substring(listrepr, 1, PyUnicode_GET_LENGTH(listrepr) - 1);
      Py_DECREF(listrepr);
      if (tmp != nullptr) {
        if (!PySet_CheckExact(so)) result = PyUnicode_FromFormat("%s({%U})", Py_TYPE(so)->tp_name, tmp);
        else result = PyUnicode_FromFormat("{%U}", tmp);
        Py_DECREF(tmp);
      }
    }
  }
  Py_ReprLeave(self);
  return result;
}

Py_ssize_t set_len(PyObject* self) { return as_set(self)->used; }

// CPython 3.11's frozenset hash: xor of bit-shuffled entry hashes over the
// whole table (unused slots hash 0), corrected for parity of unused and
// dummy slots, then mixed with the size.
inline Py_uhash_t shuffle_bits(Py_uhash_t h) { return ((h ^ 89869747UL) ^ (h << 16)) * 3644798167UL; }

Py_hash_t frozenset_hash(PyObject* self) {
  PySetObject* so = as_set(self);
  if (so->hash != -1) return so->hash;
  Py_uhash_t hash = 0;
  for (setentry* entry = so->table; entry <= &so->table[so->mask]; entry++)
    hash ^= shuffle_bits(Py_uhash_t(entry->hash));
  if ((so->mask + 1 - so->fill) & 1) hash ^= shuffle_bits(0);
  if ((so->fill - so->used) & 1) hash ^= shuffle_bits(Py_uhash_t(-1));
  hash ^= (Py_uhash_t(so->used) + 1) * 1927868237UL;
  hash ^= (hash >> 11) ^ (hash >> 25);
  hash = hash * 69069U + 907133923UL;
  if (hash == Py_uhash_t(-1)) hash = 590923713UL;
  so->hash = Py_hash_t(hash);
  return so->hash;
}

// -- Algebra ------------------------------------------------------------------------

PyObject* set_intersection(PySetObject* so, PyObject* other) {
  if (reinterpret_cast<PyObject*>(so) == other) return set_copy(other);
  PyObject* result = make_new_set_basetype(Py_TYPE(so), nullptr);
  if (result == nullptr) return nullptr;
  PySetObject* res = as_set(result);
  if (PyAnySet_Check(other)) {
    // Iterate over the smaller set, probe the larger.
    if (PySet_GET_SIZE(other) > PySet_GET_SIZE(so)) {
      PySetObject* tmp = so;
      so = as_set(other);
      other = reinterpret_cast<PyObject*>(tmp);
    }
    Py_ssize_t pos = 0;
    setentry* entry;
    while (set_next(as_set(other), &pos, &entry)) {
      PyObject* key = Py_NewRef(entry->key);
      Py_hash_t hash = entry->hash;
      int rv = set_contains_entry(so, key, hash);
      if (rv < 0 || (rv && set_add_entry(res, key, hash))) {
        Py_DECREF(result);
        Py_DECREF(key);
        return nullptr;
      }
      Py_DECREF(key);
    }
    return result;
  }
  PyObject* it = PyObject_GetIter(other);
  if (it == nullptr) {
    Py_DECREF(result);
    return nullptr;
  }
  PyObject* key;
  while ((key = PyIter_Next(it)) != nullptr) {
    Py_hash_t hash = PyObject_Hash(key);
    int rv = hash == -1 ? -1 : set_contains_entry(so, key, hash);
    if (rv < 0 || (rv && set_add_entry(res, key, hash))) {
      Py_DECREF(it);
      Py_DECREF(result);
      Py_DECREF(key);
      return nullptr;
    }
    Py_DECREF(key);
    if (rv && PySet_GET_SIZE(result) >= PySet_GET_SIZE(so)) break;
  }
  Py_DECREF(it);
  if (PyErr_Occurred()) {
    Py_DECREF(result);
    return nullptr;
  }
  return result;
}

void set_swap_bodies(PySetObject* a, PySetObject* b) {
  std::swap(a->fill, b->fill);
  std::swap(a->used, b->used);
  std::swap(a->mask, b->mask);
  setentry* u = a->table == a->smalltable ? b->smalltable : a->table;
  a->table = b->table == b->smalltable ? a->smalltable : b->table;
  b->table = u;
  if (a->table == a->smalltable || b->table == b->smalltable) {
    setentry tab[PySet_MINSIZE];
    std::memcpy(tab, a->smalltable, sizeof(tab));
    std::memcpy(a->smalltable, b->smalltable, sizeof(tab));
    std::memcpy(b->smalltable, tab, sizeof(tab));
  }
  if (PyType_IsSubtype(Py_TYPE(a), &PyFrozenSet_Type) && PyType_IsSubtype(Py_TYPE(b), &PyFrozenSet_Type)) {
    std::swap(a->hash, b->hash);
  } else {
    a->hash = -1;
    b->hash = -1;
  }
}

int set_difference_update_internal(PySetObject* so, PyObject* other) {
  if (reinterpret_cast<PyObject*>(so) == other) return set_clear_internal(so);
  if (PyAnySet_Check(other)) {
    // A much larger other set: discard only the common part.
    if ((PySet_GET_SIZE(other) >> 3) > PySet_GET_SIZE(so)) {
      other = set_intersection(so, other);
      if (other == nullptr) return -1;
    } else {
      Py_INCREF(other);
    }
    Py_ssize_t pos = 0;
    setentry* entry;
    while (set_next(as_set(other), &pos, &entry)) {
      PyObject* key = Py_NewRef(entry->key);
      if (set_discard_entry(so, key, entry->hash) < 0) {
        Py_DECREF(other);
        Py_DECREF(key);
        return -1;
      }
      Py_DECREF(key);
    }
    Py_DECREF(other);
  } else {
    PyObject* it = PyObject_GetIter(other);
    if (it == nullptr) return -1;
    PyObject* key;
    while ((key = PyIter_Next(it)) != nullptr) {
      if (set_discard_key(so, key) < 0) {
        Py_DECREF(it);
        Py_DECREF(key);
        return -1;
      }
      Py_DECREF(key);
    }
    Py_DECREF(it);
    if (PyErr_Occurred()) return -1;
  }
  // More than a quarter dummies: rebuild.
  if (size_t(so->fill - so->used) <= size_t(so->mask) / 4) return 0;
  return set_table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4);
}

PyObject* set_copy_and_difference(PySetObject* so, PyObject* other) {
  PyObject* result = set_copy(reinterpret_cast<PyObject*>(so));
  if (result == nullptr) return nullptr;
  if (set_difference_update_internal(as_set(result), other) == 0) return result;
  Py_DECREF(result);
  return nullptr;
}

PyObject* set_difference(PySetObject* so, PyObject* other) {
  Py_ssize_t other_size;
  if (PyAnySet_Check(other)) other_size = PySet_GET_SIZE(other);
  else if (PyDict_CheckExact(other)) other_size = PyDict_GET_SIZE(other);
  else return set_copy_and_difference(so, other);
  // Much larger than other: copy and discard.
  if ((PySet_GET_SIZE(so) >> 2) > other_size) return set_copy_and_difference(so, other);
  PyObject* result = make_new_set_basetype(Py_TYPE(so), nullptr);
  if (result == nullptr) return nullptr;
  bool is_dict = PyDict_CheckExact(other);
  Py_ssize_t pos = 0;
  setentry* entry;
  while (set_next(so, &pos, &entry)) {
    PyObject* key = Py_NewRef(entry->key);
    Py_hash_t hash = entry->hash;
    int rv = is_dict ? _PyDict_Contains_KnownHash(other, key, hash) : set_contains_entry(as_set(other), key, hash);
    if (rv < 0 || (!rv && set_add_entry(as_set(result), key, hash))) {
      Py_DECREF(result);
      Py_DECREF(key);
      return nullptr;
    }
    Py_DECREF(key);
  }
  return result;
}

int set_symmetric_difference_update_impl(PySetObject* so, PyObject* other) {
  if (reinterpret_cast<PyObject*>(so) == other) return set_clear_internal(so);
  if (PyDict_CheckExact(other)) {
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    Py_hash_t hash;
    while (_PyDict_Next(other, &pos, &key, &value, &hash)) {
      Py_INCREF(key);
      int rv = set_discard_entry(so, key, hash);
      if (rv < 0 || (rv == kDiscardNotFound && set_add_entry(so, key, hash))) {
        Py_DECREF(key);
        return -1;
      }
      Py_DECREF(key);
    }
    return 0;
  }
  PySetObject* otherset;
  if (PyAnySet_Check(other)) {
    otherset = as_set(Py_NewRef(other));
  } else {
    otherset = as_set(make_new_set_basetype(Py_TYPE(so), other));
    if (otherset == nullptr) return -1;
  }
  Py_ssize_t pos = 0;
  setentry* entry;
  while (set_next(otherset, &pos, &entry)) {
    PyObject* key = Py_NewRef(entry->key);
    Py_hash_t hash = entry->hash;
    int rv = set_discard_entry(so, key, hash);
    if (rv < 0 || (rv == kDiscardNotFound && set_add_entry(so, key, hash))) {
      Py_DECREF(otherset);
      Py_DECREF(key);
      return -1;
    }
    Py_DECREF(key);
  }
  Py_DECREF(otherset);
  return 0;
}

PyObject* set_symmetric_difference(PySetObject* so, PyObject* other) {
  PyObject* otherset = make_new_set_basetype(Py_TYPE(so), other);
  if (otherset == nullptr) return nullptr;
  if (set_symmetric_difference_update_impl(as_set(otherset), reinterpret_cast<PyObject*>(so)) < 0) {
    Py_DECREF(otherset);
    return nullptr;
  }
  return otherset;
}

PyObject* set_issubset_impl(PySetObject* so, PyObject* other);

PyObject* set_issubset_impl(PySetObject* so, PyObject* other) {
  if (!PyAnySet_Check(other)) {
    PyObject* tmp = make_new_set(&PySet_Type, other);
    if (tmp == nullptr) return nullptr;
    PyObject* result = set_issubset_impl(so, tmp);
    Py_DECREF(tmp);
    return result;
  }
  if (PySet_GET_SIZE(so) > PySet_GET_SIZE(other)) Py_RETURN_FALSE;
  Py_ssize_t pos = 0;
  setentry* entry;
  while (set_next(so, &pos, &entry)) {
    PyObject* key = Py_NewRef(entry->key);
    int rv = set_contains_entry(as_set(other), key, entry->hash);
    Py_DECREF(key);
    if (rv < 0) return nullptr;
    if (!rv) Py_RETURN_FALSE;
  }
  Py_RETURN_TRUE;
}

PyObject* set_issuperset_impl(PySetObject* so, PyObject* other) {
  if (PyAnySet_Check(other)) return set_issubset_impl(as_set(other), reinterpret_cast<PyObject*>(so));
  PyObject* it = PyObject_GetIter(other);
  if (it == nullptr) return nullptr;
  PyObject* key;
  while ((key = PyIter_Next(it)) != nullptr) {
    int rv = set_contains_key(so, key);
    Py_DECREF(key);
    if (rv < 0) {
      Py_DECREF(it);
      return nullptr;
    }
    if (!rv) {
      Py_DECREF(it);
      Py_RETURN_FALSE;
    }
  }
  Py_DECREF(it);
  if (PyErr_Occurred()) return nullptr;
  Py_RETURN_TRUE;
}

PyObject* set_richcompare(PyObject* self, PyObject* w, int op) {
  PySetObject* v = as_set(self);
  if (!PyAnySet_Check(w)) Py_RETURN_NOTIMPLEMENTED;
  switch (op) {
    case Py_EQ:
      if (PySet_GET_SIZE(v) != PySet_GET_SIZE(w)) Py_RETURN_FALSE;
      if (v->hash != -1 && as_set(w)->hash != -1 && v->hash != as_set(w)->hash) Py_RETURN_FALSE;
      return set_issubset_impl(v, w);
    case Py_NE: {
      PyObject* r1 = set_richcompare(self, w, Py_EQ);
      if (r1 == nullptr) return nullptr;
      int r = PyObject_Not(r1);
      Py_DECREF(r1);
      if (r < 0) return nullptr;
      return PyBool_FromLong(r);
    }
    case Py_LE:
      return set_issubset_impl(v, w);
    case Py_GE:
      return set_issuperset_impl(v, w);
    case Py_LT:
      if (PySet_GET_SIZE(v) >= PySet_GET_SIZE(w)) Py_RETURN_FALSE;
      return set_issubset_impl(v, w);
    case Py_GT:
      if (PySet_GET_SIZE(v) <= PySet_GET_SIZE(w)) Py_RETURN_FALSE;
      return set_issuperset_impl(v, w);
  }
  Py_RETURN_NOTIMPLEMENTED;
}

// -- Number protocol --------------------------------------------------------------

PyObject* set_or(PyObject* so, PyObject* other) {
  if (!PyAnySet_Check(so) || !PyAnySet_Check(other)) Py_RETURN_NOTIMPLEMENTED;
  PyObject* result = set_copy(so);
  if (result == nullptr) return nullptr;
  if (so == other) return result;
  if (set_update_internal(as_set(result), other)) {
    Py_DECREF(result);
    return nullptr;
  }
  return result;
}

PyObject* set_and(PyObject* so, PyObject* other) {
  if (!PyAnySet_Check(so) || !PyAnySet_Check(other)) Py_RETURN_NOTIMPLEMENTED;
  return set_intersection(as_set(so), other);
}

PyObject* set_sub(PyObject* so, PyObject* other) {
  if (!PyAnySet_Check(so) || !PyAnySet_Check(other)) Py_RETURN_NOTIMPLEMENTED;
  return set_difference(as_set(so), other);
}

PyObject* set_xor(PyObject* so, PyObject* other) {
  if (!PyAnySet_Check(so) || !PyAnySet_Check(other)) Py_RETURN_NOTIMPLEMENTED;
  return set_symmetric_difference(as_set(so), other);
}

PyObject* set_ior(PyObject* so, PyObject* other) {
  if (!PyAnySet_Check(other)) Py_RETURN_NOTIMPLEMENTED;
  if (set_update_internal(as_set(so), other)) return nullptr;
  return Py_NewRef(so);
}

int set_intersection_update_impl(PySetObject* so, PyObject* other) {
  PyObject* tmp = set_intersection(so, other);
  if (tmp == nullptr) return -1;
  set_swap_bodies(so, as_set(tmp));
  Py_DECREF(tmp);
  return 0;
}

PyObject* set_iand(PyObject* so, PyObject* other) {
  if (!PyAnySet_Check(other)) Py_RETURN_NOTIMPLEMENTED;
  if (set_intersection_update_impl(as_set(so), other) < 0) return nullptr;
  return Py_NewRef(so);
}

PyObject* set_isub(PyObject* so, PyObject* other) {
  if (!PyAnySet_Check(other)) Py_RETURN_NOTIMPLEMENTED;
  if (set_difference_update_internal(as_set(so), other)) return nullptr;
  return Py_NewRef(so);
}

PyObject* set_ixor(PyObject* so, PyObject* other) {
  if (!PyAnySet_Check(other)) Py_RETURN_NOTIMPLEMENTED;
  if (set_symmetric_difference_update_impl(as_set(so), other) < 0) return nullptr;
  return Py_NewRef(so);
}

// -- Methods ------------------------------------------------------------------------

PyObject* set_add_meth(PyObject* so, PyObject* key) {
  if (set_add_key(as_set(so), key)) return nullptr;
  Py_RETURN_NONE;
}

PyObject* set_clear_meth(PyObject* so, PyObject*) {
  set_clear_internal(as_set(so));
  Py_RETURN_NONE;
}

PyObject* frozenset_copy(PyObject* so, PyObject*) {
  if (PyFrozenSet_CheckExact(so)) return Py_NewRef(so);
  return set_copy(so);
}

// A set used as a key is retried as the equivalent frozenset.
bool retry_as_frozenset(PyObject* key) {
  if (PySet_Check(key) && PyErr_ExceptionMatches(PyExc_TypeError)) {
    PyErr_Clear();
    return true;
  }
  return false;
}

int set_contains(PyObject* so, PyObject* key) {
  int rv = set_contains_key(as_set(so), key);
  if (rv < 0 && retry_as_frozenset(key)) {
    PyObject* tmpkey = make_new_set(&PyFrozenSet_Type, key);
    if (tmpkey == nullptr) return -1;
    rv = set_contains_key(as_set(so), tmpkey);
    Py_DECREF(tmpkey);
  }
  return rv;
}

PyObject* set_contains_meth(PyObject* so, PyObject* key) {
  int result = set_contains(so, key);
  if (result < 0) return nullptr;
  return PyBool_FromLong(result);
}

int set_discard_retry(PySetObject* so, PyObject* key) {
  int rv = set_discard_key(so, key);
  if (rv < 0 && retry_as_frozenset(key)) {
    PyObject* tmpkey = make_new_set(&PyFrozenSet_Type, key);
    if (tmpkey == nullptr) return -1;
    rv = set_discard_key(so, tmpkey);
    Py_DECREF(tmpkey);
  }
  return rv;
}

PyObject* set_remove_meth(PyObject* so, PyObject* key) {
  int rv = set_discard_retry(as_set(so), key);
  if (rv < 0) return nullptr;
  if (rv == kDiscardNotFound) {
    _PyErr_SetKeyError(key);
    return nullptr;
  }
  Py_RETURN_NONE;
}

PyObject* set_discard_meth(PyObject* so, PyObject* key) {
  if (set_discard_retry(as_set(so), key) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* set_pop_impl(PySetObject* so) {
  if (so->used == 0) {
    PyErr_SetString(PyExc_KeyError, "pop from an empty set");
    return nullptr;
  }
  // The finger remembers where the last pop left off.
  setentry* entry = so->table + (so->finger & so->mask);
  setentry* limit = so->table + so->mask;
  while (entry->key == nullptr || entry->key == kDummy) {
    entry++;
    if (entry > limit) entry = so->table;
  }
  PyObject* key = entry->key;
  entry->key = kDummy;
  entry->hash = -1;
  so->used--;
  so->finger = entry - so->table + 1;
  return key;
}

PyObject* set_pop_meth(PyObject* so, PyObject*) { return set_pop_impl(as_set(so)); }

PyObject* set_update_meth(PyObject* so, PyObject* const* args, Py_ssize_t nargs) {
  for (Py_ssize_t i = 0; i < nargs; i++)
    if (set_update_internal(as_set(so), args[i])) return nullptr;
  Py_RETURN_NONE;
}

PyObject* set_union_meth(PyObject* so, PyObject* const* args, Py_ssize_t nargs) {
  PyObject* result = set_copy(so);
  if (result == nullptr) return nullptr;
  for (Py_ssize_t i = 0; i < nargs; i++) {
    if (so == args[i]) continue;
    if (set_update_internal(as_set(result), args[i])) {
      Py_DECREF(result);
      return nullptr;
    }
  }
  return result;
}

PyObject* set_intersection_multi(PyObject* so, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs == 0) return set_copy(so);
  PyObject* result = Py_NewRef(so);
  for (Py_ssize_t i = 0; i < nargs; i++) {
    PyObject* newresult = set_intersection(as_set(result), args[i]);
    Py_DECREF(result);
    if (newresult == nullptr) return nullptr;
    result = newresult;
  }
  return result;
}

PyObject* set_intersection_update_multi(PyObject* so, PyObject* const* args, Py_ssize_t nargs) {
  PyObject* tmp = set_intersection_multi(so, args, nargs);
  if (tmp == nullptr) return nullptr;
  set_swap_bodies(as_set(so), as_set(tmp));
  Py_DECREF(tmp);
  Py_RETURN_NONE;
}

PyObject* set_difference_multi(PyObject* so, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs == 0) return set_copy(so);
  PyObject* result = set_difference(as_set(so), args[0]);
  if (result == nullptr) return nullptr;
  for (Py_ssize_t i = 1; i < nargs; i++) {
    if (set_difference_update_internal(as_set(result), args[i])) {
      Py_DECREF(result);
      return nullptr;
    }
  }
  return result;
}

PyObject* set_difference_update_meth(PyObject* so, PyObject* const* args, Py_ssize_t nargs) {
  for (Py_ssize_t i = 0; i < nargs; i++)
    if (set_difference_update_internal(as_set(so), args[i])) return nullptr;
  Py_RETURN_NONE;
}

PyObject* set_symmetric_difference_meth(PyObject* so, PyObject* other) {
  return set_symmetric_difference(as_set(so), other);
}

PyObject* set_symmetric_difference_update_meth(PyObject* so, PyObject* other) {
  if (set_symmetric_difference_update_impl(as_set(so), other) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* set_isdisjoint(PyObject* self, PyObject* other) {
  PySetObject* so = as_set(self);
  if (self == other) {
    if (PySet_GET_SIZE(so) == 0) Py_RETURN_TRUE;
    Py_RETURN_FALSE;
  }
  if (PyAnySet_CheckExact(other)) {
    if (PySet_GET_SIZE(other) > PySet_GET_SIZE(so)) {
      PyObject* tmp = reinterpret_cast<PyObject*>(so);
      so = as_set(other);
      other = tmp;
    }
    Py_ssize_t pos = 0;
    setentry* entry;
    while (set_next(as_set(other), &pos, &entry)) {
      PyObject* key = Py_NewRef(entry->key);
      int rv = set_contains_entry(so, key, entry->hash);
      Py_DECREF(key);
      if (rv < 0) return nullptr;
      if (rv) Py_RETURN_FALSE;
    }
    Py_RETURN_TRUE;
  }
  PyObject* it = PyObject_GetIter(other);
  if (it == nullptr) return nullptr;
  PyObject* key;
  while ((key = PyIter_Next(it)) != nullptr) {
    int rv = set_contains_key(so, key);
    Py_DECREF(key);
    if (rv < 0) {
      Py_DECREF(it);
      return nullptr;
    }
    if (rv) {
      Py_DECREF(it);
      Py_RETURN_FALSE;
    }
  }
  Py_DECREF(it);
  if (PyErr_Occurred()) return nullptr;
  Py_RETURN_TRUE;
}

PyObject* set_issubset_meth(PyObject* so, PyObject* other) { return set_issubset_impl(as_set(so), other); }
PyObject* set_issuperset_meth(PyObject* so, PyObject* other) { return set_issuperset_impl(as_set(so), other); }

PyObject* set_reduce(PyObject* so, PyObject*) {
  PyObject* keys = PySequence_List(so);
  if (keys == nullptr) return nullptr;
  PyObject* args = PyTuple_Pack(1, keys);
  Py_DECREF(keys);
  if (args == nullptr) return nullptr;
  // The state is whatever __getstate__ gives (3.11): the instance dict or None, paired with
  // the values of any __slots__.
  static PyObject* getstate_str = PyUnicode_InternFromString("__getstate__");
  PyObject* state = getstate_str ? PyObject_CallMethodNoArgs(so, getstate_str) : nullptr;
  if (state == nullptr) {
    Py_DECREF(args);
    return nullptr;
  }
  PyObject* result = PyTuple_Pack(3, Py_TYPE(so), args, state);
  Py_DECREF(args);
  Py_DECREF(state);
  return result;
}

PyObject* set_sizeof(PyObject* self, PyObject*) {
  PySetObject* so = as_set(self);
  Py_ssize_t res = Py_ssize_t(Py_TYPE(so)->tp_basicsize);
  if (so->table != so->smalltable) res += (so->mask + 1) * Py_ssize_t(sizeof(setentry));
  return PyLong_FromSsize_t(res);
}

PyObject* set_iter(PyObject* so);

#define KRAIT_VARARGS(fn) reinterpret_cast<PyCFunction>(fn), METH_FASTCALL

PyMethodDef set_methods[] = {
    {"add", set_add_meth, METH_O, "Add an element to a set.\n\nThis has no effect if the element is already present."},
    {"clear", set_clear_meth, METH_NOARGS, "Remove all elements from this set."},
    {"__contains__", set_contains_meth, METH_O | METH_COEXIST, "x.__contains__(y) <==> y in x."},
    {"copy", set_copy, METH_NOARGS, "Return a shallow copy of a set."},
    {"discard", set_discard_meth, METH_O,
     "Remove an element from a set if it is a member.\n\nUnlike set.remove(), the discard() method does not raise\n"
     "an exception when an element is missing from the set."},
    {"difference", KRAIT_VARARGS(set_difference_multi),
     "Return the difference of two or more sets as a new set.\n\n"
     "(i.e. all elements that are in this set but not the others.)"},
    {"difference_update", KRAIT_VARARGS(set_difference_update_meth),
     "Remove all elements of another set from this set."},
    {"intersection", KRAIT_VARARGS(set_intersection_multi),
     "Return the intersection of two sets as a new set.\n\n(i.e. all elements that are in both sets.)"},
    {"intersection_update", KRAIT_VARARGS(set_intersection_update_multi),
     "Update a set with the intersection of itself and another."},
    {"isdisjoint", set_isdisjoint, METH_O, "Return True if two sets have a null intersection."},
    {"issubset", set_issubset_meth, METH_O, "Report whether another set contains this set."},
    {"issuperset", set_issuperset_meth, METH_O, "Report whether this set contains another set."},
    {"pop", set_pop_meth, METH_NOARGS,
     "Remove and return an arbitrary set element.\nRaises KeyError if the set is empty."},
    {"__reduce__", set_reduce, METH_NOARGS, "Return state information for pickling."},
    {"remove", set_remove_meth, METH_O,
     "Remove an element from a set; it must be a member.\n\nIf the element is not a member, raise a KeyError."},
    {"__sizeof__", set_sizeof, METH_NOARGS, "S.__sizeof__() -> size of S in memory, in bytes"},
    {"symmetric_difference", set_symmetric_difference_meth, METH_O,
     "Return the symmetric difference of two sets as a new set.\n\n"
     "(i.e. all elements that are in exactly one of the sets.)"},
    {"symmetric_difference_update", set_symmetric_difference_update_meth, METH_O,
     "Update a set with the symmetric difference of itself and another."},
    {"union", KRAIT_VARARGS(set_union_meth),
     "Return the union of sets as a new set.\n\n(i.e. all elements that are in either set.)"},
    {"update", KRAIT_VARARGS(set_update_meth), "Update a set with the union of itself and others."},
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS, "See PEP 585"},
    {nullptr, nullptr, 0, nullptr},
};

PyMethodDef frozenset_methods[] = {
    {"__contains__", set_contains_meth, METH_O | METH_COEXIST, "x.__contains__(y) <==> y in x."},
    {"copy", frozenset_copy, METH_NOARGS, "Return a shallow copy of a set."},
    {"difference", KRAIT_VARARGS(set_difference_multi),
     "Return the difference of two or more sets as a new set.\n\n"
     "(i.e. all elements that are in this set but not the others.)"},
    {"intersection", KRAIT_VARARGS(set_intersection_multi),
     "Return the intersection of two sets as a new set.\n\n(i.e. all elements that are in both sets.)"},
    {"isdisjoint", set_isdisjoint, METH_O, "Return True if two sets have a null intersection."},
    {"issubset", set_issubset_meth, METH_O, "Report whether another set contains this set."},
    {"issuperset", set_issuperset_meth, METH_O, "Report whether this set contains another set."},
    {"__reduce__", set_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__sizeof__", set_sizeof, METH_NOARGS, "S.__sizeof__() -> size of S in memory, in bytes"},
    {"symmetric_difference", set_symmetric_difference_meth, METH_O,
     "Return the symmetric difference of two sets as a new set.\n\n"
     "(i.e. all elements that are in exactly one of the sets.)"},
    {"union", KRAIT_VARARGS(set_union_meth),
     "Return the union of sets as a new set.\n\n(i.e. all elements that are in either set.)"},
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS, "See PEP 585"},
    {nullptr, nullptr, 0, nullptr},
};
#undef KRAIT_VARARGS

PyNumberMethods set_as_number = {
    .nb_subtract = set_sub,
    .nb_and = set_and,
    .nb_xor = set_xor,
    .nb_or = set_or,
    .nb_inplace_subtract = set_isub,
    .nb_inplace_and = set_iand,
    .nb_inplace_xor = set_ixor,
    .nb_inplace_or = set_ior,
};

PyNumberMethods frozenset_as_number = {
    .nb_subtract = set_sub,
    .nb_and = set_and,
    .nb_xor = set_xor,
    .nb_or = set_or,
};

PySequenceMethods set_as_sequence = {
    .sq_length = set_len,
    .sq_contains = set_contains,
};

// -- Construction -----------------------------------------------------------------

PyObject* set_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  if ((type == &PySet_Type || type->tp_init == PySet_Type.tp_init) && !_PyArg_NoKeywords("set", kwds))
    return nullptr;
  return make_new_set(type, nullptr);
}

int set_init(PyObject* self, PyObject* args, PyObject* kwds) {
  PySetObject* so = as_set(self);
  PyObject* iterable = nullptr;
  if (!_PyArg_NoKeywords("set", kwds)) return -1;
  if (!PyArg_UnpackTuple(args, Py_TYPE(self)->tp_name, 0, 1, &iterable)) return -1;
  if (so->fill) set_clear_internal(so);
  so->hash = -1;
  if (iterable == nullptr) return 0;
  return set_update_internal(so, iterable);
}

PyObject* set_vectorcall(PyObject* type, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  if (!_PyArg_NoKwnames("set", kwnames)) return nullptr;
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  if (!_PyArg_CheckPositional("set", nargs, 0, 1)) return nullptr;
  return make_new_set(reinterpret_cast<PyTypeObject*>(type), nargs ? args[0] : nullptr);
}

PyObject* make_new_frozenset(PyTypeObject* type, PyObject* iterable) {
  if (type != &PyFrozenSet_Type) return make_new_set(type, iterable);
  // frozenset(frozenset) is the same object.
  if (iterable != nullptr && PyFrozenSet_CheckExact(iterable)) return Py_NewRef(iterable);
  return make_new_set(type, iterable);
}

PyObject* frozenset_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  if ((type == &PyFrozenSet_Type || type->tp_init == PyFrozenSet_Type.tp_init) &&
      !_PyArg_NoKeywords("frozenset", kwds))
    return nullptr;
  PyObject* iterable = nullptr;
  if (!PyArg_UnpackTuple(args, type->tp_name, 0, 1, &iterable)) return nullptr;
  return make_new_frozenset(type, iterable);
}

PyObject* frozenset_vectorcall(PyObject* type, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  if (!_PyArg_NoKwnames("frozenset", kwnames)) return nullptr;
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  if (!_PyArg_CheckPositional("frozenset", nargs, 0, 1)) return nullptr;
  return make_new_frozenset(reinterpret_cast<PyTypeObject*>(type), nargs ? args[0] : nullptr);
}

// -- Iterator -------------------------------------------------------------------------

struct SetIter {
  PyObject_HEAD
  PySetObject* si_set;  // NULL once exhausted
  Py_ssize_t si_used;
  Py_ssize_t si_pos;
  Py_ssize_t len;
};

void setiter_dealloc(PyObject* self) {
  PyObject_GC_UnTrack(self);
  Py_XDECREF(reinterpret_cast<SetIter*>(self)->si_set);
  PyObject_GC_Del(self);
}

int setiter_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<SetIter*>(self)->si_set);
  return 0;
}

PyObject* setiter_len(PyObject* self, PyObject*) {
  SetIter* si = reinterpret_cast<SetIter*>(self);
  Py_ssize_t len = 0;
  if (si->si_set != nullptr && si->si_used == si->si_set->used) len = si->len;
  return PyLong_FromSsize_t(len);
}

PyObject* setiter_next(PyObject* self) {
  SetIter* si = reinterpret_cast<SetIter*>(self);
  PySetObject* so = si->si_set;
  if (so == nullptr) return nullptr;
  if (si->si_used != so->used) {
    PyErr_SetString(PyExc_RuntimeError, "Set changed size during iteration");
    si->si_used = -1;  // make this state sticky
    return nullptr;
  }
  Py_ssize_t i = si->si_pos;
  setentry* entry = so->table;
  Py_ssize_t mask = so->mask;
  while (i <= mask && (entry[i].key == nullptr || entry[i].key == kDummy)) i++;
  si->si_pos = i + 1;
  if (i > mask) {
    si->si_set = nullptr;
    Py_DECREF(so);
    return nullptr;
  }
  si->len--;
  return Py_NewRef(entry[i].key);
}

PyObject* setiter_reduce(PyObject* self, PyObject*) {
  SetIter* si = reinterpret_cast<SetIter*>(self);
  // Iterate a copy so this iterator keeps its position.
  SetIter* copy = PyObject_GC_New(SetIter, &PySetIter_Type);
  if (copy == nullptr) return nullptr;
  copy->si_set = as_set(Py_XNewRef(reinterpret_cast<PyObject*>(si->si_set)));
  copy->si_used = si->si_used;
  copy->si_pos = si->si_pos;
  copy->len = si->len;
  PyObject_GC_Track(copy);
  PyObject* list = PySequence_List(reinterpret_cast<PyObject*>(copy));
  Py_DECREF(copy);
  if (list == nullptr) return nullptr;
  PyObject* iter = builtin_object("iter");
  if (iter == nullptr) {
    Py_DECREF(list);
    return nullptr;
  }
  return Py_BuildValue("N(N)", iter, list);
}

PyMethodDef setiter_methods[] = {
    {"__length_hint__", setiter_len, METH_NOARGS, "Private method returning an estimate of len(list(it))."},
    {"__reduce__", setiter_reduce, METH_NOARGS, "Return state information for pickling."},
    {nullptr, nullptr, 0, nullptr},
};

PyObject* set_iter(PyObject* self) {
  PySetObject* so = as_set(self);
  SetIter* si = PyObject_GC_New(SetIter, &PySetIter_Type);
  if (si == nullptr) return nullptr;
  si->si_set = as_set(Py_NewRef(self));
  si->si_used = so->used;
  si->si_pos = 0;
  si->len = so->used;
  PyObject_GC_Track(si);
  return reinterpret_cast<PyObject*>(si);
}

}  // namespace
}  // namespace krait

using namespace krait;

PyTypeObject PySet_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "set",
    .tp_basicsize = sizeof(PySetObject),
    .tp_dealloc = set_dealloc,
    .tp_repr = set_repr,
    .tp_as_number = &set_as_number,
    .tp_as_sequence = &set_as_sequence,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE | _Py_TPFLAGS_MATCH_SELF,
    .tp_doc = "set() -> new empty set object\nset(iterable) -> new set object\n\n"
              "Build an unordered collection of unique elements.",
    .tp_traverse = set_traverse,
    .tp_clear = set_tp_clear,
    .tp_richcompare = set_richcompare,
    .tp_weaklistoffset = offsetof(PySetObject, weakreflist),
    .tp_iter = set_iter,
    .tp_methods = set_methods,
    .tp_init = set_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = set_new,
    .tp_free = PyObject_GC_Del,
    .tp_vectorcall = set_vectorcall,
};

PyTypeObject PyFrozenSet_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "frozenset",
    .tp_basicsize = sizeof(PySetObject),
    .tp_dealloc = set_dealloc,
    .tp_repr = set_repr,
    .tp_as_number = &frozenset_as_number,
    .tp_as_sequence = &set_as_sequence,
    .tp_hash = frozenset_hash,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE | _Py_TPFLAGS_MATCH_SELF,
    .tp_doc = "frozenset() -> empty frozenset object\nfrozenset(iterable) -> frozenset object\n\n"
              "Build an immutable unordered collection of unique elements.",
    .tp_traverse = set_traverse,
    .tp_clear = set_tp_clear,
    .tp_richcompare = set_richcompare,
    .tp_weaklistoffset = offsetof(PySetObject, weakreflist),
    .tp_iter = set_iter,
    .tp_methods = frozenset_methods,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = frozenset_new,
    .tp_free = PyObject_GC_Del,
    .tp_vectorcall = frozenset_vectorcall,
};

PyTypeObject PySetIter_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "set_iterator",
    .tp_basicsize = sizeof(SetIter),
    .tp_dealloc = setiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = setiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = setiter_next,
    .tp_methods = setiter_methods,
};

// -- C API ------------------------------------------------------------------------------

PyObject* PySet_New(PyObject* iterable) { return make_new_set(&PySet_Type, iterable); }

PyObject* PyFrozenSet_New(PyObject* iterable) { return make_new_set(&PyFrozenSet_Type, iterable); }

Py_ssize_t PySet_Size(PyObject* anyset) {
  if (!PyAnySet_Check(anyset)) {
    PyErr_BadInternalCall();
    return -1;
  }
  return as_set(anyset)->used;
}

int PySet_Clear(PyObject* set) {
  if (!PySet_Check(set)) {
    PyErr_BadInternalCall();
    return -1;
  }
  return set_clear_internal(as_set(set));
}

int PySet_Contains(PyObject* anyset, PyObject* key) {
  if (!PyAnySet_Check(anyset)) {
    PyErr_BadInternalCall();
    return -1;
  }
  return set_contains_key(as_set(anyset), key);
}

int PySet_Discard(PyObject* set, PyObject* key) {
  if (!PySet_Check(set)) {
    PyErr_BadInternalCall();
    return -1;
  }
  return set_discard_key(as_set(set), key);
}

int PySet_Add(PyObject* anyset, PyObject* key) {
  // Filling a brand-new frozenset from C is allowed.
  if (!PySet_Check(anyset) && (!PyFrozenSet_Check(anyset) || Py_REFCNT(anyset) != 1)) {
    PyErr_BadInternalCall();
    return -1;
  }
  return set_add_key(as_set(anyset), key);
}

int _PySet_NextEntry(PyObject* set, Py_ssize_t* pos, PyObject** key, Py_hash_t* hash) {
  if (!PyAnySet_Check(set)) {
    PyErr_BadInternalCall();
    return -1;
  }
  setentry* entry;
  if (!set_next(as_set(set), pos, &entry)) return 0;
  *key = entry->key;
  *hash = entry->hash;
  return 1;
}

PyObject* PySet_Pop(PyObject* set) {
  if (!PySet_Check(set)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  return set_pop_impl(as_set(set));
}

int _PySet_Update(PyObject* set, PyObject* iterable) {
  if (!PySet_Check(set)) {
    PyErr_BadInternalCall();
    return -1;
  }
  return set_update_internal(as_set(set), iterable);
}

// The dummy's address, for code that must recognise deleted slots.
PyObject* _PySet_Dummy = kDummy;
