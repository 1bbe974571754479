// eval_globals_cache.h — LOAD_GLOBAL's inline cache.
//
// The six cache units after LOAD_GLOBAL hold (as unaligned 64-bit values)
// the globals dict's ma_version_tag, the builtins dict's version (0 when
// the name was found in globals, so builtins do not matter) and the value
// (borrowed). Versions come from one global counter bumped by every dict
// mutation and never reused, so "same version" means "same dict, unchanged
// since": the dict still holds the value, and a name found in builtins is
// still absent from globals. Only exact dicts are cached (a subclass may
// override __getitem__). A miss re-does the lookup and refills the cache.
//
// Code units are shared by every frame running the code and written in
// place; the GIL serializes that. Marshal and co_code write the caches as
// zeros (bytecode::clean_code_units), since versions mean nothing in
// another process.
#pragma once
#include <Python.h>

#include <cstring>

#include "bytecode/code.h"

namespace krait::interp {

struct GlobalCache {
  uint64_t globals_version;
  uint64_t builtins_version;
  PyObject* value;
};
static_assert(sizeof(GlobalCache) == 6 * sizeof(bytecode::CodeUnit), "LOAD_GLOBAL has 6 cache units");

// The cached value (borrowed) if the cache at `cache` is still valid.
inline PyObject* global_cache_hit(const bytecode::CodeUnit* cache, PyObject* globals, PyObject* builtins) {
  GlobalCache c;
  std::memcpy(&c, cache, sizeof c);
  if (!c.value || !PyDict_CheckExact(globals) ||
      reinterpret_cast<PyDictObject*>(globals)->ma_version_tag != c.globals_version)
    return nullptr;
  if (c.builtins_version &&
      (!PyDict_CheckExact(builtins) || reinterpret_cast<PyDictObject*>(builtins)->ma_version_tag != c.builtins_version))
    return nullptr;
  return c.value;
}

// Looks `name` up in exact-dict globals then builtins and fills the cache.
// New reference; NULL with no exception when the dicts are not exact or the
// name is missing (the caller's generic path then decides), NULL with an
// exception on a lookup error.
inline PyObject* load_global_cached(bytecode::CodeUnit* cache, PyObject* globals, PyObject* builtins,
                                    PyObject* name) {
  if (!PyDict_CheckExact(globals) || !PyDict_CheckExact(builtins)) return nullptr;
  GlobalCache c{};
  // Versions are read before the lookups: an odd key's __eq__ could mutate
  // a dict meanwhile, and then the cache must not be filled.
  uint64_t gv = reinterpret_cast<PyDictObject*>(globals)->ma_version_tag;
  uint64_t bv = reinterpret_cast<PyDictObject*>(builtins)->ma_version_tag;
  PyObject* v = PyDict_GetItemWithError(globals, name);
  if (!v) {
    if (PyErr_Occurred()) return nullptr;
    v = PyDict_GetItemWithError(builtins, name);
    if (!v) return nullptr;
    c.builtins_version = bv;
  }
  c.globals_version = gv;
  c.value = v;
  if (reinterpret_cast<PyDictObject*>(globals)->ma_version_tag != gv ||
      reinterpret_cast<PyDictObject*>(builtins)->ma_version_tag != bv || bv == 0 || gv == 0)
    return Py_NewRef(v);
  std::memcpy(cache, &c, sizeof c);
  return Py_NewRef(v);
}

}  // namespace krait::interp
