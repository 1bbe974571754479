// The error indicator: PyErr_* (CPython's Python/errors.c family).
//
// The pending exception lives in the thread state's curexc_type/value/traceback
// fields — CPython's public layout, which Cython-generated code reads and writes
// directly. Krait normalizes eagerly in PyErr_SetObject: the value stored is
// always an exception instance (or NULL), so readers never meet a bare string.
// The "handled" exception stack is tstate->exc_info (3.11: exc_value only).
#include <Python.h>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>

#include "modules/faulthandler/traceback_dump.h"
#include "runtime/crash_report.h"
#include "runtime/interp_state.h"
#include "support/ref.h"

using krait::Ref;

namespace krait {

// Creates an exception instance of `type` from `value` as CPython's
// normalization does: an instance is kept, None -> type(), tuple -> type(*v),
// anything else -> type(v).
static PyObject* create_exception(PyObject* type, PyObject* value) {
  if (value && PyExceptionInstance_Check(value) &&
      PyObject_TypeCheck(value, reinterpret_cast<PyTypeObject*>(type))) {
    Py_INCREF(value);
    return value;
  }
  PyObject* exc;
  if (value == nullptr || value == Py_None) exc = PyObject_CallNoArgs(type);
  else if (PyTuple_Check(value)) exc = PyObject_Call(type, value, nullptr);
  else exc = PyObject_CallOneArg(type, value);
  // A __new__ may return anything: only exception instances may be raised.
  if (exc && !PyExceptionInstance_Check(exc)) {
    PyErr_Format(PyExc_TypeError, "calling %R should have returned an instance of BaseException, not %s",
                 type, Py_TYPE(exc)->tp_name);
    Py_CLEAR(exc);
  }
  return exc;
}

// Sets `exc`'s __context__ to the exception being handled, cutting any cycle
// that would close through `exc` (as CPython's implicit chaining does).
static void chain_context(PyThreadState* ts, PyObject* exc) {
  _PyErr_StackItem* top = _PyErr_GetTopmostException(ts);
  PyObject* handled = top->exc_value;
  if (!handled || handled == Py_None || handled == exc) return;
  // Walk the context chain of `handled`; Floyd's tortoise guards against
  // pre-existing cycles so the walk always ends.
  PyObject* o = handled;
  PyObject* slow = handled;
  bool advance_slow = false;
  PyObject* ctx;
  while ((ctx = PyException_GetContext(o)) != nullptr) {
    Py_DECREF(ctx);  // borrowed use only
    if (ctx == exc) {
      PyException_SetContext(o, nullptr);
      break;
    }
    o = ctx;
    if (o == slow) break;
    if (advance_slow) {
      PyObject* s = PyException_GetContext(slow);
      Py_XDECREF(s);
      slow = s;
    }
    advance_slow = !advance_slow;
  }
  Py_INCREF(handled);
  PyException_SetContext(exc, handled);  // steals
}

}  // namespace krait

extern "C" {

void PyErr_Restore(PyObject* type, PyObject* value, PyObject* tb) {
  PyThreadState* ts = krait::tstate();
  if (tb && !PyTraceBack_Check(tb)) {
    Py_DECREF(tb);
    tb = nullptr;
  }
  PyObject* ot = ts->curexc_type;
  PyObject* ov = ts->curexc_value;
  PyObject* otb = ts->curexc_traceback;
  ts->curexc_type = type;
  ts->curexc_value = value;
  ts->curexc_traceback = tb;
  Py_XDECREF(ot);
  Py_XDECREF(ov);
  Py_XDECREF(otb);
}

void PyErr_Fetch(PyObject** type, PyObject** value, PyObject** tb) {
  PyThreadState* ts = krait::tstate();
  *type = ts->curexc_type;
  *value = ts->curexc_value;
  *tb = ts->curexc_traceback;
  ts->curexc_type = ts->curexc_value = ts->curexc_traceback = nullptr;
}

PyObject* PyErr_Occurred(void) {
  PyThreadState* ts = krait::tstate();
  return ts ? ts->curexc_type : nullptr;
}

void PyErr_Clear(void) { PyErr_Restore(nullptr, nullptr, nullptr); }

void PyErr_SetObject(PyObject* type, PyObject* value) {
  PyThreadState* ts = krait::tstate();
  if (type != nullptr && !PyExceptionClass_Check(type)) {
    PyErr_Format(PyExc_SystemError,
                 "_PyErr_SetObject: exception %R is not a BaseException subclass", type);
    return;
  }
  // A new error replaces any pending one (it is not chained: chaining follows
  // the *handled* exception). Clear it first so the constructor runs cleanly.
  PyErr_Restore(nullptr, nullptr, nullptr);
  // Creating the instance may itself raise; that error replaces ours, as in CPython.
  PyObject* exc = krait::create_exception(type, value);
  if (!exc) return;
  if (!PyExceptionInstance_Check(exc)) {
    PyErr_Format(PyExc_TypeError,
                 "calling %R should have returned an instance of BaseException, not %s",
                 type, Py_TYPE(exc)->tp_name);
    Py_DECREF(exc);
    return;
  }
  krait::chain_context(ts, exc);
  PyObject* tb = PyException_GetTraceback(exc);
  PyObject* exc_type = reinterpret_cast<PyObject*>(Py_TYPE(exc));
  Py_INCREF(exc_type);
  PyErr_Restore(exc_type, exc, tb);
}

void PyErr_SetNone(PyObject* type) { PyErr_SetObject(type, nullptr); }

void PyErr_SetString(PyObject* type, const char* msg) {
  PyObject* s = PyUnicode_FromString(msg);
  if (!s) return;
  PyErr_SetObject(type, s);
  Py_DECREF(s);
}

PyObject* PyErr_FormatV(PyObject* type, const char* format, va_list vargs) {
  // Formatting may run code that inspects the error indicator: clear it first.
  PyErr_Clear();
  PyObject* s = PyUnicode_FromFormatV(format, vargs);
  if (s) {
    PyErr_SetObject(type, s);
    Py_DECREF(s);
  }
  return nullptr;
}

PyObject* PyErr_Format(PyObject* type, const char* format, ...) {
  va_list va;
  va_start(va, format);
  PyErr_FormatV(type, format, va);
  va_end(va);
  return nullptr;
}

int PyErr_GivenExceptionMatches(PyObject* err, PyObject* exc) {
  if (err == nullptr || exc == nullptr) return 0;
  if (PyTuple_Check(exc)) {
    Py_ssize_t n = PyTuple_GET_SIZE(exc);
    for (Py_ssize_t i = 0; i < n; i++) {
      if (PyErr_GivenExceptionMatches(err, PyTuple_GET_ITEM(exc, i))) return 1;
    }
    return 0;
  }
  if (PyExceptionInstance_Check(err)) err = reinterpret_cast<PyObject*>(Py_TYPE(err));
  if (PyExceptionClass_Check(err) && PyExceptionClass_Check(exc)) {
    return PyType_IsSubtype(reinterpret_cast<PyTypeObject*>(err),
                            reinterpret_cast<PyTypeObject*>(exc));
  }
  return err == exc;
}

int PyErr_ExceptionMatches(PyObject* exc) {
  return PyErr_GivenExceptionMatches(PyErr_Occurred(), exc);
}

void PyErr_NormalizeException(PyObject** type, PyObject** value, PyObject** tb) {
  if (*type == nullptr) return;
  if (*value && PyExceptionInstance_Check(*value)) {
    // Already normalized; make the type agree with the instance.
    PyObject* t = reinterpret_cast<PyObject*>(Py_TYPE(*value));
    if (t != *type) {
      Py_INCREF(t);
      Py_SETREF(*type, t);
    }
    return;
  }
  if (!PyExceptionClass_Check(*type)) return;
  PyObject* exc = krait::create_exception(*type, *value);
  if (!exc) {
    // Replace the triple with the error raised while normalizing.
    Py_CLEAR(*type);
    Py_CLEAR(*value);
    PyObject* ntb;
    PyErr_Fetch(type, value, &ntb);
    Py_XDECREF(ntb);
    PyErr_NormalizeException(type, value, tb);
    return;
  }
  Py_XSETREF(*value, exc);
  PyObject* t = reinterpret_cast<PyObject*>(Py_TYPE(exc));
  Py_INCREF(t);
  Py_SETREF(*type, t);
}

PyObject* PyErr_NoMemory(void) {
  // Always a fresh MemoryError, as CPython (which would use a preallocated instance).
  PyErr_SetNone(PyExc_MemoryError);
  return nullptr;
}

int PyErr_BadArgument(void) {
  PyErr_SetString(PyExc_TypeError, "bad argument type for built-in operation");
  return 0;
}

void _PyErr_BadInternalCall(const char* filename, int lineno) {
  PyErr_Format(PyExc_SystemError, "%s:%d: bad argument to internal function", filename,
               lineno);
}

#undef PyErr_BadInternalCall
void PyErr_BadInternalCall(void) {
  PyErr_SetString(PyExc_SystemError, "bad argument to internal function");
}

void _PyErr_SetKeyError(PyObject* key) {
  PyObject* args = PyTuple_Pack(1, key);
  if (!args) return;
  PyErr_SetObject(PyExc_KeyError, args);
  Py_DECREF(args);
}

// --- the handled-exception stack (sys.exc_info) ----------------------------

_PyErr_StackItem* _PyErr_GetTopmostException(PyThreadState* ts) {
  _PyErr_StackItem* item = ts->exc_info;
  while ((item->exc_value == nullptr || item->exc_value == Py_None) &&
         item->previous_item != nullptr) {
    item = item->previous_item;
  }
  return item;
}

PyObject* _PyErr_GetHandledException(PyThreadState* ts) {
  PyObject* exc = _PyErr_GetTopmostException(ts)->exc_value;
  if (exc == nullptr || exc == Py_None) return nullptr;
  Py_INCREF(exc);
  return exc;
}
PyObject* PyErr_GetHandledException(void) {
  return _PyErr_GetHandledException(krait::tstate());
}

void _PyErr_SetHandledException(PyThreadState* ts, PyObject* exc) {
  PyObject* old = ts->exc_info->exc_value;
  Py_XINCREF(exc);
  ts->exc_info->exc_value = exc;
  Py_XDECREF(old);
}
void PyErr_SetHandledException(PyObject* exc) {
  _PyErr_SetHandledException(krait::tstate(), exc);
}

void _PyErr_GetExcInfo(PyThreadState* ts, PyObject** type, PyObject** value, PyObject** tb) {
  PyObject* exc = _PyErr_GetTopmostException(ts)->exc_value;
  if (exc == nullptr || exc == Py_None) {
    *type = *value = *tb = nullptr;
    return;
  }
  *type = reinterpret_cast<PyObject*>(Py_TYPE(exc));
  Py_INCREF(*type);
  Py_INCREF(exc);
  *value = exc;
  *tb = PyException_GetTraceback(exc);
}
void PyErr_GetExcInfo(PyObject** type, PyObject** value, PyObject** tb) {
  _PyErr_GetExcInfo(krait::tstate(), type, value, tb);
}

void PyErr_SetExcInfo(PyObject* type, PyObject* value, PyObject* tb) {
  // 3.11 keeps only the value; the type and traceback are derived from it.
  PyErr_SetHandledException(value);
  Py_XDECREF(value);
  Py_XDECREF(type);
  Py_XDECREF(tb);
}

// Chains the given exception as __context__ of the one currently set (or
// restores it when none is set): used by C code that raises while cleaning up.
void _PyErr_ChainExceptions(PyObject* type, PyObject* value, PyObject* tb) {
  if (type == nullptr) return;
  if (PyErr_Occurred()) {
    PyObject *t2, *v2, *tb2;
    PyErr_NormalizeException(&type, &value, &tb);
    if (tb) {
      PyException_SetTraceback(value, tb);
      Py_DECREF(tb);
    }
    Py_DECREF(type);
    PyErr_Fetch(&t2, &v2, &tb2);
    PyErr_NormalizeException(&t2, &v2, &tb2);
    PyException_SetContext(v2, value);  // steals value
    PyErr_Restore(t2, v2, tb2);
  } else {
    PyErr_Restore(type, value, tb);
  }
}

static PyObject* format_from_cause(PyObject* exception, const char* format, va_list vargs) {
  PyObject *type, *cause, *tb;
  PyErr_Fetch(&type, &cause, &tb);
  PyErr_NormalizeException(&type, &cause, &tb);
  if (tb) {
    PyException_SetTraceback(cause, tb);
    Py_DECREF(tb);
  }
  Py_DECREF(type);
  PyErr_FormatV(exception, format, vargs);
  PyObject *t2, *v2, *tb2;
  PyErr_Fetch(&t2, &v2, &tb2);
  PyErr_NormalizeException(&t2, &v2, &tb2);
  Py_INCREF(cause);
  PyException_SetCause(v2, cause);
  PyException_SetContext(v2, cause);
  PyErr_Restore(t2, v2, tb2);
  return nullptr;
}

PyObject* _PyErr_FormatFromCause(PyObject* exception, const char* format, ...) {
  va_list va;
  va_start(va, format);
  format_from_cause(exception, format, va);
  va_end(va);
  return nullptr;
}

// --- fatal errors -------------------------------------------------------------

namespace {

// What follows CPython's "Fatal Python error: ..." line: the runtime state, the pending exception
// with its traceback when the thread holds the GIL (else the stacks of all threads), the
// third-party extension modules; then faulthandler is disabled so abort() does not report twice.
[[noreturn]] void fatal_error_tail() {
  fflush(stderr);
  bool finalizing = _Py_IsFinalizing();
  if (finalizing)
    fprintf(stderr, "Python runtime state: finalizing (tstate=0x%016lx)\n",
            reinterpret_cast<unsigned long>(krait::tstate()));
  else
    fputs("Python runtime state: initialized\n", stderr);
  PyThreadState* ts = krait::tstate();
  bool printed_exception = false;
  if (ts && PyGILState_Check() && PyErr_Occurred()) {
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    if (tb && tb != Py_None) {
      PyErr_Display(type, value, tb);
      printed_exception = true;
    }
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
  }
  if (!printed_exception) {
    fputc('\n', stderr);
    fflush(stderr);
    krait::faulthandler::dump_all(2, PyThread_get_thread_ident());
  }
  krait::faulthandler::dump_extension_modules(2);
  krait::faulthandler::disable_fatal_handlers();
  krait::g_fatal_report_written = true;
  fflush(stderr);
  abort();
}

}  // namespace

void _Py_FatalErrorFunc(const char* func, const char* msg) {
  fflush(stdout);
  if (func) fprintf(stderr, "Fatal Python error: %s: %s\n", func, msg);
  else fprintf(stderr, "Fatal Python error: %s\n", msg);
  fatal_error_tail();
}

#undef Py_FatalError
void Py_FatalError(const char* msg) { _Py_FatalErrorFunc(nullptr, msg); }

void _Py_FatalErrorFormat(const char* func, const char* format, ...) {
  fflush(stdout);
  fprintf(stderr, "Fatal Python error: ");
  if (func) fprintf(stderr, "%s: ", func);
  va_list va;
  va_start(va, format);
  vfprintf(stderr, format, va);
  va_end(va);
  fputc('\n', stderr);
  fatal_error_tail();
}

int PyOS_vsnprintf(char* str, size_t size, const char* format, va_list va) {
  if (size > INT_MAX - 1) {
    if (size) str[0] = '\0';
    return -666;
  }
  int len = vsnprintf(str, size, format, va);
  if (size > 0) str[size - 1] = '\0';
  return len;
}

int PyOS_snprintf(char* str, size_t size, const char* format, ...) {
  va_list va;
  va_start(va, format);
  int r = PyOS_vsnprintf(str, size, format, va);
  va_end(va);
  return r;
}

}  // extern "C"

// Rewraps the pending exception with a prefix when that loses nothing: the
// type must take a plain message (BaseException's own __new__/__init__), with
// at most one str argument and no instance attributes. The original becomes
// __cause__. Codecs use this: "decoding with 'x' codec failed (ValueError: m)".
extern "C" PyObject* _PyErr_TrySetFromCause(const char* format, ...) {
  PyObject *exc, *val, *tb;
  PyErr_Fetch(&exc, &val, &tb);
  auto* caught = reinterpret_cast<PyTypeObject*>(exc);
  auto* base = reinterpret_cast<PyTypeObject*>(PyExc_BaseException);
  bool same_ctor = caught && PyType_Check(exc) && caught->tp_init == base->tp_init &&
                   caught->tp_new == base->tp_new;
  if (same_ctor) PyErr_NormalizeException(&exc, &val, &tb);
  bool ok = same_ctor && val && PyExceptionInstance_Check(val);
  if (ok) {
    PyObject* args = reinterpret_cast<PyBaseExceptionObject*>(val)->args;
    Py_ssize_t n = args ? PyTuple_GET_SIZE(args) : 0;
    ok = n <= 1 && (n == 0 || PyUnicode_CheckExact(PyTuple_GET_ITEM(args, 0)));
  }
  if (ok) {
    PyObject** dictptr = _PyObject_GetDictPtr(val);
    ok = dictptr == nullptr || *dictptr == nullptr || PyDict_GET_SIZE(*dictptr) == 0;
  }
  if (!ok) {
    PyErr_Restore(exc, val, tb);
    return nullptr;
  }
  va_list va;
  va_start(va, format);
  PyObject* prefix = PyUnicode_FromFormatV(format, va);
  va_end(va);
  if (!prefix) {
    Py_DECREF(exc);
    Py_DECREF(val);
    Py_XDECREF(tb);
    return nullptr;
  }
  if (tb) PyException_SetTraceback(val, tb);
  PyErr_Format(exc, "%U (%s: %S)", prefix, Py_TYPE(val)->tp_name, val);
  Py_DECREF(prefix);
  PyObject *nexc, *nval, *ntb;
  PyErr_Fetch(&nexc, &nval, &ntb);
  PyErr_NormalizeException(&nexc, &nval, &ntb);
  Py_INCREF(val);
  PyException_SetCause(nval, val);
  PyErr_Restore(nexc, nval, ntb);
  Py_DECREF(exc);
  Py_DECREF(val);
  Py_XDECREF(tb);
  return nullptr;
}
