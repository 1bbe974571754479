// signal_module.cpp — the `_signal` module under signal.py: signal/getsignal,
// raise_signal, strsignal, valid_signals, the sigmask family (pthread_sigmask,
// sigpending, sigwait, sigwaitinfo, sigtimedwait), pthread_kill,
// pidfd_send_signal, set_wakeup_fd, alarm/pause, setitimer/getitimer
// (ItimerError), siginterrupt, default_int_handler and the SIG* constants.
// The signal table and the C API live in signal_state.cpp.
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#include "modules/signal/signal_internal.h"
#include "support/ref.h"

using namespace krait;
using namespace krait::sig;

namespace {

PyObject* g_itimer_error = nullptr;
PyTypeObject* g_siginfo_type = nullptr;

bool check_signum(int signum) {
  if (signum < 1 || signum >= kNsig) {
    PyErr_SetString(PyExc_ValueError, "signal number out of range");
    return false;
  }
  return true;
}

// O& converter: an iterable of signal numbers -> sigset_t (CPython's
// _Py_Sigset_Converter, including the RuntimeWarning for numbers the libc
// reserves, so range(1, NSIG) keeps working).
int sigset_converter(PyObject* obj, void* out) {
  sigset_t* mask = static_cast<sigset_t*>(out);
  sigemptyset(mask);
  Ref<> it = steal(PyObject_GetIter(obj));
  if (!it) return 0;
  while (PyObject* item = PyIter_Next(it.get())) {
    int overflow = 0;
    long signum = PyLong_AsLongAndOverflow(item, &overflow);
    Py_DECREF(item);
    if (signum <= 0 || signum >= kNsig) {
      if (overflow || signum != -1 || !PyErr_Occurred())
        PyErr_Format(PyExc_ValueError, "signal number %ld out of range [1; %i]", signum, kNsig - 1);
      return 0;
    }
    if (sigaddset(mask, static_cast<int>(signum))) {
      if (errno != EINVAL) {
        PyErr_SetFromErrno(PyExc_OSError);
        return 0;
      }
      if (PyErr_WarnFormat(PyExc_RuntimeWarning, 1,
                           "invalid signal number %ld, please use valid_signals()", signum))
        return 0;
    }
  }
  return PyErr_Occurred() ? 0 : 1;
}

PyObject* sigset_to_set(const sigset_t& mask) {
  Ref<> result = steal(PySet_New(nullptr));
  if (!result) return nullptr;
  for (int sig = 1; sig < kNsig; sig++) {
    if (sigismember(&mask, sig) != 1) continue;
    Ref<> n = steal(PyLong_FromLong(sig));
    if (!n || PySet_Add(result.get(), n.get()) < 0) return nullptr;
  }
  return result.release();
}

PyObject* siginfo_to_struct(const siginfo_t& si) {
  PyObject* r = PyStructSequence_New(g_siginfo_type);
  if (!r) return nullptr;
  PyObject* items[] = {
      PyLong_FromLong(si.si_signo), PyLong_FromLong(si.si_code), PyLong_FromLong(si.si_errno),
      PyLong_FromLong(si.si_pid),   PyLong_FromUnsignedLong(si.si_uid),
      PyLong_FromLong(si.si_status), PyLong_FromLong(si.si_band)};
  for (int i = 0; i < 7; i++) PyStructSequence_SET_ITEM(r, i, items[i]);
  for (PyObject* o : items) {
    if (!o) {
      Py_DECREF(r);
      return nullptr;
    }
  }
  return r;
}

// Seconds (int or float) -> nanoseconds rounded toward +inf, as CPython's
// _PyTime_FromSecondsObject(..., _PyTime_ROUND_CEILING).
bool seconds_to_ns(PyObject* obj, long long* ns) {
  if (PyFloat_Check(obj)) {
    double d = PyFloat_AsDouble(obj);
    if (isnan(d)) {
      PyErr_SetString(PyExc_ValueError, "Invalid value NaN (not a number)");
      return false;
    }
    d = ceil(d * 1e9);
    if (!(d >= -9.2e18 && d <= 9.2e18)) {
      PyErr_SetString(PyExc_OverflowError, "timestamp too large to convert to C _PyTime_t");
      return false;
    }
    *ns = static_cast<long long>(d);
    return true;
  }
  long long sec = PyLong_AsLongLong(obj);
  if (sec == -1 && PyErr_Occurred()) {
    if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
      PyErr_Clear();
      PyErr_SetString(PyExc_OverflowError, "timestamp too large to convert to C _PyTime_t");
    }
    return false;
  }
  if (__builtin_mul_overflow(sec, 1000000000LL, ns)) {
    PyErr_SetString(PyExc_OverflowError, "timestamp too large to convert to C _PyTime_t");
    return false;
  }
  return true;
}

bool seconds_to_timeval(PyObject* obj, struct timeval* tv) {
  long long ns;
  if (!seconds_to_ns(obj, &ns)) return false;
  long long us = ns / 1000;
  if (ns % 1000 > 0) us++;  // ceiling
  long long sec = us / 1000000, rem = us % 1000000;
  if (rem < 0) {
    rem += 1000000;
    sec--;
  }
  tv->tv_sec = static_cast<time_t>(sec);
  tv->tv_usec = static_cast<suseconds_t>(rem);
  return true;
}

PyObject* itimer_retval(const struct itimerval& v) {
  return Py_BuildValue("(dd)", v.it_value.tv_sec + v.it_value.tv_usec * 1e-6,
                       v.it_interval.tv_sec + v.it_interval.tv_usec * 1e-6);
}

// -------------------------------------------------------------- functions

PyObject* sig_default_int_handler(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  int signum;
  PyObject* frame;
  if (!_PyArg_CheckPositional("default_int_handler", nargs, 2, 2)) return nullptr;
  if (!_PyArg_ParseStack(args, nargs, "iO:default_int_handler", &signum, &frame)) return nullptr;
  PyErr_SetNone(PyExc_KeyboardInterrupt);
  return nullptr;
}

PyObject* sig_alarm(PyObject*, PyObject* arg) {
  int seconds = _PyLong_AsInt(arg);
  if (seconds == -1 && PyErr_Occurred()) return nullptr;
  return PyLong_FromLong(static_cast<long>(alarm(static_cast<unsigned>(seconds))));
}

PyObject* sig_pause(PyObject*, PyObject*) {
  Py_BEGIN_ALLOW_THREADS
  pause();
  Py_END_ALLOW_THREADS
  // pause() only returns after a handler ran: run the Python one now.
  if (PyErr_CheckSignals()) return nullptr;
  Py_RETURN_NONE;
}

PyObject* sig_raise_signal(PyObject*, PyObject* arg) {
  int signum = _PyLong_AsInt(arg);
  if (signum == -1 && PyErr_Occurred()) return nullptr;
  if (!check_signum(signum)) return nullptr;
  int err;
  Py_BEGIN_ALLOW_THREADS
  err = raise(signum);
  Py_END_ALLOW_THREADS
  if (err) return PyErr_SetFromErrno(PyExc_OSError);
  if (PyErr_CheckSignals()) return nullptr;
  Py_RETURN_NONE;
}

PyObject* sig_signal(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  int signum;
  PyObject* handler;
  if (!_PyArg_CheckPositional("signal", nargs, 2, 2)) return nullptr;
  if (!_PyArg_ParseStack(args, nargs, "iO:signal", &signum, &handler)) return nullptr;
  if (!is_main_thread()) {
    PyErr_SetString(PyExc_ValueError, "signal only works in main thread of the main interpreter");
    return nullptr;
  }
  if (!check_signum(signum)) return nullptr;
  void (*func)(int);
  int is_ign = PyObject_RichCompareBool(handler, ignore_handler(), Py_EQ);
  if (is_ign < 0) return nullptr;
  int is_dfl = is_ign ? 0 : PyObject_RichCompareBool(handler, default_handler(), Py_EQ);
  if (is_dfl < 0) return nullptr;
  if (is_ign) {
    func = SIG_IGN;
  } else if (is_dfl) {
    func = SIG_DFL;
  } else if (!PyCallable_Check(handler)) {
    PyErr_SetString(PyExc_TypeError,
                    "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object");
    return nullptr;
  } else {
    func = c_signal_handler;
  }
  // Run what is already pending under the old handler first.
  if (PyErr_CheckSignals()) return nullptr;
  if (PyOS_setsig(signum, func) == SIG_ERR) return PyErr_SetFromErrno(PyExc_OSError);
  PyObject* old = handler_for_return(signum);
  set_handler(signum, handler);
  return old;
}

PyObject* sig_getsignal(PyObject*, PyObject* arg) {
  int signum = _PyLong_AsInt(arg);
  if (signum == -1 && PyErr_Occurred()) return nullptr;
  if (!check_signum(signum)) return nullptr;
  return handler_for_return(signum);
}

PyObject* sig_strsignal(PyObject*, PyObject* arg) {
  int signum = _PyLong_AsInt(arg);
  if (signum == -1 && PyErr_Occurred()) return nullptr;
  if (!check_signum(signum)) return nullptr;
  errno = 0;
  const char* s = strsignal(signum);
  if (errno || !s || strstr(s, "Unknown signal")) Py_RETURN_NONE;
  return PyUnicode_FromString(s);
}

PyObject* sig_siginterrupt(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  int signum, flag;
  if (!_PyArg_CheckPositional("siginterrupt", nargs, 2, 2)) return nullptr;
  if (!_PyArg_ParseStack(args, nargs, "ii:siginterrupt", &signum, &flag)) return nullptr;
  if (!check_signum(signum)) return nullptr;
  struct sigaction act;
  if (sigaction(signum, nullptr, &act) < 0) return PyErr_SetFromErrno(PyExc_OSError);
  if (flag)
    act.sa_flags &= ~SA_RESTART;
  else
    act.sa_flags |= SA_RESTART;
  if (sigaction(signum, &act, nullptr) < 0) return PyErr_SetFromErrno(PyExc_OSError);
  Py_RETURN_NONE;
}

PyObject* sig_set_wakeup_fd(PyObject*, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"", "warn_on_full_buffer", nullptr};
  PyObject* fdobj;
  int warn = 1;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|$p:set_wakeup_fd", const_cast<char**>(kwlist),
                                   &fdobj, &warn))
    return nullptr;
  int fd = _PyLong_AsInt(fdobj);
  if (fd == -1 && PyErr_Occurred()) return nullptr;
  if (!is_main_thread()) {
    PyErr_SetString(PyExc_ValueError,
                    "set_wakeup_fd only works in main thread of the main interpreter");
    return nullptr;
  }
  if (fd != -1) {
    struct stat st;
    if (fstat(fd, &st) != 0) return PyErr_SetFromErrno(PyExc_OSError);
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) return PyErr_SetFromErrno(PyExc_OSError);
    if (!(flags & O_NONBLOCK)) {
      PyErr_Format(PyExc_ValueError, "the fd %i must be in non-blocking mode", fd);
      return nullptr;
    }
  }
  int old = wakeup_fd();
  set_wakeup(fd, warn != 0);
  return PyLong_FromLong(old);
}

PyObject* sig_setitimer(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  int which;
  PyObject *seconds, *interval = nullptr;
  if (!_PyArg_CheckPositional("setitimer", nargs, 2, 3)) return nullptr;
  if (!_PyArg_ParseStack(args, nargs, "iO|O:setitimer", &which, &seconds, &interval))
    return nullptr;
  struct itimerval nv = {}, ov = {};
  if (!seconds_to_timeval(seconds, &nv.it_value)) return nullptr;
  if (interval && !seconds_to_timeval(interval, &nv.it_interval)) return nullptr;
  if (setitimer(which, &nv, &ov) != 0) {
    PyErr_SetFromErrno(g_itimer_error);
    return nullptr;
  }
  return itimer_retval(ov);
}

PyObject* sig_getitimer(PyObject*, PyObject* arg) {
  int which = _PyLong_AsInt(arg);
  if (which == -1 && PyErr_Occurred()) return nullptr;
  struct itimerval v;
  if (getitimer(which, &v) != 0) {
    PyErr_SetFromErrno(g_itimer_error);
    return nullptr;
  }
  return itimer_retval(v);
}

PyObject* sig_pthread_sigmask(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  int how;
  sigset_t mask, previous;
  if (!_PyArg_CheckPositional("pthread_sigmask", nargs, 2, 2)) return nullptr;
  if (!_PyArg_ParseStack(args, nargs, "iO&:pthread_sigmask", &how, sigset_converter, &mask))
    return nullptr;
  int err = pthread_sigmask(how, &mask, &previous);
  if (err) {
    errno = err;
    return PyErr_SetFromErrno(PyExc_OSError);
  }
  // Unblocking may have delivered a signal: run its handler now.
  if (PyErr_CheckSignals()) return nullptr;
  return sigset_to_set(previous);
}

PyObject* sig_sigpending(PyObject*, PyObject*) {
  sigset_t mask;
  if (sigpending(&mask) != 0) return PyErr_SetFromErrno(PyExc_OSError);
  return sigset_to_set(mask);
}

PyObject* sig_sigwait(PyObject*, PyObject* arg) {
  sigset_t set;
  if (!sigset_converter(arg, &set)) return nullptr;
  int err, signum;
  Py_BEGIN_ALLOW_THREADS
  err = sigwait(&set, &signum);
  Py_END_ALLOW_THREADS
  if (err) {
    errno = err;
    return PyErr_SetFromErrno(PyExc_OSError);
  }
  return PyLong_FromLong(signum);
}

PyObject* sig_sigwaitinfo(PyObject*, PyObject* arg) {
  sigset_t set;
  if (!sigset_converter(arg, &set)) return nullptr;
  siginfo_t si;
  int err;
  for (;;) {
    Py_BEGIN_ALLOW_THREADS
    err = sigwaitinfo(&set, &si);
    Py_END_ALLOW_THREADS
    if (err != -1 || errno != EINTR) break;
    if (PyErr_CheckSignals()) return nullptr;
  }
  if (err == -1) return PyErr_SetFromErrno(PyExc_OSError);
  return siginfo_to_struct(si);
}

PyObject* sig_sigtimedwait(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  sigset_t set;
  PyObject* timeout_obj;
  if (!_PyArg_CheckPositional("sigtimedwait", nargs, 2, 2)) return nullptr;
  if (!_PyArg_ParseStack(args, nargs, "O&O:sigtimedwait", sigset_converter, &set, &timeout_obj))
    return nullptr;
  long long timeout;
  if (!seconds_to_ns(timeout_obj, &timeout)) return nullptr;
  if (timeout < 0) {
    PyErr_SetString(PyExc_ValueError, "timeout must be non-negative");
    return nullptr;
  }
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  long long deadline = now.tv_sec * 1000000000LL + now.tv_nsec + timeout;
  siginfo_t si;
  int res;
  for (;;) {
    struct timespec ts = {static_cast<time_t>(timeout / 1000000000LL),
                          static_cast<long>(timeout % 1000000000LL)};
    Py_BEGIN_ALLOW_THREADS
    res = sigtimedwait(&set, &si, &ts);
    Py_END_ALLOW_THREADS
    if (res != -1) break;
    if (errno != EINTR) {
      if (errno == EAGAIN) Py_RETURN_NONE;
      return PyErr_SetFromErrno(PyExc_OSError);
    }
    if (PyErr_CheckSignals()) return nullptr;
    clock_gettime(CLOCK_MONOTONIC, &now);
    timeout = deadline - (now.tv_sec * 1000000000LL + now.tv_nsec);
    if (timeout < 0) break;
  }
  if (res == -1) Py_RETURN_NONE;
  return siginfo_to_struct(si);
}

PyObject* sig_valid_signals(PyObject*, PyObject*) {
  sigset_t mask;
  sigemptyset(&mask);
  if (sigfillset(&mask)) return PyErr_SetFromErrno(PyExc_OSError);
  return sigset_to_set(mask);
}

PyObject* sig_pthread_kill(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  unsigned long tid;
  int signum;
  if (!_PyArg_CheckPositional("pthread_kill", nargs, 2, 2)) return nullptr;
  if (!_PyArg_ParseStack(args, nargs, "ki:pthread_kill", &tid, &signum)) return nullptr;
  int err = pthread_kill(static_cast<pthread_t>(tid), signum);
  if (err) {
    errno = err;
    return PyErr_SetFromErrno(PyExc_OSError);
  }
  // The signal may have been sent to this thread: handle it now.
  if (PyErr_CheckSignals()) return nullptr;
  Py_RETURN_NONE;
}

PyObject* sig_pidfd_send_signal(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  int pidfd, signum, flags = 0;
  PyObject* siginfo = Py_None;
  if (!_PyArg_CheckPositional("pidfd_send_signal", nargs, 2, 4)) return nullptr;
  if (!_PyArg_ParseStack(args, nargs, "ii|Oi:pidfd_send_signal", &pidfd, &signum, &siginfo, &flags))
    return nullptr;
  if (siginfo != Py_None) {
    PyErr_SetString(PyExc_TypeError, "siginfo must be None");
    return nullptr;
  }
  if (syscall(SYS_pidfd_send_signal, pidfd, signum, nullptr, flags) < 0)
    return PyErr_SetFromErrno(PyExc_OSError);
  Py_RETURN_NONE;
}

#define FAST(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(f))

PyMethodDef signal_methods[] = {
    {"default_int_handler", FAST(sig_default_int_handler), METH_FASTCALL,
     "default_int_handler($module, signalnum, frame, /)\n--\n\n"
     "The default handler for SIGINT installed by Python.\n\nIt raises KeyboardInterrupt."},
    {"alarm", sig_alarm, METH_O,
     "alarm($module, seconds, /)\n--\n\nArrange for SIGALRM to arrive after the given number of seconds."},
    {"setitimer", FAST(sig_setitimer), METH_FASTCALL,
     "setitimer($module, which, seconds, interval=0.0, /)\n--\n\n"
     "Sets given itimer (one of ITIMER_REAL, ITIMER_VIRTUAL or ITIMER_PROF).\n\n"
     "The timer will fire after value seconds and after that every interval seconds.\n"
     "The itimer can be cleared by setting seconds to zero.\n\n"
     "Returns old values as a tuple: (delay, interval)."},
    {"getitimer", sig_getitimer, METH_O,
     "getitimer($module, which, /)\n--\n\nReturns current value of given itimer."},
    {"signal", FAST(sig_signal), METH_FASTCALL,
     "signal($module, signalnum, handler, /)\n--\n\n"
     "Set the action for the given signal.\n\n"
     "The action can be SIG_DFL, SIG_IGN, or a callable Python object.\n"
     "The previous action is returned.  See getsignal() for possible return values.\n\n"
     "*** IMPORTANT NOTICE ***\n"
     "A signal handler function is called with two arguments:\n"
     "the first is the signal number, the second is the interrupted stack frame."},
    {"raise_signal", sig_raise_signal, METH_O,
     "raise_signal($module, signalnum, /)\n--\n\nSend a signal to the executing process."},
    {"strsignal", sig_strsignal, METH_O,
     "strsignal($module, signalnum, /)\n--\n\n"
     "Return the system description of the given signal.\n\n"
     "Returns the description of signal *signalnum*, such as \"Interrupt\"\n"
     "for :const:`SIGINT`. Returns :const:`None` if *signalnum* has no\n"
     "description. Raises :exc:`ValueError` if *signalnum* is invalid."},
    {"getsignal", sig_getsignal, METH_O,
     "getsignal($module, signalnum, /)\n--\n\n"
     "Return the current action for the given signal.\n\n"
     "The return value can be:\n"
     "  SIG_IGN -- if the signal is being ignored\n"
     "  SIG_DFL -- if the default action for the signal is in effect\n"
     "  None    -- if an unknown handler is in effect\n"
     "  anything else -- the callable Python object used as a handler"},
    {"set_wakeup_fd", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(sig_set_wakeup_fd)),
     METH_VARARGS | METH_KEYWORDS,
     "set_wakeup_fd(fd, *, warn_on_full_buffer=True) -> fd\n\n"
     "Sets the fd to be written to (with the signal number) when a signal\n"
     "comes in.  A library can use this to wakeup select or poll.\n"
     "The previous fd or -1 is returned.\n\n"
     "The fd must be non-blocking."},
    {"siginterrupt", FAST(sig_siginterrupt), METH_FASTCALL,
     "siginterrupt($module, signalnum, flag, /)\n--\n\n"
     "Change system call restart behaviour.\n\n"
     "If flag is False, system calls will be restarted when interrupted by\n"
     "signal sig, else system calls will be interrupted."},
    {"pause", sig_pause, METH_NOARGS, "pause($module, /)\n--\n\nWait until a signal arrives."},
    {"pidfd_send_signal", FAST(sig_pidfd_send_signal), METH_FASTCALL,
     "pidfd_send_signal($module, pidfd, signalnum, siginfo=None, flags=0, /)\n--\n\n"
     "Send a signal to a process referred to by a pid file descriptor."},
    {"pthread_kill", FAST(sig_pthread_kill), METH_FASTCALL,
     "pthread_kill($module, thread_id, signalnum, /)\n--\n\nSend a signal to a thread."},
    {"pthread_sigmask", FAST(sig_pthread_sigmask), METH_FASTCALL,
     "pthread_sigmask($module, how, mask, /)\n--\n\n"
     "Fetch and/or change the signal mask of the calling thread."},
    {"sigpending", sig_sigpending, METH_NOARGS,
     "sigpending($module, /)\n--\n\nExamine pending signals.\n\n"
     "Returns a set of signal numbers that are pending for delivery to\nthe calling thread."},
    {"sigwait", sig_sigwait, METH_O,
     "sigwait($module, sigset, /)\n--\n\nWait for a signal.\n\n"
     "Suspend execution of the calling thread until the delivery of one of the\n"
     "signals specified in the signal set sigset.  The function accepts the signal\n"
     "and returns the signal number."},
    {"valid_signals", sig_valid_signals, METH_NOARGS,
     "valid_signals($module, /)\n--\n\n"
     "Return a set of valid signal numbers on this platform.\n\n"
     "The signal numbers returned by this function can be safely passed to\n"
     "functions like `pthread_sigmask`."},
    {"sigwaitinfo", sig_sigwaitinfo, METH_O,
     "sigwaitinfo($module, sigset, /)\n--\n\n"
     "Wait synchronously until one of the signals in *sigset* is delivered.\n\n"
     "Returns a struct_siginfo containing information about the signal."},
    {"sigtimedwait", FAST(sig_sigtimedwait), METH_FASTCALL,
     "sigtimedwait($module, sigset, timeout, /)\n--\n\n"
     "Like sigwaitinfo(), but with a timeout.\n\n"
     "The timeout is specified in seconds, with floating point numbers allowed."},
    {nullptr, nullptr, 0, nullptr}};

PyStructSequence_Field siginfo_fields[] = {
    {"si_signo", "signal number"},
    {"si_code", "signal code"},
    {"si_errno", "errno associated with this signal"},
    {"si_pid", "sending process ID"},
    {"si_uid", "real user ID of sending process"},
    {"si_status", "exit value or signal"},
    {"si_band", "band event for SIGPOLL"},
    {nullptr, nullptr}};

PyStructSequence_Desc siginfo_desc = {
    "signal.struct_siginfo",
    "struct_siginfo: Result from sigwaitinfo or sigtimedwait.\n\n"
    "This object may be accessed either as a tuple of\n"
    "(si_signo, si_code, si_errno, si_pid, si_uid, si_status, si_band),\n"
    "or via the attributes si_signo, si_code, and so on.",
    siginfo_fields, 7};

const char module_doc[] =
    "This module provides mechanisms to use signal handlers in Python.\n\n"
    "Functions:\n\n"
    "alarm() -- cause SIGALRM after a specified time [Unix only]\n"
    "setitimer() -- cause a signal (described below) after a specified\n"
    "               float time and the timer may restart then [Unix only]\n"
    "getitimer() -- get current value of timer [Unix only]\n"
    "signal() -- set the action for a given signal\n"
    "getsignal() -- get the signal action for a given signal\n"
    "pause() -- wait until a signal arrives [Unix only]\n"
    "default_int_handler() -- default SIGINT handler\n\n"
    "signal constants:\n"
    "SIG_DFL -- used to refer to the system default handler\n"
    "SIG_IGN -- used to ignore the signal\n"
    "NSIG -- number of defined signals\n"
    "SIGINT, SIGTERM, etc. -- signal numbers\n\n"
    "itimer constants:\n"
    "ITIMER_REAL -- decrements in real time, and delivers SIGALRM upon\n"
    "               expiration\n"
    "ITIMER_VIRTUAL -- decrements only when the process is executing,\n"
    "               and delivers SIGVTALRM upon expiration\n"
    "ITIMER_PROF -- decrements both when the process is executing and\n"
    "               when the system is executing on behalf of the process.\n"
    "               Coupled with ITIMER_VIRTUAL, this timer is usually\n"
    "               used to profile the time spent by the application\n"
    "               in user and kernel space. SIGPROF is delivered upon\n"
    "               expiration.\n\n\n"
    "*** IMPORTANT NOTICE ***\n"
    "A signal handler function is called with two arguments:\n"
    "the first is the signal number, the second is the interrupted stack frame.";

PyModuleDef signal_module = {PyModuleDef_HEAD_INIT, "_signal", module_doc, -1, signal_methods,
                             nullptr, nullptr, nullptr, nullptr};

struct IntConstant {
  const char* name;
  long value;
};

const IntConstant kConstants[] = {
    {"NSIG", NSIG}, {"SIG_BLOCK", SIG_BLOCK}, {"SIG_UNBLOCK", SIG_UNBLOCK},
    {"SIG_SETMASK", SIG_SETMASK}, {"SIGHUP", SIGHUP}, {"SIGINT", SIGINT},
    {"SIGQUIT", SIGQUIT}, {"SIGILL", SIGILL}, {"SIGTRAP", SIGTRAP}, {"SIGIOT", SIGIOT},
    {"SIGABRT", SIGABRT}, {"SIGFPE", SIGFPE}, {"SIGKILL", SIGKILL}, {"SIGBUS", SIGBUS},
    {"SIGSEGV", SIGSEGV}, {"SIGSYS", SIGSYS}, {"SIGPIPE", SIGPIPE}, {"SIGALRM", SIGALRM},
    {"SIGTERM", SIGTERM}, {"SIGUSR1", SIGUSR1}, {"SIGUSR2", SIGUSR2}, {"SIGCLD", SIGCHLD},
    {"SIGCHLD", SIGCHLD}, {"SIGPWR", SIGPWR}, {"SIGIO", SIGIO}, {"SIGURG", SIGURG},
    {"SIGWINCH", SIGWINCH}, {"SIGPOLL", SIGPOLL}, {"SIGSTOP", SIGSTOP}, {"SIGTSTP", SIGTSTP},
    {"SIGCONT", SIGCONT}, {"SIGTTIN", SIGTTIN}, {"SIGTTOU", SIGTTOU},
    {"SIGVTALRM", SIGVTALRM}, {"SIGPROF", SIGPROF}, {"SIGXCPU", SIGXCPU},
    {"SIGXFSZ", SIGXFSZ}, {"SIGSTKFLT", SIGSTKFLT}, {"ITIMER_REAL", ITIMER_REAL},
    {"ITIMER_VIRTUAL", ITIMER_VIRTUAL}, {"ITIMER_PROF", ITIMER_PROF},
};

}  // namespace

namespace krait::sig {
// What getsignal/signal report for signum: the Python handler, or None.
PyObject* handler_for_return(int signum) {
  PyObject* h = handler(signum);
  if (!h) h = Py_None;
  return Py_NewRef(h);
}
}  // namespace krait::sig

PyMODINIT_FUNC PyInit__signal(void) {
  Ref<> m = steal(PyModule_Create(&signal_module));
  if (!m) return nullptr;
  if (PyModule_AddObjectRef(m.get(), "SIG_DFL", default_handler()) < 0 ||
      PyModule_AddObjectRef(m.get(), "SIG_IGN", ignore_handler()) < 0)
    return nullptr;
  for (const IntConstant& c : kConstants)
    if (PyModule_AddIntConstant(m.get(), c.name, c.value) < 0) return nullptr;
  if (PyModule_AddIntConstant(m.get(), "SIGRTMIN", SIGRTMIN) < 0 ||
      PyModule_AddIntConstant(m.get(), "SIGRTMAX", SIGRTMAX) < 0)
    return nullptr;
  if (!g_itimer_error) {
    g_itimer_error = PyErr_NewException("signal.itimer_error", PyExc_OSError, nullptr);
    if (!g_itimer_error) return nullptr;
  }
  if (PyModule_AddObjectRef(m.get(), "ItimerError", g_itimer_error) < 0) return nullptr;
  if (!g_siginfo_type) {
    g_siginfo_type = PyStructSequence_NewType(&siginfo_desc);
    if (!g_siginfo_type) return nullptr;
  }
  if (PyModule_AddObjectRef(m.get(), "struct_siginfo", reinterpret_cast<PyObject*>(g_siginfo_type)) < 0)
    return nullptr;

  // Adopt the current dispositions: SIG_DFL / SIG_IGN as the ints, a handler
  // someone else installed as None.
  for (int signum = 1; signum < kNsig; signum++) {
    PyOS_sighandler_t c = PyOS_getsig(signum);
    if (c == SIG_DFL)
      set_handler(signum, default_handler());
    else if (c == SIG_IGN)
      set_handler(signum, ignore_handler());
    else if (c != c_signal_handler || !handler(signum))
      set_handler(signum, Py_None);
  }
  PyObject* int_handler = PyDict_GetItemString(PyModule_GetDict(m.get()), "default_int_handler");
  if (!int_handler) return nullptr;
  set_default_int_handler(int_handler);
  if (handler(SIGINT) == default_handler()) {
    set_handler(SIGINT, int_handler);
    PyOS_setsig(SIGINT, c_signal_handler);
  }
  return m.release();
}
