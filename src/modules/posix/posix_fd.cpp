// posix_fd.cpp — file-descriptor calls: open, read, write, close, closerange,
// lseek, dup, dup2, pipe, isatty, fsync, ftruncate, truncate, inheritable and
// blocking flags, device_encoding, get_terminal_size (os.terminal_size) and
// urandom.
//
// As in CPython (PEP 446) descriptors created here are non-inheritable
// (O_CLOEXEC), and system calls interrupted by a signal are retried.
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <unistd.h>

#include "modules/posix/posix_internal.h"

namespace krait::posix {

namespace {

#define FASTCALL_KW(fn) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(fn))

PyTypeObject* g_terminal_size = nullptr;

PyObject* os_open(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"path", "flags", "mode", "dir_fd", nullptr};
  static _PyArg_Parser parser = {"O&O&|O&$O&:open", kwlist, 0};
  Path path("open");
  int flags, mode = 0777, dir_fd = AT_FDCWD;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, path_converter, &path,
                                    int_converter, &flags, int_converter, &mode,
                                    dir_fd_converter, &dir_fd))
    return nullptr;
  flags |= O_CLOEXEC;
  int fd;
  do {
    Py_BEGIN_ALLOW_THREADS
    fd = openat(dir_fd, path.narrow, flags, mode);
    Py_END_ALLOW_THREADS
  } while (fd < 0 && errno == EINTR && PyErr_CheckSignals() == 0);
  if (fd < 0 && PyErr_Occurred()) return nullptr;
  if (fd < 0) return path_error(path);
  return PyLong_FromLong(fd);
}

PyObject* os_close(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"fd", nullptr};
  static _PyArg_Parser parser = {"O&:close", kwlist, 0};
  int fd;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, int_converter, &fd))
    return nullptr;
  // close() is not retried on EINTR: on Linux the descriptor is gone anyway.
  if (close(fd) < 0) return posix_error();
  Py_RETURN_NONE;
}

PyObject* os_closerange(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  int lo, hi;
  if (!_PyArg_ParseStack(args, nargs, "O&O&:closerange", int_converter, &lo, int_converter, &hi))
    return nullptr;
  for (int fd = lo < 0 ? 0 : lo; fd < hi; fd++) close(fd);
  Py_RETURN_NONE;
}

PyObject* os_read(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  int fd;
  Py_ssize_t length;
  if (!_PyArg_ParseStack(args, nargs, "O&n:read", int_converter, &fd, &length)) return nullptr;
  if (length < 0) {
    errno = EINVAL;
    return posix_error();
  }
  Ref<> buf = steal(PyBytes_FromStringAndSize(nullptr, length));
  if (!buf) return nullptr;
  ssize_t n;
  do {
    Py_BEGIN_ALLOW_THREADS
    n = read(fd, PyBytes_AS_STRING(buf.get()), length);
    Py_END_ALLOW_THREADS
  } while (n < 0 && errno == EINTR && PyErr_CheckSignals() == 0);
  if (n < 0 && PyErr_Occurred()) return nullptr;
  if (n < 0) return posix_error();
  if (n != length) {
    PyObject* b = buf.release();
    if (_PyBytes_Resize(&b, n) < 0) return nullptr;
    return b;
  }
  return buf.release();
}

PyObject* os_write(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  int fd;
  Py_buffer data;
  if (!_PyArg_ParseStack(args, nargs, "O&y*:write", int_converter, &fd, &data)) return nullptr;
  ssize_t n;
  do {
    Py_BEGIN_ALLOW_THREADS
    n = write(fd, data.buf, data.len);
    Py_END_ALLOW_THREADS
  } while (n < 0 && errno == EINTR && PyErr_CheckSignals() == 0);
  PyBuffer_Release(&data);
  if (n < 0 && PyErr_Occurred()) return nullptr;
  if (n < 0) return posix_error();
  return PyLong_FromSsize_t(n);
}

PyObject* os_pread(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  int fd;
  Py_ssize_t length;
  long long offset;
  if (!_PyArg_ParseStack(args, nargs, "O&nL:pread", int_converter, &fd, &length, &offset))
    return nullptr;
  if (length < 0) {
    errno = EINVAL;
    return posix_error();
  }
  Ref<> buf = steal(PyBytes_FromStringAndSize(nullptr, length));
  if (!buf) return nullptr;
  ssize_t n;
  do {
    n = pread(fd, PyBytes_AS_STRING(buf.get()), length, offset);
  } while (n < 0 && errno == EINTR && PyErr_CheckSignals() == 0);
  if (n < 0 && PyErr_Occurred()) return nullptr;
  if (n < 0) return posix_error();
  PyObject* b = buf.release();
  if (n != length && _PyBytes_Resize(&b, n) < 0) return nullptr;
  return b;
}

PyObject* os_lseek(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  int fd, how;
  long long pos;
  if (!_PyArg_ParseStack(args, nargs, "O&LO&:lseek", int_converter, &fd, &pos, int_converter,
                         &how))
    return nullptr;
  off_t r;
  Py_BEGIN_ALLOW_THREADS
  r = lseek(fd, pos, how);
  Py_END_ALLOW_THREADS
  if (r < 0) return posix_error();
  return PyLong_FromLongLong(r);
}

PyObject* os_dup(PyObject*, PyObject* arg) {
  int fd;
  if (!int_converter(arg, &fd)) return nullptr;
  int r = fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (r < 0) return posix_error();
  return PyLong_FromLong(r);
}

PyObject* os_dup2(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"fd", "fd2", "inheritable", nullptr};
  static _PyArg_Parser parser = {"O&O&|p:dup2", kwlist, 0};
  int fd, fd2, inheritable = 1;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, int_converter, &fd,
                                    int_converter, &fd2, &inheritable))
    return nullptr;
  int r;
  Py_BEGIN_ALLOW_THREADS
  r = dup3(fd, fd2, inheritable ? 0 : O_CLOEXEC);
  if (r < 0 && errno == EINVAL && fd == fd2) r = fd2;  // dup3 refuses fd == fd2; dup2 doesn't
  Py_END_ALLOW_THREADS
  if (r < 0) return posix_error();
  return PyLong_FromLong(r);
}

PyObject* os_pipe(PyObject*, PyObject*) {
  int fds[2];
  int r;
  Py_BEGIN_ALLOW_THREADS
  r = pipe2(fds, O_CLOEXEC);
  Py_END_ALLOW_THREADS
  if (r != 0) return posix_error();
  return Py_BuildValue("(ii)", fds[0], fds[1]);
}

PyObject* os_pipe2(PyObject*, PyObject* arg) {
  int flags;
  if (!int_converter(arg, &flags)) return nullptr;
  int fds[2];
  if (pipe2(fds, flags) != 0) return posix_error();
  return Py_BuildValue("(ii)", fds[0], fds[1]);
}

PyObject* os_isatty(PyObject*, PyObject* arg) {
  int fd;
  if (!int_converter(arg, &fd)) return nullptr;
  return PyBool_FromLong(isatty(fd));
}

PyObject* os_fsync(PyObject*, PyObject* arg) {
  int fd = PyObject_AsFileDescriptor(arg);
  if (fd < 0) return nullptr;
  int r;
  do {
    Py_BEGIN_ALLOW_THREADS
    r = fsync(fd);
    Py_END_ALLOW_THREADS
  } while (r != 0 && errno == EINTR && PyErr_CheckSignals() == 0);
  if (r != 0 && PyErr_Occurred()) return nullptr;
  if (r != 0) return posix_error();
  Py_RETURN_NONE;
}

PyObject* os_ftruncate(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  int fd;
  long long length;
  if (!_PyArg_ParseStack(args, nargs, "O&L:ftruncate", int_converter, &fd, &length))
    return nullptr;
  int r;
  do {
    Py_BEGIN_ALLOW_THREADS
    r = ftruncate(fd, length);
    Py_END_ALLOW_THREADS
  } while (r != 0 && errno == EINTR && PyErr_CheckSignals() == 0);
  if (r != 0 && PyErr_Occurred()) return nullptr;
  if (r != 0) return posix_error();
  Py_RETURN_NONE;
}

PyObject* os_truncate(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"path", "length", nullptr};
  static _PyArg_Parser parser = {"O&L:truncate", kwlist, 0};
  Path path("truncate", "path", true);
  long long length;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, path_converter, &path,
                                    &length))
    return nullptr;
  int r = path.is_fd() ? ftruncate(path.fd, length) : truncate(path.narrow, length);
  if (r != 0) return path_error(path);
  Py_RETURN_NONE;
}

PyObject* os_get_inheritable(PyObject*, PyObject* arg) {
  int fd;
  if (!int_converter(arg, &fd)) return nullptr;
  int flags = fcntl(fd, F_GETFD);
  if (flags < 0) return posix_error();
  return PyBool_FromLong(!(flags & FD_CLOEXEC));
}

PyObject* os_set_inheritable(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  int fd, inheritable;
  if (!_PyArg_ParseStack(args, nargs, "O&O&:set_inheritable", int_converter, &fd, int_converter,
                         &inheritable))
    return nullptr;
  int flags = fcntl(fd, F_GETFD);
  if (flags < 0) return posix_error();
  int nflags = inheritable ? flags & ~FD_CLOEXEC : flags | FD_CLOEXEC;
  if (nflags != flags && fcntl(fd, F_SETFD, nflags) < 0) return posix_error();
  Py_RETURN_NONE;
}

PyObject* os_get_blocking(PyObject*, PyObject* arg) {
  int fd;
  if (!int_converter(arg, &fd)) return nullptr;
  int flags = fcntl(fd, F_GETFL);
  if (flags < 0) return posix_error();
  return PyBool_FromLong(!(flags & O_NONBLOCK));
}

PyObject* os_set_blocking(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  int fd, blocking;
  if (!_PyArg_ParseStack(args, nargs, "O&p:set_blocking", int_converter, &fd, &blocking))
    return nullptr;
  int flags = fcntl(fd, F_GETFL);
  if (flags < 0) return posix_error();
  int nflags = blocking ? flags & ~O_NONBLOCK : flags | O_NONBLOCK;
  if (nflags != flags && fcntl(fd, F_SETFL, nflags) < 0) return posix_error();
  Py_RETURN_NONE;
}

PyObject* os_device_encoding(PyObject*, PyObject* const* args, Py_ssize_t nargs,
                             PyObject* kwnames) {
  static const char* const kwlist[] = {"fd", nullptr};
  static _PyArg_Parser parser = {"O&:device_encoding", kwlist, 0};
  int fd;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, int_converter, &fd))
    return nullptr;
  if (!isatty(fd)) Py_RETURN_NONE;
  // Krait runs in UTF-8 mode: the locale encoding is always UTF-8.
  return PyUnicode_FromString("utf-8");
}

PyObject* os_get_terminal_size(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  int fd = 1;
  if (!_PyArg_ParseStack(args, nargs, "|O&:get_terminal_size", int_converter, &fd))
    return nullptr;
  struct winsize w;
  if (ioctl(fd, TIOCGWINSZ, &w) != 0) return posix_error();
  Ref<> r = steal(PyStructSequence_New(g_terminal_size));
  if (!r) return nullptr;
  PyStructSequence_SET_ITEM(r.get(), 0, PyLong_FromLong(w.ws_col));
  PyStructSequence_SET_ITEM(r.get(), 1, PyLong_FromLong(w.ws_row));
  if (!PyStructSequence_GET_ITEM(r.get(), 0) || !PyStructSequence_GET_ITEM(r.get(), 1))
    return nullptr;
  return r.release();
}

PyObject* os_urandom(PyObject*, PyObject* arg) {
  Py_ssize_t size = PyNumber_AsSsize_t(arg, PyExc_OverflowError);
  if (size == -1 && PyErr_Occurred()) return nullptr;
  if (size < 0) {
    PyErr_SetString(PyExc_ValueError, "negative argument not allowed");
    return nullptr;
  }
  Ref<> buf = steal(PyBytes_FromStringAndSize(nullptr, size));
  if (!buf) return nullptr;
  char* p = PyBytes_AS_STRING(buf.get());
  Py_ssize_t done = 0;
  while (done < size) {
    ssize_t n = getrandom(p + done, size - done, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return posix_error();
    }
    done += n;
  }
  return buf.release();
}

PyStructSequence_Field terminal_size_fields[] = {
    {"columns", "width of the terminal window in characters"},
    {"lines", "height of the terminal window in characters"},
    {nullptr, nullptr},
};

PyStructSequence_Desc terminal_size_desc = {
    "os.terminal_size",
    "A tuple of (columns, lines) for holding terminal window size",
    terminal_size_fields, 2};

}  // namespace

PyMethodDef posix_fd_methods[] = {
    {"open", FASTCALL_KW(os_open), METH_FASTCALL | METH_KEYWORDS,
     "open($module, /, path, flags, mode=511, *, dir_fd=None)\n--\n\n"
     "Open a file for low level IO.  Returns a file descriptor (integer)."},
    {"close", FASTCALL_KW(os_close), METH_FASTCALL | METH_KEYWORDS,
     "close($module, /, fd)\n--\n\nClose a file descriptor."},
    {"closerange", FASTCALL_KW(os_closerange), METH_FASTCALL,
     "closerange($module, fd_low, fd_high, /)\n--\n\nCloses all file descriptors in [fd_low, "
     "fd_high), ignoring errors."},
    {"read", FASTCALL_KW(os_read), METH_FASTCALL,
     "read($module, fd, length, /)\n--\n\nRead from a file descriptor.  Returns a bytes object."},
    {"pread", FASTCALL_KW(os_pread), METH_FASTCALL,
     "pread($module, fd, length, offset, /)\n--\n\nRead a number of bytes from a file "
     "descriptor starting at a particular offset."},
    {"write", FASTCALL_KW(os_write), METH_FASTCALL,
     "write($module, fd, data, /)\n--\n\nWrite a bytes object to a file descriptor."},
    {"lseek", FASTCALL_KW(os_lseek), METH_FASTCALL,
     "lseek($module, fd, position, how, /)\n--\n\nSet the position of a file descriptor.  "
     "Return the new position."},
    {"dup", os_dup, METH_O, "dup($module, fd, /)\n--\n\nReturn a duplicate of a file descriptor."},
    {"dup2", FASTCALL_KW(os_dup2), METH_FASTCALL | METH_KEYWORDS,
     "dup2($module, /, fd, fd2, inheritable=True)\n--\n\nDuplicate file descriptor."},
    {"pipe", os_pipe, METH_NOARGS,
     "pipe($module, /)\n--\n\nCreate a pipe.\n\nReturns a tuple of two file descriptors:\n"
     "  (read_fd, write_fd)"},
    {"pipe2", os_pipe2, METH_O,
     "pipe2($module, flags, /)\n--\n\nCreate a pipe with flags set atomically."},
    {"isatty", os_isatty, METH_O,
     "isatty($module, fd, /)\n--\n\nReturn True if the fd is connected to a terminal."},
    {"fsync", os_fsync, METH_O,
     "fsync($module, /, fd)\n--\n\nForce write of fd to disk."},
    {"ftruncate", FASTCALL_KW(os_ftruncate), METH_FASTCALL,
     "ftruncate($module, fd, length, /)\n--\n\nTruncate a file, specified by file descriptor, "
     "to a specific length."},
    {"truncate", FASTCALL_KW(os_truncate), METH_FASTCALL | METH_KEYWORDS,
     "truncate($module, /, path, length)\n--\n\nTruncate a file, specified by path, to a "
     "specific length."},
    {"get_inheritable", os_get_inheritable, METH_O,
     "get_inheritable($module, fd, /)\n--\n\nGet the close-on-exe flag of the specified file "
     "descriptor."},
    {"set_inheritable", FASTCALL_KW(os_set_inheritable), METH_FASTCALL,
     "set_inheritable($module, fd, inheritable, /)\n--\n\nSet the inheritable flag of the "
     "specified file descriptor."},
    {"get_blocking", os_get_blocking, METH_O,
     "get_blocking($module, fd, /)\n--\n\nGet the blocking mode of the file descriptor.\n\n"
     "Return False if the O_NONBLOCK flag is set, True if the flag is cleared."},
    {"set_blocking", FASTCALL_KW(os_set_blocking), METH_FASTCALL,
     "set_blocking($module, fd, blocking, /)\n--\n\nSet the blocking mode of the specified "
     "file descriptor."},
    {"device_encoding", FASTCALL_KW(os_device_encoding), METH_FASTCALL | METH_KEYWORDS,
     "device_encoding($module, /, fd)\n--\n\nReturn a string describing the encoding of a "
     "terminal's file descriptor.\n\nThe file descriptor must be attached to a terminal.\n"
     "If the device is not a terminal, return None."},
    {"get_terminal_size", FASTCALL_KW(os_get_terminal_size), METH_FASTCALL,
     "get_terminal_size($module, fd=<unrepresentable>, /)\n--\n\n"
     "Return the size of the terminal window as (columns, lines)."},
    {"urandom", os_urandom, METH_O,
     "urandom($module, size, /)\n--\n\nReturn a bytes object containing random bytes suitable "
     "for cryptographic use."},
    {nullptr, nullptr, 0, nullptr},
};

int init_fd_types(PyObject* m) {
  g_terminal_size = PyStructSequence_NewType(&terminal_size_desc);
  if (!g_terminal_size) return -1;
  return PyModule_AddObjectRef(m, "terminal_size", reinterpret_cast<PyObject*>(g_terminal_size));
}

}  // namespace krait::posix
