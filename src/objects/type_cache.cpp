// type_cache.cpp — the global attribute-lookup cache of types.
//
// type_lookup (every attribute access, method call and special-method
// dispatch) walks the MRO doing one dict lookup per class. This cache
// remembers (type version tag, name) -> result, including "absent", so a hit
// costs one hash and two compares. Correctness rests on tp_version_tag:
//   * a type gets a tag only when it is ready and every class of its MRO has
//     one (so PyType_Modified on any base reaches it: Modified stops walking
//     subclasses at untagged types, and no tagged type has an untagged base);
//   * every mutation of a type's dict goes through PyType_Modified (type
//     setattr, update_slot, __module__/__doc__/... setters), which clears the
//     tag of the type and all its subclasses; tags are never reused.
// Names are held strongly so a cached name pointer can never be recycled
// for a different string. The GIL protects the table.
#include <Python.h>

#include <cstdint>

#include "objects/type_internal.h"

extern "C" int _PyType_AssignVersionTag(PyTypeObject* type);  // type_object.cpp

namespace krait {

namespace {
struct Entry {
  unsigned int version;  // 0: empty (valid tags start at 1)
  PyObject* name;        // strong
  PyObject* value;       // borrowed from the MRO dicts, or NULL for "absent"
};
constexpr size_t kBits = 12;
Entry g_entries[size_t(1) << kBits];

inline size_t slot_of(unsigned int version, PyObject* name) {
  uint64_t h = (uint64_t(version) * 0x9E3779B97F4A7C15ull) ^ (reinterpret_cast<uintptr_t>(name) >> 4);
  h ^= h >> 29;
  return static_cast<size_t>(h & ((size_t(1) << kBits) - 1));
}
}  // namespace

bool type_ensure_version(PyTypeObject* type) {
  if (type->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG) return true;
  if (!(type->tp_flags & Py_TPFLAGS_READY) || type->tp_mro == nullptr) return false;
  if (type->tp_flags & kTpFlagsNoVersionTag) return false;
  // A metaclass's mro() may return any order (the type itself last, or a cycle through another
  // type's MRO): such types are just not cached, rather than recursing without end.
  static thread_local int depth = 0;
  if (depth > 64) return false;
  PyObject* mro = type->tp_mro;
  bool ok = true;
  depth++;
  for (Py_ssize_t i = 0; ok && i < PyTuple_GET_SIZE(mro); i++) {
    auto* base = reinterpret_cast<PyTypeObject*>(PyTuple_GET_ITEM(mro, i));
    if (base != type) ok = type_ensure_version(base);
  }
  depth--;
  if (!ok) return false;
  _PyType_AssignVersionTag(type);
  return (type->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG) != 0;
}

PyObject* type_lookup(PyTypeObject* type, PyObject* name) {
  if (!PyUnicode_CheckExact(name) || !type_ensure_version(type)) return type_lookup_uncached(type, name);
  unsigned int version = type->tp_version_tag;
  Entry& e = g_entries[slot_of(version, name)];
  if (e.version == version && e.name == name) return e.value;
  PyObject* value = type_lookup_uncached(type, name);
  // The lookup may have run __eq__ of an odd key and modified the type.
  if ((type->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG) && type->tp_version_tag == version) {
    PyObject* old = e.name;
    e.version = version;
    e.name = Py_NewRef(name);
    e.value = value;
    Py_XDECREF(old);
  }
  return value;
}

}  // namespace krait
