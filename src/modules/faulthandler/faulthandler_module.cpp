// faulthandler_module.cpp — the `faulthandler` module: on SIGSEGV, SIGFPE,
// SIGABRT, SIGBUS and SIGILL print "Fatal Python error: <signal>" and the
// Python stack(s), then let the signal kill the process as before; dump the
// stacks on demand (dump_traceback), after a timeout from a watchdog thread
// (dump_traceback_later) or on a user signal (register). Handlers run on an
// alternate stack so a stack overflow can still be reported.
#include <Python.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>

#include "modules/faulthandler/traceback_dump.h"
#include "runtime/crash_report.h"
#include "support/ref.h"

using namespace krait;
using namespace krait::faulthandler;

namespace {

struct FatalSignal {
  int signum;
  const char* name;
  struct sigaction previous;
  bool installed;
};

FatalSignal fatal_signals[] = {
    {SIGBUS, "Bus error", {}, false},
    {SIGILL, "Illegal instruction", {}, false},
    {SIGFPE, "Floating point exception", {}, false},
    {SIGABRT, "Aborted", {}, false},
    {SIGSEGV, "Segmentation fault", {}, false},
};

struct {
  bool enabled = false;
  int fd = 2;
  bool all_threads = true;
  PyObject* file = nullptr;  // strong: keeps the fd's owner alive
} fatal;

stack_t alt_stack = {};

// ------------------------------------------------------------ file argument

// The fd to write to: an int, or the result of file.fileno() (file
// defaults to sys.stderr, which is flushed first). *owner gets a new
// reference to what must stay alive.
int get_fileno(PyObject* file, PyObject** owner) {
  *owner = nullptr;
  if (file == nullptr || file == Py_None) {
    file = PySys_GetObject("stderr");  // borrowed
    if (file == nullptr || file == Py_None) {
      PyErr_SetString(PyExc_RuntimeError, "sys.stderr is None");
      return -1;
    }
  } else if (PyLong_Check(file)) {
    int fd = _PyLong_AsInt(file);
    if (fd == -1 && PyErr_Occurred()) return -1;
    if (fd < 0) {
      PyErr_SetString(PyExc_ValueError, "file is not a valid file descripter");
      return -1;
    }
    *owner = Py_NewRef(file);
    return fd;
  }
  Ref<> result = steal(PyObject_CallMethod(file, "fileno", nullptr));
  if (!result) return -1;
  int fd = -1;
  if (PyLong_Check(result.get())) {
    fd = _PyLong_AsInt(result.get());
    if (fd == -1 && PyErr_Occurred()) return -1;
  } else {
    PyErr_SetString(PyExc_RuntimeError, "file.fileno() is not a valid file descriptor");
    return -1;
  }
  if (fd < 0) {
    PyErr_SetString(PyExc_ValueError, "file is not a valid file descripter");
    return -1;
  }
  Ref<> flushed = steal(PyObject_CallMethod(file, "flush", nullptr));
  if (!flushed) PyErr_Clear();  // a failing flush does not prevent the dump
  *owner = Py_NewRef(file);
  return fd;
}

void dump(int fd, bool all_threads) {
  if (all_threads)
    dump_all(fd, PyThread_get_thread_ident());
  else
    dump_current(fd, true);
}

// ------------------------------------------------------------ fatal signals

void restore_fatal_handlers() {
  if (!fatal.enabled) return;
  fatal.enabled = false;
  for (FatalSignal& s : fatal_signals) {
    if (!s.installed) continue;
    sigaction(s.signum, &s.previous, nullptr);
    s.installed = false;
  }
}

void fatal_handler(int signum) {
  int saved_errno = errno;
  FatalSignal* sig = nullptr;
  for (FatalSignal& s : fatal_signals)
    if (s.signum == signum) sig = &s;
  if (!fatal.enabled || sig == nullptr) return;
  int fd = fatal.fd;
  // Restore the previous handlers first: a fault while dumping must not
  // recurse into this handler.
  restore_fatal_handlers();
  write_str(fd, "Fatal Python error: ");
  write_str(fd, sig->name);
  write_str(fd, "\n\n");
  dump(fd, fatal.all_threads);
  dump_extension_modules(fd);
  g_fatal_report_written = true;  // the crash report we may chain to stays silent
  errno = saved_errno;
  // Re-raise with the previous (usually default) disposition: the process
  // dies of the signal, as it would have without us. For a real fault,
  // returning re-executes the faulting instruction with the same effect.
  raise(signum);
}

int enable_fatal_handlers() {
  if (fatal.enabled) return 0;
  if (alt_stack.ss_sp == nullptr) {
    alt_stack.ss_size = SIGSTKSZ * 2 + 64 * 1024;
    alt_stack.ss_sp = std::malloc(alt_stack.ss_size);
    if (alt_stack.ss_sp && sigaltstack(&alt_stack, nullptr) != 0) {
      std::free(alt_stack.ss_sp);
      alt_stack.ss_sp = nullptr;
    }
  }
  for (FatalSignal& s : fatal_signals) {
    struct sigaction action = {};
    action.sa_handler = fatal_handler;
    sigemptyset(&action.sa_mask);
    // SA_NODEFER: the re-raise inside the handler must be delivered.
    action.sa_flags = SA_NODEFER | (alt_stack.ss_sp ? SA_ONSTACK : 0);
    if (sigaction(s.signum, &action, &s.previous) != 0) {
      PyErr_SetFromErrno(PyExc_RuntimeError);
      for (FatalSignal& t : fatal_signals)
        if (t.installed) {
          sigaction(t.signum, &t.previous, nullptr);
          t.installed = false;
        }
      return -1;
    }
    s.installed = true;
  }
  fatal.enabled = true;
  return 0;
}

PyObject* fh_enable(PyObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"file", "all_threads", nullptr};
  PyObject* file = nullptr;
  int all_threads = 1;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|Op:enable", const_cast<char**>(kwlist), &file,
                                   &all_threads))
    return nullptr;
  PyObject* owner;
  int fd = get_fileno(file, &owner);
  if (fd < 0) return nullptr;
  Py_XSETREF(fatal.file, owner);
  fatal.fd = fd;
  fatal.all_threads = all_threads;
  if (enable_fatal_handlers() < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* fh_disable(PyObject*, PyObject*) {
  if (!fatal.enabled) Py_RETURN_FALSE;
  restore_fatal_handlers();
  Py_CLEAR(fatal.file);
  Py_RETURN_TRUE;
}

PyObject* fh_is_enabled(PyObject*, PyObject*) { return PyBool_FromLong(fatal.enabled); }

PyObject* fh_dump_traceback(PyObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"file", "all_threads", nullptr};
  PyObject* file = nullptr;
  int all_threads = 1;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|Op:dump_traceback", const_cast<char**>(kwlist),
                                   &file, &all_threads))
    return nullptr;
  PyObject* owner;
  int fd = get_fileno(file, &owner);
  if (fd < 0) return nullptr;
  Ref<> hold = steal(owner);
  dump(fd, all_threads);
  if (PyErr_CheckSignals() < 0) return nullptr;  // a signal may have arrived meanwhile
  Py_RETURN_NONE;
}

// ------------------------------------------------------------ watchdog

struct Watchdog {
  std::mutex mutex;
  std::condition_variable cv;
  std::thread thread;
  bool cancel = false;
  PyObject* file = nullptr;  // strong, released by cancel (with the GIL)
} watchdog;

void watchdog_run(long long timeout_us, bool repeat, bool exit_after, int fd, std::string header) {
  std::unique_lock<std::mutex> lock(watchdog.mutex);
  for (;;) {
    bool cancelled = watchdog.cv.wait_for(lock, std::chrono::microseconds(timeout_us),
                                          [] { return watchdog.cancel; });
    if (cancelled) return;
    write_str(fd, header.c_str());
    // The watchdog is not a Python thread: every thread is "Thread 0x...".
    dump_all(fd, 0);
    if (exit_after) _exit(1);
    if (!repeat) return;
  }
}

void cancel_watchdog() {
  if (watchdog.thread.joinable()) {
    {
      std::lock_guard<std::mutex> lock(watchdog.mutex);
      watchdog.cancel = true;
    }
    watchdog.cv.notify_all();
    Py_BEGIN_ALLOW_THREADS
    watchdog.thread.join();
    Py_END_ALLOW_THREADS
  }
  watchdog.cancel = false;
  Py_CLEAR(watchdog.file);
}

PyObject* fh_dump_traceback_later(PyObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"timeout", "repeat", "file", "exit", nullptr};
  double timeout;
  int repeat = 0, exit_after = 0;
  PyObject* file = nullptr;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "d|iOi:dump_traceback_later",
                                   const_cast<char**>(kwlist), &timeout, &repeat, &file,
                                   &exit_after))
    return nullptr;
  double us_d = timeout * 1e6;
  if (!(us_d < 9.2e18)) {
    PyErr_SetString(PyExc_OverflowError, "timeout value is too large");
    return nullptr;
  }
  long long timeout_us = static_cast<long long>(us_d);
  if (timeout_us <= 0) {
    PyErr_SetString(PyExc_ValueError, "timeout must be greater than 0");
    return nullptr;
  }
  PyObject* owner;
  int fd = get_fileno(file, &owner);
  if (fd < 0) return nullptr;
  // "Timeout (H:MM:SS[.ffffff])!" — formatted now, written by the watchdog.
  unsigned long long sec = static_cast<unsigned long long>(timeout_us / 1000000);
  unsigned us = static_cast<unsigned>(timeout_us % 1000000);
  unsigned long long min = sec / 60, hour = min / 60;
  sec %= 60;
  min %= 60;
  char buf[100];
  if (us)
    std::snprintf(buf, sizeof buf, "Timeout (%llu:%02llu:%02llu.%06u)!\n", hour, min, sec, us);
  else
    std::snprintf(buf, sizeof buf, "Timeout (%llu:%02llu:%02llu)!\n", hour, min, sec);
  cancel_watchdog();
  watchdog.file = owner;
  watchdog.thread = std::thread(watchdog_run, timeout_us, repeat != 0, exit_after != 0, fd,
                                std::string(buf));
  Py_RETURN_NONE;
}

PyObject* fh_cancel_dump_traceback_later(PyObject*, PyObject*) {
  cancel_watchdog();
  Py_RETURN_NONE;
}

// ------------------------------------------------------------ user signals

struct UserSignal {
  bool enabled;
  int fd;
  bool all_threads;
  bool chain;
  PyObject* file;
  struct sigaction previous;
};

UserSignal user_signals[NSIG] = {};

void user_handler(int signum) {
  int saved_errno = errno;
  UserSignal& user = user_signals[signum];
  if (!user.enabled) return;
  dump(user.fd, user.all_threads);
  if (user.chain) {
    // Call the previous handler: reinstall it, re-raise, then come back.
    sigaction(signum, &user.previous, nullptr);
    errno = saved_errno;
    raise(signum);
    saved_errno = errno;
    struct sigaction action = {};
    action.sa_handler = user_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_NODEFER | (alt_stack.ss_sp ? SA_ONSTACK : 0);
    sigaction(signum, &action, nullptr);
  }
  errno = saved_errno;
}

int check_signum(int signum) {
  for (FatalSignal& s : fatal_signals) {
    if (s.signum == signum) {
      PyErr_Format(PyExc_RuntimeError, "signal %i cannot be registered, use enable() instead",
                   signum);
      return -1;
    }
  }
  if (signum < 1 || signum >= NSIG) {
    PyErr_SetString(PyExc_ValueError, "signal number out of range");
    return -1;
  }
  return 0;
}

PyObject* fh_register(PyObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"signum", "file", "all_threads", "chain", nullptr};
  int signum, all_threads = 1, chain = 0;
  PyObject* file = nullptr;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "i|Opp:register", const_cast<char**>(kwlist),
                                   &signum, &file, &all_threads, &chain))
    return nullptr;
  if (check_signum(signum) < 0) return nullptr;
  PyObject* owner;
  int fd = get_fileno(file, &owner);
  if (fd < 0) return nullptr;
  UserSignal& user = user_signals[signum];
  if (!user.enabled) {
    struct sigaction action = {};
    action.sa_handler = user_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = (chain ? SA_NODEFER : SA_RESTART) | (alt_stack.ss_sp ? SA_ONSTACK : 0);
    if (sigaction(signum, &action, &user.previous) != 0) {
      Py_DECREF(owner);
      PyErr_SetFromErrno(PyExc_OSError);
      return nullptr;
    }
  }
  Py_XSETREF(user.file, owner);
  user.fd = fd;
  user.all_threads = all_threads;
  user.chain = chain;
  user.enabled = true;
  Py_RETURN_NONE;
}

PyObject* fh_unregister(PyObject*, PyObject* arg) {
  int signum = _PyLong_AsInt(arg);
  if (signum == -1 && PyErr_Occurred()) return nullptr;
  if (check_signum(signum) < 0) return nullptr;
  UserSignal& user = user_signals[signum];
  if (!user.enabled) Py_RETURN_FALSE;
  user.enabled = false;
  sigaction(signum, &user.previous, nullptr);
  Py_CLEAR(user.file);
  Py_RETURN_TRUE;
}

// ------------------------------------------------------------ test helpers

// Core dumps of the deliberate crashes below are not wanted.
void suppress_crash_report() {
  struct rlimit rl;
  if (getrlimit(RLIMIT_CORE, &rl) == 0) {
    rl.rlim_cur = 0;
    setrlimit(RLIMIT_CORE, &rl);  // best effort
  }
}

PyObject* fh_sigsegv(PyObject*, PyObject* args) {
  int release_gil = 0;
  if (!PyArg_ParseTuple(args, "|i:_sigsegv", &release_gil)) return nullptr;
  suppress_crash_report();
  if (release_gil) {
    Py_BEGIN_ALLOW_THREADS
    raise(SIGSEGV);
    Py_END_ALLOW_THREADS
  } else {
    raise(SIGSEGV);
  }
  Py_RETURN_NONE;
}

PyObject* fh_sigabrt(PyObject*, PyObject*) {
  suppress_crash_report();
  std::abort();
}

PyObject* fh_sigfpe(PyObject*, PyObject*) {
  suppress_crash_report();
  raise(SIGFPE);
  Py_RETURN_NONE;
}

PyObject* fh_read_null(PyObject*, PyObject*) {
  suppress_crash_report();
  volatile int* p = nullptr;
  int v = *p;
  return PyLong_FromLong(v);
}

__attribute__((noinline)) uintptr_t deep_recursion(uintptr_t depth, volatile char* prev) {
  volatile char buffer[4096];
  buffer[0] = static_cast<char>(depth);
  if (prev) buffer[1] = prev[0];
  return deep_recursion(depth + 1, buffer) + buffer[0];
}

PyObject* fh_stack_overflow(PyObject*, PyObject*) {
  suppress_crash_report();
  return PyLong_FromSize_t(deep_recursion(0, nullptr));
}

// Named as CPython's: Py_FatalError reports its caller's name (__func__).
void faulthandler_fatal_error_thread() { Py_FatalError("in new thread"); }

PyObject* fh_fatal_error_c_thread(PyObject*, PyObject*) {
  std::thread t(faulthandler_fatal_error_thread);
  Py_BEGIN_ALLOW_THREADS
  t.join();
  Py_END_ALLOW_THREADS
  Py_RETURN_NONE;
}

#define KW(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(f))

PyMethodDef module_methods[] = {
    {"enable", KW(fh_enable), METH_VARARGS | METH_KEYWORDS,
     "enable(file=sys.stderr, all_threads=True): enable the fault handler"},
    {"disable", fh_disable, METH_NOARGS, "disable(): disable the fault handler"},
    {"is_enabled", fh_is_enabled, METH_NOARGS, "is_enabled()->bool: check if the handler is enabled"},
    {"dump_traceback", KW(fh_dump_traceback), METH_VARARGS | METH_KEYWORDS,
     "dump_traceback(file=sys.stderr, all_threads=True): dump the traceback of the current thread, "
     "or of all threads if all_threads is True, into file"},
    {"dump_traceback_later", KW(fh_dump_traceback_later), METH_VARARGS | METH_KEYWORDS,
     "dump_traceback_later(timeout, repeat=False, file=sys.stderrn, exit=False):\n"
     "dump the traceback of all threads in timeout seconds,\n"
     "or each timeout seconds if repeat is True. If exit is True, call _exit(1) which is not safe."},
    {"cancel_dump_traceback_later", fh_cancel_dump_traceback_later, METH_NOARGS,
     "cancel_dump_traceback_later():\ncancel the previous call to dump_traceback_later()."},
    {"register", KW(fh_register), METH_VARARGS | METH_KEYWORDS,
     "register(signum, file=sys.stderr, all_threads=True, chain=False): register a handler for "
     "the signal 'signum': dump the traceback of the current thread, or of all threads if "
     "all_threads is True, into file"},
    {"unregister", fh_unregister, METH_O,
     "unregister(signum): unregister the handler of the signal 'signum' registered by register()"},
    {"_read_null", fh_read_null, METH_NOARGS,
     "_read_null(): read from NULL, raise a SIGSEGV or SIGBUS signal depending on the platform"},
    {"_sigsegv", fh_sigsegv, METH_VARARGS, "_sigsegv(release_gil=False): raise a SIGSEGV signal"},
    {"_fatal_error_c_thread", fh_fatal_error_c_thread, METH_NOARGS,
     "fatal_error_c_thread(): call Py_FatalError() in a new C thread."},
    {"_sigabrt", fh_sigabrt, METH_NOARGS, "_sigabrt(): raise a SIGABRT signal"},
    {"_sigfpe", fh_sigfpe, METH_NOARGS, "_sigfpe(): raise a SIGFPE signal"},
    {"_stack_overflow", fh_stack_overflow, METH_NOARGS,
     "_stack_overflow(): recursive call to raise a stack overflow"},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef faulthandler_module = {
    PyModuleDef_HEAD_INIT, "faulthandler", "faulthandler module.", -1, module_methods,
};

}  // namespace

void krait::faulthandler::disable_fatal_handlers() { restore_fatal_handlers(); }

extern "C" PyObject* PyInit_faulthandler(void) { return PyModule_Create(&faulthandler_module); }
