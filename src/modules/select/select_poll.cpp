// select_poll.cpp — select.poll(): the poll object (register / modify /
// unregister / poll) over poll(2). Registrations live in a dict fd -> mask;
// the pollfd array is rebuilt from it lazily when it changed.
#include <errno.h>
#include <limits.h>
#include <poll.h>

#include <vector>

#include "modules/select/select_internal.h"
#include "support/ref.h"

using namespace krait;

namespace {

struct PollObject {
  PyObject_HEAD
  PyObject* dict;  // fd (int) -> eventmask (int)
  std::vector<struct pollfd>* ufds;
  bool uptodate;
  bool running;
};

PyTypeObject* g_poll_type = nullptr;

PollObject* as_poll(PyObject* o) { return reinterpret_cast<PollObject*>(o); }

int ushort_converter(PyObject* obj, void* p) {
  if (PyLong_Check(obj) && _PyLong_Sign(obj) < 0) {
    PyErr_SetString(PyExc_ValueError, "value must be positive");
    return 0;
  }
  unsigned long v = PyLong_AsUnsignedLong(obj);
  if (v == static_cast<unsigned long>(-1) && PyErr_Occurred()) return 0;
  if (v > USHRT_MAX) {
    PyErr_SetString(PyExc_OverflowError, "Python int too large for C unsigned short");
    return 0;
  }
  *static_cast<unsigned short*>(p) = static_cast<unsigned short>(v);
  return 1;
}

int fd_converter(PyObject* o, void* p) {
  int fd = PyObject_AsFileDescriptor(o);
  if (fd < 0) return 0;
  *static_cast<int*>(p) = fd;
  return 1;
}

PyObject* poll_register(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("register", nargs, 1, 2)) return nullptr;
  int fd;
  unsigned short mask = POLLIN | POLLPRI | POLLOUT;
  if (!fd_converter(args[0], &fd)) return nullptr;
  if (nargs > 1 && !ushort_converter(args[1], &mask)) return nullptr;
  Ref<> key = steal(PyLong_FromLong(fd));
  Ref<> value = steal(PyLong_FromLong(mask));
  if (!key || !value || PyDict_SetItem(as_poll(self)->dict, key.get(), value.get()) < 0) return nullptr;
  as_poll(self)->uptodate = false;
  Py_RETURN_NONE;
}

PyObject* poll_modify(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("modify", nargs, 2, 2)) return nullptr;
  int fd;
  unsigned short mask;
  if (!fd_converter(args[0], &fd) || !ushort_converter(args[1], &mask)) return nullptr;
  Ref<> key = steal(PyLong_FromLong(fd));
  if (!key) return nullptr;
  int has = PyDict_Contains(as_poll(self)->dict, key.get());
  if (has < 0) return nullptr;
  if (!has) {
    errno = ENOENT;
    return PyErr_SetFromErrno(PyExc_OSError);
  }
  Ref<> value = steal(PyLong_FromLong(mask));
  if (!value || PyDict_SetItem(as_poll(self)->dict, key.get(), value.get()) < 0) return nullptr;
  as_poll(self)->uptodate = false;
  Py_RETURN_NONE;
}

PyObject* poll_unregister(PyObject* self, PyObject* arg) {
  int fd;
  if (!fd_converter(arg, &fd)) return nullptr;
  Ref<> key = steal(PyLong_FromLong(fd));
  if (!key) return nullptr;
  if (PyDict_DelItem(as_poll(self)->dict, key.get()) < 0) return nullptr;  // KeyError(fd)
  as_poll(self)->uptodate = false;
  Py_RETURN_NONE;
}

void rebuild(PollObject* p) {
  p->ufds->clear();
  Py_ssize_t pos = 0;
  PyObject *k, *v;
  while (PyDict_Next(p->dict, &pos, &k, &v)) {
    struct pollfd pfd = {};
    pfd.fd = static_cast<int>(PyLong_AsLong(k));
    pfd.events = static_cast<short>(PyLong_AsLong(v));
    p->ufds->push_back(pfd);
  }
  p->uptodate = true;
}

PyObject* poll_poll(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("poll", nargs, 0, 1)) return nullptr;
  PollObject* p = as_poll(self);
  long long timeout = -1;
  int ms = -1;
  if (nargs > 0 && args[0] != Py_None) {
    if (!select::timeout_to_ns(args[0], 1000000LL, &timeout)) {
      if (PyErr_ExceptionMatches(PyExc_TypeError))
        PyErr_SetString(PyExc_TypeError, "timeout must be an integer or None");
      return nullptr;
    }
    // Milliseconds in, milliseconds out: round away from zero like the input.
    long long m = timeout >= 0 ? select::ns_to_ms_ceiling(timeout) : -select::ns_to_ms_ceiling(-timeout);
    if (m < INT_MIN || m > INT_MAX) {
      PyErr_SetString(PyExc_OverflowError, "timeout is too large");
      return nullptr;
    }
    ms = static_cast<int>(m);
    // Any negative timeout (even -1e-100, which rounds to 0 ms) waits forever.
    if (timeout < 0) ms = -1;
  }
  if (p->running) {
    PyErr_SetString(PyExc_RuntimeError, "concurrent poll() invocation");
    return nullptr;
  }
  if (!p->uptodate) rebuild(p);
  p->running = true;
  long long deadline = ms >= 0 ? select::monotonic_ns() + timeout : 0;
  int n;
  for (;;) {
    Py_BEGIN_ALLOW_THREADS
    errno = 0;
    n = ::poll(p->ufds->data(), p->ufds->size(), ms);
    Py_END_ALLOW_THREADS
    if (n >= 0 || errno != EINTR) break;
    if (PyErr_CheckSignals()) {
      p->running = false;
      return nullptr;
    }
    if (ms >= 0) {
      long long left = deadline - select::monotonic_ns();
      if (left < 0) {
        n = 0;
        break;
      }
      ms = static_cast<int>(select::ns_to_ms_ceiling(left));
    }
  }
  p->running = false;
  if (n < 0) return PyErr_SetFromErrno(PyExc_OSError);
  Ref<> result = steal(PyList_New(0));
  if (!result) return nullptr;
  if (n == 0) return result.release();
  for (const struct pollfd& pfd : *p->ufds) {
    if (!pfd.revents) continue;
    Ref<> item = steal(Py_BuildValue("(ii)", pfd.fd, pfd.revents & 0xffff));
    if (!item || PyList_Append(result.get(), item.get()) < 0) return nullptr;
  }
  return result.release();
}

void poll_dealloc(PyObject* self) {
  PyTypeObject* tp = Py_TYPE(self);
  Py_XDECREF(as_poll(self)->dict);
  delete as_poll(self)->ufds;
  tp->tp_free(self);
  Py_DECREF(tp);
}

#define FAST(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(f))

PyMethodDef poll_methods[] = {
    {"register", FAST(poll_register), METH_FASTCALL,
     "register($self, fd,\n         eventmask=select.POLLIN | select.POLLPRI | select.POLLOUT, /)\n--\n\n"
     "Register a file descriptor with the polling object.\n\n"
     "  fd\n    either an integer, or an object with a fileno() method returning an int\n"
     "  eventmask\n    an optional bitmask describing the type of events to check for"},
    {"modify", FAST(poll_modify), METH_FASTCALL,
     "modify($self, fd, eventmask, /)\n--\n\n"
     "Modify an already registered file descriptor.\n\n"
     "  fd\n    either an integer, or an object with a fileno() method returning\n    an int\n"
     "  eventmask\n    a bitmask describing the type of events to check for"},
    {"unregister", poll_unregister, METH_O,
     "unregister($self, fd, /)\n--\n\nRemove a file descriptor being tracked by the polling object."},
    {"poll", FAST(poll_poll), METH_FASTCALL,
     "poll($self, timeout=None, /)\n--\n\n"
     "Polls the set of registered file descriptors.\n\n"
     "  timeout\n    The maximum time to wait in milliseconds, or else None (or a negative\n"
     "    value) to wait indefinitely.\n\n"
     "Returns a list containing any descriptors that have events or errors to\n"
     "report, as a list of (fd, event) 2-tuples."},
    {nullptr, nullptr, 0, nullptr}};

PyType_Slot poll_slots[] = {
    {Py_tp_dealloc, reinterpret_cast<void*>(poll_dealloc)},
    {Py_tp_methods, poll_methods},
    {0, nullptr}};

PyType_Spec poll_spec = {"select.poll", sizeof(PollObject), 0,
                         Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION, poll_slots};

PyObject* select_poll(PyObject*, PyObject*) {
  PollObject* p = PyObject_New(PollObject, g_poll_type);
  if (!p) return nullptr;
  p->ufds = new std::vector<struct pollfd>();
  p->uptodate = false;
  p->running = false;
  p->dict = PyDict_New();
  if (!p->dict) {
    Py_DECREF(p);
    return nullptr;
  }
  return reinterpret_cast<PyObject*>(p);
}

PyMethodDef module_functions[] = {
    {"poll", select_poll, METH_NOARGS,
     "poll($module, /)\n--\n\nReturns a polling object.\n\n"
     "This object supports registering and unregistering file descriptors, and then\n"
     "polling them for I/O events."},
    {nullptr, nullptr, 0, nullptr}};

}  // namespace

namespace krait::select {

int init_poll_type(PyObject* module) {
  if (!g_poll_type) {
    g_poll_type = reinterpret_cast<PyTypeObject*>(PyType_FromSpec(&poll_spec));
    if (!g_poll_type) return -1;
  }
  return PyModule_AddFunctions(module, module_functions);
}

}  // namespace krait::select
