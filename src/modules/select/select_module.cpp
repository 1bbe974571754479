// select_module.cpp — the `select` module: select(), the POLL*/EPOLL*
// constants, select.error (OSError) and the shared timeout helpers; the poll
// and epoll types live in select_poll.cpp and select_epoll.cpp.
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <time.h>

#include <vector>

#include "modules/select/select_internal.h"
#include "support/ref.h"

using namespace krait;

namespace krait::select {

bool timeout_to_ns(PyObject* obj, long long unit_ns, long long* ns) {
  if (PyFloat_Check(obj)) {
    double d = PyFloat_AsDouble(obj);
    if (isnan(d)) {
      PyErr_SetString(PyExc_ValueError, "Invalid value NaN (not a number)");
      return false;
    }
    d *= static_cast<double>(unit_ns);
    d = d >= 0 ? ceil(d) : floor(d);
    if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) {
      PyErr_SetString(PyExc_OverflowError, "timestamp too large to convert to C _PyTime_t");
      return false;
    }
    *ns = static_cast<long long>(d);
    return true;
  }
  long long v = PyLong_AsLongLong(obj);
  if (v == -1 && PyErr_Occurred()) {
    if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
      PyErr_Clear();
      PyErr_SetString(PyExc_OverflowError, "timestamp too large to convert to C _PyTime_t");
    }
    return false;
  }
  if (__builtin_mul_overflow(v, unit_ns, ns)) {
    PyErr_SetString(PyExc_OverflowError, "timestamp too large to convert to C _PyTime_t");
    return false;
  }
  return true;
}

long long monotonic_ns() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

long long ns_to_ms_ceiling(long long ns) {
  long long ms = ns / 1000000;
  if (ns % 1000000 > 0) ms++;
  return ms;
}

}  // namespace krait::select

namespace {

struct Entry {
  Ref<> obj;  // owned: fileno() may mutate the sequence while we read it
  int fd;
};

// An iterable of fds / objects with fileno() -> entries and the fd_set.
bool seq_to_set(PyObject* seq, Ref<>& fast, std::vector<Entry>& out, fd_set* set, int* maxfd) {
  FD_ZERO(set);
  fast = steal(PySequence_Fast(seq, "arguments 1-3 must be sequences"));
  if (!fast) return false;
  // The size is re-read each time: a fileno() method may shrink the list.
  for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(fast.get()); i++) {
    Ref<> o = borrow(PySequence_Fast_GET_ITEM(fast.get(), i));
    int fd = PyObject_AsFileDescriptor(o.get());
    if (fd == -1) return false;
    if (fd >= FD_SETSIZE) {
      PyErr_SetString(PyExc_ValueError, "filedescriptor out of range in select()");
      return false;
    }
    if (fd > *maxfd) *maxfd = fd;
    FD_SET(fd, set);
    out.push_back({std::move(o), fd});
  }
  return true;
}

PyObject* set_to_list(const std::vector<Entry>& entries, fd_set* set) {
  Ref<> list = steal(PyList_New(0));
  if (!list) return nullptr;
  for (const Entry& e : entries)
    if (FD_ISSET(e.fd, set) && PyList_Append(list.get(), e.obj.get()) < 0) return nullptr;
  return list.release();
}

PyObject* select_select(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("select", nargs, 3, 4)) return nullptr;
  PyObject* timeout_obj = nargs > 3 ? args[3] : Py_None;
  long long timeout = -1;
  if (timeout_obj != Py_None) {
    if (!select::timeout_to_ns(timeout_obj, 1000000000LL, &timeout)) {
      if (PyErr_ExceptionMatches(PyExc_TypeError)) {
        PyErr_SetString(PyExc_TypeError, "timeout must be a float or None");
      }
      return nullptr;
    }
    if (timeout < 0) {
      PyErr_SetString(PyExc_ValueError, "timeout must be non-negative");
      return nullptr;
    }
  }
  Ref<> fast[3];
  std::vector<Entry> entries[3];
  fd_set sets[3];
  int maxfd = -1;
  for (int i = 0; i < 3; i++)
    if (!seq_to_set(args[i], fast[i], entries[i], &sets[i], &maxfd)) return nullptr;
  long long deadline = timeout >= 0 ? select::monotonic_ns() + timeout : 0;
  fd_set work[3];
  int n;
  for (;;) {
    for (int i = 0; i < 3; i++) work[i] = sets[i];
    struct timeval tv, *tvp = nullptr;
    if (timeout >= 0) {
      long long us = timeout / 1000 + (timeout % 1000 ? 1 : 0);
      tv.tv_sec = static_cast<time_t>(us / 1000000);
      tv.tv_usec = static_cast<suseconds_t>(us % 1000000);
      tvp = &tv;
    }
    Py_BEGIN_ALLOW_THREADS
    errno = 0;
    n = ::select(maxfd + 1, &work[0], &work[1], &work[2], tvp);
    Py_END_ALLOW_THREADS
    if (n >= 0 || errno != EINTR) break;
    // PEP 475: run the handlers, then retry with the time that is left.
    if (PyErr_CheckSignals()) return nullptr;
    if (timeout >= 0) {
      timeout = deadline - select::monotonic_ns();
      if (timeout < 0) {
        n = 0;
        for (int i = 0; i < 3; i++) FD_ZERO(&work[i]);
        break;
      }
    }
  }
  if (n < 0) return PyErr_SetFromErrno(PyExc_OSError);
  Ref<> lists[3];
  for (int i = 0; i < 3; i++) {
    lists[i] = steal(n == 0 ? PyList_New(0) : set_to_list(entries[i], &work[i]));
    if (!lists[i]) return nullptr;
  }
  return PyTuple_Pack(3, lists[0].get(), lists[1].get(), lists[2].get());
}

PyMethodDef select_methods[] = {
    {"select", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(select_select)),
     METH_FASTCALL,
     "select($module, rlist, wlist, xlist, timeout=None, /)\n--\n\n"
     "Wait until one or more file descriptors are ready for some kind of I/O.\n\n"
     "The first three arguments are iterables of file descriptors to be waited for:\n"
     "rlist -- wait until ready for reading\n"
     "wlist -- wait until ready for writing\n"
     "xlist -- wait for an \"exceptional condition\"\n"
     "If only one kind of condition is required, pass [] for the other lists.\n\n"
     "A file descriptor is either a socket or file object, or a small integer\n"
     "gotten from a fileno() method call on one of those.\n\n"
     "The optional 4th argument specifies a timeout in seconds; it may be\n"
     "a floating point number to specify fractions of seconds.  If it is absent\n"
     "or None, the call will never time out.\n\n"
     "The return value is a tuple of three lists corresponding to the first three\n"
     "arguments; each contains the subset of the corresponding file descriptors\n"
     "that are ready.\n\n"
     "*** IMPORTANT NOTICE ***\n"
     "On Windows, only sockets are supported; on Unix, all file\n"
     "descriptors can be used."},
    {nullptr, nullptr, 0, nullptr}};

PyModuleDef select_module = {
    PyModuleDef_HEAD_INIT, "select",
    "This module supports asynchronous I/O on multiple file descriptors.\n\n"
    "*** IMPORTANT NOTICE ***\n"
    "On Windows, only sockets are supported; on Unix, all file descriptors.",
    -1, select_methods, nullptr, nullptr, nullptr, nullptr};

struct IntConstant {
  const char* name;
  long value;
};

const IntConstant kConstants[] = {
    {"PIPE_BUF", PIPE_BUF}, {"POLLIN", POLLIN}, {"POLLPRI", POLLPRI}, {"POLLOUT", POLLOUT},
    {"POLLERR", POLLERR}, {"POLLHUP", POLLHUP}, {"POLLNVAL", POLLNVAL},
    {"POLLRDNORM", POLLRDNORM}, {"POLLRDBAND", POLLRDBAND}, {"POLLWRNORM", POLLWRNORM},
    {"POLLWRBAND", POLLWRBAND}, {"POLLMSG", POLLMSG}, {"POLLRDHUP", POLLRDHUP},
    {"EPOLLIN", EPOLLIN}, {"EPOLLOUT", EPOLLOUT}, {"EPOLLPRI", EPOLLPRI}, {"EPOLLERR", EPOLLERR},
    {"EPOLLHUP", EPOLLHUP}, {"EPOLLET", static_cast<long>(static_cast<unsigned>(EPOLLET))},
    {"EPOLLONESHOT", EPOLLONESHOT}, {"EPOLLEXCLUSIVE", EPOLLEXCLUSIVE},
    {"EPOLLRDHUP", EPOLLRDHUP}, {"EPOLLRDNORM", EPOLLRDNORM}, {"EPOLLRDBAND", EPOLLRDBAND},
    {"EPOLLWRNORM", EPOLLWRNORM}, {"EPOLLWRBAND", EPOLLWRBAND}, {"EPOLLMSG", EPOLLMSG},
    {"EPOLL_CLOEXEC", EPOLL_CLOEXEC},
};

}  // namespace

PyMODINIT_FUNC PyInit_select(void) {
  Ref<> m = steal(PyModule_Create(&select_module));
  if (!m) return nullptr;
  if (PyModule_AddObjectRef(m.get(), "error", PyExc_OSError) < 0) return nullptr;
  for (const IntConstant& c : kConstants)
    if (PyModule_AddIntConstant(m.get(), c.name, c.value) < 0) return nullptr;
  if (select::init_poll_type(m.get()) < 0 || select::init_epoll_type(m.get()) < 0) return nullptr;
  return m.release();
}
