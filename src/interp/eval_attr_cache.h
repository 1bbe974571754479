// eval_attr_cache.h — LOAD_ATTR / STORE_ATTR inline caches on instances.
//
// The two cache units after the instruction hold the instance type's
// tp_version_tag and what the attribute was found to be on that type:
//   kSlot  a __slots__ member (object slot at `offset`, no flags): read or
//          written directly, like the member descriptor would;
//   kDict  no data descriptor on the type (for stores: no descriptor with
//          __set__), so the instance dict decides: looked up / stored
//          directly. The low 24 bits are an entry-index hint: instances
//          of one class usually insert their attributes in the same order,
//          so `dict entries[hint].key is name` finds the value without
//          hashing or probing; a wrong hint is only a miss.
// Valid tags are never reused and every change to a type or its bases
// clears them (PyType_Modified), so "same tag" means "same lookup result"
// for any instance of that type. Anything unusual (attribute absent,
// NULL slot, no instance dict yet, __getattr__) takes the generic
// PyObject_GetAttr/SetAttr path, which raises CPython's errors.
#pragma once
#include <Python.h>
#include <structmember.h>

#include <cstring>

#include "bytecode/code.h"
#include "interp/eval_fastpaths.h"
#include "gc/gc_header.h"
#include "objects/container_util.h"
#include "objects/dict_object.h"
#include "objects/type_internal.h"

namespace krait::interp {

enum : uint32_t { kAttrSlot = 1, kAttrDict = 2 };

inline PyObject** slot_address(PyObject* o, uint32_t info) {
  return reinterpret_cast<PyObject**>(reinterpret_cast<char*>(o) + (info & 0xFFFFFF));
}

// Fills the cache for (type of o, name); `store` asks for STORE_ATTR's kinds.
inline void attr_cache_fill(bytecode::CodeUnit* cache, PyTypeObject* tp, PyObject* name, bool store) {
  cache[0] = 0;
  if (!tp->tp_dict || !type_ensure_version(tp)) return;
  if (store ? tp->tp_setattro != PyObject_GenericSetAttr : tp->tp_getattro != PyObject_GenericGetAttr) return;
  PyObject* descr = type_lookup(tp, name);
  uint32_t info = 0;
  if (descr && Py_TYPE(descr) == &PyMemberDescr_Type) {
    PyMemberDef* m = reinterpret_cast<PyMemberDescrObject*>(descr)->d_member;
    if (m->type == T_OBJECT_EX && m->flags == 0 && m->offset > 0 && m->offset < (1 << 24) &&
        PyType_IsSubtype(tp, PyDescr_TYPE(descr)))
      info = (kAttrSlot << 24) | static_cast<uint32_t>(m->offset);
  } else if (tp->tp_dictoffset > 0) {
    bool data = descr && Py_TYPE(descr)->tp_descr_set && (store || Py_TYPE(descr)->tp_descr_get);
    // A class attribute whose type is a heap type may become a data descriptor later (its class
    // gains __get__/__set__) without any change to tp's version: not cacheable, as in CPython.
    bool mutable_kind = descr && (Py_TYPE(descr)->tp_flags & Py_TPFLAGS_HEAPTYPE);
    if (!data && !mutable_kind) info = kAttrDict << 24;
  }
  if (!info || !(tp->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG)) return;
  cache[0] = tp->tp_version_tag;
  cache[1] = info;
}

// The value at entry `hint` of an exact dict if that entry's key is `name`
// (borrowed), else NULL.
inline PyObject* dict_hint_get(PyObject* dict, PyObject* name, uint32_t hint) {
  PyDictKeysObject* dk = reinterpret_cast<PyDictObject*>(dict)->ma_keys;
  if (static_cast<Py_ssize_t>(hint) >= dk->dk_nentries) return nullptr;
  DictEntry* e = &dk_entries(dk)[hint];
  return e->key == name ? e->value : nullptr;
}

// Entry index of the str `name` in an exact dict whose keys are all exact
// strs, so the probe runs no Python __eq__ (kDkixEmpty if absent); *value
// gets the value, borrowed. Uses the str's cached hash. kNotAllStr: the
// caller must use the dict's generic lookup.
constexpr Py_ssize_t kNotAllStr = -100;
inline Py_ssize_t dict_find(PyObject* dict, PyObject* name, PyObject** value) {
  auto* mp = reinterpret_cast<PyDictObject*>(dict);
  Py_hash_t h = reinterpret_cast<PyASCIIObject*>(name)->hash;
  if (!mp->ma_keys->dk_all_str || h == -1) return kNotAllStr;
  return dict_lookup(mp, name, h, value);
}

// o.name through the cache: a new reference, or NULL for "use the generic
// path" (with an exception set only if a dict lookup failed).
inline PyObject* load_attr_cached(bytecode::CodeUnit* cache, PyObject* o, PyObject* name) {
  PyTypeObject* tp = Py_TYPE(o);
  if (cache[0] == 0 || tp->tp_version_tag != cache[0]) {
    attr_cache_fill(cache, tp, name, false);
    if (cache[0] == 0) return nullptr;
  }
  uint32_t info = cache[1];
  if ((info >> 24) == kAttrSlot) return Py_XNewRef(*slot_address(o, info));
  PyObject* dict = instance_dict(o);
  if (!dict) return nullptr;
  PyObject* v = dict_hint_get(dict, name, info & 0xFFFFFF);
  if (v) return Py_NewRef(v);
  Py_ssize_t ix = dict_find(dict, name, &v);
  if (ix == kNotAllStr) return Py_XNewRef(PyDict_GetItemWithError(dict, name));
  if (ix >= 0 && ix < (1 << 24)) cache[1] = (kAttrDict << 24) | static_cast<uint32_t>(ix);
  return Py_XNewRef(v);
}

// o.name = v through the cache: 0, -1 with an exception, or 1 for "use the
// generic path". Does not consume v.
inline int store_attr_cached(bytecode::CodeUnit* cache, PyObject* o, PyObject* name, PyObject* v) {
  PyTypeObject* tp = Py_TYPE(o);
  if (cache[0] == 0 || tp->tp_version_tag != cache[0]) {
    attr_cache_fill(cache, tp, name, true);
    if (cache[0] == 0) return 1;
  }
  uint32_t info = cache[1];
  if ((info >> 24) == kAttrSlot) {
    PyObject** addr = slot_address(o, info);
    PyObject* old = *addr;
    *addr = Py_NewRef(v);
    Py_XDECREF(old);
    return 0;
  }
  PyObject* dict = instance_dict(o);
  if (!dict || !PyUnicode_CheckExact(name)) return 1;
  // Replacing an existing attribute: write the entry in place (what
  // dict_setitem does for a present key), if the GC already tracks the dict.
  auto* mp = reinterpret_cast<PyDictObject*>(dict);
  if (gc::is_tracked(dict)) {
    PyObject* old = dict_hint_get(dict, name, info & 0xFFFFFF);
    Py_ssize_t ix = static_cast<Py_ssize_t>(info & 0xFFFFFF);
    if (!old) {
      ix = dict_find(dict, name, &old);
      if (ix >= 0 && ix < (1 << 24)) cache[1] = (kAttrDict << 24) | static_cast<uint32_t>(ix);
    }
    if (old) {
      dk_entries(mp->ma_keys)[ix].value = Py_NewRef(v);
      mp->ma_version_tag = next_dict_version();
      Py_DECREF(old);
      return 0;
    }
  }
  return PyDict_SetItem(dict, name, v);
}

// LOAD_METHOD's four cache units: the type's version tag, whether instances
// have a dict that could shadow the method, and the method (a function or
// method descriptor found on the type, borrowed: the type's dict holds it
// while the tag is valid).
enum : uint32_t { kMethNoDict = 1, kMethDict = 2 };
struct MethodCache {
  uint32_t version;
  uint32_t kind;
  PyObject* meth;
};
static_assert(sizeof(MethodCache) == 4 * sizeof(bytecode::CodeUnit), "LOAD_METHOD has 4 cache units");

// The unbound method for o.name if the [meth self] form applies (borrowed),
// else NULL: the caller then uses PyObject_GetAttr, unless *failed (an
// instance dict lookup raised).
inline PyObject* load_method_cached(bytecode::CodeUnit* cache, PyObject* o, PyObject* name, bool* failed) {
  PyTypeObject* tp = Py_TYPE(o);
  MethodCache c;
  std::memcpy(&c, cache, sizeof c);
  if (c.version == 0 || tp->tp_version_tag != c.version) {
    c = MethodCache{};
    if (tp->tp_getattro == PyObject_GenericGetAttr && tp->tp_dict && tp->tp_dictoffset >= 0 &&
        type_ensure_version(tp)) {
      PyObject* meth = type_lookup(tp, name);
      if (meth && PyType_HasFeature(Py_TYPE(meth), Py_TPFLAGS_METHOD_DESCRIPTOR) &&
          (tp->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG))
        c = MethodCache{tp->tp_version_tag, tp->tp_dictoffset == 0 ? kMethNoDict : kMethDict, meth};
    }
    std::memcpy(cache, &c, sizeof c);
    if (c.version == 0) return nullptr;
  }
  if (c.kind == kMethDict) {
    PyObject* dict = *reinterpret_cast<PyObject**>(reinterpret_cast<char*>(o) + tp->tp_dictoffset);
    // The bloom filter of the dict's hashes rules out most shadowing without a probe.
    Py_hash_t h = reinterpret_cast<PyASCIIObject*>(name)->hash;
    if (dict && (!PyDict_CheckExact(dict) || h == -1 ||
                 dk_may_contain(reinterpret_cast<PyDictObject*>(dict)->ma_keys, h))) {
      PyObject* shadow = nullptr;
      if (!PyDict_CheckExact(dict) || dict_find(dict, name, &shadow) == kNotAllStr) {
        Py_INCREF(dict);
        shadow = PyDict_GetItemWithError(dict, name);
        Py_DECREF(dict);
        if (!shadow && PyErr_Occurred()) {
          *failed = true;
          return nullptr;
        }
        if (!shadow && tp->tp_version_tag != c.version) return nullptr;  // the lookup ran code that changed the type
      }
      if (shadow) return nullptr;
    }
  }
  return c.meth;
}

}  // namespace krait::interp
