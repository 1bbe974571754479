// thread_run.cpp — a thread started by _thread.start_new_thread: its thread
// state is made by the parent (so allocation failures are reported there),
// the new OS thread takes the GIL, calls the function, reports an uncaught
// exception other than SystemExit as "Exception ignored in thread started
// by ...", then deletes its thread state (releasing threading's sentinel
// lock) and the GIL.
#include <atomic>

#include "modules/thread/thread_internal.h"
#include "runtime/gil.h"
#include "runtime/interp_state.h"

namespace krait::thread {
namespace {

std::atomic<long> g_running{0};

struct BootState {
  PyObject* func;
  PyObject* args;
  PyObject* kwargs;  // or NULL
  PyThreadState* ts;
};

void thread_main(void* raw) {
  BootState* boot = static_cast<BootState*>(raw);
  PyThreadState* ts = boot->ts;
  bind_thread_state_to_this_thread(ts);
  gil_take(ts);
  PyObject* r = PyObject_Call(boot->func, boot->args, boot->kwargs);
  if (r) {
    Py_DECREF(r);
  } else if (PyErr_ExceptionMatches(PyExc_SystemExit)) {
    PyErr_Clear();
  } else {
    _PyErr_WriteUnraisableMsg("in thread started by", boot->func);
  }
  Py_DECREF(boot->func);
  Py_DECREF(boot->args);
  Py_XDECREF(boot->kwargs);
  PyMem_RawFree(boot);
  g_running.fetch_sub(1);
  PyThreadState_Clear(ts);
  PyThreadState_DeleteCurrent();  // releases the GIL
}

}  // namespace

PyObject* start_thread(PyObject* func, PyObject* args, PyObject* kwargs) {
  PyInterpreterState* interp = PyThreadState_Get()->interp;
  if (interp->finalizing) {
    PyErr_SetString(PyExc_RuntimeError, "can't create new thread at interpreter shutdown");
    return nullptr;
  }
  auto* boot = static_cast<BootState*>(PyMem_RawMalloc(sizeof(BootState)));
  if (!boot) return PyErr_NoMemory();
  boot->ts = _PyThreadState_Prealloc(interp);
  if (!boot->ts) {
    PyMem_RawFree(boot);
    return PyErr_NoMemory();
  }
  boot->func = Py_NewRef(func);
  boot->args = Py_NewRef(args);
  boot->kwargs = Py_XNewRef(kwargs);
  g_running.fetch_add(1);
  unsigned long ident = PyThread_start_new_thread(thread_main, boot);
  if (ident == static_cast<unsigned long>(-1)) {
    g_running.fetch_sub(1);
    Py_DECREF(boot->func);
    Py_DECREF(boot->args);
    Py_XDECREF(boot->kwargs);
    PyThreadState_Clear(boot->ts);
    PyThreadState_Delete(boot->ts);
    PyMem_RawFree(boot);
    PyErr_SetString(PyExc_RuntimeError, "can't start new thread");
    return nullptr;
  }
  return PyLong_FromUnsignedLong(ident);
}

long running_threads() { return g_running.load(); }

}  // namespace krait::thread

namespace krait {

// Fini hook: joins the non-daemon threads through threading._shutdown() (if
// threading was imported), then refuses new threads. Daemon threads keep
// their OS threads but never get the GIL back: the finalizing main thread
// holds it until the process exits.
int wait_for_thread_shutdown() {
  PyThreadState* ts = PyThreadState_Get();
  PyObject* modules = PyImport_GetModuleDict();
  PyObject* threading = PyDict_GetItemString(modules, "threading");
  if (threading) {
    Py_INCREF(threading);
    PyObject* r = PyObject_CallMethod(threading, "_shutdown", nullptr);
    if (!r) PyErr_WriteUnraisable(threading);
    Py_XDECREF(r);
    Py_DECREF(threading);
  }
  ts->interp->finalizing = 1;
  gil_reserve_for_finalizer();
  return 0;
}

}  // namespace krait
