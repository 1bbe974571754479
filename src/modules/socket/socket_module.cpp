// socket_module.cpp — the `_socket` module's functions (getaddrinfo,
// getnameinfo, gethostname/gethostbyname/gethostbyaddr, getserv*/getproto*,
// inet_aton/ntoa/pton/ntop, hton*/ntoh*, dup/close, socketpair, default
// timeout, CMSG_LEN/CMSG_SPACE, if_name*), its exceptions (gaierror, herror,
// timeout = TimeoutError) and constants, plus the address conversions the
// socket object shares (socket_internal.h). The socket type: socket_object.cpp.
#include "modules/socket/socket_internal.h"

#include <arpa/inet.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/tcp.h>
#include <string.h>
#include <unistd.h>
#include <linux/can.h>
#include <linux/tipc.h>
#include <linux/vm_sockets.h>
#include <linux/netlink.h>
#include <linux/if_packet.h>
#include <linux/if_alg.h>

#include "support/ref.h"

using namespace krait;

namespace krait::sock {

PyObject* g_gaierror = nullptr;
PyObject* g_herror = nullptr;
long long g_default_timeout_ns = -1;

PyObject* set_gaierror(int code) {
  if (code == EAI_SYSTEM) return PyErr_SetFromErrno(PyExc_OSError);
  Ref<> v = steal(Py_BuildValue("(is)", code, gai_strerror(code)));
  if (v) PyErr_SetObject(g_gaierror, v.get());
  return nullptr;
}

bool timeout_from_object(PyObject* o, long long* ns) {
  if (o == Py_None) {
    *ns = -1;
    return true;
  }
  if (PyFloat_Check(o)) {
    double d = PyFloat_AsDouble(o);
    if (isnan(d)) {
      PyErr_SetString(PyExc_ValueError, "Invalid value NaN (not a number)");
      return false;
    }
    d *= 1e9;
    d = d >= 0 ? ceil(d) : floor(d);
    if (!(d >= -9.2e18 && d <= 9.2e18)) {
      PyErr_SetString(PyExc_OverflowError, "timestamp too large to convert to C _PyTime_t");
      return false;
    }
    *ns = static_cast<long long>(d);
  } else {
    long long v = PyLong_AsLongLong(o);
    if (v == -1 && PyErr_Occurred()) return false;
    if (__builtin_mul_overflow(v, 1000000000LL, ns)) {
      PyErr_SetString(PyExc_OverflowError, "timestamp too large to convert to C _PyTime_t");
      return false;
    }
  }
  if (*ns < 0) {
    PyErr_SetString(PyExc_ValueError, "Timeout value out of range");
    return false;
  }
  return true;
}

bool setipaddr(const char* name, struct sockaddr* out, size_t size, int family) {
  if (name[0] == '\0') {
    // The wildcard address of the family (bind to all interfaces).
    struct addrinfo hints = {}, *res = nullptr;
    hints.ai_family = family;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_flags = AI_PASSIVE;
    int err;
    Py_BEGIN_ALLOW_THREADS
    err = getaddrinfo(nullptr, "0", &hints, &res);
    Py_END_ALLOW_THREADS
    if (err) {
      set_gaierror(err);
      return false;
    }
    memcpy(out, res->ai_addr, res->ai_addrlen < size ? res->ai_addrlen : size);
    freeaddrinfo(res);
    return true;
  }
  if ((family == AF_INET || family == AF_UNSPEC) &&
      (strcmp(name, "255.255.255.255") == 0 || strcmp(name, "<broadcast>") == 0)) {
    auto* sin = reinterpret_cast<struct sockaddr_in*>(out);
    memset(sin, 0, sizeof *sin);
    sin->sin_family = AF_INET;
    sin->sin_addr.s_addr = INADDR_BROADCAST;
    return true;
  }
  if (family == AF_INET || family == AF_UNSPEC) {
    auto* sin = reinterpret_cast<struct sockaddr_in*>(out);
    struct in_addr a;
    if (inet_pton(AF_INET, name, &a) == 1) {
      memset(sin, 0, sizeof *sin);
      sin->sin_family = AF_INET;
      sin->sin_addr = a;
      return true;
    }
  }
  if (family == AF_INET6 || family == AF_UNSPEC) {
    auto* sin6 = reinterpret_cast<struct sockaddr_in6*>(out);
    struct in6_addr a;
    if (inet_pton(AF_INET6, name, &a) == 1) {
      memset(sin6, 0, sizeof *sin6);
      sin6->sin6_family = AF_INET6;
      sin6->sin6_addr = a;
      return true;
    }
  }
  struct addrinfo hints = {}, *res = nullptr;
  hints.ai_family = family;
  int err;
  Py_BEGIN_ALLOW_THREADS
  err = getaddrinfo(name, nullptr, &hints, &res);
  Py_END_ALLOW_THREADS
  if (err) {
    set_gaierror(err);
    return false;
  }
  memcpy(out, res->ai_addr, res->ai_addrlen < size ? res->ai_addrlen : size);
  freeaddrinfo(res);
  return true;
}

namespace {

// str (ASCII, else IDNA-encoded) or bytes host -> bytes.
bool host_to_bytes(PyObject* o, Ref<>& out) {
  if (PyUnicode_Check(o)) {
    if (PyUnicode_IS_ASCII(o)) {
      out = steal(PyUnicode_AsASCIIString(o));
    } else {
      out = steal(PyUnicode_AsEncodedString(o, "idna", nullptr));
    }
    return static_cast<bool>(out);
  }
  if (PyBytes_Check(o) || PyByteArray_Check(o)) {
    out = steal(PyBytes_FromObject(o));
    return static_cast<bool>(out);
  }
  PyErr_Format(PyExc_TypeError, "str, bytes or bytearray expected, not %s", Py_TYPE(o)->tp_name);
  return false;
}

}  // namespace

bool getsockaddrarg(int family, PyObject* args, SockAddr* out, socklen_t* len, const char* caller) {
  memset(out, 0, sizeof *out);
  switch (family) {
    case AF_UNIX: {
      Ref<> path;
      if (PyUnicode_Check(args)) {
        path = steal(PyUnicode_EncodeFSDefault(args));
      } else {
        path = steal(PyBytes_FromObject(args));
        if (!path) {
          PyErr_Clear();
          PyErr_Format(PyExc_TypeError, "%s(): AF_UNIX address must be str or bytes, not %.500s",
                       caller, Py_TYPE(args)->tp_name);
          return false;
        }
      }
      if (!path) return false;
      Py_ssize_t n = PyBytes_GET_SIZE(path.get());
      bool abstract = n > 0 && PyBytes_AS_STRING(path.get())[0] == 0;
      if (static_cast<size_t>(n) > sizeof out->un.sun_path - (abstract ? 0 : 1)) {
        PyErr_SetString(PyExc_OSError, "AF_UNIX path too long");
        return false;
      }
      out->un.sun_family = AF_UNIX;
      memcpy(out->un.sun_path, PyBytes_AS_STRING(path.get()), n);
      *len = static_cast<socklen_t>(offsetof(struct sockaddr_un, sun_path) + n + (abstract ? 0 : 1));
      return true;
    }
    case AF_INET: {
      if (!PyTuple_Check(args)) {
        PyErr_Format(PyExc_TypeError, "%s(): AF_INET address must be tuple, not %.500s", caller,
                     Py_TYPE(args)->tp_name);
        return false;
      }
      PyObject* host;
      int port;
      if (!PyArg_ParseTuple(args, "Oi;AF_INET address must be a pair (host, port)", &host, &port)) {
        if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
          PyErr_Format(PyExc_OverflowError, "%s(): port must be 0-65535.", caller);
        }
        return false;
      }
      Ref<> hb;
      if (!host_to_bytes(host, hb)) return false;
      if (!setipaddr(PyBytes_AS_STRING(hb.get()), &out->sa, sizeof out->in4, AF_INET)) return false;
      if (port < 0 || port > 0xffff) {
        PyErr_Format(PyExc_OverflowError, "%s(): port must be 0-65535.", caller);
        return false;
      }
      out->in4.sin_family = AF_INET;
      out->in4.sin_port = htons(static_cast<uint16_t>(port));
      *len = sizeof out->in4;
      return true;
    }
    case AF_INET6: {
      if (!PyTuple_Check(args)) {
        PyErr_Format(PyExc_TypeError, "%s(): AF_INET6 address must be tuple, not %.500s", caller,
                     Py_TYPE(args)->tp_name);
        return false;
      }
      PyObject* host;
      int port;
      unsigned int flowinfo = 0, scope_id = 0;
      if (!PyArg_ParseTuple(args, "Oi|II;AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])",
                            &host, &port, &flowinfo, &scope_id)) {
        if (PyErr_ExceptionMatches(PyExc_OverflowError))
          PyErr_Format(PyExc_OverflowError, "%s(): port must be 0-65535.", caller);
        return false;
      }
      Ref<> hb;
      if (!host_to_bytes(host, hb)) return false;
      if (!setipaddr(PyBytes_AS_STRING(hb.get()), &out->sa, sizeof out->in6, AF_INET6)) return false;
      if (port < 0 || port > 0xffff) {
        PyErr_Format(PyExc_OverflowError, "%s(): port must be 0-65535.", caller);
        return false;
      }
      if (flowinfo > 0xfffff) {
        PyErr_Format(PyExc_OverflowError, "%s(): flowinfo must be 0-1048575.", caller);
        return false;
      }
      out->in6.sin6_family = AF_INET6;
      out->in6.sin6_port = htons(static_cast<uint16_t>(port));
      out->in6.sin6_flowinfo = htonl(flowinfo);
      out->in6.sin6_scope_id = scope_id;
      *len = sizeof out->in6;
      return true;
    }
    default:
      PyErr_Format(PyExc_OSError, "%s(): bad family", caller);
      return false;
  }
}

PyObject* makesockaddr(const struct sockaddr* sa, socklen_t len) {
  if (len == 0) Py_RETURN_NONE;
  switch (sa->sa_family) {
    case AF_INET: {
      auto* a = reinterpret_cast<const struct sockaddr_in*>(sa);
      char buf[INET_ADDRSTRLEN];
      inet_ntop(AF_INET, &a->sin_addr, buf, sizeof buf);
      return Py_BuildValue("(si)", buf, ntohs(a->sin_port));
    }
    case AF_INET6: {
      auto* a = reinterpret_cast<const struct sockaddr_in6*>(sa);
      char buf[INET6_ADDRSTRLEN];
      inet_ntop(AF_INET6, &a->sin6_addr, buf, sizeof buf);
      return Py_BuildValue("(siII)", buf, ntohs(a->sin6_port), ntohl(a->sin6_flowinfo),
                           a->sin6_scope_id);
    }
    case AF_UNIX: {
      auto* a = reinterpret_cast<const struct sockaddr_un*>(sa);
      size_t n = len - offsetof(struct sockaddr_un, sun_path);
      if (n > 0 && a->sun_path[0] == 0)  // Linux abstract namespace: bytes
        return PyBytes_FromStringAndSize(a->sun_path, static_cast<Py_ssize_t>(n));
      return PyUnicode_DecodeFSDefaultAndSize(a->sun_path, static_cast<Py_ssize_t>(strnlen(a->sun_path, n)));
    }
    default:
      return Py_BuildValue("(iy#)", sa->sa_family, sa->sa_data, static_cast<Py_ssize_t>(sizeof sa->sa_data));
  }
}

}  // namespace krait::sock

using namespace krait::sock;

namespace {

PyObject* s_gethostname(PyObject*, PyObject*) {
  char buf[1024];
  int r;
  Py_BEGIN_ALLOW_THREADS
  r = gethostname(buf, sizeof buf - 1);
  Py_END_ALLOW_THREADS
  if (r < 0) return PyErr_SetFromErrno(PyExc_OSError);
  buf[sizeof buf - 1] = 0;
  return PyUnicode_DecodeFSDefault(buf);
}

PyObject* s_sethostname(PyObject*, PyObject* arg) {
  Ref<> b;
  if (PyUnicode_Check(arg))
    b = steal(PyUnicode_EncodeFSDefault(arg));
  else
    b = steal(PyBytes_FromObject(arg));
  if (!b) return nullptr;
  if (sethostname(PyBytes_AS_STRING(b.get()), PyBytes_GET_SIZE(b.get())) < 0)
    return PyErr_SetFromErrno(PyExc_OSError);
  Py_RETURN_NONE;
}

PyObject* s_gethostbyname(PyObject*, PyObject* args) {
  PyObject* host;
  if (!PyArg_ParseTuple(args, "O:gethostbyname", &host)) return nullptr;
  Ref<> hb;
  if (!host_to_bytes(host, hb)) return nullptr;
  const char* name = PyBytes_AS_STRING(hb.get());
  SockAddr addr;
  bool ok = setipaddr(name, &addr.sa, sizeof addr.in4, AF_INET);
  if (!ok) return nullptr;
  char buf[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, &addr.in4.sin_addr, buf, sizeof buf);
  return PyUnicode_FromString(buf);
}

PyObject* set_herror(int code) {
  Ref<> v = steal(Py_BuildValue("(is)", code, hstrerror(code)));
  if (v) PyErr_SetObject(g_herror, v.get());
  return nullptr;
}

// (hostname, aliaslist, addresslist) from a hostent.
PyObject* hostent_to_tuple(const struct hostent* h) {
  Ref<> aliases = steal(PyList_New(0)), addrs = steal(PyList_New(0));
  if (!aliases || !addrs) return nullptr;
  for (char** p = h->h_aliases; p && *p; p++) {
    Ref<> s = steal(PyUnicode_FromString(*p));
    if (!s || PyList_Append(aliases.get(), s.get()) < 0) return nullptr;
  }
  for (char** p = h->h_addr_list; p && *p; p++) {
    char buf[INET6_ADDRSTRLEN];
    inet_ntop(h->h_addrtype, *p, buf, sizeof buf);
    Ref<> s = steal(PyUnicode_FromString(buf));
    if (!s || PyList_Append(addrs.get(), s.get()) < 0) return nullptr;
  }
  return Py_BuildValue("(sOO)", h->h_name, aliases.get(), addrs.get());
}

PyObject* s_gethostbyname_ex(PyObject*, PyObject* args) {
  PyObject* host;
  if (!PyArg_ParseTuple(args, "O:gethostbyname_ex", &host)) return nullptr;
  Ref<> hb;
  if (!host_to_bytes(host, hb)) return nullptr;
  const char* name = PyBytes_AS_STRING(hb.get());
  struct hostent hbuf, *h = nullptr;
  char buf[16384];
  int herr = 0;
  Py_BEGIN_ALLOW_THREADS
  gethostbyname_r(name, &hbuf, buf, sizeof buf, &h, &herr);
  Py_END_ALLOW_THREADS
  if (!h) return set_herror(herr);
  return hostent_to_tuple(h);
}

PyObject* s_gethostbyaddr(PyObject*, PyObject* args) {
  PyObject* host;
  if (!PyArg_ParseTuple(args, "O:gethostbyaddr", &host)) return nullptr;
  Ref<> hb;
  if (!host_to_bytes(host, hb)) return nullptr;
  const char* name = PyBytes_AS_STRING(hb.get());
  SockAddr addr;
  bool ok = setipaddr(name, &addr.sa, sizeof addr, AF_UNSPEC);
  if (!ok) return nullptr;
  const void* ap = addr.sa.sa_family == AF_INET6 ? static_cast<const void*>(&addr.in6.sin6_addr)
                                                 : static_cast<const void*>(&addr.in4.sin_addr);
  socklen_t al = addr.sa.sa_family == AF_INET6 ? sizeof(struct in6_addr) : sizeof(struct in_addr);
  struct hostent hbuf, *h = nullptr;
  char buf[16384];
  int herr = 0;
  Py_BEGIN_ALLOW_THREADS
  gethostbyaddr_r(ap, al, addr.sa.sa_family, &hbuf, buf, sizeof buf, &h, &herr);
  Py_END_ALLOW_THREADS
  if (!h) return set_herror(herr);
  return hostent_to_tuple(h);
}

PyObject* s_getaddrinfo(PyObject*, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"host", "port", "family", "type", "proto", "flags", nullptr};
  PyObject *host, *port;
  int family = AF_UNSPEC, socktype = 0, protocol = 0, flags = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OO|iiii:getaddrinfo", const_cast<char**>(kwlist),
                                   &host, &port, &family, &socktype, &protocol, &flags))
    return nullptr;
  Ref<> hb;
  const char* hptr = nullptr;
  if (host != Py_None) {
    if (!PyUnicode_Check(host) && !PyBytes_Check(host)) {
      PyErr_SetString(PyExc_TypeError, "getaddrinfo() argument 1 must be string or None");
      return nullptr;
    }
    if (!host_to_bytes(host, hb)) return nullptr;
    hptr = PyBytes_AS_STRING(hb.get());
  }
  Ref<> pb;
  const char* pptr = nullptr;
  char pbuf[32];
  if (PyLong_Check(port)) {
    long v = PyLong_AsLong(port);
    if (v == -1 && PyErr_Occurred()) return nullptr;
    snprintf(pbuf, sizeof pbuf, "%ld", v);
    pptr = pbuf;
  } else if (PyUnicode_Check(port)) {
    pb = steal(PyUnicode_AsUTF8String(port));
    if (!pb) return nullptr;
    pptr = PyBytes_AS_STRING(pb.get());
  } else if (PyBytes_Check(port)) {
    pptr = PyBytes_AS_STRING(port);
  } else if (port != Py_None) {
    PyErr_SetString(PyExc_OSError, "Int or String expected");
    return nullptr;
  }
  struct addrinfo hints = {}, *res = nullptr;
  hints.ai_family = family;
  hints.ai_socktype = socktype;
  hints.ai_protocol = protocol;
  hints.ai_flags = flags;
  int err;
  Py_BEGIN_ALLOW_THREADS
  err = getaddrinfo(hptr, pptr, &hints, &res);
  Py_END_ALLOW_THREADS
  if (err) return set_gaierror(err);
  Ref<> list = steal(PyList_New(0));
  for (struct addrinfo* r = res; list && r; r = r->ai_next) {
    Ref<> addr = steal(makesockaddr(r->ai_addr, r->ai_addrlen));
    Ref<> item = addr ? steal(Py_BuildValue("(iiisO)", r->ai_family, r->ai_socktype, r->ai_protocol,
                                            r->ai_canonname ? r->ai_canonname : "", addr.get()))
                      : Ref<>();
    if (!item || PyList_Append(list.get(), item.get()) < 0) list = Ref<>();
  }
  freeaddrinfo(res);
  return list.release();
}

PyObject* s_getnameinfo(PyObject*, PyObject* args) {
  PyObject* sa;
  int flags;
  if (!PyArg_ParseTuple(args, "Oi:getnameinfo", &sa, &flags)) return nullptr;
  if (!PyTuple_Check(sa)) {
    PyErr_SetString(PyExc_TypeError, "getnameinfo() argument 1 must be a tuple");
    return nullptr;
  }
  const char* host;
  int port;
  unsigned int flowinfo = 0, scope_id = 0;
  if (!PyArg_ParseTuple(sa, "si|II;getnameinfo(): illegal sockaddr argument", &host, &port,
                        &flowinfo, &scope_id))
    return nullptr;
  if (flowinfo > 0xfffff) {
    PyErr_SetString(PyExc_OverflowError, "getnameinfo(): flowinfo must be 0-1048575.");
    return nullptr;
  }
  char pbuf[32];
  snprintf(pbuf, sizeof pbuf, "%d", port);
  struct addrinfo hints = {}, *res = nullptr;
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_DGRAM;
  hints.ai_flags = AI_NUMERICHOST;
  int err;
  Py_BEGIN_ALLOW_THREADS
  err = getaddrinfo(host, pbuf, &hints, &res);
  Py_END_ALLOW_THREADS
  if (err) return set_gaierror(err);
  if (res->ai_next) {
    freeaddrinfo(res);
    PyErr_SetString(PyExc_OSError, "sockaddr resolved to multiple addresses");
    return nullptr;
  }
  SockAddr addr;
  memcpy(&addr, res->ai_addr, res->ai_addrlen);
  socklen_t alen = res->ai_addrlen;
  int fam = res->ai_family;
  freeaddrinfo(res);
  if (fam == AF_INET && PyTuple_GET_SIZE(sa) != 2) {
    PyErr_SetString(PyExc_OSError, "IPv4 sockaddr must be 2 tuple");
    return nullptr;
  }
  if (fam == AF_INET6) {
    addr.in6.sin6_flowinfo = htonl(flowinfo);
    addr.in6.sin6_scope_id = scope_id;
  }
  char hbuf[NI_MAXHOST], sbuf[NI_MAXSERV];
  Py_BEGIN_ALLOW_THREADS
  err = getnameinfo(&addr.sa, alen, hbuf, sizeof hbuf, sbuf, sizeof sbuf, flags);
  Py_END_ALLOW_THREADS
  if (err) return set_gaierror(err);
  return Py_BuildValue("(ss)", hbuf, sbuf);
}

PyObject* s_getservbyname(PyObject*, PyObject* args) {
  const char *name, *proto = nullptr;
  if (!PyArg_ParseTuple(args, "s|s:getservbyname", &name, &proto)) return nullptr;
  struct servent* sp;
  Py_BEGIN_ALLOW_THREADS
  sp = getservbyname(name, proto);
  Py_END_ALLOW_THREADS
  if (!sp) {
    PyErr_SetString(PyExc_OSError, "service/proto not found");
    return nullptr;
  }
  return PyLong_FromLong(ntohs(static_cast<uint16_t>(sp->s_port)));
}

PyObject* s_getservbyport(PyObject*, PyObject* args) {
  int port;
  const char* proto = nullptr;
  if (!PyArg_ParseTuple(args, "i|s:getservbyport", &port, &proto)) return nullptr;
  if (port < 0 || port > 0xffff) {
    PyErr_SetString(PyExc_OverflowError, "getservbyport: port must be 0-65535.");
    return nullptr;
  }
  struct servent* sp;
  Py_BEGIN_ALLOW_THREADS
  sp = getservbyport(htons(static_cast<uint16_t>(port)), proto);
  Py_END_ALLOW_THREADS
  if (!sp) {
    PyErr_SetString(PyExc_OSError, "port/proto not found");
    return nullptr;
  }
  return PyUnicode_FromString(sp->s_name);
}

PyObject* s_getprotobyname(PyObject*, PyObject* args) {
  const char* name;
  if (!PyArg_ParseTuple(args, "s:getprotobyname", &name)) return nullptr;
  struct protoent* p = getprotobyname(name);
  if (!p) {
    PyErr_SetString(PyExc_OSError, "protocol not found");
    return nullptr;
  }
  return PyLong_FromLong(p->p_proto);
}

PyObject* s_inet_aton(PyObject*, PyObject* args) {
  const char* ip;
  if (!PyArg_ParseTuple(args, "s:inet_aton", &ip)) return nullptr;
  struct in_addr a;
  if (inet_aton(ip, &a) == 0) {
    PyErr_SetString(PyExc_OSError, "illegal IP address string passed to inet_aton");
    return nullptr;
  }
  return PyBytes_FromStringAndSize(reinterpret_cast<char*>(&a), sizeof a);
}

PyObject* s_inet_ntoa(PyObject*, PyObject* args) {
  Py_buffer b;
  if (!PyArg_ParseTuple(args, "y*:inet_ntoa", &b)) return nullptr;
  if (b.len != 4) {
    PyBuffer_Release(&b);
    PyErr_SetString(PyExc_OSError, "packed IP wrong length for inet_ntoa");
    return nullptr;
  }
  struct in_addr a;
  memcpy(&a, b.buf, 4);
  PyBuffer_Release(&b);
  return PyUnicode_FromString(inet_ntoa(a));
}

PyObject* s_inet_pton(PyObject*, PyObject* args) {
  int af;
  const char* ip;
  if (!PyArg_ParseTuple(args, "is:inet_pton", &af, &ip)) return nullptr;
  unsigned char packed[sizeof(struct in6_addr)];
  int r = inet_pton(af, ip, packed);
  if (r < 0) return PyErr_SetFromErrno(PyExc_OSError);
  if (r == 0) {
    PyErr_SetString(PyExc_OSError, "illegal IP address string passed to inet_pton");
    return nullptr;
  }
  return PyBytes_FromStringAndSize(reinterpret_cast<char*>(packed), af == AF_INET ? 4 : 16);
}

PyObject* s_inet_ntop(PyObject*, PyObject* args) {
  int af;
  Py_buffer b;
  if (!PyArg_ParseTuple(args, "iy*:inet_ntop", &af, &b)) return nullptr;
  Py_ssize_t want = af == AF_INET ? 4 : af == AF_INET6 ? 16 : -1;
  if (want < 0) {
    PyBuffer_Release(&b);
    PyErr_Format(PyExc_ValueError, "unknown address family %d", af);
    return nullptr;
  }
  if (b.len != want) {
    PyBuffer_Release(&b);
    PyErr_SetString(PyExc_ValueError, "invalid length of packed IP address string");
    return nullptr;
  }
  char buf[INET6_ADDRSTRLEN];
  const char* r = inet_ntop(af, b.buf, buf, sizeof buf);
  PyBuffer_Release(&b);
  if (!r) return PyErr_SetFromErrno(PyExc_OSError);
  return PyUnicode_FromString(buf);
}

bool to_u16(PyObject* arg, const char* name, unsigned long* out) {
  if (!PyLong_Check(arg)) {
    PyErr_Format(PyExc_TypeError, "'%s' object cannot be interpreted as an integer", Py_TYPE(arg)->tp_name);
    return false;
  }
  if (_PyLong_Sign(arg) < 0) {
    PyErr_Format(PyExc_OverflowError, "%s: can't convert negative Python int to C 16-bit unsigned integer", name);
    return false;
  }
  unsigned long v = PyLong_AsUnsignedLong(arg);
  if (PyErr_Occurred() || v > 0xffff) {
    PyErr_Clear();
    PyErr_Format(PyExc_OverflowError, "%s: Python int too large to convert to C 16-bit unsigned integer", name);
    return false;
  }
  *out = v;
  return true;
}

bool to_u32(PyObject* arg, unsigned long* out) {
  if (!PyLong_Check(arg)) {
    PyErr_Format(PyExc_TypeError, "expected int, %s found", Py_TYPE(arg)->tp_name);
    return false;
  }
  if (_PyLong_Sign(arg) < 0) {
    PyErr_SetString(PyExc_OverflowError, "can't convert negative value to unsigned int");
    return false;
  }
  unsigned long v = PyLong_AsUnsignedLong(arg);
  if (PyErr_Occurred()) return false;
  if (v > 0xffffffffUL) {
    PyErr_SetString(PyExc_OverflowError, "int larger than 32 bits");
    return false;
  }
  *out = v;
  return true;
}

PyObject* s_htons(PyObject*, PyObject* a) {
  unsigned long v;
  if (!to_u16(a, "htons", &v)) return nullptr;
  return PyLong_FromUnsignedLong(htons(static_cast<uint16_t>(v)));
}
PyObject* s_ntohs(PyObject*, PyObject* a) {
  unsigned long v;
  if (!to_u16(a, "ntohs", &v)) return nullptr;
  return PyLong_FromUnsignedLong(ntohs(static_cast<uint16_t>(v)));
}
PyObject* s_htonl(PyObject*, PyObject* a) {
  unsigned long v;
  if (!to_u32(a, &v)) return nullptr;
  return PyLong_FromUnsignedLong(htonl(static_cast<uint32_t>(v)));
}
PyObject* s_ntohl(PyObject*, PyObject* a) {
  unsigned long v;
  if (!to_u32(a, &v)) return nullptr;
  return PyLong_FromUnsignedLong(ntohl(static_cast<uint32_t>(v)));
}

PyObject* s_dup(PyObject*, PyObject* a) {
  int fd = _PyLong_AsInt(a);
  if (fd == -1 && PyErr_Occurred()) return nullptr;
  int n = fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (n < 0) return PyErr_SetFromErrno(PyExc_OSError);
  return PyLong_FromLong(n);
}

PyObject* s_close(PyObject*, PyObject* a) {
  int fd = _PyLong_AsInt(a);
  if (fd == -1 && PyErr_Occurred()) return nullptr;
  int r;
  Py_BEGIN_ALLOW_THREADS
  r = close(fd);
  Py_END_ALLOW_THREADS
  // ECONNRESET on close means the peer is gone: the fd is closed anyway.
  if (r < 0 && errno != ECONNRESET) return PyErr_SetFromErrno(PyExc_OSError);
  Py_RETURN_NONE;
}

PyObject* new_socket_from_fd(int fd, int family, int type, int proto) {
  Ref<> args = steal(Py_BuildValue("(iiii)", family, type, proto, fd));
  if (!args) return nullptr;
  return PyObject_Call(reinterpret_cast<PyObject*>(g_socket_type), args.get(), nullptr);
}

PyObject* s_socketpair(PyObject*, PyObject* args) {
  int family = AF_UNIX, type = SOCK_STREAM, proto = 0;
  if (!PyArg_ParseTuple(args, "|iii:socketpair", &family, &type, &proto)) return nullptr;
  int sv[2];
  int r;
  Py_BEGIN_ALLOW_THREADS
  r = socketpair(family, type | SOCK_CLOEXEC, proto, sv);
  Py_END_ALLOW_THREADS
  if (r < 0) return PyErr_SetFromErrno(PyExc_OSError);
  Ref<> a = steal(new_socket_from_fd(sv[0], family, type, proto));
  if (!a) {
    close(sv[0]);
    close(sv[1]);
    return nullptr;
  }
  Ref<> b = steal(new_socket_from_fd(sv[1], family, type, proto));
  if (!b) {
    close(sv[1]);
    return nullptr;
  }
  return PyTuple_Pack(2, a.get(), b.get());
}

PyObject* s_getdefaulttimeout(PyObject*, PyObject*) {
  if (g_default_timeout_ns < 0) Py_RETURN_NONE;
  return PyFloat_FromDouble(g_default_timeout_ns / 1e9);
}

PyObject* s_setdefaulttimeout(PyObject*, PyObject* a) {
  long long ns;
  if (!timeout_from_object(a, &ns)) return nullptr;
  g_default_timeout_ns = ns;
  Py_RETURN_NONE;
}

PyObject* cmsg_common(PyObject* args, bool space) {
  Py_ssize_t length;
  if (!PyArg_ParseTuple(args, space ? "n:CMSG_SPACE" : "n:CMSG_LEN", &length)) return nullptr;
  if (length < 0 || static_cast<size_t>(length) > 0x7fffffff - CMSG_SPACE(0)) {
    PyErr_Format(PyExc_OverflowError, "%s() argument out of range", space ? "CMSG_SPACE" : "CMSG_LEN");
    return nullptr;
  }
  return PyLong_FromSize_t(space ? CMSG_SPACE(length) : CMSG_LEN(length));
}
PyObject* s_cmsg_len(PyObject*, PyObject* a) { return cmsg_common(a, false); }
PyObject* s_cmsg_space(PyObject*, PyObject* a) { return cmsg_common(a, true); }

PyObject* s_if_nameindex(PyObject*, PyObject*) {
  struct if_nameindex* ni = if_nameindex();
  if (!ni) return PyErr_SetFromErrno(PyExc_OSError);
  Ref<> list = steal(PyList_New(0));
  for (int i = 0; list && ni[i].if_index != 0; i++) {
    Ref<> item = steal(Py_BuildValue("(IO&)", ni[i].if_index, PyUnicode_DecodeFSDefault, ni[i].if_name));
    if (!item || PyList_Append(list.get(), item.get()) < 0) list = Ref<>();
  }
  if_freenameindex(ni);
  return list.release();
}

PyObject* s_if_nametoindex(PyObject*, PyObject* a) {
  Ref<> b = steal(PyUnicode_Check(a) ? PyUnicode_EncodeFSDefault(a) : PyBytes_FromObject(a));
  if (!b) return nullptr;
  unsigned int idx = if_nametoindex(PyBytes_AS_STRING(b.get()));
  if (idx == 0) {
    PyErr_SetString(PyExc_OSError, "no interface with this name");
    return nullptr;
  }
  return PyLong_FromUnsignedLong(idx);
}

PyObject* s_if_indextoname(PyObject*, PyObject* a) {
  if (!PyIndex_Check(a)) {
    PyErr_SetString(PyExc_TypeError, "an integer is required");
    return nullptr;
  }
  unsigned long idx = PyLong_AsUnsignedLong(a);
  if (idx == static_cast<unsigned long>(-1) && PyErr_Occurred()) return nullptr;
  char name[IF_NAMESIZE + 1];
  if (!if_indextoname(static_cast<unsigned>(idx), name)) return PyErr_SetFromErrno(PyExc_OSError);
  return PyUnicode_DecodeFSDefault(name);
}

#define KW(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(f))

PyMethodDef module_methods[] = {
    {"gethostname", s_gethostname, METH_NOARGS, "gethostname() -> string\n\nReturn the current host name."},
    {"sethostname", s_sethostname, METH_O, "sethostname(name)\n\nSets the hostname to name."},
    {"gethostbyname", s_gethostbyname, METH_VARARGS,
     "gethostbyname(host) -> address\n\nReturn the IP address (a string of the form '255.255.255.255') for a host."},
    {"gethostbyname_ex", s_gethostbyname_ex, METH_VARARGS,
     "gethostbyname_ex(host) -> (name, aliaslist, addresslist)\n\n"
     "Return the true host name, a list of aliases, and a list of IP addresses,\nfor a host.  The host argument is a string giving a host name or IP number."},
    {"gethostbyaddr", s_gethostbyaddr, METH_VARARGS,
     "gethostbyaddr(host) -> (name, aliaslist, addresslist)\n\n"
     "Return the true host name, a list of aliases, and a list of IP addresses,\nfor a host.  The host argument is a string giving a host name or IP number."},
    {"getaddrinfo", KW(s_getaddrinfo), METH_VARARGS | METH_KEYWORDS,
     "getaddrinfo(host, port [, family, type, proto, flags])\n    -> list of (family, type, proto, canonname, sockaddr)\n\n"
     "Resolve host and port into addrinfo struct."},
    {"getnameinfo", s_getnameinfo, METH_VARARGS,
     "getnameinfo(sockaddr, flags) --> (host, port)\n\nGet host and port for a sockaddr."},
    {"getservbyname", s_getservbyname, METH_VARARGS,
     "getservbyname(servicename[, protocolname]) -> integer\n\nReturn a port number from a service name and protocol name.\n"
     "The optional protocol name, if given, should be 'tcp' or 'udp',\notherwise any protocol will match."},
    {"getservbyport", s_getservbyport, METH_VARARGS,
     "getservbyport(port[, protocolname]) -> string\n\nReturn the service name from a port number and protocol name.\n"
     "The optional protocol name, if given, should be 'tcp' or 'udp',\notherwise any protocol will match."},
    {"getprotobyname", s_getprotobyname, METH_VARARGS,
     "getprotobyname(name) -> integer\n\nReturn the protocol number for the named protocol.  (Rarely used.)"},
    {"inet_aton", s_inet_aton, METH_VARARGS,
     "inet_aton(string) -> bytes giving packed 32-bit IP representation\n\n"
     "Convert an IP address in string format (123.45.67.89) to the 32-bit packed\nbinary format used in low-level network functions."},
    {"inet_ntoa", s_inet_ntoa, METH_VARARGS,
     "inet_ntoa(packed_ip) -> ip_address_string\n\nConvert an IP address from 32-bit packed binary format to string format"},
    {"inet_pton", s_inet_pton, METH_VARARGS,
     "inet_pton(af, ip) -> packed IP address string\n\n"
     "Convert an IP address from string format to a packed string suitable\nfor use with low-level network functions."},
    {"inet_ntop", s_inet_ntop, METH_VARARGS,
     "inet_ntop(af, packed_ip) -> string formatted IP address\n\nConvert a packed IP address of the given family to string format."},
    {"htons", s_htons, METH_O, "htons($module, x, /)\n--\n\nConvert a 16-bit unsigned integer from host to network byte order."},
    {"ntohs", s_ntohs, METH_O, "ntohs($module, x, /)\n--\n\nConvert a 16-bit unsigned integer from network to host byte order."},
    {"htonl", s_htonl, METH_O, "htonl(integer) -> integer\n\nConvert a 32-bit integer from host to network byte order."},
    {"ntohl", s_ntohl, METH_O, "ntohl(integer) -> integer\n\nConvert a 32-bit integer from network to host byte order."},
    {"dup", s_dup, METH_O, "dup(integer) -> integer\n\nDuplicate an integer socket file descriptor.  This is like os.dup(), but for\nsockets; on some platforms os.dup() won't work for socket file descriptors."},
    {"close", s_close, METH_O, "close(integer) -> None\n\nClose an integer socket file descriptor.  This is like os.close(), but for\nsockets; on some platforms os.close() won't work for socket file descriptors."},
    {"socketpair", s_socketpair, METH_VARARGS,
     "socketpair([family[, type [, proto]]]) -> (socket object, socket object)\n\n"
     "Create a pair of socket objects from the sockets returned by the platform\n"
     "socketpair() function.\nThe arguments are the same as for socket() except the default family is\nAF_UNIX if defined on the platform; otherwise, the default is AF_INET."},
    {"getdefaulttimeout", s_getdefaulttimeout, METH_NOARGS,
     "getdefaulttimeout() -> timeout\n\nReturns the default timeout in seconds (float) for new socket objects.\n"
     "A value of None indicates that new socket objects have no timeout.\nWhen the socket module is first imported, the default is None."},
    {"setdefaulttimeout", s_setdefaulttimeout, METH_O,
     "setdefaulttimeout(timeout)\n\nSet the default timeout in seconds (float) for new socket objects.\n"
     "A value of None indicates that new socket objects have no timeout.\nWhen the socket module is first imported, the default is None."},
    {"CMSG_LEN", s_cmsg_len, METH_VARARGS,
     "CMSG_LEN(length) -> control message length\n\nReturn the total length, without trailing padding, of an ancillary\n"
     "data item with associated data of the given length."},
    {"CMSG_SPACE", s_cmsg_space, METH_VARARGS,
     "CMSG_SPACE(length) -> buffer size\n\nReturn the buffer size needed for recvmsg() to receive an ancillary\n"
     "data item with associated data of the given length, along with any\ntrailing padding."},
    {"if_nameindex", s_if_nameindex, METH_NOARGS, "if_nameindex()\n\nReturns a list of network interface information (index, name) tuples."},
    {"if_nametoindex", s_if_nametoindex, METH_O, "if_nametoindex($module, oname, /)\n--\n\nReturns the interface index corresponding to the interface name if_name."},
    {"if_indextoname", s_if_indextoname, METH_O, "if_indextoname(if_index)\n\nReturns the interface name corresponding to the interface index if_index."},
    {nullptr, nullptr, 0, nullptr}};

PyModuleDef socket_module = {
    PyModuleDef_HEAD_INIT, "_socket",
    "Implementation module for socket operations.\n\nSee the socket module for documentation.",
    -1, module_methods, nullptr, nullptr, nullptr, nullptr};

}  // namespace

PyMODINIT_FUNC PyInit__socket(void) {
  Ref<> m = steal(PyModule_Create(&socket_module));
  if (!m) return nullptr;
  if (!g_gaierror) {
    g_gaierror = PyErr_NewException("socket.gaierror", PyExc_OSError, nullptr);
    g_herror = PyErr_NewException("socket.herror", PyExc_OSError, nullptr);
    if (!g_gaierror || !g_herror) return nullptr;
  }
  if (PyModule_AddObjectRef(m.get(), "error", PyExc_OSError) < 0 ||
      PyModule_AddObjectRef(m.get(), "timeout", PyExc_TimeoutError) < 0 ||
      PyModule_AddObjectRef(m.get(), "gaierror", g_gaierror) < 0 ||
      PyModule_AddObjectRef(m.get(), "herror", g_herror) < 0 ||
      PyModule_AddObjectRef(m.get(), "has_ipv6", Py_True) < 0)
    return nullptr;
  if (init_socket_type(m.get()) < 0) return nullptr;
#define KRAIT_SOCKET_CONSTANT(name) \
  if (PyModule_AddIntConstant(m.get(), #name, static_cast<long>(name)) < 0) return nullptr;
#include "modules/socket/socket_constants.def"
#undef KRAIT_SOCKET_CONSTANT
#define KRAIT_SOCKET_VALUE(name, value) \
  if (PyModule_AddObjectRef(m.get(), #name, Ref<>(steal(PyLong_FromLongLong(value))).get()) < 0) return nullptr;
#include "modules/socket/socket_constants_extra.def"
#undef KRAIT_SOCKET_VALUE
  if (PyModule_AddStringConstant(m.get(), "BDADDR_ANY", "00:00:00:00:00:00") < 0 ||
      PyModule_AddStringConstant(m.get(), "BDADDR_LOCAL", "00:00:00:FF:FF:FF") < 0)
    return nullptr;
  return m.release();
}
