// The cycle collector: generational trial deletion, CPython 3.11's algorithm
// (same phases in the same order, so finalizers and weakref callbacks run in
// the order CPython runs them and gc.collect() returns the same counts).
//
// A collection of generation g merges the younger generations into g
// ("young") and then:
//  1. update_refs: each young object's gc_refs := its refcount (stored in the
//     `prev` word of its header, which makes the list singly linked for now);
//  2. subtract_refs: tp_traverse every young object, decrementing gc_refs of
//     the young objects it references; what remains counts references from
//     outside the young set;
//  3. move_unreachable: objects with gc_refs > 0 are reachable, and so is
//     everything they reach (re-rescued from the tentatively unreachable
//     list); the rest is unreachable. `prev` pointers are restored on the way;
//  4. survivors move to the next generation; objects with a legacy tp_del
//     (and everything they reach) go to gc.garbage untouched;
//  5. weakrefs to unreachable objects are cleared; callbacks run only for
//     weakrefs that are themselves reachable;
//  6. tp_finalize (PEP 442) runs once per object; steps 1-3 are repeated on
//     the unreachable set to find objects a finalizer resurrected;
//  7. tp_clear breaks the cycles of what is still unreachable, and reference
//     counting frees it.
#include <Python.h>

#include <chrono>
#include <cstdio>

#include "gc/gc_state.h"

namespace krait::gc {
namespace {

// --- gc_refs in the `prev` word while collecting ----------------------------

inline bool is_collecting(Header* h) { return (h->prev & kCollectingFlag) != 0; }
inline void clear_collecting(Header* h) { h->prev &= ~kCollectingFlag; }
inline Py_ssize_t get_refs(Header* h) {
  return static_cast<Py_ssize_t>(static_cast<intptr_t>(h->prev) >> kRefsShift);
}
inline void set_refs(Header* h, Py_ssize_t refs) {
  h->prev = (h->prev & kFlagMask) | (static_cast<uintptr_t>(refs) << kRefsShift);
}
inline void reset_refs(Header* h, Py_ssize_t refs) {
  h->prev = (h->prev & kFinalizedFlag) | kCollectingFlag | (static_cast<uintptr_t>(refs) << kRefsShift);
}
inline void decref_refs(Header* h) { h->prev -= uintptr_t{1} << kRefsShift; }

inline Header* next_of(Header* h) { return h->next; }

// Objects of GC types only; static type objects are not GC (tp_is_gc).
inline bool gc_object(PyObject* op) { return is_gc(op); }

void update_refs(Header* containers) {
  for (Header* h = containers->next; h != containers; h = h->next) {
    PyObject* op = object_of(h);
    reset_refs(h, Py_REFCNT(op));
    if (Py_REFCNT(op) <= 0) {
      fprintf(stderr, "krait gc: tracked object %p of type %s has refcount %zd\n",
              static_cast<void*>(op), Py_TYPE(op)->tp_name, Py_REFCNT(op));
      Py_FatalError("GC object with a non-positive refcount");
    }
  }
}

int visit_decref(PyObject* op, void*) {
  if (gc_object(op)) {
    Header* h = header_of(op);
    if (is_collecting(h)) decref_refs(h);
  }
  return 0;
}

void subtract_refs(Header* containers) {
  for (Header* h = containers->next; h != containers; h = h->next) {
    PyObject* op = object_of(h);
    traverseproc traverse = Py_TYPE(op)->tp_traverse;
    if (traverse) traverse(op, visit_decref, op);
  }
#ifndef NDEBUG
  // A negative count means some tp_traverse visits a reference it does not
  // own: the collector would free a live object. Name the culprit.
  for (Header* h = containers->next; h != containers; h = h->next) {
    if (get_refs(h) < 0) {
      PyObject* op = object_of(h);
      fprintf(stderr, "krait gc: %s object %p%s%s is visited more often than referenced (%zd)\n",
              Py_TYPE(op)->tp_name, static_cast<void*>(op), PyType_Check(op) ? " named " : "",
              PyType_Check(op) ? reinterpret_cast<PyTypeObject*>(op)->tp_name : "", get_refs(h));
      Py_FatalError("a tp_traverse visits references it does not own");
    }
  }
#endif
}

// Moves a tentatively unreachable object back to the young list (its tail).
int visit_reachable(PyObject* op, void* arg) {
  auto* reachable = static_cast<Header*>(arg);
  if (!gc_object(op)) return 0;
  Header* h = header_of(op);
  if (!is_collecting(h)) return 0;
  auto next_bits = reinterpret_cast<uintptr_t>(h->next);
  if (next_bits & kUnreachableFlag) {
    // On the unreachable list (a proper doubly linked list whose `next`
    // words carry the flag): unlink, keeping the flag on the predecessor.
    Header* prev = prev_of(h);
    auto* next = reinterpret_cast<Header*>(next_bits & ~kUnreachableFlag);
    prev->next = h->next;  // keeps the flag
    set_prev(next, prev);
    list_append(h, reachable);
    set_refs(h, 1);
  } else if (get_refs(h) == 0) {
    // Not scanned yet: it will be, and it is reachable.
    set_refs(h, 1);
  }
  return 0;
}

// Splits `young` into reachable (stays in young, prev pointers restored,
// collecting flag cleared) and unreachable (moved to `unreachable`, collecting
// flag kept, kUnreachableFlag in every `next`, including the head's).
void move_unreachable(Header* young, Header* unreachable) {
  Header* prev = young;
  Header* h = young->next;
  while (h != young) {
    if (get_refs(h)) {
      PyObject* op = object_of(h);
      traverseproc traverse = Py_TYPE(op)->tp_traverse;
      if (traverse) traverse(op, visit_reachable, young);
      set_prev(h, prev);
      clear_collecting(h);
      prev = h;
    } else {
      // Tentatively unreachable: a later object may still rescue it.
      prev->next = h->next;
      Header* last = prev_of(unreachable);
      last->next = reinterpret_cast<Header*>(kUnreachableFlag | reinterpret_cast<uintptr_t>(h));
      set_prev(h, last);
      h->next = reinterpret_cast<Header*>(kUnreachableFlag | reinterpret_cast<uintptr_t>(unreachable));
      unreachable->prev = reinterpret_cast<uintptr_t>(h);
    }
    h = prev->next;
  }
  young->prev = reinterpret_cast<uintptr_t>(prev);
  unreachable->next = reinterpret_cast<Header*>(reinterpret_cast<uintptr_t>(unreachable->next) & ~kUnreachableFlag);
}

void deduce_unreachable(Header* base, Header* unreachable) {
  update_refs(base);
  subtract_refs(base);
  move_unreachable(base, unreachable);
}

void clear_unreachable_mask(Header* unreachable) {
  for (Header* h = unreachable->next; h != unreachable;) {
    h->next = reinterpret_cast<Header*>(reinterpret_cast<uintptr_t>(h->next) & ~kUnreachableFlag);
    h = h->next;
  }
}

void untrack_tuples(Header* head) {
  for (Header* h = head->next; h != head;) {
    Header* next = h->next;
    PyObject* op = object_of(h);
    if (PyTuple_CheckExact(op)) _PyTuple_MaybeUntrack(op);
    h = next;
  }
}

void untrack_dicts(Header* head) {
  for (Header* h = head->next; h != head;) {
    Header* next = h->next;
    PyObject* op = object_of(h);
    if (PyDict_CheckExact(op)) _PyDict_MaybeUntrack(op);
    h = next;
  }
}

bool has_legacy_finalizer(PyObject* op) { return Py_TYPE(op)->tp_del != nullptr; }

// Clears kUnreachableFlag and moves objects with tp_del to `finalizers`.
void move_legacy_finalizers(Header* unreachable, Header* finalizers) {
  for (Header* h = unreachable->next; h != unreachable;) {
    h->next = reinterpret_cast<Header*>(reinterpret_cast<uintptr_t>(h->next) & ~kUnreachableFlag);
    Header* next = h->next;
    if (has_legacy_finalizer(object_of(h))) {
      clear_collecting(h);
      list_move(h, finalizers);
    }
    h = next;
  }
}

int visit_move(PyObject* op, void* arg) {
  if (gc_object(op)) {
    Header* h = header_of(op);
    if (is_collecting(h)) {
      list_move(h, static_cast<Header*>(arg));
      clear_collecting(h);
    }
  }
  return 0;
}

// Everything reachable from an object with tp_del must survive too.
void move_legacy_finalizer_reachable(Header* finalizers) {
  for (Header* h = finalizers->next; h != finalizers; h = h->next) {
    PyObject* op = object_of(h);
    traverseproc traverse = Py_TYPE(op)->tp_traverse;
    if (traverse) traverse(op, visit_move, finalizers);
  }
}

bool supports_weakrefs(PyObject* op) { return Py_TYPE(op)->tp_weaklistoffset > 0; }

PyWeakReference** weakrefs_of(PyObject* op) {
  return reinterpret_cast<PyWeakReference**>(reinterpret_cast<char*>(op) + Py_TYPE(op)->tp_weaklistoffset);
}

// Clears every weakref to an unreachable object before any finalizer or
// tp_clear runs, so no callback can resurrect garbage; calls the callbacks of
// the weakrefs that are themselves reachable. Returns how many of those
// weakrefs died as a result (counted as collected, as CPython does).
Py_ssize_t handle_weakrefs(Header* unreachable, Header* old) {
  Header to_call;
  list_init(&to_call);
  for (Header* h = unreachable->next; h != unreachable; h = h->next) {
    PyObject* op = object_of(h);
    // A weakref that is garbage itself must not call back from tp_clear.
    if (PyWeakref_Check(op)) _PyWeakref_ClearRef(reinterpret_cast<PyWeakReference*>(op));
    if (!supports_weakrefs(op)) continue;
    PyWeakReference** list = weakrefs_of(op);
    for (PyWeakReference* wr = *list; wr != nullptr; wr = *list) {
      _PyWeakref_ClearRef(wr);  // unlinks it: *list changes
      if (wr->wr_callback == nullptr) continue;
      Header* wh = header_of(wr);
      if (is_collecting(wh)) continue;  // the weakref is garbage too
      if (wh->next == nullptr) continue;  // untracked: not ours to move
      Py_INCREF(wr);
      list_move(wh, &to_call);
    }
  }
  Py_ssize_t freed = 0;
  while (!list_empty(&to_call)) {
    Header* h = to_call.next;
    auto* wr = reinterpret_cast<PyWeakReference*>(object_of(h));
    PyObject* callback = wr->wr_callback;
    PyObject* res = PyObject_CallOneArg(callback, reinterpret_cast<PyObject*>(wr));
    if (res == nullptr) PyErr_WriteUnraisable(callback);
    else Py_DECREF(res);
    Py_DECREF(wr);
    if (to_call.next == h) list_move(h, old);  // still alive
    else freed++;
  }
  return freed;
}

// PEP 442: tp_finalize once per object. Finalizers may free anything, so
// always take the first remaining object.
void finalize_garbage(Header* collectable) {
  Header seen;
  list_init(&seen);
  while (!list_empty(collectable)) {
    Header* h = collectable->next;
    PyObject* op = object_of(h);
    list_move(h, &seen);
    destructor finalize = Py_TYPE(op)->tp_finalize;
    if (!(h->prev & kFinalizedFlag) && finalize != nullptr) {
      h->prev |= kFinalizedFlag;
      Py_INCREF(op);
      finalize(op);
      if (PyErr_Occurred()) PyErr_WriteUnraisable(op);
      Py_DECREF(op);
    }
  }
  list_merge(&seen, collectable);
}

void clear_collecting_all(Header* l) {
  for (Header* h = l->next; h != l; h = h->next) clear_collecting(h);
}

// After finalizers: what a finalizer made reachable again survives.
void handle_resurrected_objects(Header* unreachable, Header* still_unreachable, Header* old) {
  clear_collecting_all(unreachable);
  deduce_unreachable(unreachable, still_unreachable);
  clear_unreachable_mask(still_unreachable);
  list_merge(unreachable, old);
}

void delete_garbage(State& g, Header* collectable, Header* old) {
  while (!list_empty(collectable)) {
    Header* h = collectable->next;
    PyObject* op = object_of(h);
    if (g.debug & 32 /* DEBUG_SAVEALL */) {
      if (g.garbage == nullptr || PyList_Append(g.garbage, op) < 0) PyErr_Clear();
    } else if (inquiry clear = Py_TYPE(op)->tp_clear) {
      Py_INCREF(op);
      clear(op);
      if (PyErr_Occurred()) {
        PyErr_WriteUnraisable(reinterpret_cast<PyObject*>(Py_TYPE(op)));
      }
      Py_DECREF(op);
    }
    if (collectable->next == h) {
      // Still alive: it may die later.
      clear_collecting(h);
      list_move(h, old);
    }
  }
}

void debug_cycle(const char* msg, PyObject* op) {
  PySys_FormatStderr("gc: %s <%s %p>\n", msg, Py_TYPE(op)->tp_name, op);
}

void handle_legacy_finalizers(State& g, Header* finalizers, Header* old) {
  for (Header* h = finalizers->next; h != finalizers; h = h->next) {
    PyObject* op = object_of(h);
    if ((g.debug & 32) || has_legacy_finalizer(op)) {
      if (g.garbage == nullptr || PyList_Append(g.garbage, op) < 0) {
        PyErr_Clear();
        break;
      }
    }
  }
  list_merge(finalizers, old);
}

// The collection proper. Returns the number of unreachable objects found
// (collected + uncollectable).
Py_ssize_t collect_main(int generation, Py_ssize_t* n_collected, Py_ssize_t* n_uncollectable,
                        bool nofail) {
  State& g = g_state;
  constexpr int kDebugStats = 1, kDebugCollectable = 2, kDebugUncollectable = 4;
  if (g.debug & kDebugStats) {
    PySys_WriteStderr("gc: collecting generation %d...\n", generation);
    PySys_FormatStderr("gc: objects in each generation: %zd %zd %zd\n",
                       list_size(&g.generations[0].head), list_size(&g.generations[1].head),
                       list_size(&g.generations[2].head));
    PySys_FormatStderr("gc: objects in permanent generation: %zd\n", list_size(&g.permanent));
  }
  auto t1 = std::chrono::steady_clock::now();
  if (generation + 1 < kNumGenerations) g.generations[generation + 1].count += 1;
  for (int i = 0; i <= generation; i++) g.generations[i].count = 0;

  for (int i = 0; i < generation; i++) list_merge(&g.generations[i].head, &g.generations[generation].head);
  Header* young = &g.generations[generation].head;
  Header* old = generation < kNumGenerations - 1 ? &g.generations[generation + 1].head : young;

  Header unreachable;
  list_init(&unreachable);
  deduce_unreachable(young, &unreachable);

  untrack_tuples(young);
  if (young != old) {
    if (generation == kNumGenerations - 2) g.long_lived_pending += list_size(young);
    list_merge(young, old);
  } else {
    // Dicts only in full collections, to avoid quadratic build-up (#14775).
    untrack_dicts(young);
    g.long_lived_pending = 0;
    g.long_lived_total = list_size(young);
  }

  Header finalizers;
  list_init(&finalizers);
  move_legacy_finalizers(&unreachable, &finalizers);
  move_legacy_finalizer_reachable(&finalizers);

  if (g.debug & kDebugCollectable) {
    for (Header* h = unreachable.next; h != &unreachable; h = h->next) debug_cycle("collectable", object_of(h));
  }

  Py_ssize_t m = handle_weakrefs(&unreachable, old);
  finalize_garbage(&unreachable);

  Header final_unreachable;
  list_init(&final_unreachable);
  handle_resurrected_objects(&unreachable, &final_unreachable, old);

  m += list_size(&final_unreachable);
  delete_garbage(g, &final_unreachable, old);

  Py_ssize_t n = 0;
  for (Header* h = finalizers.next; h != &finalizers; h = h->next) {
    n++;
    if (g.debug & kDebugUncollectable) debug_cycle("uncollectable", object_of(h));
  }
  if (g.debug & kDebugStats) {
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
    PySys_WriteStderr("gc: done, %zd unreachable, %zd uncollectable, %.4fs elapsed\n", n + m, n, elapsed);
  }
  handle_legacy_finalizers(g, &finalizers, old);

  if (PyErr_Occurred()) {
    if (nofail) PyErr_Clear();
    else PyErr_WriteUnraisable(nullptr);
  }
  if (n_collected) *n_collected = m;
  if (n_uncollectable) *n_uncollectable = n;
  GenerationStats& st = g.stats[generation];
  st.collections++;
  st.collected += m;
  st.uncollectable += n;
  return n + m;
}

void invoke_callbacks(const char* phase, int generation, Py_ssize_t collected, Py_ssize_t uncollectable) {
  State& g = g_state;
  if (g.callbacks == nullptr || !PyList_Check(g.callbacks)) return;
  PyObject* info = nullptr;
  if (PyList_GET_SIZE(g.callbacks) != 0) {
    info = Py_BuildValue("{sisnsn}", "generation", generation, "collected", collected,
                         "uncollectable", uncollectable);
    if (info == nullptr) {
      PyErr_WriteUnraisable(nullptr);
      return;
    }
  }
  // The list may change under us: index it afresh each time.
  for (Py_ssize_t i = 0; i < PyList_GET_SIZE(g.callbacks); i++) {
    PyObject* cb = PyList_GET_ITEM(g.callbacks, i);
    Py_INCREF(cb);
    PyObject* r = PyObject_CallFunction(cb, "sO", phase, info);
    if (r == nullptr) PyErr_WriteUnraisable(cb);
    else Py_DECREF(r);
    Py_DECREF(cb);
  }
  Py_XDECREF(info);
}

Py_ssize_t collect_with_callback(int generation) {
  invoke_callbacks("start", generation, 0, 0);
  Py_ssize_t collected = 0, uncollectable = 0;
  Py_ssize_t result = collect_main(generation, &collected, &uncollectable, false);
  invoke_callbacks("stop", generation, collected, uncollectable);
  return result;
}

}  // namespace

void collect_from_alloc() {
  State& g = g_state;
  g.collecting = true;
  for (int i = kNumGenerations - 1; i >= 0; i--) {
    if (g.generations[i].count > g.generations[i].threshold) {
      if (i == kNumGenerations - 1 && g.long_lived_pending < g.long_lived_total / 4) continue;
      collect_with_callback(i);
      break;
    }
  }
  g.collecting = false;
}

Py_ssize_t collect_with_callbacks(int generation) {
  State& g = g_state;
  if (g.collecting) return 0;
  g.collecting = true;
  Py_ssize_t n = collect_with_callback(generation);
  g.collecting = false;
  return n;
}

Py_ssize_t collect_no_fail() {
  State& g = g_state;
  if (g.collecting) return 0;
  g.collecting = true;
  Py_ssize_t n = collect_main(kNumGenerations - 1, nullptr, nullptr, true);
  g.collecting = false;
  return n;
}

}  // namespace krait::gc

using namespace krait;

extern "C" {

Py_ssize_t PyGC_Collect(void) {
  gc::State& g = gc::g_state;
  if (!g.enabled || g.collecting) return 0;
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  Py_ssize_t n = gc::collect_with_callbacks(gc::kNumGenerations - 1);
  PyErr_Restore(t, v, tb);
  return n;
}

int PyGC_Enable(void) {
  int old = gc::g_state.enabled;
  gc::g_state.enabled = true;
  return old;
}

int PyGC_Disable(void) {
  int old = gc::g_state.enabled;
  gc::g_state.enabled = false;
  return old;
}

int PyGC_IsEnabled(void) { return gc::g_state.enabled; }

Py_ssize_t _PyGC_CollectNoFail(PyThreadState*) { return gc::collect_no_fail(); }

}  // extern "C"
