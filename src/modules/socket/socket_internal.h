// socket_internal.h — shared pieces of the `_socket` module (src/modules/socket/):
// the socket object layout, address conversion between Python tuples/strings
// and sockaddr (CPython's getsockaddrarg / makesockaddr), and the error types.
#pragma once

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

namespace krait::sock {

struct SockObject {
  PyObject_HEAD
  int fd;              // -1 once closed or detached
  int family;
  int type;
  int proto;
  long long timeout_ns;  // -1: blocking (None); 0: non-blocking; >0: timeout
};

union SockAddr {
  struct sockaddr sa;
  struct sockaddr_in in4;
  struct sockaddr_in6 in6;
  struct sockaddr_un un;
  struct sockaddr_storage storage;
};

extern PyObject* g_gaierror;
extern PyObject* g_herror;
extern long long g_default_timeout_ns;
extern PyTypeObject* g_socket_type;

// Python address -> sockaddr for a socket of `family`; `caller` names the
// method in messages ("connect"). False with an exception set.
bool getsockaddrarg(int family, PyObject* addr, SockAddr* out, socklen_t* len, const char* caller);
// sockaddr -> Python address (tuple for IP, str/bytes for AF_UNIX).
PyObject* makesockaddr(const struct sockaddr* sa, socklen_t len);
// Resolves a host name (or "", "<broadcast>", a numeric address) for `family`.
bool setipaddr(const char* name, struct sockaddr* out, size_t size, int family);
PyObject* set_gaierror(int code);
// seconds (None/int/float) -> timeout ns (-1 for None). `what` for messages.
bool timeout_from_object(PyObject* o, long long* ns);

int init_socket_type(PyObject* module);

}  // namespace krait::sock
