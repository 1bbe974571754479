// Inline forms of PyObject_GC_Track/UnTrack and of the trashcan macros, for
// the runtime's own hottest allocation paths (tuple, list, dict).
//
// The exported functions and <Python.h>'s Py_TRASHCAN_BEGIN/END are calls
// into other files (four of them per deallocation for the trashcan); these do
// the common case inline with the same effect, and call out only to park an
// object past the nesting limit or to destroy the parked ones.
#pragma once
#include <Python.h>

#include "gc/gc_state.h"
#include "runtime/interp_state.h"

namespace krait::gc {

inline void track(void* op) {
  Header* h = header_of(op);
  if (__builtin_expect(h->next != nullptr, 0)) Py_FatalError("GC object already tracked");
  list_append(h, &g_state.generations[0].head);
}

inline void untrack(void* op) {
  Header* h = header_of(op);
  if (h->next != nullptr) list_remove(h);
}

inline constexpr int kTrashNestingLimit = 50;

// Destroys the objects parked by the trashcan (trashcan.cpp); called when
// the outermost trashcan-protected deallocation ends.
void trash_destroy_later(PyThreadState* ts);

}  // namespace krait::gc

// Same contract as Py_TRASHCAN_BEGIN(op, dealloc) / Py_TRASHCAN_END.
#define KRAIT_TRASHCAN_BEGIN(op, dealloc)                                              \
  do {                                                                                 \
    PyThreadState* krait_trash_ts_ = nullptr;                                          \
    if (Py_TYPE(op)->tp_dealloc == static_cast<destructor>(dealloc)) {                 \
      krait_trash_ts_ = krait::tstate();                                               \
      if (krait_trash_ts_->trash_delete_nesting >= krait::gc::kTrashNestingLimit) {    \
        if (_PyTrash_begin(krait_trash_ts_, reinterpret_cast<PyObject*>(op))) break;   \
      } else {                                                                         \
        ++krait_trash_ts_->trash_delete_nesting;                                       \
      }                                                                                \
    }

#define KRAIT_TRASHCAN_END                                                             \
    if (krait_trash_ts_ && --krait_trash_ts_->trash_delete_nesting == 0 &&             \
        krait_trash_ts_->trash_delete_later)                                           \
      krait::gc::trash_destroy_later(krait_trash_ts_);                                 \
  } while (0);
