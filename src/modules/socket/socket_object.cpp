// socket_object.cpp — the _socket.socket type (socket.socket's base): creation
// from (family, type, proto) or an existing fd, bind/listen/_accept/connect/
// connect_ex, send/sendall/sendto/sendmsg, recv/recv_into/recvfrom/
// recvfrom_into/recvmsg, shutdown/close/detach/fileno, socket options,
// blocking mode and timeouts.
//
// Timeouts follow CPython: a socket with a timeout is non-blocking at the OS
// level, and each operation first waits with poll() for readiness up to the
// remaining time, raising TimeoutError("timed out"). EINTR runs the signal
// handlers and retries (PEP 475).
#include "modules/socket/socket_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <vector>

#include <structmember.h>

#include "support/ref.h"

using namespace krait;
using namespace krait::sock;

namespace krait::sock {
PyTypeObject* g_socket_type = nullptr;
}

namespace {

SockObject* as_sock(PyObject* o) { return reinterpret_cast<SockObject*>(o); }

long long now_ns() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

bool set_nonblocking(int fd, bool nonblock) {
  int flags = fcntl(fd, F_GETFL);
  if (flags < 0) return false;
  int nf = nonblock ? (flags | O_NONBLOCK) : (flags & ~O_NONBLOCK);
  return nf == flags || fcntl(fd, F_SETFL, nf) == 0;
}

PyObject* timeout_error() {
  PyErr_SetString(PyExc_TimeoutError, "timed out");
  return nullptr;
}

// Waits until fd is readable/writable; 1 ready, 0 timed out, -1 error set.
int wait_for_fd(SockObject* s, bool writing, long long deadline) {
  for (;;) {
    long long left = deadline - now_ns();
    if (left < 0) return 0;
    struct pollfd pfd = {s->fd, static_cast<short>(writing ? POLLOUT : POLLIN), 0};
    int ms = static_cast<int>((left + 999999) / 1000000);
    int n;
    Py_BEGIN_ALLOW_THREADS
    n = poll(&pfd, 1, ms);
    Py_END_ALLOW_THREADS
    if (n > 0) return 1;
    if (n == 0) return 0;
    if (errno != EINTR) {
      PyErr_SetFromErrno(PyExc_OSError);
      return -1;
    }
    if (PyErr_CheckSignals()) return -1;
  }
}

// Runs `op` (returning < 0 with errno on failure) with the socket's timeout
// policy. False with an exception set.
template <typename Op>
bool sock_call(SockObject* s, bool writing, Op op) {
  long long deadline = s->timeout_ns > 0 ? now_ns() + s->timeout_ns : 0;
  for (;;) {
    if (s->timeout_ns > 0) {
      int w = wait_for_fd(s, writing, deadline);
      if (w < 0) return false;
      if (w == 0) {
        timeout_error();
        return false;
      }
    }
    long r;
    Py_BEGIN_ALLOW_THREADS
    r = op();
    Py_END_ALLOW_THREADS
    if (r >= 0) return true;
    if (errno == EINTR) {
      if (PyErr_CheckSignals()) return false;
      continue;
    }
    if (s->timeout_ns > 0 && (errno == EWOULDBLOCK || errno == EAGAIN)) continue;
    PyErr_SetFromErrno(PyExc_OSError);
    return false;
  }
}

bool check_open(SockObject* s) {
  if (s->fd == -1) {
    errno = EBADF;
    PyErr_SetFromErrno(PyExc_OSError);
    return false;
  }
  return true;
}

PyObject* sock_new(PyTypeObject* type, PyObject*, PyObject*) {
  PyObject* o = type->tp_alloc(type, 0);
  if (!o) return nullptr;
  SockObject* s = as_sock(o);
  s->fd = -1;
  s->family = AF_INET;
  s->type = SOCK_STREAM;
  s->proto = 0;
  s->timeout_ns = -1;
  return o;
}

int sock_init(PyObject* self, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"family", "type", "proto", "fileno", nullptr};
  int family = -1, type = -1, proto = -1;
  PyObject* fdobj = nullptr;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|iiiO:socket", const_cast<char**>(kwlist), &family,
                                   &type, &proto, &fdobj))
    return -1;
  SockObject* s = as_sock(self);
  int fd;
  if (fdobj && fdobj != Py_None) {
    if (PyFloat_Check(fdobj)) {
      PyErr_SetString(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
      return -1;
    }
    long v = PyLong_AsLong(fdobj);
    if (v == -1 && PyErr_Occurred()) return -1;
    if (v < 0) {
      PyErr_SetString(PyExc_ValueError, "negative file descriptor");
      return -1;
    }
    if (v > INT_MAX) {
      PyErr_SetString(PyExc_OverflowError, "file descriptor cannot be greater than maximum");
      return -1;
    }
    fd = static_cast<int>(v);
    socklen_t len = sizeof(int);
    int tmp;
    if (family == -1) {
      if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &tmp, &len) < 0) {
        PyErr_SetFromErrno(PyExc_OSError);
        return -1;
      }
      family = tmp;
    }
    if (type == -1) {
      len = sizeof(int);
      if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &tmp, &len) < 0) {
        PyErr_SetFromErrno(PyExc_OSError);
        return -1;
      }
      type = tmp;
    }
    if (proto == -1) {
      len = sizeof(int);
      if (getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &tmp, &len) < 0) {
        PyErr_SetFromErrno(PyExc_OSError);
        return -1;
      }
      proto = tmp;
    }
  } else {
    if (family == -1) family = AF_INET;
    if (type == -1) type = SOCK_STREAM;
    if (proto == -1) proto = 0;
    Py_BEGIN_ALLOW_THREADS
    fd = socket(family, type | SOCK_CLOEXEC, proto);
    Py_END_ALLOW_THREADS
    if (fd < 0) {
      PyErr_SetFromErrno(PyExc_OSError);
      return -1;
    }
  }
  s->fd = fd;
  s->family = family;
  s->type = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
  s->proto = proto;
  if (type & SOCK_NONBLOCK) {
    s->timeout_ns = 0;
  } else {
    s->timeout_ns = g_default_timeout_ns;
    if (s->timeout_ns >= 0 && !set_nonblocking(fd, true)) {
      PyErr_SetFromErrno(PyExc_OSError);
      return -1;
    }
  }
  return 0;
}

void sock_finalize(PyObject* self) {
  SockObject* s = as_sock(self);
  if (s->fd == -1) return;
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  if (PyErr_ResourceWarning(self, 1, "unclosed %R", self)) {
    if (PyErr_ExceptionMatches(PyExc_Warning)) PyErr_WriteUnraisable(self);
    PyErr_Clear();
  }
  close(s->fd);
  s->fd = -1;
  PyErr_Restore(t, v, tb);
}

void sock_dealloc(PyObject* self) {
  if (PyObject_CallFinalizerFromDealloc(self) < 0) return;
  PyTypeObject* tp = Py_TYPE(self);
  tp->tp_free(self);
  Py_DECREF(tp);
}

PyObject* sock_repr(PyObject* self) {
  SockObject* s = as_sock(self);
  return PyUnicode_FromFormat("<socket object, fd=%ld, family=%d, type=%d, proto=%d>",
                              static_cast<long>(s->fd), s->family, s->type, s->proto);
}

PyObject* sock_fileno(PyObject* self, PyObject*) { return PyLong_FromLong(as_sock(self)->fd); }

PyObject* sock_close(PyObject* self, PyObject*) {
  SockObject* s = as_sock(self);
  int fd = s->fd;
  if (fd != -1) {
    s->fd = -1;
    int r;
    Py_BEGIN_ALLOW_THREADS
    r = close(fd);
    Py_END_ALLOW_THREADS
    // ECONNRESET: the peer reset the connection; the fd is closed anyway.
    if (r < 0 && errno != ECONNRESET) return PyErr_SetFromErrno(PyExc_OSError);
  }
  Py_RETURN_NONE;
}

PyObject* sock_detach(PyObject* self, PyObject*) {
  int fd = as_sock(self)->fd;
  as_sock(self)->fd = -1;
  return PyLong_FromLong(fd);
}

PyObject* sock_bind(PyObject* self, PyObject* addr) {
  SockObject* s = as_sock(self);
  SockAddr sa;
  socklen_t len;
  if (!getsockaddrarg(s->family, addr, &sa, &len, "bind")) return nullptr;
  if (PySys_Audit("socket.bind", "OO", self, addr) < 0) return nullptr;
  int r;
  Py_BEGIN_ALLOW_THREADS
  r = bind(s->fd, &sa.sa, len);
  Py_END_ALLOW_THREADS
  if (r < 0) return PyErr_SetFromErrno(PyExc_OSError);
  Py_RETURN_NONE;
}

PyObject* sock_listen(PyObject* self, PyObject* args) {
  int backlog = SOMAXCONN < 128 ? SOMAXCONN : 128;
  if (!PyArg_ParseTuple(args, "|i:listen", &backlog)) return nullptr;
  if (backlog < 0) backlog = 0;
  int r;
  Py_BEGIN_ALLOW_THREADS
  r = listen(as_sock(self)->fd, backlog);
  Py_END_ALLOW_THREADS
  if (r < 0) return PyErr_SetFromErrno(PyExc_OSError);
  Py_RETURN_NONE;
}

PyObject* sock_accept(PyObject* self, PyObject*) {
  SockObject* s = as_sock(self);
  if (!check_open(s)) return nullptr;
  SockAddr sa;
  socklen_t len = sizeof sa;
  int newfd = -1;
  if (!sock_call(s, false, [&]() -> long {
        len = sizeof sa;
        newfd = accept4(s->fd, &sa.sa, &len, SOCK_CLOEXEC);
        return newfd;
      }))
    return nullptr;
  Ref<> addr = steal(makesockaddr(&sa.sa, len));
  if (!addr) {
    close(newfd);
    return nullptr;
  }
  return Py_BuildValue("(iO)", newfd, addr.get());
}

// Connects; returns 0 or an errno value (raise=false), or -1 with an exception.
int internal_connect(SockObject* s, const SockAddr& sa, socklen_t len, bool raise) {
  int r;
  Py_BEGIN_ALLOW_THREADS
  r = connect(s->fd, &sa.sa, len);
  Py_END_ALLOW_THREADS
  if (r == 0) return 0;
  int err = errno;
  bool wait = false;
  if (err == EINTR) {
    if (PyErr_CheckSignals()) return -1;
    wait = s->timeout_ns != 0;  // the connection continues asynchronously
  } else if (err == EINPROGRESS && s->timeout_ns > 0) {
    wait = true;
  }
  if (!wait) {
    if (raise) {
      errno = err;
      PyErr_SetFromErrno(PyExc_OSError);
      return -1;
    }
    return err;
  }
  long long deadline = s->timeout_ns > 0 ? now_ns() + s->timeout_ns : 0;
  if (s->timeout_ns > 0) {
    int w = wait_for_fd(s, true, deadline);
    if (w < 0) return -1;
    if (w == 0) {
      timeout_error();
      return -1;
    }
  } else {
    struct pollfd pfd = {s->fd, POLLOUT, 0};
    int n;
    do {
      Py_BEGIN_ALLOW_THREADS
      n = poll(&pfd, 1, -1);
      Py_END_ALLOW_THREADS
    } while (n < 0 && errno == EINTR && PyErr_CheckSignals() == 0);
    if (PyErr_Occurred()) return -1;
  }
  int soerr = 0;
  socklen_t sl = sizeof soerr;
  if (getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) < 0) soerr = errno;
  if (soerr && raise) {
    errno = soerr;
    PyErr_SetFromErrno(PyExc_OSError);
    return -1;
  }
  return soerr;
}

PyObject* sock_connect(PyObject* self, PyObject* addr) {
  SockObject* s = as_sock(self);
  SockAddr sa;
  socklen_t len;
  if (!getsockaddrarg(s->family, addr, &sa, &len, "connect")) return nullptr;
  if (PySys_Audit("socket.connect", "OO", self, addr) < 0) return nullptr;
  if (internal_connect(s, sa, len, true) != 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* sock_connect_ex(PyObject* self, PyObject* addr) {
  SockObject* s = as_sock(self);
  SockAddr sa;
  socklen_t len;
  if (!getsockaddrarg(s->family, addr, &sa, &len, "connect_ex")) return nullptr;
  if (PySys_Audit("socket.connect", "OO", self, addr) < 0) return nullptr;
  int r = internal_connect(s, sa, len, false);
  if (r < 0) return nullptr;
  return PyLong_FromLong(r);
}

PyObject* sock_recv(PyObject* self, PyObject* args) {
  Py_ssize_t n;
  int flags = 0;
  if (!PyArg_ParseTuple(args, "n|i:recv", &n, &flags)) return nullptr;
  if (n < 0) {
    PyErr_SetString(PyExc_ValueError, "negative buffersize in recv");
    return nullptr;
  }
  SockObject* s = as_sock(self);
  Ref<> buf = steal(PyBytes_FromStringAndSize(nullptr, n));
  if (!buf) return nullptr;
  ssize_t got = 0;
  if (!sock_call(s, false, [&]() -> long {
        got = recv(s->fd, PyBytes_AS_STRING(buf.get()), n, flags);
        return got;
      }))
    return nullptr;
  if (got == n) return buf.release();
  return PyBytes_FromStringAndSize(PyBytes_AS_STRING(buf.get()), got);
}

PyObject* sock_recv_into(PyObject* self, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"buffer", "nbytes", "flags", nullptr};
  Py_buffer pbuf;
  Py_ssize_t n = 0;
  int flags = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "w*|ni:recv_into", const_cast<char**>(kwlist), &pbuf,
                                   &n, &flags))
    return nullptr;
  if (n < 0) {
    PyBuffer_Release(&pbuf);
    PyErr_SetString(PyExc_ValueError, "negative buffersize in recv_into");
    return nullptr;
  }
  if (n == 0) n = pbuf.len;
  if (pbuf.len < n) {
    PyBuffer_Release(&pbuf);
    PyErr_SetString(PyExc_ValueError, "buffer too small for requested bytes");
    return nullptr;
  }
  SockObject* s = as_sock(self);
  ssize_t got = 0;
  bool ok = sock_call(s, false, [&]() -> long {
    got = recv(s->fd, pbuf.buf, n, flags);
    return got;
  });
  PyBuffer_Release(&pbuf);
  if (!ok) return nullptr;
  return PyLong_FromSsize_t(got);
}

PyObject* sock_recvfrom(PyObject* self, PyObject* args) {
  Py_ssize_t n;
  int flags = 0;
  if (!PyArg_ParseTuple(args, "n|i:recvfrom", &n, &flags)) return nullptr;
  if (n < 0) {
    PyErr_SetString(PyExc_ValueError, "negative buffersize in recvfrom");
    return nullptr;
  }
  SockObject* s = as_sock(self);
  Ref<> buf = steal(PyBytes_FromStringAndSize(nullptr, n));
  if (!buf) return nullptr;
  SockAddr sa;
  socklen_t len = sizeof sa;
  ssize_t got = 0;
  if (!sock_call(s, false, [&]() -> long {
        len = sizeof sa;
        got = recvfrom(s->fd, PyBytes_AS_STRING(buf.get()), n, flags, &sa.sa, &len);
        return got;
      }))
    return nullptr;
  Ref<> data = got == n ? std::move(buf) : steal(PyBytes_FromStringAndSize(PyBytes_AS_STRING(buf.get()), got));
  if (!data) return nullptr;
  Ref<> addr = steal(makesockaddr(&sa.sa, len));
  if (!addr) return nullptr;
  return PyTuple_Pack(2, data.get(), addr.get());
}

PyObject* sock_recvfrom_into(PyObject* self, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"buffer", "nbytes", "flags", nullptr};
  Py_buffer pbuf;
  Py_ssize_t n = 0;
  int flags = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "w*|ni:recvfrom_into", const_cast<char**>(kwlist),
                                   &pbuf, &n, &flags))
    return nullptr;
  if (n < 0) {
    PyBuffer_Release(&pbuf);
    PyErr_SetString(PyExc_ValueError, "negative buffersize in recvfrom_into");
    return nullptr;
  }
  if (n == 0) n = pbuf.len;
  if (pbuf.len < n) {
    PyBuffer_Release(&pbuf);
    PyErr_SetString(PyExc_ValueError, "nbytes is greater than the length of the buffer");
    return nullptr;
  }
  SockObject* s = as_sock(self);
  SockAddr sa;
  socklen_t len = sizeof sa;
  ssize_t got = 0;
  bool ok = sock_call(s, false, [&]() -> long {
    len = sizeof sa;
    got = recvfrom(s->fd, pbuf.buf, n, flags, &sa.sa, &len);
    return got;
  });
  PyBuffer_Release(&pbuf);
  if (!ok) return nullptr;
  Ref<> addr = steal(makesockaddr(&sa.sa, len));
  if (!addr) return nullptr;
  return Py_BuildValue("(nO)", static_cast<Py_ssize_t>(got), addr.get());
}

PyObject* sock_send(PyObject* self, PyObject* args) {
  Py_buffer pbuf;
  int flags = 0;
  if (!PyArg_ParseTuple(args, "y*|i:send", &pbuf, &flags)) return nullptr;
  SockObject* s = as_sock(self);
  ssize_t sent = 0;
  bool ok = sock_call(s, true, [&]() -> long {
    sent = send(s->fd, pbuf.buf, pbuf.len, flags | MSG_NOSIGNAL);
    return sent;
  });
  PyBuffer_Release(&pbuf);
  if (!ok) return nullptr;
  return PyLong_FromSsize_t(sent);
}

PyObject* sock_sendall(PyObject* self, PyObject* args) {
  Py_buffer pbuf;
  int flags = 0;
  if (!PyArg_ParseTuple(args, "y*|i:sendall", &pbuf, &flags)) return nullptr;
  SockObject* s = as_sock(self);
  const char* p = static_cast<const char*>(pbuf.buf);
  Py_ssize_t left = pbuf.len;
  long long deadline = s->timeout_ns > 0 ? now_ns() + s->timeout_ns : 0;
  while (left > 0) {
    if (s->timeout_ns > 0) {
      int w = wait_for_fd(s, true, deadline);
      if (w <= 0) {
        PyBuffer_Release(&pbuf);
        if (w == 0) timeout_error();
        return nullptr;
      }
    }
    ssize_t n;
    Py_BEGIN_ALLOW_THREADS
    n = send(s->fd, p, left, flags | MSG_NOSIGNAL);
    Py_END_ALLOW_THREADS
    if (n < 0) {
      if (errno == EINTR || (s->timeout_ns > 0 && (errno == EAGAIN || errno == EWOULDBLOCK))) {
        if (errno == EINTR && PyErr_CheckSignals()) {
          PyBuffer_Release(&pbuf);
          return nullptr;
        }
        continue;
      }
      PyBuffer_Release(&pbuf);
      return PyErr_SetFromErrno(PyExc_OSError);
    }
    p += n;
    left -= n;
    // Handlers run between chunks so Ctrl-C interrupts a long send.
    if (PyErr_CheckSignals()) {
      PyBuffer_Release(&pbuf);
      return nullptr;
    }
  }
  PyBuffer_Release(&pbuf);
  Py_RETURN_NONE;
}

PyObject* sock_sendto(PyObject* self, PyObject* args) {
  Py_buffer pbuf;
  int flags = 0;
  PyObject* addro;
  Py_ssize_t n = PyTuple_GET_SIZE(args);
  if (n == 2) {
    if (!PyArg_ParseTuple(args, "y*O:sendto", &pbuf, &addro)) return nullptr;
  } else if (n == 3) {
    if (!PyArg_ParseTuple(args, "y*iO:sendto", &pbuf, &flags, &addro)) return nullptr;
  } else {
    PyErr_Format(PyExc_TypeError, "sendto() takes 2 or 3 arguments (%zd given)", n);
    return nullptr;
  }
  SockObject* s = as_sock(self);
  SockAddr sa;
  socklen_t len;
  if (!getsockaddrarg(s->family, addro, &sa, &len, "sendto")) {
    PyBuffer_Release(&pbuf);
    return nullptr;
  }
  ssize_t sent = 0;
  bool ok = sock_call(s, true, [&]() -> long {
    sent = sendto(s->fd, pbuf.buf, pbuf.len, flags | MSG_NOSIGNAL, &sa.sa, len);
    return sent;
  });
  PyBuffer_Release(&pbuf);
  if (!ok) return nullptr;
  return PyLong_FromSsize_t(sent);
}

PyObject* sock_sendmsg(PyObject* self, PyObject* args) {
  PyObject *buffers, *ancdata = nullptr, *addro = Py_None;
  int flags = 0;
  if (!PyArg_ParseTuple(args, "O|OiO:sendmsg", &buffers, &ancdata, &flags, &addro)) return nullptr;
  SockObject* s = as_sock(self);
  SockAddr sa;
  socklen_t salen = 0;
  if (addro != Py_None && !getsockaddrarg(s->family, addro, &sa, &salen, "sendmsg")) return nullptr;
  Ref<> bufseq = steal(PySequence_Fast(buffers, "sendmsg() argument 1 must be an iterable"));
  if (!bufseq) return nullptr;
  Py_ssize_t nb = PySequence_Fast_GET_SIZE(bufseq.get());
  std::vector<Py_buffer> views(nb);
  std::vector<struct iovec> iov(nb);
  Py_ssize_t got = 0;
  struct Release {
    std::vector<Py_buffer>& v;
    Py_ssize_t& n;
    ~Release() {
      for (Py_ssize_t i = 0; i < n; i++) PyBuffer_Release(&v[i]);
    }
  } release{views, got};
  for (Py_ssize_t i = 0; i < nb; i++) {
    if (PyObject_GetBuffer(PySequence_Fast_GET_ITEM(bufseq.get(), i), &views[i], PyBUF_SIMPLE) < 0)
      return nullptr;
    got++;
    iov[i].iov_base = views[i].buf;
    iov[i].iov_len = views[i].len;
  }
  std::vector<char> control;
  std::vector<Ref<>> keep;
  if (ancdata && ancdata != Py_None) {
    Ref<> seq = steal(PySequence_Fast(ancdata, "sendmsg() argument 2 must be an iterable"));
    if (!seq) return nullptr;
    struct Item { int level, type; Py_buffer data; };
    size_t space = 0;
    std::vector<Item> items;
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq.get()); i++) {
      Item it;
      if (!PyArg_ParseTuple(PySequence_Fast_GET_ITEM(seq.get(), i),
                            "iiy*:[sendmsg() ancillary data items]", &it.level, &it.type, &it.data))
        return nullptr;
      space += CMSG_SPACE(it.data.len);
      items.push_back(it);
    }
    control.assign(space, 0);
    struct msghdr tmp = {};
    tmp.msg_control = control.data();
    tmp.msg_controllen = space;
    struct cmsghdr* c = space ? CMSG_FIRSTHDR(&tmp) : nullptr;
    for (Item& it : items) {
      c->cmsg_level = it.level;
      c->cmsg_type = it.type;
      c->cmsg_len = CMSG_LEN(it.data.len);
      memcpy(CMSG_DATA(c), it.data.buf, it.data.len);
      PyBuffer_Release(&it.data);
      c = CMSG_NXTHDR(&tmp, c);
    }
  }
  struct msghdr msg = {};
  msg.msg_name = salen ? &sa : nullptr;
  msg.msg_namelen = salen;
  msg.msg_iov = iov.data();
  msg.msg_iovlen = nb;
  msg.msg_control = control.empty() ? nullptr : control.data();
  msg.msg_controllen = control.size();
  ssize_t sent = 0;
  if (!sock_call(s, true, [&]() -> long {
        sent = sendmsg(s->fd, &msg, flags | MSG_NOSIGNAL);
        return sent;
      }))
    return nullptr;
  return PyLong_FromSsize_t(sent);
}

PyObject* sock_recvmsg(PyObject* self, PyObject* args) {
  Py_ssize_t bufsize, ancbufsize = 0;
  int flags = 0;
  if (!PyArg_ParseTuple(args, "n|ni:recvmsg", &bufsize, &ancbufsize, &flags)) return nullptr;
  if (bufsize < 0) {
    PyErr_SetString(PyExc_ValueError, "negative buffer size in recvmsg()");
    return nullptr;
  }
  if (ancbufsize < 0) {
    PyErr_SetString(PyExc_ValueError, "negative buffer size in recvmsg()");
    return nullptr;
  }
  SockObject* s = as_sock(self);
  Ref<> buf = steal(PyBytes_FromStringAndSize(nullptr, bufsize));
  if (!buf) return nullptr;
  std::vector<char> control(ancbufsize);
  SockAddr sa;
  struct iovec iov = {PyBytes_AS_STRING(buf.get()), static_cast<size_t>(bufsize)};
  struct msghdr msg = {};
  ssize_t got = 0;
  if (!sock_call(s, false, [&]() -> long {
        msg = {};
        msg.msg_name = &sa;
        msg.msg_namelen = sizeof sa;
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = ancbufsize ? control.data() : nullptr;
        msg.msg_controllen = ancbufsize;
        got = recvmsg(s->fd, &msg, flags);
        return got;
      }))
    return nullptr;
  Ref<> anc = steal(PyList_New(0));
  if (!anc) return nullptr;
  if (msg.msg_controllen) {
    for (struct cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
      char* end = static_cast<char*>(msg.msg_control) + msg.msg_controllen;
      size_t datalen = c->cmsg_len - CMSG_LEN(0);
      char* data = reinterpret_cast<char*>(CMSG_DATA(c));
      if (data + datalen > end) datalen = end - data;  // truncated item
      Ref<> item = steal(Py_BuildValue("(iiy#)", c->cmsg_level, c->cmsg_type, data,
                                       static_cast<Py_ssize_t>(datalen)));
      if (!item || PyList_Append(anc.get(), item.get()) < 0) return nullptr;
    }
  }
  Ref<> data = steal(PyBytes_FromStringAndSize(PyBytes_AS_STRING(buf.get()), got));
  Ref<> addr = steal(msg.msg_namelen ? makesockaddr(&sa.sa, msg.msg_namelen) : Py_NewRef(Py_None));
  if (!data || !addr) return nullptr;
  return Py_BuildValue("(OOiO)", data.get(), anc.get(), msg.msg_flags, addr.get());
}

PyObject* sock_shutdown(PyObject* self, PyObject* arg) {
  int how = _PyLong_AsInt(arg);
  if (how == -1 && PyErr_Occurred()) return nullptr;
  int r;
  Py_BEGIN_ALLOW_THREADS
  r = shutdown(as_sock(self)->fd, how);
  Py_END_ALLOW_THREADS
  if (r < 0) return PyErr_SetFromErrno(PyExc_OSError);
  Py_RETURN_NONE;
}

PyObject* sock_setsockopt(PyObject* self, PyObject* args) {
  SockObject* s = as_sock(self);
  int level, optname, flag;
  unsigned int optlen;
  PyObject* none;
  Py_buffer optval;
  int r;
  if (PyArg_ParseTuple(args, "iii:setsockopt", &level, &optname, &flag)) {
    r = setsockopt(s->fd, level, optname, &flag, sizeof flag);
  } else {
    PyErr_Clear();
    if (PyArg_ParseTuple(args, "iiO!I:setsockopt", &level, &optname, Py_TYPE(Py_None), &none, &optlen)) {
      r = setsockopt(s->fd, level, optname, nullptr, optlen);
    } else {
      PyErr_Clear();
      if (!PyArg_ParseTuple(args, "iiy*:setsockopt", &level, &optname, &optval)) return nullptr;
      r = setsockopt(s->fd, level, optname, optval.buf, static_cast<socklen_t>(optval.len));
      PyBuffer_Release(&optval);
    }
  }
  if (r < 0) return PyErr_SetFromErrno(PyExc_OSError);
  Py_RETURN_NONE;
}

PyObject* sock_getsockopt(PyObject* self, PyObject* args) {
  SockObject* s = as_sock(self);
  int level, optname, buflen = 0;
  if (!PyArg_ParseTuple(args, "ii|i:getsockopt", &level, &optname, &buflen)) return nullptr;
  if (buflen == 0) {
    int flag = 0;
    socklen_t len = sizeof flag;
    if (getsockopt(s->fd, level, optname, &flag, &len) < 0) return PyErr_SetFromErrno(PyExc_OSError);
    return PyLong_FromLong(flag);
  }
  if (buflen <= 0 || buflen > 1024) {
    PyErr_SetString(PyExc_OSError, "getsockopt buflen out of range");
    return nullptr;
  }
  Ref<> buf = steal(PyBytes_FromStringAndSize(nullptr, buflen));
  if (!buf) return nullptr;
  socklen_t len = buflen;
  if (getsockopt(s->fd, level, optname, PyBytes_AS_STRING(buf.get()), &len) < 0)
    return PyErr_SetFromErrno(PyExc_OSError);
  return PyBytes_FromStringAndSize(PyBytes_AS_STRING(buf.get()), len);
}

PyObject* sock_getsockname(PyObject* self, PyObject*) {
  SockAddr sa;
  socklen_t len = sizeof sa;
  memset(&sa, 0, sizeof sa);
  if (getsockname(as_sock(self)->fd, &sa.sa, &len) < 0) return PyErr_SetFromErrno(PyExc_OSError);
  return makesockaddr(&sa.sa, len);
}

PyObject* sock_getpeername(PyObject* self, PyObject*) {
  SockAddr sa;
  socklen_t len = sizeof sa;
  memset(&sa, 0, sizeof sa);
  if (getpeername(as_sock(self)->fd, &sa.sa, &len) < 0) return PyErr_SetFromErrno(PyExc_OSError);
  return makesockaddr(&sa.sa, len);
}

PyObject* sock_setblocking(PyObject* self, PyObject* arg) {
  long block = PyObject_IsTrue(arg);
  if (block < 0) return nullptr;
  SockObject* s = as_sock(self);
  s->timeout_ns = block ? -1 : 0;
  if (!set_nonblocking(s->fd, !block)) return PyErr_SetFromErrno(PyExc_OSError);
  Py_RETURN_NONE;
}

PyObject* sock_getblocking(PyObject* self, PyObject*) {
  return PyBool_FromLong(as_sock(self)->timeout_ns != 0);
}

PyObject* sock_settimeout(PyObject* self, PyObject* arg) {
  long long ns;
  if (!timeout_from_object(arg, &ns)) return nullptr;
  SockObject* s = as_sock(self);
  s->timeout_ns = ns;
  if (s->fd != -1 && !set_nonblocking(s->fd, ns >= 0)) return PyErr_SetFromErrno(PyExc_OSError);
  Py_RETURN_NONE;
}

PyObject* sock_gettimeout(PyObject* self, PyObject*) {
  long long ns = as_sock(self)->timeout_ns;
  if (ns < 0) Py_RETURN_NONE;
  return PyFloat_FromDouble(ns / 1e9);
}

PyObject* sock_get_timeout(PyObject* self, void*) { return sock_gettimeout(self, nullptr); }

#define KW(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(f))

PyMethodDef sock_methods[] = {
    {"_accept", sock_accept, METH_NOARGS,
     "_accept() -> (integer, address info)\n\nWait for an incoming connection.  Return a new socket file descriptor\n"
     "representing the connection, and the address of the client.\nFor IP sockets, the address info is a pair (hostaddr, port)."},
    {"bind", sock_bind, METH_O,
     "bind(address)\n\nBind the socket to a local address.  For IP sockets, the address is a\n"
     "pair (host, port); the host must refer to the local host. For raw packet\n"
     "sockets the address is a tuple (ifname, proto [,pkttype [,hatype [,addr]]])"},
    {"close", sock_close, METH_NOARGS, "close()\n\nClose the socket.  It cannot be used after this call."},
    {"connect", sock_connect, METH_O,
     "connect(address)\n\nConnect the socket to a remote address.  For IP sockets, the address\nis a pair (host, port)."},
    {"connect_ex", sock_connect_ex, METH_O,
     "connect_ex(address) -> errno\n\nThis is like connect(address), but returns an error code (the errno value)\n"
     "instead of raising an exception when an error occurs."},
    {"detach", sock_detach, METH_NOARGS,
     "detach()\n\nClose the socket object without closing the underlying file descriptor.\n"
     "The object cannot be used after this call, but the file descriptor\ncan be reused for other purposes.  The file descriptor is returned."},
    {"fileno", sock_fileno, METH_NOARGS, "fileno() -> integer\n\nReturn the integer file descriptor of the socket."},
    {"getpeername", sock_getpeername, METH_NOARGS,
     "getpeername() -> address info\n\nReturn the address of the remote endpoint.  For IP sockets, the address\ninfo is a pair (hostaddr, port)."},
    {"getsockname", sock_getsockname, METH_NOARGS,
     "getsockname() -> address info\n\nReturn the address of the local endpoint. The format depends on the\naddress family. For IPv4 sockets, the address info is a pair\n(hostaddr, port)."},
    {"getsockopt", sock_getsockopt, METH_VARARGS,
     "getsockopt(level, option[, buffersize]) -> value\n\nGet a socket option.  See the Unix manual for level and option.\n"
     "If a nonzero buffersize argument is given, the return value is a\nstring of that length; otherwise it is an integer."},
    {"setsockopt", sock_setsockopt, METH_VARARGS,
     "setsockopt(level, option, value: int)\nsetsockopt(level, option, value: buffer)\nsetsockopt(level, option, None, optlen: int)\n\n"
     "Set a socket option.  See the Unix manual for level and option.\nThe value argument can either be an integer, a string buffer, or\nNone, optlen."},
    {"listen", sock_listen, METH_VARARGS,
     "listen([backlog])\n\nEnable a server to accept connections.  If backlog is specified, it must be\n"
     "at least 0 (if it is lower, it is set to 0); it specifies the number of\n"
     "unaccepted connections that the system will allow before refusing new\nconnections. If not specified, a default reasonable value is chosen."},
    {"recv", sock_recv, METH_VARARGS,
     "recv(buffersize[, flags]) -> data\n\nReceive up to buffersize bytes from the socket.  For the optional flags\n"
     "argument, see the Unix manual.  When no data is available, block until\n"
     "at least one byte is available or until the remote end is closed.  When\n"
     "the remote end is closed and all data is read, return the empty string."},
    {"recv_into", KW(sock_recv_into), METH_VARARGS | METH_KEYWORDS,
     "recv_into(buffer, [nbytes[, flags]]) -> nbytes_read\n\nA version of recv() that stores its data into a buffer rather than creating\n"
     "a new string.  Receive up to buffersize bytes from the socket.  If buffersize\n"
     "is not specified (or 0), receive up to the size available in the given buffer.\n\nSee recv() for documentation about the flags."},
    {"recvfrom", sock_recvfrom, METH_VARARGS,
     "recvfrom(buffersize[, flags]) -> (data, address info)\n\nLike recv(buffersize, flags) but also return the sender's address info."},
    {"recvfrom_into", KW(sock_recvfrom_into), METH_VARARGS | METH_KEYWORDS,
     "recvfrom_into(buffer[, nbytes[, flags]]) -> (nbytes, address info)\n\nLike recv_into(buffer[, nbytes[, flags]]) but also return the sender's address info."},
    {"recvmsg", sock_recvmsg, METH_VARARGS,
     "recvmsg(bufsize[, ancbufsize[, flags]]) -> (data, ancdata, msg_flags, address)\n\n"
     "Receive normal data (up to bufsize bytes) and ancillary data from the\nsocket."},
    {"send", sock_send, METH_VARARGS,
     "send(data[, flags]) -> count\n\nSend a data string to the socket.  For the optional flags\n"
     "argument, see the Unix manual.  Return the number of bytes\nsent; this may be less than len(data) if the network is busy."},
    {"sendall", sock_sendall, METH_VARARGS,
     "sendall(data[, flags])\n\nSend a data string to the socket.  For the optional flags\n"
     "argument, see the Unix manual.  This calls send() repeatedly\n"
     "until all data is sent.  If an error occurs, it's impossible\nto tell how much data has been sent."},
    {"sendto", sock_sendto, METH_VARARGS,
     "sendto(data[, flags], address) -> count\n\nLike send(data, flags) but allows specifying the destination address.\n"
     "For IP sockets, the address is a pair (hostaddr, port)."},
    {"sendmsg", sock_sendmsg, METH_VARARGS,
     "sendmsg(buffers[, ancdata[, flags[, address]]]) -> count\n\n"
     "Send normal and ancillary data to the socket, gathering the\nnon-ancillary data from a series of buffers and concatenating it into\na single message."},
    {"setblocking", sock_setblocking, METH_O,
     "setblocking(flag)\n\nSet the socket to blocking (flag is true) or non-blocking (false).\n"
     "setblocking(True) is equivalent to settimeout(None);\nsetblocking(False) is equivalent to settimeout(0.0)."},
    {"getblocking", sock_getblocking, METH_NOARGS,
     "getblocking()\n\nReturns True if socket is in blocking mode, or False if it\n"
     "is in non-blocking mode."},
    {"settimeout", sock_settimeout, METH_O,
     "settimeout(timeout)\n\nSet a timeout on socket operations.  'timeout' can be a float,\n"
     "giving in seconds, or None.  Setting a timeout of None disables\n"
     "the timeout feature and is equivalent to setblocking(1).\nSetting a timeout of zero is the same as setblocking(0)."},
    {"gettimeout", sock_gettimeout, METH_NOARGS,
     "gettimeout() -> timeout\n\nReturns the timeout in seconds (float) associated with socket\n"
     "operations. A timeout of None indicates that timeouts on socket\noperations are disabled."},
    {"shutdown", sock_shutdown, METH_O,
     "shutdown(flag)\n\nShut down the reading side of the socket (flag == SHUT_RD), the writing side\n"
     "of the socket (flag == SHUT_WR), or both ends (flag == SHUT_RDWR)."},
    {nullptr, nullptr, 0, nullptr}};

PyMemberDef sock_members[] = {
    {"family", T_INT, offsetof(SockObject, family), READONLY, "the socket family"},
    {"type", T_INT, offsetof(SockObject, type), READONLY, "the socket type"},
    {"proto", T_INT, offsetof(SockObject, proto), READONLY, "the socket protocol"},
    {nullptr, 0, 0, 0, nullptr}};

PyGetSetDef sock_getset[] = {
    {"timeout", sock_get_timeout, nullptr, "the socket timeout", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

const char sock_doc[] =
    "socket(family=AF_INET, type=SOCK_STREAM, proto=0) -> socket object\n"
    "socket(family=-1, type=-1, proto=-1, fileno=None) -> socket object\n\n"
    "Open a socket of the given type.  The family argument specifies the\n"
    "address family; it defaults to AF_INET.  The type argument specifies\n"
    "whether this is a stream (SOCK_STREAM, this is the default)\n"
    "or datagram (SOCK_DGRAM) socket.  The protocol argument defaults to 0,\n"
    "specifying the default protocol.  Keyword arguments are accepted.\n"
    "The socket is created as non-inheritable.\n\n"
    "When a fileno is passed in, family, type and proto are auto-detected,\n"
    "unless they are explicitly set.\n\n"
    "A socket object represents one endpoint of a network connection.";

PyType_Slot sock_slots[] = {
    {Py_tp_new, reinterpret_cast<void*>(sock_new)},
    {Py_tp_init, reinterpret_cast<void*>(sock_init)},
    {Py_tp_dealloc, reinterpret_cast<void*>(sock_dealloc)},
    {Py_tp_finalize, reinterpret_cast<void*>(sock_finalize)},
    {Py_tp_repr, reinterpret_cast<void*>(sock_repr)},
    {Py_tp_methods, sock_methods},
    {Py_tp_members, sock_members},
    {Py_tp_getset, sock_getset},
    {Py_tp_doc, const_cast<char*>(sock_doc)},
    {0, nullptr}};

PyType_Spec sock_spec = {"_socket.socket", sizeof(SockObject), 0,
                         Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, sock_slots};

}  // namespace

namespace krait::sock {

int init_socket_type(PyObject* module) {
  if (!g_socket_type) {
    g_socket_type = reinterpret_cast<PyTypeObject*>(PyType_FromSpec(&sock_spec));
    if (!g_socket_type) return -1;
  }
  if (PyModule_AddObjectRef(module, "socket", reinterpret_cast<PyObject*>(g_socket_type)) < 0) return -1;
  return PyModule_AddObjectRef(module, "SocketType", reinterpret_cast<PyObject*>(g_socket_type));
}

}  // namespace krait::sock
