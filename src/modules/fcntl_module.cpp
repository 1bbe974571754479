// fcntl_module.cpp — the `fcntl` module: fcntl, ioctl, flock, lockf and the
// F_* / LOCK_* / DN_* constants, with CPython 3.11's argument forms (an int
// argument, or a buffer of at most 1024 bytes copied in and returned as
// bytes) and its PEP 475 retries on EINTR.
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>

#include "support/ref.h"

namespace {

constexpr Py_ssize_t kBufSize = 1024;

int fd_converter(PyObject* o, void* p) {
  int fd = PyObject_AsFileDescriptor(o);
  if (fd < 0) return 0;
  *static_cast<int*>(p) = fd;
  return 1;
}

PyObject* fcntl_fcntl(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  int fd, code;
  PyObject* arg = nullptr;
  if (!_PyArg_CheckPositional("fcntl", nargs, 2, 3)) return nullptr;
  if (!_PyArg_ParseStack(args, nargs, "O&i|O:fcntl", fd_converter, &fd, &code, &arg)) return nullptr;
  if (PySys_Audit("fcntl.fcntl", "iiO", fd, code, arg ? arg : Py_None) < 0) return nullptr;
  unsigned int int_arg = 0;
  if (arg) {
    const char* str;
    Py_ssize_t len;
    if (PyArg_Parse(arg, "s#", &str, &len)) {
      if (len > kBufSize) {
        PyErr_SetString(PyExc_ValueError, "fcntl string arg too long");
        return nullptr;
      }
      char buf[kBufSize];
      memcpy(buf, str, len);
      int ret;
      do {
        Py_BEGIN_ALLOW_THREADS
        ret = fcntl(fd, code, buf);
        Py_END_ALLOW_THREADS
      } while (ret == -1 && errno == EINTR && PyErr_CheckSignals() == 0);
      if (ret < 0) return PyErr_Occurred() ? nullptr : PyErr_SetFromErrno(PyExc_OSError);
      return PyBytes_FromStringAndSize(buf, len);
    }
    PyErr_Clear();
    if (!PyArg_Parse(arg,
                     "I;fcntl requires a file or file descriptor, an integer and optionally a "
                     "third integer or a string",
                     &int_arg))
      return nullptr;
  }
  int ret;
  do {
    Py_BEGIN_ALLOW_THREADS
    ret = fcntl(fd, code, static_cast<unsigned long>(int_arg));
    Py_END_ALLOW_THREADS
  } while (ret == -1 && errno == EINTR && PyErr_CheckSignals() == 0);
  if (ret < 0) return PyErr_Occurred() ? nullptr : PyErr_SetFromErrno(PyExc_OSError);
  return PyLong_FromLong(ret);
}

PyObject* fcntl_ioctl(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  int fd, mutate = 1;
  unsigned int code;
  PyObject* arg = nullptr;
  if (!_PyArg_CheckPositional("ioctl", nargs, 2, 4)) return nullptr;
  if (!_PyArg_ParseStack(args, nargs, "O&I|Op:ioctl", fd_converter, &fd, &code, &arg, &mutate))
    return nullptr;
  if (PySys_Audit("fcntl.ioctl", "iIO", fd, code, arg ? arg : Py_None) < 0) return nullptr;
  int int_arg = 0;
  if (arg) {
    Py_buffer view;
    char buf[kBufSize + 1];
    if (PyArg_Parse(arg, "w*", &view)) {
      char* data = static_cast<char*>(view.buf);
      Py_ssize_t len = view.len;
      int ret;
      if (mutate && len > kBufSize) {
        ret = ioctl(fd, code, data);  // large mutable buffers are used in place
      } else if (len <= kBufSize) {
        memcpy(buf, data, len);
        buf[len] = '\0';
        ret = ioctl(fd, code, buf);
        if (mutate) memcpy(data, buf, len);
      } else {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_ValueError, "ioctl string arg too long");
        return nullptr;
      }
      PyBuffer_Release(&view);
      if (ret < 0) return PyErr_SetFromErrno(PyExc_OSError);
      if (mutate) return PyLong_FromLong(ret);
      return PyBytes_FromStringAndSize(buf, len);
    }
    PyErr_Clear();
    if (PyArg_Parse(arg, "s*", &view)) {
      Py_ssize_t len = view.len;
      if (len > kBufSize) {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_ValueError, "ioctl string arg too long");
        return nullptr;
      }
      memcpy(buf, view.buf, len);
      buf[len] = '\0';
      PyBuffer_Release(&view);
      int ret;
      Py_BEGIN_ALLOW_THREADS
      ret = ioctl(fd, code, buf);
      Py_END_ALLOW_THREADS
      if (ret < 0) return PyErr_SetFromErrno(PyExc_OSError);
      return PyBytes_FromStringAndSize(buf, len);
    }
    PyErr_Clear();
    if (!PyArg_Parse(arg,
                     "i;ioctl requires a file or file descriptor, an integer and optionally an "
                     "integer or buffer argument",
                     &int_arg))
      return nullptr;
  }
  int ret;
  Py_BEGIN_ALLOW_THREADS
  ret = ioctl(fd, code, int_arg);
  Py_END_ALLOW_THREADS
  if (ret < 0) return PyErr_SetFromErrno(PyExc_OSError);
  return PyLong_FromLong(ret);
}

PyObject* fcntl_flock(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  int fd, op;
  if (!_PyArg_CheckPositional("flock", nargs, 2, 2)) return nullptr;
  if (!_PyArg_ParseStack(args, nargs, "O&i:flock", fd_converter, &fd, &op)) return nullptr;
  if (PySys_Audit("fcntl.flock", "ii", fd, op) < 0) return nullptr;
  int ret;
  do {
    Py_BEGIN_ALLOW_THREADS
    ret = flock(fd, op);
    Py_END_ALLOW_THREADS
  } while (ret == -1 && errno == EINTR && PyErr_CheckSignals() == 0);
  if (ret < 0) return PyErr_Occurred() ? nullptr : PyErr_SetFromErrno(PyExc_OSError);
  Py_RETURN_NONE;
}

PyObject* fcntl_lockf(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  int fd, code, whence = 0;
  PyObject *len_obj = nullptr, *start_obj = nullptr;
  if (!_PyArg_CheckPositional("lockf", nargs, 2, 5)) return nullptr;
  if (!_PyArg_ParseStack(args, nargs, "O&i|OOi:lockf", fd_converter, &fd, &code, &len_obj,
                         &start_obj, &whence))
    return nullptr;
  if (PySys_Audit("fcntl.lockf", "iiOOi", fd, code, len_obj ? len_obj : Py_None,
                  start_obj ? start_obj : Py_None, whence) < 0)
    return nullptr;
  struct flock l = {};
  if (code == LOCK_UN) {
    l.l_type = F_UNLCK;
  } else if (code & LOCK_SH) {
    l.l_type = F_RDLCK;
  } else if (code & LOCK_EX) {
    l.l_type = F_WRLCK;
  } else {
    PyErr_SetString(PyExc_ValueError, "unrecognized lockf argument");
    return nullptr;
  }
  l.l_start = l.l_len = 0;
  if (start_obj) {
    l.l_start = PyLong_AsLongLong(start_obj);
    if (PyErr_Occurred()) return nullptr;
  }
  if (len_obj) {
    l.l_len = PyLong_AsLongLong(len_obj);
    if (PyErr_Occurred()) return nullptr;
  }
  l.l_whence = static_cast<short>(whence);
  int ret;
  do {
    Py_BEGIN_ALLOW_THREADS
    ret = fcntl(fd, (code & LOCK_NB) ? F_SETLK : F_SETLKW, &l);
    Py_END_ALLOW_THREADS
  } while (ret == -1 && errno == EINTR && PyErr_CheckSignals() == 0);
  if (ret < 0) return PyErr_Occurred() ? nullptr : PyErr_SetFromErrno(PyExc_OSError);
  Py_RETURN_NONE;
}

#define FAST(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(f))

PyMethodDef fcntl_methods[] = {
    {"fcntl", FAST(fcntl_fcntl), METH_FASTCALL,
     "fcntl($module, fd, cmd, arg=0, /)\n--\n\n"
     "Perform the operation `cmd` on file descriptor fd.\n\n"
     "The values used for `cmd` are operating system dependent, and are available\n"
     "as constants in the fcntl module, using the same names as used in\n"
     "the relevant C header files.  The argument arg is optional, and\n"
     "defaults to 0; it may be an int or a string.  If arg is given as a string,\n"
     "the return value of fcntl is a string of that length, containing the\n"
     "resulting value put in the arg buffer by the operating system.  The length\n"
     "of the arg string is not allowed to exceed 1024 bytes.  If the arg given\n"
     "is an integer or if none is specified, the result value is an integer\n"
     "corresponding to the return value of the fcntl call in the C code."},
    {"ioctl", FAST(fcntl_ioctl), METH_FASTCALL,
     "ioctl($module, fd, request, arg=0, mutate_flag=True, /)\n--\n\n"
     "Perform the operation `request` on file descriptor `fd`.\n\n"
     "The values used for `request` are operating system dependent, and are available\n"
     "as constants in the fcntl or termios library modules, using the same names as\n"
     "used in the relevant C header files.\n\n"
     "The argument `arg` is optional, and defaults to 0; it may be an int or a\n"
     "buffer containing character data (most likely a string or an array).\n\n"
     "If the argument is a mutable buffer (such as an array) and if the\n"
     "mutate_flag argument (which is only allowed in this case) is true then the\n"
     "buffer is (in effect) passed to the operating system and changes made by\n"
     "the OS will be reflected in the contents of the buffer after the call has\n"
     "returned.  The return value is the integer returned by the ioctl system\n"
     "call.\n\n"
     "If the argument is a mutable buffer and the mutable_flag argument is false,\n"
     "the behavior is as if a string had been passed.\n\n"
     "If the argument is an immutable buffer (most likely a string) then a copy\n"
     "of the buffer is passed to the operating system and the return value is a\n"
     "string of the same length containing whatever the operating system put in\n"
     "the buffer.  The length of the arg buffer in this case is not allowed to\n"
     "exceed 1024 bytes.\n\n"
     "If the arg given is an integer or if none is specified, the result value is\n"
     "an integer corresponding to the return value of the ioctl call in the C\n"
     "code."},
    {"flock", FAST(fcntl_flock), METH_FASTCALL,
     "flock($module, fd, operation, /)\n--\n\n"
     "Perform the lock operation `operation` on file descriptor `fd`.\n\n"
     "See the Unix manual page for flock(2) for details (On some systems, this\n"
     "function is emulated using fcntl())."},
    {"lockf", FAST(fcntl_lockf), METH_FASTCALL,
     "lockf($module, fd, cmd, len=0, start=0, whence=0, /)\n--\n\n"
     "A wrapper around the fcntl() locking calls.\n\n"
     "`fd` is the file descriptor of the file to lock or unlock, and operation is one\n"
     "of the following values:\n\n"
     "    LOCK_UN - unlock\n"
     "    LOCK_SH - acquire a shared lock\n"
     "    LOCK_EX - acquire an exclusive lock\n\n"
     "When operation is LOCK_SH or LOCK_EX, it can also be bitwise ORed with\n"
     "LOCK_NB to avoid blocking on lock acquisition.  If LOCK_NB is used and the\n"
     "lock cannot be acquired, an OSError will be raised and the exception will\n"
     "have an errno attribute set to EACCES or EAGAIN (depending on the operating\n"
     "system -- for portability, check for either value).\n\n"
     "`len` is the number of bytes to lock, with the default meaning to lock to\n"
     "EOF.  `start` is the byte offset, relative to `whence`, to that the lock\n"
     "starts.  `whence` is as with fileobj.seek(), specifically:\n\n"
     "    0 - relative to the start of the file (SEEK_SET)\n"
     "    1 - relative to the current buffer position (SEEK_CUR)\n"
     "    2 - relative to the end of the file (SEEK_END)"},
    {nullptr, nullptr, 0, nullptr}};

struct IntConstant {
  const char* name;
  long value;
};

// Values glibc's headers hide behind kernel-internal guards.
#ifndef LOCK_MAND
#define LOCK_MAND 32
#define LOCK_READ 64
#define LOCK_WRITE 128
#define LOCK_RW 192
#endif
#ifndef F_SHLCK
#define F_EXLCK 4
#define F_SHLCK 8
#endif

const IntConstant kConstants[] = {
    {"LOCK_SH", LOCK_SH}, {"LOCK_EX", LOCK_EX}, {"LOCK_NB", LOCK_NB}, {"LOCK_UN", LOCK_UN},
    {"LOCK_MAND", LOCK_MAND}, {"LOCK_READ", LOCK_READ}, {"LOCK_WRITE", LOCK_WRITE},
    {"LOCK_RW", LOCK_RW}, {"F_DUPFD", F_DUPFD}, {"F_DUPFD_CLOEXEC", F_DUPFD_CLOEXEC},
    {"F_GETFD", F_GETFD}, {"F_SETFD", F_SETFD}, {"F_GETFL", F_GETFL}, {"F_SETFL", F_SETFL},
    {"F_GETLK", F_GETLK}, {"F_SETLK", F_SETLK}, {"F_SETLKW", F_SETLKW}, {"F_GETOWN", F_GETOWN},
    {"F_SETOWN", F_SETOWN}, {"F_GETSIG", F_GETSIG}, {"F_SETSIG", F_SETSIG}, {"F_RDLCK", F_RDLCK},
    {"F_WRLCK", F_WRLCK}, {"F_UNLCK", F_UNLCK}, {"F_GETLK64", F_GETLK64},
    {"F_SETLK64", F_SETLK64}, {"F_SETLKW64", F_SETLKW64}, {"FASYNC", FASYNC},
    {"F_SETLEASE", F_SETLEASE}, {"F_GETLEASE", F_GETLEASE}, {"F_NOTIFY", F_NOTIFY},
    {"F_EXLCK", F_EXLCK}, {"F_SHLCK", F_SHLCK}, {"DN_ACCESS", DN_ACCESS}, {"DN_MODIFY", DN_MODIFY},
    {"DN_CREATE", DN_CREATE}, {"DN_DELETE", DN_DELETE}, {"DN_RENAME", DN_RENAME},
    {"DN_ATTRIB", DN_ATTRIB}, {"DN_MULTISHOT", static_cast<long>(DN_MULTISHOT)},
    {"F_OFD_GETLK", F_OFD_GETLK}, {"F_OFD_SETLK", F_OFD_SETLK}, {"F_OFD_SETLKW", F_OFD_SETLKW},
    {"FD_CLOEXEC", FD_CLOEXEC}, {"F_SETPIPE_SZ", F_SETPIPE_SZ}, {"F_GETPIPE_SZ", F_GETPIPE_SZ},
    {"F_ADD_SEALS", F_ADD_SEALS}, {"F_GET_SEALS", F_GET_SEALS}, {"F_SEAL_SEAL", F_SEAL_SEAL},
    {"F_SEAL_SHRINK", F_SEAL_SHRINK}, {"F_SEAL_GROW", F_SEAL_GROW},
    {"F_SEAL_WRITE", F_SEAL_WRITE},
};

PyModuleDef fcntl_module = {
    PyModuleDef_HEAD_INIT, "fcntl",
    "This module performs file control and I/O control on file\n"
    "descriptors.  It is an interface to the fcntl() and ioctl() Unix\n"
    "routines.  File descriptors can be obtained with the fileno() method of\n"
    "a file or socket object.",
    -1, fcntl_methods, nullptr, nullptr, nullptr, nullptr};

}  // namespace

PyMODINIT_FUNC PyInit_fcntl(void) {
  krait::Ref<> m = krait::steal(PyModule_Create(&fcntl_module));
  if (!m) return nullptr;
  for (const IntConstant& c : kConstants)
    if (PyModule_AddIntConstant(m.get(), c.name, c.value) < 0) return nullptr;
  return m.release();
}
