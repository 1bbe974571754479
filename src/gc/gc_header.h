// The header Krait places in front of every object of a GC type
// (Py_TPFLAGS_HAVE_GC). DESIGN.md §1 leaves this layout to us.
//
// Tracked objects sit on a doubly linked list per generation so the cycle
// collector (trial deletion, driven by tp_traverse) can walk them; untracked
// objects have next == nullptr. The low bits of `prev` carry flags, because the
// header is hot and must stay two words (the same cost CPython pays).
#pragma once
#include <Python.h>
#include <cstdint>

namespace krait::gc {

struct Header {
  Header* next;      // nullptr when untracked
  uintptr_t prev;    // previous Header* | flag bits
};
static_assert(sizeof(Header) == 16, "GC header must stay two words");

inline constexpr uintptr_t kFinalizedFlag = 1;  // tp_finalize has run (PEP 442)
// Set only while a collection runs, on objects of the generations being
// collected (then `prev` holds gc_refs << kRefsShift instead of a pointer).
inline constexpr uintptr_t kCollectingFlag = 2;
inline constexpr uintptr_t kFlagMask = 3;
inline constexpr int kRefsShift = 2;
// Low bit of `next`, set only inside a collection on the tentatively
// unreachable list (headers are 8-aligned, so the bit is free).
inline constexpr uintptr_t kUnreachableFlag = 1;

inline Header* header_of(const void* op) {
  return reinterpret_cast<Header*>(const_cast<char*>(static_cast<const char*>(op)) - sizeof(Header));
}
inline PyObject* object_of(Header* h) {
  return reinterpret_cast<PyObject*>(reinterpret_cast<char*>(h) + sizeof(Header));
}
inline bool is_gc(PyObject* op) { return PyType_IS_GC(Py_TYPE(op)) &&
    (!Py_TYPE(op)->tp_is_gc || Py_TYPE(op)->tp_is_gc(op)); }
inline bool is_tracked(const void* op) { return header_of(op)->next != nullptr; }

// Allocates `size` bytes of object preceded by a zeroed, untracked header.
// Counts the allocation and may run a collection first (src/gc/collector.cpp),
// as CPython does: allocation of a GC object is the collector's safe point.
PyObject* alloc_object(size_t size);
// Total tracked objects, over all generations (for tests).
Py_ssize_t tracked_count();

}  // namespace krait::gc
