// Memory: the PyMem_* / PyObject_* allocator families and object allocation.
//
// Every family goes to mimalloc (DESIGN.md §2): it is fast for the small
// objects Python makes, thread-safe, and returns memory to the OS. The Raw
// family may be called without the GIL, which mimalloc allows.
// GC objects get a gc::Header in front (gc_header.h); PyObject_GC_Del frees
// from the header, plain objects are freed with PyObject_Free.
#include <Python.h>
#include <mimalloc.h>
#include <cstring>

#include "gc/gc_header.h"
#include "gc/gc_state.h"
#include "objects/object_util.h"

#include <sys/sysinfo.h>

#include <cstdint>
#include <cstdio>

namespace {

// mimalloc reserves huge blocks with MAP_NORESERVE, which the kernel's overcommit heuristic
// never refuses: `b"x" * 2**40` would then be OOM-killed while filling the block instead of
// raising MemoryError as under CPython (glibc's mmap is refused for more than RAM + swap).
// Blocks of 1 GiB and more are therefore checked against that same bound, unless the
// system is configured to always overcommit (vm.overcommit_memory = 1).
size_t memory_bound() {
  static const size_t bound = [] {
    int mode = 0;
    if (FILE* f = std::fopen("/proc/sys/vm/overcommit_memory", "r")) {
      if (std::fscanf(f, "%d", &mode) != 1) mode = 0;
      std::fclose(f);
    }
    struct sysinfo si;
    if (mode == 1 || sysinfo(&si) != 0) return SIZE_MAX;
    return static_cast<size_t>(si.totalram + si.totalswap) * si.mem_unit;
  }();
  return bound;
}
inline bool too_big(size_t size) { return size >= (size_t(1) << 30) && size > memory_bound(); }

}  // namespace

namespace krait::gc {

State::State() : enabled(true), collecting(false), ready(false), debug(0),
                 long_lived_total(0), long_lived_pending(0), garbage(nullptr), callbacks(nullptr) {
  static const int kThresholds[kNumGenerations] = {700, 10, 10};
  for (int i = 0; i < kNumGenerations; i++) {
    list_init(&generations[i].head);
    generations[i].threshold = kThresholds[i];
    generations[i].count = 0;
    stats[i] = {0, 0, 0};
  }
  list_init(&permanent);
}

State g_state;

PyObject* alloc_object(size_t size) {
  State& g = g_state;
  Generation& young = g.generations[0];
  young.count++;
  if (young.count > young.threshold && young.threshold && g.enabled && g.ready &&
      !g.collecting && !PyErr_Occurred()) {
    collect_from_alloc();
  }
  if (too_big(size)) return nullptr;
  auto* h = static_cast<Header*>(mi_malloc(sizeof(Header) + size));
  if (!h) return nullptr;
  h->next = nullptr;
  h->prev = 0;
  return object_of(h);
}

Py_ssize_t tracked_count() {
  Py_ssize_t n = list_size(&g_state.permanent);
  for (auto& gen : g_state.generations) n += list_size(&gen.head);
  return n;
}

static inline void link(Header* h) { list_append(h, &g_state.generations[0].head); }
static inline void unlink(Header* h) { list_remove(h); }

}  // namespace krait::gc

using namespace krait;

// --- raw, mem and object allocator families -------------------------------
// A request for 0 bytes returns a unique non-NULL pointer, as CPython's do.


extern "C" {

void* PyMem_RawMalloc(size_t size) { return too_big(size) ? nullptr : mi_malloc(size ? size : 1); }
void* PyMem_RawCalloc(size_t n, size_t elsize) {
  if (n == 0 || elsize == 0) n = elsize = 1;
  if (n > SIZE_MAX / elsize || too_big(n * elsize)) return nullptr;
  return mi_calloc(n, elsize);
}
void* PyMem_RawRealloc(void* p, size_t size) { return too_big(size) ? nullptr : mi_realloc(p, size ? size : 1); }
void PyMem_RawFree(void* p) { mi_free(p); }

// The refcount-debug build counts the live blocks of the PyMem_* and PyObject_* families (like
// pymalloc's count behind sys.getallocatedblocks()): unlike the total of reference counts, the
// count is not skewed by the count updates hot paths skip on immortal objects, so tests/refleak
// measures leaks with it.
#ifdef Py_REF_DEBUG
Py_ssize_t g_allocated_blocks = 0;
#define KRAIT_COUNT_BLOCK(p, delta) \
  do {                              \
    if (p) g_allocated_blocks += (delta); \
  } while (0)
#else
#define KRAIT_COUNT_BLOCK(p, delta) ((void)0)
#endif

void* PyMem_Malloc(size_t size) {
  if (size > size_t(PY_SSIZE_T_MAX) || too_big(size)) return nullptr;
  void* p = mi_malloc(size ? size : 1);
  KRAIT_COUNT_BLOCK(p, 1);
  return p;
}
void* PyMem_Calloc(size_t n, size_t elsize) {
  if (elsize != 0 && n > size_t(PY_SSIZE_T_MAX) / elsize) return nullptr;
  if (n == 0 || elsize == 0) n = elsize = 1;
  if (too_big(n * elsize)) return nullptr;
  void* p = mi_calloc(n, elsize);
  KRAIT_COUNT_BLOCK(p, 1);
  return p;
}
void* PyMem_Realloc(void* p, size_t size) {
  if (size > size_t(PY_SSIZE_T_MAX) || too_big(size)) return nullptr;
  void* q = mi_realloc(p, size ? size : 1);
  if (!p) KRAIT_COUNT_BLOCK(q, 1);
  return q;
}
void PyMem_Free(void* p) {
  KRAIT_COUNT_BLOCK(p, -1);
  mi_free(p);
}

void* PyObject_Malloc(size_t size) { return PyMem_Malloc(size); }
void* PyObject_Calloc(size_t n, size_t elsize) { return PyMem_Calloc(n, elsize); }
void* PyObject_Realloc(void* p, size_t size) { return PyMem_Realloc(p, size); }
void PyObject_Free(void* p) { PyMem_Free(p); }

char* _PyMem_RawStrdup(const char* s) {
  size_t n = strlen(s) + 1;
  char* copy = static_cast<char*>(PyMem_RawMalloc(n));
  if (copy) memcpy(copy, s, n);
  return copy;
}
char* _PyMem_Strdup(const char* s) {
  size_t n = strlen(s) + 1;
  char* copy = static_cast<char*>(PyMem_Malloc(n));
  if (copy) memcpy(copy, s, n);
  return copy;
}
wchar_t* _PyMem_RawWcsdup(const wchar_t* s) {
  size_t n = wcslen(s) + 1;
  auto* copy = static_cast<wchar_t*>(PyMem_RawMalloc(n * sizeof(wchar_t)));
  if (copy) memcpy(copy, s, n * sizeof(wchar_t));
  return copy;
}
const char* _PyMem_GetCurrentAllocatorName(void) { return "mimalloc"; }

// Krait's allocators cannot be swapped: the hooks report mimalloc-backed
// functions and ignore replacement (documented in docs/internals/objects.md).
static void* hook_malloc(void*, size_t n) { return PyMem_Malloc(n); }
static void* hook_calloc(void*, size_t n, size_t e) { return PyMem_Calloc(n, e); }
static void* hook_realloc(void*, void* p, size_t n) { return PyMem_Realloc(p, n); }
static void hook_free(void*, void* p) { PyMem_Free(p); }
void PyMem_GetAllocator(PyMemAllocatorDomain, PyMemAllocatorEx* a) {
  *a = {nullptr, hook_malloc, hook_calloc, hook_realloc, hook_free};
}
void PyMem_SetAllocator(PyMemAllocatorDomain, PyMemAllocatorEx*) {}
void PyMem_SetupDebugHooks(void) {}

// --- object allocation ------------------------------------------------------

PyObject* PyObject_Init(PyObject* op, PyTypeObject* tp) {
  if (!op) return PyErr_NoMemory();
  Py_SET_TYPE(op, tp);
  if (tp->tp_flags & Py_TPFLAGS_HEAPTYPE) Py_INCREF(tp);
  op->ob_refcnt = 1;
#ifdef Py_REF_DEBUG
  _Py_RefTotal++;
#endif
  return op;
}

PyVarObject* PyObject_InitVar(PyVarObject* op, PyTypeObject* tp, Py_ssize_t size) {
  if (!op) return reinterpret_cast<PyVarObject*>(PyErr_NoMemory());
  Py_SET_SIZE(op, size);
  PyObject_Init(reinterpret_cast<PyObject*>(op), tp);
  return op;
}

PyObject* _PyObject_New(PyTypeObject* tp) {
  auto* op = static_cast<PyObject*>(PyObject_Malloc(_PyObject_SIZE(tp)));
  if (!op) return PyErr_NoMemory();
  return PyObject_Init(op, tp);
}

PyVarObject* _PyObject_NewVar(PyTypeObject* tp, Py_ssize_t n) {
  size_t size = _PyObject_VAR_SIZE(tp, n);
  auto* op = static_cast<PyVarObject*>(PyObject_Malloc(size));
  if (!op) return reinterpret_cast<PyVarObject*>(PyErr_NoMemory());
  return PyObject_InitVar(op, tp, n);
}

PyObject* _PyObject_GC_New(PyTypeObject* tp) {
  PyObject* op = gc::alloc_object(_PyObject_SIZE(tp));
  if (!op) return PyErr_NoMemory();
  return PyObject_Init(op, tp);
}

PyVarObject* _PyObject_GC_NewVar(PyTypeObject* tp, Py_ssize_t n) {
  if (n < 0) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  size_t size = _PyObject_VAR_SIZE(tp, n);
  auto* op = reinterpret_cast<PyVarObject*>(gc::alloc_object(size));
  if (!op) return reinterpret_cast<PyVarObject*>(PyErr_NoMemory());
  return PyObject_InitVar(op, tp, n);
}

PyVarObject* _PyObject_GC_Resize(PyVarObject* op, Py_ssize_t n) {
  size_t size = _PyObject_VAR_SIZE(Py_TYPE(op), n);
  gc::Header* h = gc::header_of(op);
  // A tracked object keeps its place in its generation: relink the
  // neighbours to the (possibly moved) header.
  bool tracked = h->next != nullptr;
  gc::Header* prev = tracked ? gc::prev_of(h) : nullptr;
  gc::Header* next = h->next;
  if (too_big(size)) return nullptr;
  auto* nh = static_cast<gc::Header*>(mi_realloc(h, sizeof(gc::Header) + size));
  if (!nh) return reinterpret_cast<PyVarObject*>(PyErr_NoMemory());
  if (tracked && nh != h) {
    prev->next = nh;
    gc::set_prev(next, nh);
  }
  auto* nop = reinterpret_cast<PyVarObject*>(gc::object_of(nh));
  Py_SET_SIZE(nop, n);
  return nop;
}

void PyObject_GC_Track(void* op) {
  gc::Header* h = gc::header_of(op);
  if (h->next != nullptr) {
    Py_FatalError("GC object already tracked");
  }
  gc::link(h);
}

void PyObject_GC_UnTrack(void* op) {
  gc::Header* h = gc::header_of(op);
  if (h->next != nullptr) gc::unlink(h);
}

void PyObject_GC_Del(void* op) {
  gc::Header* h = gc::header_of(op);
  if (h->next != nullptr) gc::unlink(h);
  if (gc::g_state.generations[0].count > 0) gc::g_state.generations[0].count--;
  mi_free(h);
}

int PyObject_GC_IsTracked(PyObject* op) { return gc::is_gc(op) && gc::is_tracked(op); }
int PyObject_GC_IsFinalized(PyObject* op) {
  return gc::is_gc(op) && (gc::header_of(op)->prev & gc::kFinalizedFlag) != 0;
}
int PyObject_IS_GC(PyObject* op) { return gc::is_gc(op); }

// --- reference counting entry points ---------------------------------------

#ifdef Py_REF_DEBUG
Py_ssize_t _Py_RefTotal = 0;
void _Py_NegativeRefcount(const char* filename, int lineno, PyObject* op) {
  fprintf(stderr, "%s:%d: object at %p of type %s has negative ref count %zd\n", filename,
          lineno, static_cast<void*>(op), Py_TYPE(op)->tp_name, Py_REFCNT(op));
  abort();
}
#endif

void _Py_Dealloc(PyObject* op) {
  destructor dealloc = Py_TYPE(op)->tp_dealloc;
  (*dealloc)(op);
}

void Py_IncRef(PyObject* op) { Py_XINCREF(op); }
void Py_DecRef(PyObject* op) { Py_XDECREF(op); }
void _Py_IncRef(PyObject* op) { Py_INCREF(op); }
void _Py_DecRef(PyObject* op) { Py_DECREF(op); }

}  // extern "C"
