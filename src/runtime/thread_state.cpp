// Thread and interpreter states: creation, lookup, the GIL-state API.
//
// Krait runs one interpreter. Each OS thread that runs Python code has one
// PyThreadState (CPython's public layout). The GIL itself and thread switching
// arrive with the _thread module; until then the GIL-state API keeps its
// contract for a single thread.
#include "runtime/interp_state.h"
#include "capi/pyruntime_shim.h"

#include <pthread.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <cstring>

namespace krait {

thread_local PyThreadState* t_current_tstate = nullptr;
static PyInterpreterState g_main_interp;
static PyThreadState* g_main_tstate = nullptr;
static PyThreadState* g_gilstate_tstate = nullptr;  // the auto-thread-state

PyInterpreterState* main_interp() { return &g_main_interp; }

static PyThreadState* new_thread_state(PyInterpreterState* interp) {
  auto* ts = static_cast<PyThreadState*>(PyMem_RawCalloc(1, sizeof(PyThreadState)));
  if (!ts) return nullptr;
  ts->interp = interp;
  ts->recursion_limit = 1000;
  ts->recursion_remaining = 1000;
  ts->exc_info = &ts->exc_state;
  ts->thread_id = PyThread_get_thread_ident();
  ts->native_thread_id = static_cast<unsigned long>(syscall(SYS_gettid));
  ts->gilstate_counter = 1;
  ts->_initialized = 1;
  ts->next = interp->tstate_head;
  if (interp->tstate_head) interp->tstate_head->prev = ts;
  interp->tstate_head = ts;
  return ts;
}

PyThreadState* create_main_thread_state() {
  g_main_interp = PyInterpreterState{};
  g_main_tstate = new_thread_state(&g_main_interp);
  t_current_tstate = g_main_tstate;
  krait::shim_set_current_tstate(t_current_tstate);
  g_gilstate_tstate = g_main_tstate;
  return g_main_tstate;
}

void destroy_main_thread_state() {
  if (!g_main_tstate) return;
  PyThreadState_Clear(g_main_tstate);
  PyThreadState_Delete(g_main_tstate);
  g_main_tstate = nullptr;
  t_current_tstate = nullptr;
  krait::shim_set_current_tstate(t_current_tstate);
  g_gilstate_tstate = nullptr;
}

}  // namespace krait

using krait::t_current_tstate;

extern "C" {

PyThreadState* PyThreadState_Get(void) {
  if (!t_current_tstate) Py_FatalError("the function must be called with the GIL held, "
                                       "but the GIL is released (the current Python thread "
                                       "state is NULL)");
  return t_current_tstate;
}
PyThreadState* _PyThreadState_UncheckedGet(void) { return t_current_tstate; }

PyThreadState* PyThreadState_Swap(PyThreadState* ts) {
  PyThreadState* old = t_current_tstate;
  t_current_tstate = ts;
  krait::shim_set_current_tstate(t_current_tstate);
  return old;
}

PyThreadState* PyThreadState_New(PyInterpreterState* interp) {
  return krait::new_thread_state(interp);
}
PyThreadState* _PyThreadState_Prealloc(PyInterpreterState* interp) {
  return krait::new_thread_state(interp);
}

void PyThreadState_Clear(PyThreadState* ts) {
  Py_CLEAR(ts->curexc_type);
  Py_CLEAR(ts->curexc_value);
  Py_CLEAR(ts->curexc_traceback);
  Py_CLEAR(ts->exc_state.exc_value);
  Py_CLEAR(ts->dict);
  Py_CLEAR(ts->async_exc);
  Py_CLEAR(ts->c_profileobj);
  Py_CLEAR(ts->c_traceobj);
  ts->c_profilefunc = nullptr;
  ts->c_tracefunc = nullptr;
}

void PyThreadState_Delete(PyThreadState* ts) {
  PyInterpreterState* interp = ts->interp;
  if (ts->prev) ts->prev->next = ts->next;
  else interp->tstate_head = ts->next;
  if (ts->next) ts->next->prev = ts->prev;
  if (t_current_tstate == ts) t_current_tstate = nullptr;
  krait::shim_set_current_tstate(t_current_tstate);
  PyMem_RawFree(ts);
}

void PyThreadState_DeleteCurrent(void) {
  PyThreadState* ts = t_current_tstate;
  if (!ts) Py_FatalError("PyThreadState_DeleteCurrent: no current tstate");
  PyThreadState_Clear(ts);
  PyThreadState_Delete(ts);
}

PyObject* _PyThreadState_GetDict(PyThreadState* ts) {
  if (!ts->dict) ts->dict = PyDict_New();
  return ts->dict;
}
PyObject* PyThreadState_GetDict(void) {
  PyThreadState* ts = t_current_tstate;
  if (!ts) return nullptr;
  PyObject* d = _PyThreadState_GetDict(ts);
  if (!d) PyErr_Clear();
  return d;
}

PyInterpreterState* PyThreadState_GetInterpreter(PyThreadState* ts) { return ts->interp; }
uint64_t PyThreadState_GetID(PyThreadState* ts) { return ts->id; }

void PyThreadState_EnterTracing(PyThreadState* ts) { ts->tracing++; }
void PyThreadState_LeaveTracing(PyThreadState* ts) { ts->tracing--; }

PyInterpreterState* PyInterpreterState_Get(void) { return PyThreadState_Get()->interp; }
PyInterpreterState* PyInterpreterState_Main(void) { return krait::main_interp(); }
PyInterpreterState* PyInterpreterState_Head(void) { return krait::main_interp(); }
PyInterpreterState* PyInterpreterState_Next(PyInterpreterState* interp) { return interp->next; }
PyThreadState* PyInterpreterState_ThreadHead(PyInterpreterState* interp) {
  return interp->tstate_head;
}
PyThreadState* PyThreadState_Next(PyThreadState* ts) { return ts->next; }
int64_t PyInterpreterState_GetID(PyInterpreterState* interp) { return interp->id; }
PyObject* PyInterpreterState_GetDict(PyInterpreterState* interp) {
  if (!interp->dict) {
    interp->dict = PyDict_New();
    if (!interp->dict) PyErr_Clear();
  }
  return interp->dict;
}
PyInterpreterState* _PyGILState_GetInterpreterStateUnsafe(void) { return krait::main_interp(); }

// --- GIL state ----------------------------------------------------------------
// With one thread the GIL is always held by it; the counters keep the
// Ensure/Release pairing semantics extensions rely on.

PyGILState_STATE PyGILState_Ensure(void) {
  PyThreadState* ts = krait::g_gilstate_tstate;
  if (!ts) Py_FatalError("PyGILState_Ensure: Python is not initialized");
  bool current = (t_current_tstate == ts);
  if (!current) t_current_tstate = ts;
  krait::shim_set_current_tstate(t_current_tstate);
  ts->gilstate_counter++;
  return current ? PyGILState_LOCKED : PyGILState_UNLOCKED;
}

void PyGILState_Release(PyGILState_STATE old) {
  PyThreadState* ts = krait::g_gilstate_tstate;
  if (!ts) return;
  ts->gilstate_counter--;
  if (old == PyGILState_UNLOCKED) t_current_tstate = nullptr;
  krait::shim_set_current_tstate(t_current_tstate);
}

PyThreadState* PyGILState_GetThisThreadState(void) { return krait::g_gilstate_tstate; }
int PyGILState_Check(void) { return t_current_tstate != nullptr; }

PyThreadState* PyEval_SaveThread(void) {
  PyThreadState* ts = t_current_tstate;
  t_current_tstate = nullptr;
  krait::shim_set_current_tstate(t_current_tstate);
  return ts;
}
void PyEval_RestoreThread(PyThreadState* ts) {
  t_current_tstate = ts;
  krait::shim_set_current_tstate(t_current_tstate);
}
void PyEval_AcquireThread(PyThreadState* ts) {
  t_current_tstate = ts;
  krait::shim_set_current_tstate(t_current_tstate);
}
void PyEval_ReleaseThread(PyThreadState*) {
  t_current_tstate = nullptr;
  krait::shim_set_current_tstate(t_current_tstate);
}
void PyEval_InitThreads(void) {}
int PyEval_ThreadsInitialized(void) { return 1; }

}  // extern "C"
