// signal_state.cpp — the process-wide signal table and the C API around it:
// PyErr_CheckSignals, PyErr_SetInterrupt(Ex), PyOS_InterruptOccurred,
// PyOS_getsig/PyOS_setsig, _PyOS_IsMainThread, PySignal_SetWakeupFd, and the
// start-up hook that ignores SIGPIPE/SIGXFSZ and installs the SIGINT handler.
//
// The C handler only does async-signal-safe work: it sets the signal's
// tripped flag and the global one, asks the eval loop to break
// (request_eval_break is a lock-free atomic or) and writes the signal number
// to the wakeup fd. Python-level handlers run later, on the main thread, from
// PyErr_CheckSignals — called at the eval loop's safe points and by blocking
// calls that were interrupted (EINTR, PEP 475).
#include "runtime/interp_state.h"
#include "modules/signal/signal_internal.h"

#include <errno.h>
#include <unistd.h>

#include <atomic>

#include "runtime/eval_breaker.h"
#include "support/ref.h"

namespace krait {
// Set by Py_InitializeEx(install_sigs); read by init_signals.
int g_install_signal_handlers = 1;
}

namespace krait::sig {

namespace {

struct Slot {
  std::atomic<int> tripped{0};
  PyObject* func = nullptr;  // owned; nullptr until _signal is initialised
};

Slot g_slots[kNsig];
std::atomic<int> g_is_tripped{0};
std::atomic<int> g_wakeup_fd{-1};
std::atomic<bool> g_warn_on_full_buffer{true};
std::atomic<int> g_wakeup_errno{0};  // a failed wakeup write, reported later
PyObject* g_default_handler = nullptr;
PyObject* g_ignore_handler = nullptr;
PyObject* g_default_int_handler = nullptr;

void trip_signal(int signum) {
  g_slots[signum].tripped.store(1, std::memory_order_relaxed);
  g_is_tripped.store(1, std::memory_order_release);
  request_eval_break(kBreakSignals);
  int fd = g_wakeup_fd.load(std::memory_order_relaxed);
  if (fd != -1) {
    unsigned char byte = static_cast<unsigned char>(signum);
    ssize_t r;
    do {
      r = write(fd, &byte, 1);
    } while (r < 0 && errno == EINTR);
    if (r < 0 && (g_warn_on_full_buffer.load(std::memory_order_relaxed) ||
                  (errno != EAGAIN && errno != EWOULDBLOCK)))
      g_wakeup_errno.store(errno, std::memory_order_relaxed);
  }
}

// The int objects SIG_DFL / SIG_IGN, created on first use.
void ensure_handler_constants() {
  if (!g_default_handler) g_default_handler = PyLong_FromVoidPtr(reinterpret_cast<void*>(SIG_DFL));
  if (!g_ignore_handler) g_ignore_handler = PyLong_FromVoidPtr(reinterpret_cast<void*>(SIG_IGN));
}

// CPython compares handlers with == on ints (so SIG_IGN == 1 matches).
bool same_handler(PyObject* func, PyObject* target) {
  if (!func || !target) return false;
  if (func == target) return true;
  if (!PyLong_CheckExact(func)) return false;
  int r = PyObject_RichCompareBool(func, target, Py_EQ);
  if (r < 0) {
    PyErr_Clear();
    return false;
  }
  return r == 1;
}

void report_wakeup_error() {
  int e = g_wakeup_errno.exchange(0, std::memory_order_relaxed);
  if (!e) return;
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  errno = e;
  PyErr_SetFromErrno(PyExc_OSError);
  _PyErr_WriteUnraisableMsg("when trying to write to the signal wakeup fd", nullptr);
  PyErr_Restore(t, v, tb);
}

}  // namespace

void c_signal_handler(int signum) {
  int saved = errno;
  trip_signal(signum);
  errno = saved;
}

PyObject* handler(int signum) { return g_slots[signum].func; }

void set_handler(int signum, PyObject* h) {
  PyObject* old = g_slots[signum].func;
  Py_XINCREF(h);
  g_slots[signum].func = h;
  Py_XDECREF(old);
}

PyObject* default_handler() {
  ensure_handler_constants();
  return g_default_handler;
}
PyObject* ignore_handler() {
  ensure_handler_constants();
  return g_ignore_handler;
}
PyObject* default_int_handler() { return g_default_int_handler; }
void set_default_int_handler(PyObject* f) {
  Py_XINCREF(f);
  Py_XSETREF(g_default_int_handler, f);
}

// One record of the main thread for the whole runtime (thread_state.cpp,
// updated after fork).
bool is_main_thread() { return krait::is_main_thread(); }

int wakeup_fd() { return g_wakeup_fd.load(); }
void set_wakeup(int fd, bool warn) {
  g_warn_on_full_buffer.store(warn);
  g_wakeup_fd.store(fd);
}

void clear_tripped() {
  for (Slot& s : g_slots) s.tripped.store(0, std::memory_order_relaxed);
  g_is_tripped.store(0);
  g_wakeup_errno.store(0);
  clear_eval_break(kBreakSignals);
}

}  // namespace krait::sig

namespace krait {

// Start-up (init_hooks.def): as CPython with
// install_signal_handlers, ignore SIGPIPE and SIGXFSZ (writes then fail with
// EPIPE / EFBIG instead of killing the process) and import _signal, whose
// initialisation installs default_int_handler for SIGINT.
int init_signals() {
  if (!g_install_signal_handlers) return 0;
  PyOS_setsig(SIGPIPE, SIG_IGN);
  PyOS_setsig(SIGXFSZ, SIG_IGN);
  PyObject* m = PyImport_ImportModule("_signal");
  if (!m) return -1;
  Py_DECREF(m);
  return 0;
}

}  // namespace krait

using namespace krait::sig;

extern "C" {

int _PyOS_IsMainThread(void) { return is_main_thread() ? 1 : 0; }

int PyErr_CheckSignals(void) {
  if (!is_main_thread()) return 0;
  krait::clear_eval_break(krait::kBreakSignals);
  if (g_wakeup_errno.load(std::memory_order_relaxed)) report_wakeup_error();
  if (!g_is_tripped.load(std::memory_order_acquire)) return 0;
  g_is_tripped.store(0, std::memory_order_relaxed);
  PyObject* frame = reinterpret_cast<PyObject*>(PyEval_GetFrame());  // borrowed
  if (!frame) frame = Py_None;
  for (int i = 1; i < kNsig; i++) {
    if (!g_slots[i].tripped.load(std::memory_order_relaxed)) continue;
    g_slots[i].tripped.store(0, std::memory_order_relaxed);
    PyObject* func = g_slots[i].func;
    if (!func || func == Py_None || same_handler(func, g_ignore_handler) ||
        same_handler(func, g_default_handler)) {
      // The handler was replaced after the signal arrived.
      PyErr_Format(PyExc_OSError, "Signal %i ignored due to race condition", i);
      PyErr_WriteUnraisable(Py_None);
      continue;
    }
    krait::Ref<> keep = krait::borrow(func);
    krait::Ref<> args = krait::steal(Py_BuildValue("(iO)", i, frame));
    PyObject* r = args ? PyObject_Call(func, args.get(), nullptr) : nullptr;
    if (!r) {
      // Leave the remaining tripped signals for the next check.
      g_is_tripped.store(1, std::memory_order_relaxed);
      krait::request_eval_break(krait::kBreakSignals);
      return -1;
    }
    Py_DECREF(r);
  }
  return 0;
}

int _PyErr_CheckSignals(void) { return PyErr_CheckSignals(); }

int PyErr_SetInterruptEx(int signum) {
  if (signum < 1 || signum >= kNsig) return -1;
  PyObject* func = g_slots[signum].func;
  if (!same_handler(func, g_ignore_handler) && !same_handler(func, g_default_handler))
    trip_signal(signum);
  return 0;
}

void PyErr_SetInterrupt(void) { PyErr_SetInterruptEx(SIGINT); }

int PyOS_InterruptOccurred(void) {
  if (!is_main_thread()) return 0;
  if (!g_slots[SIGINT].tripped.load(std::memory_order_relaxed)) return 0;
  g_slots[SIGINT].tripped.store(0, std::memory_order_relaxed);
  return 1;
}

PyOS_sighandler_t PyOS_getsig(int sig) {
  struct sigaction context;
  if (sigaction(sig, nullptr, &context) == -1) return SIG_ERR;
  return context.sa_handler;
}

PyOS_sighandler_t PyOS_setsig(int sig, PyOS_sighandler_t handler) {
  struct sigaction context, old;
  context.sa_handler = handler;
  sigemptyset(&context.sa_mask);
  // No SA_RESTART: blocking calls fail with EINTR so handlers run promptly.
  context.sa_flags = SA_ONSTACK;
  if (sigaction(sig, &context, &old) == -1) return SIG_ERR;
  return old.sa_handler;
}

int PySignal_SetWakeupFd(int fd) {
  if (fd < 0) fd = -1;
  int old = g_wakeup_fd.exchange(fd);
  return old;
}

// Restores SIGPIPE/SIGXFSZ to their defaults (subprocess children, restore_signals).
void _Py_RestoreSignals(void) {
  PyOS_setsig(SIGPIPE, SIG_DFL);
  PyOS_setsig(SIGXFSZ, SIG_DFL);
}

}  // extern "C"
