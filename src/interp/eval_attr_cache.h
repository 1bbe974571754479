// eval_attr_cache.h — LOAD_ATTR / STORE_ATTR inline caches on instances.
//
// The two cache units after the instruction hold the instance type's
// tp_version_tag and what the attribute was found to be on that type:
//   kSlot  a __slots__ member (object slot at `offset`, no flags): read or
//          written directly, like the member descriptor would;
//   kDict  no data descriptor on the type (for stores: no descriptor with
//          __set__), so the instance dict decides: looked up / stored
//          directly.
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
  return Py_XNewRef(PyDict_GetItemWithError(dict, name));
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
    if (dict) {
      Py_INCREF(dict);
      PyObject* shadow = PyDict_GetItemWithError(dict, name);
      Py_DECREF(dict);
      if (shadow) return nullptr;
      if (PyErr_Occurred()) {
        *failed = true;
        return nullptr;
      }
      if (tp->tp_version_tag != c.version) return nullptr;  // the lookup ran code that changed the type
    }
  }
  return c.meth;
}

}  // namespace krait::interp
