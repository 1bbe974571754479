// The `_PyRuntime` compatibility shim (DESIGN.md §1: the one place that knows
// CPython's internal layout).
//
// Who needs it: extension modules CPython compiles in its own tree with
// Py_BUILD_CORE_MODULE read `_PyRuntime` through inline functions of
// internal/pycore_*.h. Debian's 3.11 lib-dynload binaries that import the
// symbol are _json, _asyncio, _ctypes, _lsprof, _zoneinfo, _curses (plus the
// test-only _testinternalcapi and _xxsubinterpreters). Disassembling them
// shows exactly these reads:
//   - gilstate.tstate_current (offset 576), via `_PyThreadState_GET()`: all
//     of them (then only public PyThreadState fields: recursion_remaining...);
//   - global_objects.singletons.small_ints[5] and [6] (offsets 840 and 872),
//     via `_PyLong_GetZero()` / `_PyLong_GetOne()`: _ctypes, _curses,
//     _zoneinfo.
// Extensions built the same way elsewhere may also use `_Py_ID()` /
// `_Py_STR()` (the static strings), `_Py_SINGLETON(bytes_empty / tuple_empty /
// bytes_characters)`, and `interpreters.main`; those are provided too.
//
// How: `_PyRuntime` is an object with 3.11's size whose members sit at 3.11's
// offsets (static_asserts in pyruntime_shim.h, and below against the
// system's internal header). Krait's own singletons (small ints, empty tuple,
// empty/one-byte bytes, "" and one-character str) are stored IN it, so
// identity holds between Krait and the extension. The `_Py_ID` strings are
// filled in at start-up, before anything else interns a string, so they are
// the interned (immortal) ones. The list of their names comes from the
// system's internal header at configure time (build/generated/, see
// CMakeLists.txt): nothing from CPython is copied here.
//
// PyInterpreterState is Krait's own struct (runtime/interp_state.h); no
// lib-dynload binary reads its fields directly (only _testinternalcapi and
// _xxsubinterpreters would), so `interpreters.main` just points at it.
#include "capi/pyruntime_shim.h"

#include <cstring>

#pragma GCC diagnostic ignored "-Wdeprecated-declarations"  // ob_shash is deprecated in 3.11 headers

#include "objects/object_util.h"
#include "runtime/interp_state.h"

// The internal header only for the layout of struct _Py_global_strings and
// the member names `_Py_ID(NAME)` expands to.
#define Py_BUILD_CORE 1
#include <internal/pycore_global_strings.h>
#undef Py_BUILD_CORE

namespace krait {
namespace {

static_assert(sizeof(_Py_global_strings) == 58888 - 21392,
              "struct _Py_global_strings changed size: re-check the shim's offsets");
static_assert(offsetof(_Py_global_strings, literals._empty) == 22304 - 21392);
static_assert(offsetof(_Py_global_strings, ascii) == 41480 - 21392);
static_assert(offsetof(_Py_global_strings, latin1) == 48648 - 21392);
static_assert(sizeof(ShimByteChar) == 48);
static_assert(sizeof(ShimAsciiChar) == 56 && sizeof(ShimLatin1Char) == 80);

constexpr PyASCIIObject ascii_head(Py_ssize_t len, bool interned) {
  PyASCIIObject h{};
  h.ob_base.ob_refcnt = kImmortalRefcnt;
  h.ob_base.ob_type = &PyUnicode_Type;
  h.length = len;
  h.hash = -1;
  h.state.interned = interned ? SSTATE_INTERNED_IMMORTAL : SSTATE_NOT_INTERNED;
  h.state.kind = PyUnicode_1BYTE_KIND;
  h.state.compact = 1;
  h.state.ascii = 1;
  h.state.ready = 1;
  h.wstr = nullptr;
  return h;
}

// UTF-8 forms of the characters 128..255 (the latin1 singletons' utf8 cache).
struct Latin1Utf8 {
  char bytes[128][3];
};
constexpr Latin1Utf8 make_latin1_utf8() {
  Latin1Utf8 t{};
  for (int c = 128; c < 256; ++c) {
    t.bytes[c - 128][0] = static_cast<char>(0xC0 | (c >> 6));
    t.bytes[c - 128][1] = static_cast<char>(0x80 | (c & 0x3F));
  }
  return t;
}
constinit const Latin1Utf8 g_latin1_utf8 = make_latin1_utf8();

// Everything that must exist before any code runs (other translation units'
// static initialisers create ints and strings) is built at compile time.
constexpr PyRuntimeShim make_runtime() {
  PyRuntimeShim r{};
  for (int i = 0; i < kShimSmallInts; i++) {
    long value = i - 5;
    PyLongObject& v = r.small_ints[i];
    v.ob_base.ob_base.ob_refcnt = kImmortalRefcnt;
    v.ob_base.ob_base.ob_type = &PyLong_Type;
    v.ob_base.ob_size = value < 0 ? -1 : (value > 0 ? 1 : 0);
    v.ob_digit[0] = static_cast<digit>(value < 0 ? -value : value);
  }
  r.bytes_empty.ob_base = {{kImmortalRefcnt, &PyBytes_Type}, 0};
  r.bytes_empty.ob_shash = -1;
  for (int c = 0; c < 256; ++c) {
    r.bytes_characters[c].ob.ob_base = {{kImmortalRefcnt, &PyBytes_Type}, 1};
    r.bytes_characters[c].ob.ob_shash = -1;
    r.bytes_characters[c].ob.ob_sval[0] = static_cast<char>(c);
  }
  r.str_empty.base = ascii_head(0, true);
  for (int c = 0; c < 128; ++c) {
    r.ascii[c].base = ascii_head(1, true);
    r.ascii[c].data[0] = static_cast<Py_UCS1>(c);
  }
  for (int c = 0; c < 128; ++c) {
    PyCompactUnicodeObject& h = r.latin1[c].base;
    h._base = ascii_head(1, true);
    h._base.state.ascii = 0;
    h.utf8_length = 2;
    h.utf8 = const_cast<char*>(g_latin1_utf8.bytes[c]);
    h.wstr_length = 0;
    r.latin1[c].data[0] = static_cast<Py_UCS1>(128 + c);
  }
  r.tuple_empty.ob_base = {{kImmortalRefcnt, &PyTuple_Type}, 0};
  return r;
}

_Py_global_strings& strings() {
  return *reinterpret_cast<_Py_global_strings*>(_PyRuntime.strings_head);
}

// One static identifier: a compact ASCII str written in place, then interned.
// If the text is "" or one character, interning yields Krait's singleton and
// the static copy stays a valid (equal, immortal) str.
void init_static_str(PyASCIIObject* o, const char* text, size_t size_with_nul) {
  if (reinterpret_cast<PyObject*>(o) == reinterpret_cast<PyObject*>(&_PyRuntime.str_empty)) return;
  *o = ascii_head(Py_ssize_t(size_with_nul - 1), false);
  std::memcpy(reinterpret_cast<char*>(o + 1), text, size_with_nul);
  PyObject* s = reinterpret_cast<PyObject*>(o);
  PyUnicode_InternInPlace(&s);
  if (s != reinterpret_cast<PyObject*>(o)) Py_DECREF(s);  // an equal string won the race
}

}  // namespace

int init_pyruntime_shim() {
  _PyRuntime.init_flags[0] = 1;  // _initialized
  _PyRuntime.init_flags[2] = 1;  // preinitialized
  _PyRuntime.init_flags[3] = 1;  // core_initialized
  _PyRuntime.init_flags[4] = 1;  // initialized
  _PyRuntime.interp_head = main_interp();
  _PyRuntime.interp_main = main_interp();
  _PyRuntime.auto_interp = main_interp();
  _PyRuntime.main_thread = PyThread_get_thread_ident();
  _PyRuntime.tstate_current = tstate();
  _Py_global_strings& g = strings();
#define KRAIT_SHIM_STR(NAME, LITERAL) \
  init_static_str(&g.literals._##NAME._ascii, LITERAL, sizeof(LITERAL));
#define KRAIT_SHIM_ID(NAME) init_static_str(&g.identifiers._##NAME._ascii, #NAME, sizeof(#NAME));
#include "pyruntime_strings.inc"
#undef KRAIT_SHIM_STR
#undef KRAIT_SHIM_ID
  return 0;
}

}  // namespace krait

constinit krait::PyRuntimeShim _PyRuntime = krait::make_runtime();
