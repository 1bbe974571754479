// The cycle collector's state: three generations of tracked objects (each a
// circular doubly linked list of gc::Header with a sentinel head), the
// permanent generation of gc.freeze(), thresholds, statistics and the `gc`
// module's settings. One instance per process (Krait has one interpreter).
//
// List invariants outside a collection: every tracked object is on exactly
// one list, `prev` points to the previous header (plus flag bits), `next` to
// the next one; the kCollectingFlag and kUnreachableFlag bits are clear.
#pragma once
#include <Python.h>

#include "gc/gc_header.h"

namespace krait::gc {

inline constexpr int kNumGenerations = 3;

struct Generation {
  Header head;
  int threshold;
  int count;  // gen 0: allocations minus frees; older: collections of the younger one
};

struct GenerationStats {
  Py_ssize_t collections;
  Py_ssize_t collected;
  Py_ssize_t uncollectable;
};

struct State {
  Generation generations[kNumGenerations];
  Header permanent;  // gc.freeze()
  GenerationStats stats[kNumGenerations];
  bool enabled;
  bool collecting;
  bool ready;  // set once the runtime is initialized: no collections before
  int debug;
  // The oldest generation is collected only when the objects that survived a
  // gen-1 collection since the last full one exceed a quarter of the
  // survivors of that full collection (CPython 3.11's rule, issue #4074).
  Py_ssize_t long_lived_total;
  Py_ssize_t long_lived_pending;
  PyObject* garbage;    // list: gc.garbage
  PyObject* callbacks;  // list: gc.callbacks
  State();
};

extern State g_state;

// --- list primitives (shared by alloc.cpp and collector.cpp) ---------------

inline Header* prev_of(Header* h) { return reinterpret_cast<Header*>(h->prev & ~kFlagMask); }
inline void set_prev(Header* h, Header* p) {
  h->prev = (h->prev & kFlagMask) | reinterpret_cast<uintptr_t>(p);
}
inline void list_init(Header* l) {
  l->next = l;
  l->prev = reinterpret_cast<uintptr_t>(l);
}
inline bool list_empty(Header* l) { return l->next == l; }
inline void list_append(Header* h, Header* l) {
  Header* last = prev_of(l);
  set_prev(h, last);
  last->next = h;
  h->next = l;
  l->prev = reinterpret_cast<uintptr_t>(h);
}
inline void list_remove(Header* h) {
  Header* prev = prev_of(h);
  Header* next = h->next;
  prev->next = next;
  set_prev(next, prev);
  h->next = nullptr;
  h->prev &= kFinalizedFlag;  // untracked objects keep only "finalized"
}
inline void list_move(Header* h, Header* to) {
  Header* prev = prev_of(h);
  Header* next = h->next;
  prev->next = next;
  set_prev(next, prev);
  list_append(h, to);
}
// Appends all of `from` to `to`, leaving `from` empty.
inline void list_merge(Header* from, Header* to) {
  if (list_empty(from)) return;
  Header* to_tail = prev_of(to);
  Header* first = from->next;
  Header* last = prev_of(from);
  to_tail->next = first;
  set_prev(first, to_tail);
  last->next = to;
  to->prev = reinterpret_cast<uintptr_t>(last);
  list_init(from);
}
inline Py_ssize_t list_size(Header* l) {
  Py_ssize_t n = 0;
  for (Header* h = l->next; h != l; h = h->next) n++;
  return n;
}

// Runs a collection triggered by an allocation (collect_generations).
void collect_from_alloc();
// A full collection at shutdown: no callbacks, errors cleared.
Py_ssize_t collect_no_fail();
// gc.collect(generation): callbacks, statistics; 0 if already collecting.
Py_ssize_t collect_with_callbacks(int generation);

}  // namespace krait::gc
