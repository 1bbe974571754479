// Conventions shared by every object implementation in src/objects/.
//
// - Static types are defined with C++20 designated initializers:
//       PyTypeObject PyLong_Type = {
//           .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
//           .tp_name = "int", ...
//       };
//   and listed once in static_types.def so that runtime start-up readies them
//   (PyType_Ready) in that order. Readying makes them immortal.
// - Immortal objects (None, True/False, small ints, static types, singletons)
//   carry kImmortalRefcnt: no real program can decref them to zero, and hot
//   paths may skip their count updates (DESIGN.md §2).
// - New references in C++ code travel in krait::Ref<T> (support/ref.h).
#pragma once
#include <Python.h>
#include "support/ref.h"

namespace krait {

// Large enough that decrefs never reach zero; small enough that increfs by
// careless extensions never overflow Py_ssize_t.
inline constexpr Py_ssize_t kImmortalRefcnt = Py_ssize_t(1) << 60;

inline void make_immortal(PyObject* op) { op->ob_refcnt = kImmortalRefcnt; }
inline bool is_immortal(PyObject* op) { return op->ob_refcnt >= (kImmortalRefcnt >> 1); }

}  // namespace krait

// Object header initializers for statically allocated immortal objects.
#define KRAIT_IMMORTAL_HEAD(type) {::krait::kImmortalRefcnt, (type)}
#define KRAIT_IMMORTAL_VAR_HEAD(type, size) {KRAIT_IMMORTAL_HEAD(type), (size)}
