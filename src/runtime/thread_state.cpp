// Thread and interpreter states: creation, lookup, the GIL-state API.
//
// Krait runs one interpreter. Each OS thread that runs Python code has one
// PyThreadState (CPython's public layout). The GIL itself and thread switching
// arrive with the _thread module; until then the GIL-state API keeps its
// contract for a single thread.
#include "runtime/interp_state.h"
#include "capi/pyruntime_shim.h"

#include "runtime/gil.h"

#include <pthread.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <cerrno>
#include <cstring>

namespace krait {

constinit thread_local PyThreadState* t_current_tstate __attribute__((tls_model("initial-exec"))) = nullptr;
static PyInterpreterState g_main_interp;
static PyThreadState* g_main_tstate = nullptr;
static unsigned long g_main_thread_ident = 0;
// The "auto" thread state of this OS thread (PyGILState_*): the first one
// created or bound on it.
static thread_local PyThreadState* t_gilstate_tstate __attribute__((tls_model("initial-exec"))) = nullptr;

PyInterpreterState* main_interp() { return &g_main_interp; }

static PyThreadState* new_thread_state(PyInterpreterState* interp) {
  auto* ts = static_cast<PyThreadState*>(PyMem_RawCalloc(1, sizeof(PyThreadState)));
  if (!ts) return nullptr;
  ts->interp = interp;
  // New threads start with the interpreter's current limit (sys.setrecursionlimit).
  int limit = g_main_tstate ? g_main_tstate->recursion_limit : 1000;
  ts->recursion_limit = limit;
  ts->recursion_remaining = limit;
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
  t_gilstate_tstate = g_main_tstate;
  g_main_thread_ident = PyThread_get_thread_ident();
  gil_create_held();
  return g_main_tstate;
}

void bind_thread_state_to_this_thread(PyThreadState* ts) {
  ts->thread_id = PyThread_get_thread_ident();
  ts->native_thread_id = static_cast<unsigned long>(syscall(SYS_gettid));
  if (!t_gilstate_tstate) t_gilstate_tstate = ts;
}

bool is_main_thread() { return PyThread_get_thread_ident() == g_main_thread_ident; }

void reinit_threads_after_fork() {
  // Only the forking thread survives in the child: it becomes the main
  // thread, and the other threads' states are dropped (their memory is
  // leaked on purpose: their frames may reference objects still in use).
  PyThreadState* me = t_current_tstate;
  g_main_thread_ident = PyThread_get_thread_ident();
  g_main_tstate = me;
  if (me) {
    PyInterpreterState* interp = me->interp;
    interp->tstate_head = me;
    me->prev = me->next = nullptr;
  }
  gil_reinit_after_fork();
}

void destroy_main_thread_state() {
  if (!g_main_tstate) return;
  PyThreadState_Clear(g_main_tstate);
  PyThreadState_Delete(g_main_tstate);
  g_main_tstate = nullptr;
  t_current_tstate = nullptr;
  krait::shim_set_current_tstate(t_current_tstate);
  t_gilstate_tstate = nullptr;
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
  PyThreadState* ts = krait::new_thread_state(interp);
  // CPython binds a new thread state to the creating OS thread when that
  // thread has none yet (it becomes its PyGILState state).
  if (ts && !krait::t_gilstate_tstate) krait::t_gilstate_tstate = ts;
  return ts;
}
PyThreadState* _PyThreadState_Prealloc(PyInterpreterState* interp) {
  return krait::new_thread_state(interp);
}

void PyThreadState_Clear(PyThreadState* ts) {
  Py_CLEAR(ts->curexc_type);
  Py_CLEAR(ts->curexc_value);
  Py_CLEAR(ts->curexc_traceback);
  Py_CLEAR(ts->context);  // contextvars (capi)
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
  if (krait::t_gilstate_tstate == ts) krait::t_gilstate_tstate = nullptr;
  // threading's join() waits on a lock that this callback releases
  // (_thread._set_sentinel).
  if (ts->on_delete) ts->on_delete(ts->on_delete_data);
  PyMem_RawFree(ts);
}

void PyThreadState_DeleteCurrent(void) {
  PyThreadState* ts = t_current_tstate;
  if (!ts) Py_FatalError("PyThreadState_DeleteCurrent: no current tstate");
  PyThreadState_Clear(ts);
  PyThreadState_Delete(ts);
  krait::gil_drop(nullptr);
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

PyGILState_STATE PyGILState_Ensure(void) {
  PyThreadState* ts = krait::t_gilstate_tstate;
  bool current;
  if (!ts) {
    // A thread Python did not create calls in: give it a thread state that
    // the matching PyGILState_Release deletes again.
    ts = krait::new_thread_state(krait::main_interp());
    if (!ts) Py_FatalError("PyGILState_Ensure: couldn't create thread-state for new thread");
    krait::bind_thread_state_to_this_thread(ts);
    ts->gilstate_counter = 0;
    current = false;
  } else {
    current = ts == t_current_tstate && krait::gil_held_by_me();
  }
  if (!current) krait::gil_take(ts);
  ts->gilstate_counter++;
  return current ? PyGILState_LOCKED : PyGILState_UNLOCKED;
}

void PyGILState_Release(PyGILState_STATE old) {
  PyThreadState* ts = krait::t_gilstate_tstate;
  if (!ts) Py_FatalError("auto-releasing thread-state, but no thread-state for this thread");
  if (ts != t_current_tstate)
    Py_FatalError("thread state must be current when releasing");
  if (--ts->gilstate_counter == 0) {
    PyThreadState_Clear(ts);
    PyThreadState_DeleteCurrent();  // also releases the GIL
  } else if (old == PyGILState_UNLOCKED) {
    krait::gil_drop(ts);
  }
}

PyThreadState* PyGILState_GetThisThreadState(void) { return krait::t_gilstate_tstate; }
int PyGILState_Check(void) {
  PyThreadState* ts = t_current_tstate;
  return ts && ts == krait::t_gilstate_tstate && krait::gil_held_by_me();
}

PyThreadState* PyEval_SaveThread(void) {
  PyThreadState* ts = t_current_tstate;
  if (!ts) Py_FatalError("PyEval_SaveThread: the function must be called with the GIL held, "
                         "but the GIL is released (the current Python thread state is NULL)");
  krait::gil_drop(ts);
  return ts;
}
void PyEval_RestoreThread(PyThreadState* ts) {
  if (!ts) Py_FatalError("PyEval_RestoreThread: NULL tstate");
  int saved = errno;  // Py_END_ALLOW_THREADS must not clobber errno
  krait::gil_take(ts);
  errno = saved;
}
void PyEval_AcquireThread(PyThreadState* ts) {
  if (!ts) Py_FatalError("PyEval_AcquireThread: NULL new thread state");
  krait::gil_take(ts);
}
void PyEval_ReleaseThread(PyThreadState* ts) {
  if (!ts) Py_FatalError("PyEval_ReleaseThread: NULL thread state");
  if (t_current_tstate != ts) Py_FatalError("PyEval_ReleaseThread: wrong thread state");
  krait::gil_drop(ts);
}
void PyEval_AcquireLock(void) { krait::gil_take(t_current_tstate); }
void PyEval_ReleaseLock(void) { krait::gil_drop(t_current_tstate); }
void PyEval_InitThreads(void) {}
int PyEval_ThreadsInitialized(void) { return 1; }

}  // extern "C"
