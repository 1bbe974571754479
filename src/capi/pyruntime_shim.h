// The `_PyRuntime` compatibility shim's interface (see pyruntime_shim.cpp).
//
// Extensions CPython builds in its own tree read a few fields of CPython's
// `_PyRuntime` through inline functions. Krait exports an object with 3.11's
// layout at those offsets; this header is how the runtime keeps it current.
// The offsets are checked against the internal headers in the .cpp.
#pragma once
#include <Python.h>

#include <cstddef>

namespace krait {

// Number of immortal small ints (-5..256), as in CPython 3.11.
inline constexpr int kShimSmallInts = 262;

// One byte character of the `bytes_characters` table: a bytes object of size
// 1 and its terminating NUL (48 bytes, as CPython's).
struct ShimByteChar {
  PyBytesObject ob;
  char data[1];
};

// The one-character str singletons: compact objects with their data inline.
struct ShimAsciiChar {
  PyASCIIObject base;
  Py_UCS1 data[2];
};
struct ShimLatin1Char {
  PyCompactUnicodeObject base;
  Py_UCS1 data[2];
};

// CPython 3.11's `_PyRuntimeState` as far as compiled extensions can see it.
// Only the named members are used; the gaps keep CPython's offsets.
struct PyRuntimeShim {
  int init_flags[6];                       // 0: _initialized..initialized
  void* finalizing;                        // 24: _finalizing
  char gap_mutex[8];                       // 32: interpreters.mutex
  PyInterpreterState* interp_head;         // 40: interpreters.head
  PyInterpreterState* interp_main;         // 48: interpreters.main
  int64_t interp_next_id;                  // 56
  char gap_xid[16];                        // 64: xidregistry
  unsigned long main_thread;               // 80
  char gap_ceval[576 - 88];                // 88: ceval, gilstate.check_enabled
  PyThreadState* tstate_current;           // 576: gilstate.tstate_current
  PyInterpreterState* auto_interp;         // 584: gilstate.autoInterpreterState
  char gap_hooks[680 - 592];               // 592: open_code_hook, audit hooks, ids
  PyLongObject small_ints[kShimSmallInts]; // 680: global_objects.singletons
  PyBytesObject bytes_empty;               // 9064
  ShimByteChar bytes_characters[256];      // 9104
  // 21392: struct _Py_global_strings (literals, identifiers, ascii, latin1).
  // "" and the one-character strings are Krait's own singletons.
  unsigned char strings_head[22304 - 21392];
  ShimAsciiChar str_empty;                 // 22304: literals._empty
  unsigned char strings_ids[41480 - 22360];
  ShimAsciiChar ascii[128];                // 41480
  ShimLatin1Char latin1[128];              // 48648: characters 128..255
  unsigned char tuple_empty_gc[16];        // 58888: unused PyGC_Head
  PyTupleObject tuple_empty;               // 58904
  unsigned char rest[166688 - 58936];      // 58936: the main interpreter etc.
};

static_assert(offsetof(PyRuntimeShim, tstate_current) == 576);
static_assert(offsetof(PyRuntimeShim, small_ints) == 680);
static_assert(offsetof(PyRuntimeShim, bytes_empty) == 9064);
static_assert(offsetof(PyRuntimeShim, bytes_characters) == 9104);
static_assert(offsetof(PyRuntimeShim, strings_head) == 21392);
static_assert(offsetof(PyRuntimeShim, str_empty) == 22304);
static_assert(offsetof(PyRuntimeShim, ascii) == 41480);
static_assert(offsetof(PyRuntimeShim, latin1) == 48648);
static_assert(offsetof(PyRuntimeShim, tuple_empty) == 58904);
static_assert(sizeof(PyRuntimeShim) == 166688);

}  // namespace krait

// Exported under CPython's name. Krait's small ints, empty tuple, bytes and
// one-character str singletons live in it, so `_Py_SINGLETON(...)` in an
// extension and Krait's own code see the same objects.
extern "C" __attribute__((visibility("default"))) krait::PyRuntimeShim _PyRuntime;

namespace krait {

// Records the thread state that now holds the GIL (CPython's
// `_PyRuntime.gilstate.tstate_current`, read by `_PyThreadState_GET()`).
inline void shim_set_current_tstate(PyThreadState* ts) { _PyRuntime.tstate_current = ts; }

// Fills in the static strings, bytes, empty tuple and interpreter pointers.
// Runs first at start-up, so the `_Py_ID` strings are the interned ones.
int init_pyruntime_shim();

}  // namespace krait
