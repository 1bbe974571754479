// select_epoll.cpp — select.epoll: the epoll object (register / modify /
// unregister / poll / close / fileno / fromfd / closed, context manager)
// over epoll_create1(EPOLL_CLOEXEC) and epoll_ctl/epoll_wait.
#include <errno.h>
#include <limits.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <unistd.h>

#include <vector>

#include "modules/select/select_internal.h"
#include "support/ref.h"

using namespace krait;

namespace {

struct EpollObject {
  PyObject_HEAD
  int epfd;  // -1 once closed
};

EpollObject* as_ep(PyObject* o) { return reinterpret_cast<EpollObject*>(o); }

PyObject* closed_error() {
  PyErr_SetString(PyExc_ValueError, "I/O operation on closed epoll object");
  return nullptr;
}

PyObject* new_epoll(PyTypeObject* type, int sizehint, int fd) {
  EpollObject* self = reinterpret_cast<EpollObject*>(type->tp_alloc(type, 0));
  if (!self) return nullptr;
  if (fd == -1) {
    (void)sizehint;  // only a hint; epoll_create1 has no size
    Py_BEGIN_ALLOW_THREADS
    self->epfd = epoll_create1(EPOLL_CLOEXEC);
    Py_END_ALLOW_THREADS
    if (self->epfd < 0) {
      Py_DECREF(self);
      return PyErr_SetFromErrno(PyExc_OSError);
    }
  } else {
    self->epfd = fd;
  }
  return reinterpret_cast<PyObject*>(self);
}

PyObject* epoll_new(PyTypeObject* type, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"sizehint", "flags", nullptr};
  int sizehint = -1, flags = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|ii:epoll", const_cast<char**>(kwlist),
                                   &sizehint, &flags))
    return nullptr;
  if (sizehint == -1) {
    sizehint = FD_SETSIZE - 1;
  } else if (sizehint <= 0) {
    PyErr_SetString(PyExc_ValueError, "negative sizehint");
    return nullptr;
  }
  if (flags && flags != EPOLL_CLOEXEC) {
    PyErr_SetString(PyExc_OSError, "invalid flags");
    return nullptr;
  }
  return new_epoll(type, sizehint, -1);
}

void close_fd(EpollObject* self) {
  if (self->epfd >= 0) {
    int fd = self->epfd;
    self->epfd = -1;
    Py_BEGIN_ALLOW_THREADS
    close(fd);
    Py_END_ALLOW_THREADS
  }
}

void epoll_dealloc(PyObject* self) {
  PyTypeObject* tp = Py_TYPE(self);
  close_fd(as_ep(self));
  tp->tp_free(self);
  Py_DECREF(tp);
}

PyObject* epoll_close(PyObject* self, PyObject*) {
  close_fd(as_ep(self));
  Py_RETURN_NONE;
}

PyObject* epoll_get_closed(PyObject* self, void*) { return PyBool_FromLong(as_ep(self)->epfd < 0); }

PyObject* epoll_fileno(PyObject* self, PyObject*) {
  if (as_ep(self)->epfd < 0) return closed_error();
  return PyLong_FromLong(as_ep(self)->epfd);
}

PyObject* epoll_fromfd(PyObject* cls, PyObject* arg) {
  int fd = _PyLong_AsInt(arg);
  if (fd == -1 && PyErr_Occurred()) return nullptr;
  return new_epoll(reinterpret_cast<PyTypeObject*>(cls), FD_SETSIZE - 1, fd);
}

int fd_converter(PyObject* o, void* p) {
  int fd = PyObject_AsFileDescriptor(o);
  if (fd < 0) return 0;
  *static_cast<int*>(p) = fd;
  return 1;
}

PyObject* ctl(EpollObject* self, int op, int fd, unsigned int events) {
  if (self->epfd < 0) return closed_error();
  struct epoll_event ev = {};
  ev.events = events;
  ev.data.fd = fd;
  int r;
  Py_BEGIN_ALLOW_THREADS
  r = epoll_ctl(self->epfd, op, fd, &ev);
  Py_END_ALLOW_THREADS
  if (r < 0) return PyErr_SetFromErrno(PyExc_OSError);
  Py_RETURN_NONE;
}

PyObject* epoll_register(PyObject* self, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"fd", "eventmask", nullptr};
  int fd;
  unsigned int mask = EPOLLIN | EPOLLPRI | EPOLLOUT;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O&|I:register", const_cast<char**>(kwlist),
                                   fd_converter, &fd, &mask))
    return nullptr;
  return ctl(as_ep(self), EPOLL_CTL_ADD, fd, mask);
}

PyObject* epoll_modify(PyObject* self, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"fd", "eventmask", nullptr};
  int fd;
  unsigned int mask;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O&I:modify", const_cast<char**>(kwlist),
                                   fd_converter, &fd, &mask))
    return nullptr;
  return ctl(as_ep(self), EPOLL_CTL_MOD, fd, mask);
}

PyObject* epoll_unregister(PyObject* self, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"fd", nullptr};
  int fd;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O&:unregister", const_cast<char**>(kwlist),
                                   fd_converter, &fd))
    return nullptr;
  return ctl(as_ep(self), EPOLL_CTL_DEL, fd, 0);
}

PyObject* epoll_poll(PyObject* op, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"timeout", "maxevents", nullptr};
  PyObject* timeout_obj = Py_None;
  int maxevents = -1;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|Oi:poll", const_cast<char**>(kwlist),
                                   &timeout_obj, &maxevents))
    return nullptr;
  EpollObject* self = as_ep(op);
  if (self->epfd < 0) return closed_error();
  long long timeout = -1;
  int ms = -1;
  if (timeout_obj != Py_None) {
    if (!select::timeout_to_ns(timeout_obj, 1000000000LL, &timeout)) {
      if (PyErr_ExceptionMatches(PyExc_TypeError))
        PyErr_SetString(PyExc_TypeError, "timeout must be an integer or None");
      return nullptr;
    }
    long long m = select::ns_to_ms_ceiling(timeout);
    if (m < INT_MIN || m > INT_MAX) {
      PyErr_SetString(PyExc_OverflowError, "timeout is too large");
      return nullptr;
    }
    ms = static_cast<int>(m);
    // Any negative timeout (even -1e-100, which rounds to 0 ms) waits forever.
    if (timeout < 0) ms = -1;
  }
  if (maxevents == -1) {
    maxevents = FD_SETSIZE - 1;
  } else if (maxevents < 1) {
    PyErr_Format(PyExc_ValueError, "maxevents must be greater than 0, got %d", maxevents);
    return nullptr;
  }
  std::vector<struct epoll_event> evs(maxevents);
  long long deadline = ms >= 0 ? select::monotonic_ns() + timeout : 0;
  int n;
  for (;;) {
    Py_BEGIN_ALLOW_THREADS
    errno = 0;
    n = epoll_wait(self->epfd, evs.data(), maxevents, ms);
    Py_END_ALLOW_THREADS
    if (n >= 0 || errno != EINTR) break;
    if (PyErr_CheckSignals()) return nullptr;
    if (ms >= 0) {
      long long left = deadline - select::monotonic_ns();
      if (left < 0) {
        n = 0;
        break;
      }
      ms = static_cast<int>(select::ns_to_ms_ceiling(left));
    }
  }
  if (n < 0) return PyErr_SetFromErrno(PyExc_OSError);
  Ref<> list = steal(PyList_New(n));
  if (!list) return nullptr;
  for (int i = 0; i < n; i++) {
    PyObject* item = Py_BuildValue("(iI)", evs[i].data.fd, evs[i].events);
    if (!item) return nullptr;
    PyList_SET_ITEM(list.get(), i, item);
  }
  return list.release();
}

PyObject* epoll_enter(PyObject* self, PyObject*) {
  if (as_ep(self)->epfd < 0) return closed_error();
  return Py_NewRef(self);
}

PyObject* epoll_exit(PyObject* self, PyObject*) { return epoll_close(self, nullptr); }

#define KW(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(f))

PyMethodDef epoll_methods[] = {
    {"fromfd", epoll_fromfd, METH_O | METH_CLASS,
     "fromfd($type, fd, /)\n--\n\nCreate an epoll object from a given control fd."},
    {"close", epoll_close, METH_NOARGS,
     "close($self, /)\n--\n\nClose the epoll control file descriptor.\n\n"
     "Further operations on the epoll object will raise an exception."},
    {"fileno", epoll_fileno, METH_NOARGS,
     "fileno($self, /)\n--\n\nReturn the epoll control file descriptor."},
    {"modify", KW(epoll_modify), METH_VARARGS | METH_KEYWORDS,
     "modify($self, /, fd, eventmask)\n--\n\n"
     "Modify event mask for a registered file descriptor.\n\n"
     "  fd\n    the target file descriptor of the operation\n"
     "  eventmask\n    a bit set composed of the various EPOLL constants"},
    {"register", KW(epoll_register), METH_VARARGS | METH_KEYWORDS,
     "register($self, /, fd,\n         eventmask=select.EPOLLIN | select.EPOLLPRI | select.EPOLLOUT)\n--\n\n"
     "Registers a new fd or raises an OSError if the fd is already registered.\n\n"
     "  fd\n    the target file descriptor of the operation\n"
     "  eventmask\n    a bit set composed of the various EPOLL constants\n\n"
     "The epoll interface supports all file descriptors that support poll."},
    {"unregister", KW(epoll_unregister), METH_VARARGS | METH_KEYWORDS,
     "unregister($self, /, fd)\n--\n\n"
     "Remove a registered file descriptor from the epoll object.\n\n"
     "  fd\n    the target file descriptor of the operation"},
    {"poll", KW(epoll_poll), METH_VARARGS | METH_KEYWORDS,
     "poll($self, /, timeout=None, maxevents=-1)\n--\n\n"
     "Wait for events on the epoll file descriptor.\n\n"
     "  timeout\n    the maximum time to wait in seconds (as float);\n"
     "    a timeout of None or -1 makes poll wait indefinitely\n"
     "  maxevents\n    the maximum number of events returned; -1 means no limit\n\n"
     "Returns a list containing any descriptors that have events to report,\n"
     "as a list of (fd, events) 2-tuples."},
    {"__enter__", epoll_enter, METH_NOARGS, nullptr},
    {"__exit__", epoll_exit, METH_VARARGS, nullptr},
    {nullptr, nullptr, 0, nullptr}};

PyGetSetDef epoll_getset[] = {
    {"closed", epoll_get_closed, nullptr, "True if the epoll handler is closed", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

const char epoll_doc[] =
    "select.epoll(sizehint=-1, flags=0)\n\n"
    "Returns an epolling object\n\n"
    "sizehint must be a positive integer or -1 for the default size. The\n"
    "sizehint is used to optimize internal data structures. It doesn't limit\n"
    "the maximum number of monitored events.";

PyType_Slot epoll_slots[] = {
    {Py_tp_dealloc, reinterpret_cast<void*>(epoll_dealloc)},
    {Py_tp_new, reinterpret_cast<void*>(epoll_new)},
    {Py_tp_methods, epoll_methods},
    {Py_tp_getset, epoll_getset},
    {Py_tp_doc, const_cast<char*>(epoll_doc)},
    {0, nullptr}};

PyType_Spec epoll_spec = {"select.epoll", sizeof(EpollObject), 0,
                          Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, epoll_slots};

PyTypeObject* g_epoll_type = nullptr;

}  // namespace

namespace krait::select {

int init_epoll_type(PyObject* module) {
  if (!g_epoll_type) {
    g_epoll_type = reinterpret_cast<PyTypeObject*>(PyType_FromSpec(&epoll_spec));
    if (!g_epoll_type) return -1;
  }
  return PyModule_AddObjectRef(module, "epoll", reinterpret_cast<PyObject*>(g_epoll_type));
}

}  // namespace krait::select
