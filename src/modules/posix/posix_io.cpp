// posix_io.cpp — the less common file-descriptor and file-system calls of the posix module:
// vectored and positional I/O (readv/writev/preadv/pwritev/pwrite), zero-copy transfers
// (sendfile, copy_file_range, splice), fd-creating calls (memfd_create, eventfd, pidfd_open,
// openpty, forkpty), advisory calls (lockf, posix_fadvise, posix_fallocate, fdatasync, sync),
// ownership and special files (fchown/lchown, mkfifo/mknod, major/minor/makedev), terminals
// (ttyname, ctermid, tcgetpgrp/tcsetpgrp, login_tty), extended attributes, getrandom, abort.
#include <Python.h>
#include <fcntl.h>
#include <pty.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <utmp.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "modules/posix/posix_internal.h"

namespace krait::posix {

namespace {

#define FC(fn) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(fn))

// The buffers of a sequence of bytes-like objects, released on destruction.
struct Buffers {
  std::vector<Py_buffer> views;
  std::vector<struct iovec> iov;
  ~Buffers() {
    for (Py_buffer& b : views) PyBuffer_Release(&b);
  }
  bool get(PyObject* seq, int flags, const char* fn) {
    if (!PySequence_Check(seq)) {
      PyErr_Format(PyExc_TypeError, "%s() arg 2 must be a sequence", fn);
      return false;
    }
    Py_ssize_t n = PySequence_Size(seq);
    if (n < 0) return false;
    views.reserve(static_cast<size_t>(n));
    for (Py_ssize_t i = 0; i < n; i++) {
      Ref<> item = steal(PySequence_GetItem(seq, i));
      if (!item) return false;
      Py_buffer view;
      if (PyObject_GetBuffer(item.get(), &view, flags) < 0) return false;
      views.push_back(view);
      iov.push_back({view.buf, static_cast<size_t>(view.len)});
    }
    return true;
  }
};

// Retries a blocking call on EINTR after running signal handlers (PEP 475).
template <typename F>
ssize_t retry(F call) {
  ssize_t r;
  do {
    Py_BEGIN_ALLOW_THREADS
    r = call();
    Py_END_ALLOW_THREADS
  } while (r < 0 && errno == EINTR && PyErr_CheckSignals() == 0);
  return r;
}

PyObject* size_result(ssize_t r) {
  if (r < 0) return PyErr_Occurred() ? nullptr : posix_error();
  return PyLong_FromSsize_t(r);
}

PyObject* os_readv(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  int fd;
  PyObject* seq;
  if (!_PyArg_ParseStack(args, nargs, "O&O:readv", fd_converter, &fd, &seq)) return nullptr;
  Buffers b;
  if (!b.get(seq, PyBUF_WRITABLE, "readv")) return nullptr;
  return size_result(retry([&] { return readv(fd, b.iov.data(), static_cast<int>(b.iov.size())); }));
}

PyObject* os_writev(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  int fd;
  PyObject* seq;
  if (!_PyArg_ParseStack(args, nargs, "O&O:writev", fd_converter, &fd, &seq)) return nullptr;
  Buffers b;
  if (!b.get(seq, PyBUF_SIMPLE, "writev")) return nullptr;
  return size_result(retry([&] { return writev(fd, b.iov.data(), static_cast<int>(b.iov.size())); }));
}

// preadv/pwritev(fd, buffers, offset, flags=0): `reading` picks the call and the buffer access.
PyObject* positional_vector_io(PyObject* const* args, Py_ssize_t nargs, bool reading) {
  int fd, flags = 0;
  PyObject* seq;
  long long offset;
  if (!_PyArg_ParseStack(args, nargs, reading ? "O&OL|i:preadv" : "O&OL|i:pwritev", fd_converter, &fd, &seq,
                         &offset, &flags))
    return nullptr;
  Buffers b;
  if (!b.get(seq, reading ? PyBUF_WRITABLE : PyBUF_SIMPLE, reading ? "preadv" : "pwritev")) return nullptr;
  int n = static_cast<int>(b.iov.size());
  return size_result(retry([&] {
    return reading ? preadv2(fd, b.iov.data(), n, offset, flags) : pwritev2(fd, b.iov.data(), n, offset, flags);
  }));
}
PyObject* os_preadv(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  return positional_vector_io(args, nargs, true);
}
PyObject* os_pwritev(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  return positional_vector_io(args, nargs, false);
}

PyObject* os_pwrite(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  int fd;
  Py_buffer data;
  long long offset;
  if (!_PyArg_ParseStack(args, nargs, "O&y*L:pwrite", fd_converter, &fd, &data, &offset)) return nullptr;
  ssize_t r = retry([&] { return pwrite(fd, data.buf, static_cast<size_t>(data.len), offset); });
  PyBuffer_Release(&data);
  return size_result(r);
}

// sendfile(out_fd, in_fd, offset, count): offset None reads from in_fd's current position.
PyObject* os_sendfile(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"out_fd", "in_fd", "offset", "count", nullptr};
  static _PyArg_Parser parser = {"O&O&On:sendfile", kwlist, 0};
  int out_fd, in_fd;
  PyObject* offobj;
  Py_ssize_t count;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, fd_converter, &out_fd, fd_converter, &in_fd,
                                    &offobj, &count))
    return nullptr;
  if (offobj == Py_None) {
    return size_result(retry([&] { return sendfile(out_fd, in_fd, nullptr, static_cast<size_t>(count)); }));
  }
  off_t offset = static_cast<off_t>(PyLong_AsLongLong(offobj));
  if (offset == -1 && PyErr_Occurred()) return nullptr;
  return size_result(retry([&] { return sendfile(out_fd, in_fd, &offset, static_cast<size_t>(count)); }));
}

bool optional_offset(PyObject* o, off_t* out, off_t** ptr) {
  if (o == Py_None) {
    *ptr = nullptr;
    return true;
  }
  *out = static_cast<off_t>(PyLong_AsLongLong(o));
  if (*out == -1 && PyErr_Occurred()) return false;
  *ptr = out;
  return true;
}

// copy_file_range/splice: count is a size_t in CPython's argument clinic.
PyObject* negative_count() {
  PyErr_SetString(PyExc_ValueError, "negative value for 'count' not allowed");
  return nullptr;
}

PyObject* os_copy_file_range(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"src", "dst", "count", "offset_src", "offset_dst", nullptr};
  static _PyArg_Parser parser = {"iin|OO:copy_file_range", kwlist, 0};
  int src, dst;
  Py_ssize_t count;
  PyObject *osrc = Py_None, *odst = Py_None;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, &src, &dst, &count, &osrc, &odst))
    return nullptr;
  if (count < 0) return negative_count();
  off_t a, b, *pa, *pb;
  if (!optional_offset(osrc, &a, &pa) || !optional_offset(odst, &b, &pb)) return nullptr;
  return size_result(
      retry([&] { return copy_file_range(src, pa, dst, pb, static_cast<size_t>(count), 0); }));
}

PyObject* os_splice(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"src", "dst", "count", "offset_src", "offset_dst", "flags", nullptr};
  static _PyArg_Parser parser = {"iin|OOI:splice", kwlist, 0};
  int src, dst;
  Py_ssize_t count;
  PyObject *osrc = Py_None, *odst = Py_None;
  unsigned int flags = 0;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, &src, &dst, &count, &osrc, &odst, &flags))
    return nullptr;
  if (count < 0) return negative_count();
  off_t a, b, *pa, *pb;
  if (!optional_offset(osrc, &a, &pa) || !optional_offset(odst, &b, &pb)) return nullptr;
  return size_result(retry([&] { return splice(src, pa, dst, pb, static_cast<size_t>(count), flags); }));
}

PyObject* os_fdatasync(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"fd", nullptr};
  static _PyArg_Parser parser = {"O&:fdatasync", kwlist, 0};
  int fd;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, fd_converter, &fd)) return nullptr;
  ssize_t r = retry([&] { return static_cast<ssize_t>(fdatasync(fd)); });
  if (r < 0) return PyErr_Occurred() ? nullptr : posix_error();
  Py_RETURN_NONE;
}

PyObject* os_sync(PyObject*, PyObject*) {
  Py_BEGIN_ALLOW_THREADS
  sync();
  Py_END_ALLOW_THREADS
  Py_RETURN_NONE;
}

PyObject* os_lockf(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  int fd, command;
  long long length;
  if (!_PyArg_ParseStack(args, nargs, "iiL:lockf", &fd, &command, &length)) return nullptr;
  int r;
  Py_BEGIN_ALLOW_THREADS
  r = lockf(fd, command, length);
  Py_END_ALLOW_THREADS
  return none_or_error(r);
}

// posix_fadvise/posix_fallocate return the error number instead of setting errno.
PyObject* errno_result(int err) {
  if (err != 0) {
    errno = err;
    return posix_error();
  }
  Py_RETURN_NONE;
}

PyObject* os_posix_fadvise(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  int fd, advice;
  long long offset, len;
  if (!_PyArg_ParseStack(args, nargs, "iLLi:posix_fadvise", &fd, &offset, &len, &advice)) return nullptr;
  int err;
  do {
    Py_BEGIN_ALLOW_THREADS
    err = posix_fadvise(fd, offset, len, advice);
    Py_END_ALLOW_THREADS
  } while (err == EINTR && PyErr_CheckSignals() == 0);
  if (err == EINTR) return nullptr;
  return errno_result(err);
}

PyObject* os_posix_fallocate(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  int fd;
  long long offset, len;
  if (!_PyArg_ParseStack(args, nargs, "iLL:posix_fallocate", &fd, &offset, &len)) return nullptr;
  int err;
  do {
    Py_BEGIN_ALLOW_THREADS
    err = posix_fallocate(fd, offset, len);
    Py_END_ALLOW_THREADS
  } while (err == EINTR && PyErr_CheckSignals() == 0);
  if (err == EINTR) return nullptr;
  return errno_result(err);
}

PyObject* os_fchown(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"fd", "uid", "gid", nullptr};
  static _PyArg_Parser parser = {"iO&O&:fchown", kwlist, 0};
  int fd;
  uid_t uid;
  gid_t gid;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, &fd, _Py_Uid_Converter, &uid,
                                    _Py_Gid_Converter, &gid))
    return nullptr;
  ssize_t r = retry([&] { return static_cast<ssize_t>(fchown(fd, uid, gid)); });
  if (r < 0) return PyErr_Occurred() ? nullptr : posix_error();
  Py_RETURN_NONE;
}

PyObject* os_lchown(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"path", "uid", "gid", nullptr};
  static _PyArg_Parser parser = {"O&O&O&:lchown", kwlist, 0};
  Path path("lchown");
  uid_t uid;
  gid_t gid;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, path_converter, &path, _Py_Uid_Converter,
                                    &uid, _Py_Gid_Converter, &gid))
    return nullptr;
  int r;
  Py_BEGIN_ALLOW_THREADS
  r = lchown(path.narrow, uid, gid);
  Py_END_ALLOW_THREADS
  if (r < 0) return path_error(path);
  Py_RETURN_NONE;
}

PyObject* os_fchdir(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"fd", nullptr};
  static _PyArg_Parser parser = {"O&:fchdir", kwlist, 0};
  int fd;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, fd_converter, &fd)) return nullptr;
  int r;
  Py_BEGIN_ALLOW_THREADS
  r = fchdir(fd);
  Py_END_ALLOW_THREADS
  return none_or_error(r);
}

PyObject* os_mkfifo(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"path", "mode", "dir_fd", nullptr};
  static _PyArg_Parser parser = {"O&|i$O&:mkfifo", kwlist, 0};
  Path path("mkfifo");
  int mode = 0666, dir_fd = AT_FDCWD;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, path_converter, &path, &mode,
                                    dir_fd_converter, &dir_fd))
    return nullptr;
  int r;
  do {
    Py_BEGIN_ALLOW_THREADS
    r = mkfifoat(dir_fd, path.narrow, static_cast<mode_t>(mode));
    Py_END_ALLOW_THREADS
  } while (r != 0 && errno == EINTR && PyErr_CheckSignals() == 0);
  if (r != 0) return PyErr_Occurred() ? nullptr : path_error(path);
  Py_RETURN_NONE;
}

PyObject* os_mknod(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"path", "mode", "device", "dir_fd", nullptr};
  static _PyArg_Parser parser = {"O&|iK$O&:mknod", kwlist, 0};
  Path path("mknod");
  int mode = 0600, dir_fd = AT_FDCWD;
  unsigned long long device = 0;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, path_converter, &path, &mode, &device,
                                    dir_fd_converter, &dir_fd))
    return nullptr;
  int r;
  Py_BEGIN_ALLOW_THREADS
  r = mknodat(dir_fd, path.narrow, static_cast<mode_t>(mode), static_cast<dev_t>(device));
  Py_END_ALLOW_THREADS
  if (r != 0) return path_error(path);
  Py_RETURN_NONE;
}

bool dev_arg(PyObject* o, dev_t* out) {
  // CPython 3.11's dev_t converter: an unsigned 64-bit value (-1 is an OverflowError).
  unsigned long long v = PyLong_AsUnsignedLongLong(o);
  if (v == static_cast<unsigned long long>(-1) && PyErr_Occurred()) return false;
  *out = static_cast<dev_t>(v);
  return true;
}

PyObject* os_major(PyObject*, PyObject* arg) {
  dev_t d;
  if (!dev_arg(arg, &d)) return nullptr;
  return PyLong_FromUnsignedLong(major(d));
}
PyObject* os_minor(PyObject*, PyObject* arg) {
  dev_t d;
  if (!dev_arg(arg, &d)) return nullptr;
  return PyLong_FromUnsignedLong(minor(d));
}
PyObject* os_makedev(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  // As CPython 3.11: C int arguments, and the dev_t result converted as a signed long long.
  PyObject *oma, *omi;
  if (!_PyArg_ParseStack(args, nargs, "OO:makedev", &oma, &omi)) return nullptr;
  int ma = _PyLong_AsInt(oma);
  if (ma == -1 && PyErr_Occurred()) return nullptr;
  int mi = _PyLong_AsInt(omi);
  if (mi == -1 && PyErr_Occurred()) return nullptr;
  return PyLong_FromLongLong(static_cast<long long>(makedev(ma, mi)));
}

PyObject* os_memfd_create(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"name", "flags", nullptr};
  static _PyArg_Parser parser = {"O&|I:memfd_create", kwlist, 0};
  PyObject* name_obj;
  unsigned int flags = MFD_CLOEXEC;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, PyUnicode_FSConverter, &name_obj, &flags))
    return nullptr;
  Ref<> name = steal(name_obj);
  int fd;
  Py_BEGIN_ALLOW_THREADS
  fd = memfd_create(PyBytes_AS_STRING(name.get()), flags);
  Py_END_ALLOW_THREADS
  if (fd < 0) return posix_error();
  return PyLong_FromLong(fd);
}

PyObject* os_eventfd(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"initval", "flags", nullptr};
  static _PyArg_Parser parser = {"I|i:eventfd", kwlist, 0};
  unsigned int initval;
  int flags = EFD_CLOEXEC;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, &initval, &flags)) return nullptr;
  int fd;
  Py_BEGIN_ALLOW_THREADS
  fd = eventfd(initval, flags);
  Py_END_ALLOW_THREADS
  if (fd < 0) return posix_error();
  return PyLong_FromLong(fd);
}

PyObject* os_eventfd_read(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"fd", nullptr};
  static _PyArg_Parser parser = {"O&:eventfd_read", kwlist, 0};
  int fd;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, fd_converter, &fd)) return nullptr;
  eventfd_t value;
  ssize_t r = retry([&] { return static_cast<ssize_t>(eventfd_read(fd, &value)); });
  if (r < 0) return PyErr_Occurred() ? nullptr : posix_error();
  return PyLong_FromUnsignedLongLong(value);
}

PyObject* os_eventfd_write(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"fd", "value", nullptr};
  static _PyArg_Parser parser = {"O&K:eventfd_write", kwlist, 0};
  int fd;
  unsigned long long value;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, fd_converter, &fd, &value)) return nullptr;
  ssize_t r = retry([&] { return static_cast<ssize_t>(eventfd_write(fd, value)); });
  if (r < 0) return PyErr_Occurred() ? nullptr : posix_error();
  Py_RETURN_NONE;
}

PyObject* os_pidfd_open(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"pid", "flags", nullptr};
  static _PyArg_Parser parser = {"i|I:pidfd_open", kwlist, 0};
  int pid;
  unsigned int flags = 0;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, &pid, &flags)) return nullptr;
  long fd = syscall(SYS_pidfd_open, pid, flags);
  if (fd < 0) return posix_error();
  return PyLong_FromLong(fd);
}

PyObject* os_getrandom(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"size", "flags", nullptr};
  static _PyArg_Parser parser = {"n|i:getrandom", kwlist, 0};
  Py_ssize_t size;
  int flags = 0;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, &size, &flags)) return nullptr;
  if (size < 0) {
    errno = EINVAL;
    return posix_error();
  }
  Ref<> bytes = steal(PyBytes_FromStringAndSize(nullptr, size));
  if (!bytes) return nullptr;
  ssize_t n = retry([&] { return getrandom(PyBytes_AS_STRING(bytes.get()), static_cast<size_t>(size), flags); });
  if (n < 0) return PyErr_Occurred() ? nullptr : posix_error();
  if (n != size) {
    PyObject* b = bytes.release();
    if (_PyBytes_Resize(&b, n) < 0) return nullptr;
    return b;
  }
  return bytes.release();
}

PyObject* os_openpty(PyObject*, PyObject*) {
  int master, slave;
  if (openpty(&master, &slave, nullptr, nullptr, nullptr) < 0) return posix_error();
  // PEP 446: both ends are non-inheritable.
  if (fcntl(master, F_SETFD, FD_CLOEXEC) < 0 || fcntl(slave, F_SETFD, FD_CLOEXEC) < 0) {
    int saved = errno;
    close(master);
    close(slave);
    errno = saved;
    return posix_error();
  }
  return Py_BuildValue("(ii)", master, slave);
}

PyObject* os_login_tty(PyObject*, PyObject* arg) {
  int fd;
  if (!fd_converter(arg, &fd)) return nullptr;
  return none_or_error(login_tty(fd));
}

// forkpty(): (pid, master_fd); the child side runs the usual after-fork hooks like os.fork.
PyObject* os_forkpty(PyObject*, PyObject*) {
  PyOS_BeforeFork();
  int master = -1;
  pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
  int saved = errno;
  if (pid == 0) {
    PyOS_AfterFork_Child();
  } else {
    PyOS_AfterFork_Parent();
  }
  if (pid < 0) {
    errno = saved;
    return posix_error();
  }
  return Py_BuildValue("(ii)", static_cast<int>(pid), master);
}

PyObject* os_ttyname(PyObject*, PyObject* arg) {
  int fd;
  if (!fd_converter(arg, &fd)) return nullptr;
  char buf[1024];
  int err = ttyname_r(fd, buf, sizeof buf);
  if (err != 0) {
    errno = err;
    return posix_error();
  }
  return PyUnicode_DecodeFSDefault(buf);
}

PyObject* os_ctermid(PyObject*, PyObject*) {
  char buf[L_ctermid];
  char* r = ctermid(buf);
  if (!r) return posix_error();
  return PyUnicode_DecodeFSDefault(buf);
}

PyObject* os_tcgetpgrp(PyObject*, PyObject* arg) {
  int fd = _PyLong_AsInt(arg);
  if (fd == -1 && PyErr_Occurred()) return nullptr;
  pid_t pg = tcgetpgrp(fd);
  if (pg < 0) return posix_error();
  return PyLong_FromLong(pg);
}

PyObject* os_tcsetpgrp(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  int fd, pgid;
  if (!_PyArg_ParseStack(args, nargs, "ii:tcsetpgrp", &fd, &pgid)) return nullptr;
  return none_or_error(tcsetpgrp(fd, pgid));
}

PyObject* os_abort(PyObject*, PyObject*) {
  std::abort();
}

// -- extended attributes ---------------------------------------------------------------

// The attribute name: str (filesystem encoding) or bytes.
bool xattr_name(PyObject* o, Ref<>* out) {
  PyObject* b;
  if (!PyUnicode_FSConverter(o, &b)) return false;
  *out = steal(b);
  return true;
}

PyObject* os_getxattr(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"path", "attribute", "follow_symlinks", nullptr};
  static _PyArg_Parser parser = {"O&O|$p:getxattr", kwlist, 0};
  Path path("getxattr", "path", true);
  PyObject* attr_obj;
  int follow = 1;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, path_converter, &path, &attr_obj, &follow))
    return nullptr;
  Ref<> attr;
  if (!xattr_name(attr_obj, &attr)) return nullptr;
  const char* name = PyBytes_AS_STRING(attr.get());
  for (size_t size = 128;; size *= 2) {
    std::string buf(size, '\0');
    ssize_t r;
    Py_BEGIN_ALLOW_THREADS
    if (path.is_fd()) r = fgetxattr(path.fd, name, buf.data(), size);
    else if (follow) r = getxattr(path.narrow, name, buf.data(), size);
    else r = lgetxattr(path.narrow, name, buf.data(), size);
    Py_END_ALLOW_THREADS
    if (r >= 0) return PyBytes_FromStringAndSize(buf.data(), r);
    if (errno != ERANGE || size > (1 << 16)) return path_error(path);
  }
}

PyObject* os_setxattr(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"path", "attribute", "value", "flags", "follow_symlinks", nullptr};
  static _PyArg_Parser parser = {"O&Oy*|i$p:setxattr", kwlist, 0};
  Path path("setxattr", "path", true);
  PyObject* attr_obj;
  Py_buffer value;
  int flags = 0, follow = 1;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, path_converter, &path, &attr_obj, &value,
                                    &flags, &follow))
    return nullptr;
  Ref<> attr;
  if (!xattr_name(attr_obj, &attr)) {
    PyBuffer_Release(&value);
    return nullptr;
  }
  const char* name = PyBytes_AS_STRING(attr.get());
  int r;
  Py_BEGIN_ALLOW_THREADS
  if (path.is_fd()) r = fsetxattr(path.fd, name, value.buf, static_cast<size_t>(value.len), flags);
  else if (follow) r = setxattr(path.narrow, name, value.buf, static_cast<size_t>(value.len), flags);
  else r = lsetxattr(path.narrow, name, value.buf, static_cast<size_t>(value.len), flags);
  Py_END_ALLOW_THREADS
  PyBuffer_Release(&value);
  if (r < 0) return path_error(path);
  Py_RETURN_NONE;
}

PyObject* os_removexattr(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"path", "attribute", "follow_symlinks", nullptr};
  static _PyArg_Parser parser = {"O&O|$p:removexattr", kwlist, 0};
  Path path("removexattr", "path", true);
  PyObject* attr_obj;
  int follow = 1;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, path_converter, &path, &attr_obj, &follow))
    return nullptr;
  Ref<> attr;
  if (!xattr_name(attr_obj, &attr)) return nullptr;
  const char* name = PyBytes_AS_STRING(attr.get());
  int r;
  Py_BEGIN_ALLOW_THREADS
  if (path.is_fd()) r = fremovexattr(path.fd, name);
  else if (follow) r = removexattr(path.narrow, name);
  else r = lremovexattr(path.narrow, name);
  Py_END_ALLOW_THREADS
  if (r < 0) return path_error(path);
  Py_RETURN_NONE;
}

PyObject* os_listxattr(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"path", "follow_symlinks", nullptr};
  static _PyArg_Parser parser = {"|O&$p:listxattr", kwlist, 0};
  Path path("listxattr", "path", true, true);
  int follow = 1;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, path_converter, &path, &follow))
    return nullptr;
  const char* target = path.narrow ? path.narrow : ".";
  for (size_t size = 256;; size *= 2) {
    std::string buf(size, '\0');
    ssize_t r;
    Py_BEGIN_ALLOW_THREADS
    if (path.is_fd()) r = flistxattr(path.fd, buf.data(), size);
    else if (follow) r = listxattr(target, buf.data(), size);
    else r = llistxattr(target, buf.data(), size);
    Py_END_ALLOW_THREADS
    if (r >= 0) {
      Ref<> list = steal(PyList_New(0));
      if (!list) return nullptr;
      for (ssize_t start = 0; start < r;) {
        size_t len = std::strlen(buf.data() + start);
        Ref<> name = steal(fs_name(buf.data() + start, static_cast<Py_ssize_t>(len), path.is_bytes));
        if (!name || PyList_Append(list.get(), name.get()) < 0) return nullptr;
        start += static_cast<ssize_t>(len) + 1;
      }
      return list.release();
    }
    if (errno != ERANGE || size > (1 << 20)) return path_error(path);
  }
}

}  // namespace

PyMethodDef posix_io_methods[] = {
    {"readv", FC(os_readv), METH_FASTCALL,
     "readv($module, fd, buffers, /)\n--\n\nRead from a file descriptor fd into an iterable of buffers."},
    {"writev", FC(os_writev), METH_FASTCALL,
     "writev($module, fd, buffers, /)\n--\n\nIterate over buffers, and write the contents of each to a file "
     "descriptor."},
    {"preadv", FC(os_preadv), METH_FASTCALL,
     "preadv($module, fd, buffers, offset, flags=0, /)\n--\n\nReads from a file descriptor into a number of "
     "mutable bytes-like objects, at offset."},
    {"pwritev", FC(os_pwritev), METH_FASTCALL,
     "pwritev($module, fd, buffers, offset, flags=0, /)\n--\n\nWrites the contents of bytes-like objects to a "
     "file descriptor at offset."},
    {"pwrite", FC(os_pwrite), METH_FASTCALL,
     "pwrite($module, fd, buffer, offset, /)\n--\n\nWrite bytes to a file descriptor starting at a particular "
     "offset."},
    {"sendfile", FC(os_sendfile), METH_FASTCALL | METH_KEYWORDS,
     "sendfile($module, /, out_fd, in_fd, offset, count)\n--\n\nCopy count bytes from file descriptor in_fd "
     "to file descriptor out_fd."},
    {"copy_file_range", FC(os_copy_file_range), METH_FASTCALL | METH_KEYWORDS,
     "copy_file_range($module, /, src, dst, count, offset_src=None,\n                offset_dst=None)\n--\n\nCopy count bytes "
     "from one file descriptor to another."},
    {"splice", FC(os_splice), METH_FASTCALL | METH_KEYWORDS,
     "splice($module, /, src, dst, count, offset_src=None, offset_dst=None,\n       flags=0)\n--\n\nTransfer "
     "count bytes from one pipe to a descriptor or vice versa."},
    {"fdatasync", FC(os_fdatasync), METH_FASTCALL | METH_KEYWORDS,
     "fdatasync($module, /, fd)\n--\n\nForce write of fd to disk without forcing update of metadata."},
    {"sync", os_sync, METH_NOARGS, "sync($module, /)\n--\n\nForce write of everything to disk."},
    {"lockf", FC(os_lockf), METH_FASTCALL,
     "lockf($module, fd, command, length, /)\n--\n\nApply, test or remove a POSIX lock on an open file "
     "descriptor."},
    {"posix_fadvise", FC(os_posix_fadvise), METH_FASTCALL,
     "posix_fadvise($module, fd, offset, length, advice, /)\n--\n\nAnnounce an intention to access data in a "
     "specific pattern."},
    {"posix_fallocate", FC(os_posix_fallocate), METH_FASTCALL,
     "posix_fallocate($module, fd, offset, length, /)\n--\n\nEnsure a file has allocated at least a "
     "particular number of bytes on disk."},
    {"fchown", FC(os_fchown), METH_FASTCALL | METH_KEYWORDS,
     "fchown($module, /, fd, uid, gid)\n--\n\nChange the owner and group id of the file specified by file "
     "descriptor."},
    {"lchown", FC(os_lchown), METH_FASTCALL | METH_KEYWORDS,
     "lchown($module, /, path, uid, gid)\n--\n\nChange the owner and group id of path to the numeric uid and "
     "gid."},
    {"fchdir", FC(os_fchdir), METH_FASTCALL | METH_KEYWORDS,
     "fchdir($module, /, fd)\n--\n\nChange to the directory of the given file descriptor."},
    {"mkfifo", FC(os_mkfifo), METH_FASTCALL | METH_KEYWORDS,
     "mkfifo($module, /, path, mode=438, *, dir_fd=None)\n--\n\nCreate a \"fifo\" (a POSIX named pipe)."},
    {"mknod", FC(os_mknod), METH_FASTCALL | METH_KEYWORDS,
     "mknod($module, /, path, mode=384, device=0, *, dir_fd=None)\n--\n\nCreate a node in the file system."},
    {"major", os_major, METH_O, "major($module, device, /)\n--\n\nExtracts a device major number from a raw "
                                "device number."},
    {"minor", os_minor, METH_O, "minor($module, device, /)\n--\n\nExtracts a device minor number from a raw "
                                "device number."},
    {"makedev", FC(os_makedev), METH_FASTCALL,
     "makedev($module, major, minor, /)\n--\n\nComposes a raw device number from the major and minor device "
     "numbers."},
    {"memfd_create", FC(os_memfd_create), METH_FASTCALL | METH_KEYWORDS,
     "memfd_create($module, /, name, flags=MFD_CLOEXEC)\n--\n\n"},
    {"eventfd", FC(os_eventfd), METH_FASTCALL | METH_KEYWORDS,
     "eventfd($module, /, initval, flags=EFD_CLOEXEC)\n--\n\nCreates and returns an event notification file "
     "descriptor."},
    {"eventfd_read", FC(os_eventfd_read), METH_FASTCALL | METH_KEYWORDS,
     "eventfd_read($module, /, fd)\n--\n\nRead eventfd value"},
    {"eventfd_write", FC(os_eventfd_write), METH_FASTCALL | METH_KEYWORDS,
     "eventfd_write($module, /, fd, value)\n--\n\nWrite eventfd value."},
    {"pidfd_open", FC(os_pidfd_open), METH_FASTCALL | METH_KEYWORDS,
     "pidfd_open($module, /, pid, flags=0)\n--\n\nReturn a file descriptor referring to the process *pid*."},
    {"getrandom", FC(os_getrandom), METH_FASTCALL | METH_KEYWORDS,
     "getrandom($module, /, size, flags=0)\n--\n\nObtain a series of random bytes."},
    {"openpty", os_openpty, METH_NOARGS,
     "openpty($module, /)\n--\n\nOpen a pseudo-terminal.\n\nReturn a tuple of (master_fd, slave_fd) containing "
     "open file descriptors\nfor both the master and slave ends."},
    {"login_tty", os_login_tty, METH_O,
     "login_tty($module, fd, /)\n--\n\nPrepare the tty of which fd is a file descriptor for a new login "
     "session."},
    {"forkpty", os_forkpty, METH_NOARGS,
     "forkpty($module, /)\n--\n\nFork a new process with a new pseudo-terminal as controlling tty."},
    {"ttyname", os_ttyname, METH_O,
     "ttyname($module, fd, /)\n--\n\nReturn the name of the terminal device connected to 'fd'."},
    {"ctermid", os_ctermid, METH_NOARGS,
     "ctermid($module, /)\n--\n\nReturn the name of the controlling terminal for this process."},
    {"tcgetpgrp", os_tcgetpgrp, METH_O,
     "tcgetpgrp($module, fd, /)\n--\n\nReturn the process group associated with the terminal specified by fd."},
    {"tcsetpgrp", FC(os_tcsetpgrp), METH_FASTCALL,
     "tcsetpgrp($module, fd, pgid, /)\n--\n\nSet the process group associated with the terminal specified by "
     "fd."},
    {"abort", os_abort, METH_NOARGS,
     "abort($module, /)\n--\n\nAbort the interpreter immediately.\n\nThis function 'dumps core' or otherwise "
     "fails in the hardest way possible\non the hosting operating system.  This function never returns."},
    {"getxattr", FC(os_getxattr), METH_FASTCALL | METH_KEYWORDS,
     "getxattr($module, /, path, attribute, *, follow_symlinks=True)\n--\n\nReturn the value of extended "
     "attribute attribute on path."},
    {"setxattr", FC(os_setxattr), METH_FASTCALL | METH_KEYWORDS,
     "setxattr($module, /, path, attribute, value, flags=0, *,\n         follow_symlinks=True)\n--\n\nSet "
     "extended attribute attribute on path to value."},
    {"removexattr", FC(os_removexattr), METH_FASTCALL | METH_KEYWORDS,
     "removexattr($module, /, path, attribute, *, follow_symlinks=True)\n--\n\nRemove extended attribute "
     "attribute on path."},
    {"listxattr", FC(os_listxattr), METH_FASTCALL | METH_KEYWORDS,
     "listxattr($module, /, path=None, *, follow_symlinks=True)\n--\n\nReturn a list of extended attributes "
     "on path."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace krait::posix
