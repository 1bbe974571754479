// Private C-API helpers that CPython's own extension binaries import
// (_json: _PyAccu_*, _PyImport_GetModuleId, _Py_CheckRecursiveCall; mmap:
// _PyBytes_Find/_ReverseFind; _hashlib: _Py_strhex; _ctypes: _PyTraceback_Add;
// _curses: _PyStructSequence_NewType; _sqlite3: PyOS_mystrnicmp; _asyncio:
// _Py_IsFinalizing), with CPython's semantics.
#include <Python.h>
#include <frameobject.h>

#include <cstring>

#include "runtime/interp_state.h"

namespace {

// CPython's _PyAccu (internal/pycore_accu.h): small strings are collected in
// `small` and joined into one string appended to `large` every so often, so
// huge outputs don't keep millions of tiny objects alive.
struct Accu {
  PyObject* large;  // list of joined chunks
  PyObject* small;  // list of pending small strings
};

constexpr Py_ssize_t kAccuFlushAt = 100000;

int accu_flush(Accu* acc) {
  Py_ssize_t n = PyList_GET_SIZE(acc->small);
  if (n == 0) return 0;
  PyObject* empty = PyUnicode_New(0, 0);
  if (empty == nullptr) return -1;
  PyObject* joined = PyUnicode_Join(empty, acc->small);
  Py_DECREF(empty);
  if (joined == nullptr) return -1;
  if (PyList_SetSlice(acc->small, 0, n, nullptr) < 0 || PyList_Append(acc->large, joined) < 0) {
    Py_DECREF(joined);
    return -1;
  }
  Py_DECREF(joined);
  return 0;
}

// Finds needle in haystack, forwards or backwards; index or -1.
Py_ssize_t bytes_find(const char* h, Py_ssize_t hn, const char* n, Py_ssize_t nn, bool reverse) {
  if (nn > hn) return -1;
  if (nn == 0) return reverse ? hn : 0;
  if (!reverse) {
    const void* p = memmem(h, size_t(hn), n, size_t(nn));
    return p ? static_cast<const char*>(p) - h : -1;
  }
  for (Py_ssize_t i = hn - nn; i >= 0; --i) {
    if (h[i] == n[0] && memcmp(h + i, n, size_t(nn)) == 0) return i;
  }
  return -1;
}

}  // namespace

// Several of these are declared only in CPython's internal headers.
#pragma GCC visibility push(default)
extern "C" {

int _PyAccu_Init(Accu* acc) {
  acc->large = PyList_New(0);
  if (acc->large == nullptr) return -1;
  acc->small = PyList_New(0);
  if (acc->small == nullptr) {
    Py_CLEAR(acc->large);
    return -1;
  }
  return 0;
}

int _PyAccu_Accumulate(Accu* acc, PyObject* unicode) {
  if (PyList_Append(acc->small, unicode) < 0) return -1;
  if (PyList_GET_SIZE(acc->small) < kAccuFlushAt) return 0;
  return accu_flush(acc);
}

PyObject* _PyAccu_FinishAsList(Accu* acc) {
  int r = accu_flush(acc);
  Py_CLEAR(acc->small);
  if (r < 0) {
    Py_CLEAR(acc->large);
    return nullptr;
  }
  PyObject* res = acc->large;
  acc->large = nullptr;
  return res;
}

PyObject* _PyAccu_Finish(Accu* acc) {
  if (PyList_GET_SIZE(acc->large) == 0) {
    Py_CLEAR(acc->large);
    PyObject* empty = PyUnicode_New(0, 0);
    PyObject* res = empty ? PyUnicode_Join(empty, acc->small) : nullptr;
    Py_XDECREF(empty);
    Py_CLEAR(acc->small);
    return res;
  }
  PyObject* list = _PyAccu_FinishAsList(acc);
  if (list == nullptr) return nullptr;
  PyObject* empty = PyUnicode_New(0, 0);
  PyObject* res = empty ? PyUnicode_Join(empty, list) : nullptr;
  Py_XDECREF(empty);
  Py_DECREF(list);
  return res;
}

void _PyAccu_Destroy(Accu* acc) {
  Py_CLEAR(acc->small);
  Py_CLEAR(acc->large);
}

Py_ssize_t _PyBytes_Find(const char* haystack, Py_ssize_t len_haystack, const char* needle,
                         Py_ssize_t len_needle, Py_ssize_t offset) {
  Py_ssize_t i = bytes_find(haystack, len_haystack, needle, len_needle, false);
  return i < 0 ? -1 : i + offset;
}

Py_ssize_t _PyBytes_ReverseFind(const char* haystack, Py_ssize_t len_haystack, const char* needle,
                                Py_ssize_t len_needle, Py_ssize_t offset) {
  Py_ssize_t i = bytes_find(haystack, len_haystack, needle, len_needle, true);
  return i < 0 ? -1 : i + offset;
}

// bytes -> lowercase hexadecimal str (hashlib's hexdigest()).
PyObject* _Py_strhex(const char* argbuf, const Py_ssize_t arglen) {
  if (arglen > PY_SSIZE_T_MAX / 2) return PyErr_NoMemory();
  PyObject* s = PyUnicode_New(arglen * 2, 127);
  if (s == nullptr) return nullptr;
  auto* out = static_cast<Py_UCS1*>(PyUnicode_DATA(s));
  static const char digits[] = "0123456789abcdef";
  for (Py_ssize_t i = 0; i < arglen; i++) {
    unsigned char c = static_cast<unsigned char>(argbuf[i]);
    out[2 * i] = Py_UCS1(digits[c >> 4]);
    out[2 * i + 1] = Py_UCS1(digits[c & 15]);
  }
  return s;
}

PyObject* _Py_strhex_bytes(const char* argbuf, const Py_ssize_t arglen) {
  PyObject* s = _Py_strhex(argbuf, arglen);
  if (s == nullptr) return nullptr;
  PyObject* b = PyBytes_FromStringAndSize(static_cast<const char*>(PyUnicode_DATA(s)),
                                          PyUnicode_GET_LENGTH(s));
  Py_DECREF(s);
  return b;
}

PyObject* _PyImport_GetModuleId(_Py_Identifier* nameid) {
  PyObject* name = _PyUnicode_FromId(nameid);  // borrowed
  if (name == nullptr) return nullptr;
  return PyImport_GetModule(name);
}

// Called by the inline _Py_EnterRecursiveCall of Py_BUILD_CORE extensions once
// tstate->recursion_remaining has run out.
int _Py_CheckRecursiveCall(PyThreadState* tstate, const char* where) {
  if (tstate->recursion_headroom) {
    if (tstate->recursion_remaining < -50) Py_FatalError("Cannot recover from stack overflow.");
    return 0;
  }
  if (tstate->recursion_remaining <= 0) {
    tstate->recursion_headroom++;
    PyErr_Format(PyExc_RecursionError, "maximum recursion depth exceeded%s", where);
    tstate->recursion_headroom--;
    ++tstate->recursion_remaining;
    return -1;
  }
  return 0;
}

int _Py_IsFinalizing(void) { return krait::main_interp()->finalizing != 0; }

int PyOS_mystrnicmp(const char* s1, const char* s2, Py_ssize_t size) {
  if (size == 0) return 0;
  const unsigned char* a = reinterpret_cast<const unsigned char*>(s1);
  const unsigned char* b = reinterpret_cast<const unsigned char*>(s2);
  while (--size > 0 && *a && Py_TOLOWER(*a) == Py_TOLOWER(*b)) {
    a++;
    b++;
  }
  return Py_TOLOWER(*a) - Py_TOLOWER(*b);
}

PyTypeObject* _PyStructSequence_NewType(PyStructSequence_Desc* desc, unsigned long tp_flags) {
  PyTypeObject* type = PyStructSequence_NewType(desc);
  if (type != nullptr) type->tp_flags |= tp_flags;
  return type;
}

// Adds a synthetic frame (funcname at filename:lineno) to the traceback of
// the pending exception, as if that C code were Python.
void _PyTraceback_Add(const char* funcname, const char* filename, int lineno) {
  PyObject *type, *value, *tb;
  PyErr_Fetch(&type, &value, &tb);
  PyObject* globals = PyDict_New();
  PyCodeObject* code = globals ? PyCode_NewEmpty(filename, funcname, lineno) : nullptr;
  PyFrameObject* frame =
      code ? PyFrame_New(PyThreadState_Get(), code, globals, nullptr) : nullptr;
  Py_XDECREF(code);
  Py_XDECREF(globals);
  if (frame == nullptr) {
    // Keep the original exception: the traceback entry is a nicety.
    PyErr_Clear();
    PyErr_Restore(type, value, tb);
    return;
  }
  PyErr_Restore(type, value, tb);
  PyTraceBack_Here(frame);
  Py_DECREF(frame);
}

// Krait has no tracemalloc: -2 means "tracing is not enabled", as on CPython.
// (tracemalloc.h lacks extern "C", so the C names are given as asm labels.)
int tracemalloc_track(unsigned int, uintptr_t, size_t) __asm__("PyTraceMalloc_Track");
int tracemalloc_untrack(unsigned int, uintptr_t) __asm__("PyTraceMalloc_Untrack");
PyObject* tracemalloc_get_traceback(unsigned int, uintptr_t) __asm__("_PyTraceMalloc_GetTraceback");
int tracemalloc_track(unsigned int, uintptr_t, size_t) { return -2; }
int tracemalloc_untrack(unsigned int, uintptr_t) { return -2; }
PyObject* tracemalloc_get_traceback(unsigned int, uintptr_t) { Py_RETURN_NONE; }

// Function forms of what <Python.h> also defines as macros (stable ABI).
PyObject*(Py_NewRef)(PyObject* obj) {
  Py_INCREF(obj);
  return obj;
}
PyObject*(Py_XNewRef)(PyObject* obj) {
  Py_XINCREF(obj);
  return obj;
}
int(Py_Is)(PyObject* x, PyObject* y) { return x == y; }
const unsigned long Py_Version = PY_VERSION_HEX;

PyObject* PyCode_GetCode(PyCodeObject* co) {
  return PyObject_GetAttrString(reinterpret_cast<PyObject*>(co), "co_code");
}
PyObject* PyCode_GetVarnames(PyCodeObject* co) {
  return PyObject_GetAttrString(reinterpret_cast<PyObject*>(co), "co_varnames");
}
PyObject* PyCode_GetCellvars(PyCodeObject* co) {
  return PyObject_GetAttrString(reinterpret_cast<PyObject*>(co), "co_cellvars");
}
PyObject* PyCode_GetFreevars(PyCodeObject* co) {
  return PyObject_GetAttrString(reinterpret_cast<PyObject*>(co), "co_freevars");
}

const char* PyEval_GetFuncName(PyObject* func) {
  if (PyMethod_Check(func)) return PyEval_GetFuncName(PyMethod_GET_FUNCTION(func));
  if (PyFunction_Check(func)) {
    return PyUnicode_AsUTF8(reinterpret_cast<PyFunctionObject*>(func)->func_name);
  }
  if (PyCFunction_Check(func)) return reinterpret_cast<PyCFunctionObject*>(func)->m_ml->ml_name;
  return Py_TYPE(func)->tp_name;
}

const char* PyEval_GetFuncDesc(PyObject* func) {
  if (PyMethod_Check(func) || PyFunction_Check(func) || PyCFunction_Check(func)) return "()";
  return " object";
}

// The special method `id` looked up on type(self) and bound to self; NULL
// without an exception when the type has none.
PyObject* _PyObject_LookupSpecialId(PyObject* self, _Py_Identifier* id) {
  PyObject* name = _PyUnicode_FromId(id);
  if (name == nullptr) return nullptr;
  PyObject* res = _PyType_Lookup(Py_TYPE(self), name);
  if (res == nullptr) return nullptr;
  descrgetfunc f = Py_TYPE(res)->tp_descr_get;
  if (f == nullptr) return Py_NewRef(res);
  return f(res, self, reinterpret_cast<PyObject*>(Py_TYPE(self)));
}

}  // extern "C"
#pragma GCC visibility pop

// CPython's _PyObject_IsFreed: 1 when the object pointer or its type pointer
// is NULL or one of the byte patterns its debug allocator writes into
// uninitialised (0xCD), freed (0xDD) or guard (0xFD) memory. The reference
// count is not looked at (Py_INCREF/DECREF may have changed it).
namespace {
bool ptr_looks_freed(const void* p) {
  uintptr_t v = reinterpret_cast<uintptr_t>(p);
  return v == 0 || v == static_cast<uintptr_t>(0xCDCDCDCDCDCDCDCDull) ||
         v == static_cast<uintptr_t>(0xDDDDDDDDDDDDDDDDull) ||
         v == static_cast<uintptr_t>(0xFDFDFDFDFDFDFDFDull);
}
}  // namespace

extern "C" int _PyObject_IsFreed(PyObject* op) {
  return ptr_looks_freed(op) || ptr_looks_freed(Py_TYPE(op)) ? 1 : 0;
}

// _testcapi.hamt(): CPython's contexts sit on a HAMT and this returns an empty
// one for its unit tests. Krait's contexts use immutable dicts (no HAMT type
// exists), so the test-only constructor reports that.
extern "C" PyObject* _PyContext_NewHamtForTests(void) {
  PyErr_SetString(PyExc_NotImplementedError, "Krait's contexts have no HAMT (they use dicts)");
  return nullptr;
}
