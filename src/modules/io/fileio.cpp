// fileio.cpp — _io.FileIO, raw binary I/O on a file descriptor.
//
// Owns the descriptor when closefd is true. System calls retry on EINTR and
// run with the GIL released. readall() sizes its buffer from fstat() (one
// byte more than what is left, so EOF shows without a second growth) and
// then grows like CPython: +max(8 KiB, 256+size) up to 512 KiB, +1/8 after.
#include <Python.h>
#include <fcntl.h>
#include <structmember.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>

#include "capi/fileutils.h"
#include "modules/io/io.h"
#include "modules/io/bufferedio.h"

using namespace krait;

namespace krait::io {

namespace {

struct FileIOObject {
  PyObject_HEAD
  int fd;
  unsigned created : 1;
  unsigned readable : 1;
  unsigned writable : 1;
  unsigned appending : 1;
  signed seekable : 2;  // -1: not known yet
  unsigned closefd : 1;
  char finalizing;
  unsigned int blksize;
  PyObject* weakreflist;
  PyObject* dict;
};

inline FileIOObject* F(PyObject* o) { return reinterpret_cast<FileIOObject*>(o); }

constexpr size_t kSmallChunk = 8192;
constexpr size_t kBigChunk = 512 * 1024;

PyObject* err_closed() {
  PyErr_SetString(PyExc_ValueError, "I/O operation on closed file");
  return nullptr;
}

PyObject* err_mode(const char* action) {
  PyErr_Format(unsupported_operation, "File not open for %s", action);
  return nullptr;
}

int internal_close(FileIOObject* self) {
  int err = 0, save_errno = 0;
  if (self->fd >= 0) {
    int fd = self->fd;
    self->fd = -1;
    Py_BEGIN_ALLOW_THREADS
    err = ::close(fd);
    if (err < 0) save_errno = errno;
    Py_END_ALLOW_THREADS
  }
  if (err < 0) {
    errno = save_errno;
    PyErr_SetFromErrno(PyExc_OSError);
    return -1;
  }
  return 0;
}

const char* mode_string(FileIOObject* self) {
  if (self->created) return self->readable ? "xb+" : "xb";
  if (self->appending) return self->readable ? "ab+" : "ab";
  if (self->readable) return self->writable ? "rb+" : "rb";
  return "wb";
}

// lseek on the file; pos nullptr means 0. With suppress_pipe_error an
// unseekable file reads as position 0 (used when opening in append mode).
PyObject* portable_lseek(FileIOObject* self, PyObject* posobj, int whence, bool suppress_pipe_error) {
  off_t pos = 0;
  if (posobj) {
    if (PyFloat_Check(posobj)) {
      PyErr_SetString(PyExc_TypeError, "an integer is required");
      return nullptr;
    }
    long long v = PyLong_AsLongLong(posobj);
    if (PyErr_Occurred()) return nullptr;
    pos = static_cast<off_t>(v);
  }
  off_t res;
  Py_BEGIN_ALLOW_THREADS
  res = ::lseek(self->fd, pos, whence);
  Py_END_ALLOW_THREADS
  if (self->seekable < 0) self->seekable = res >= 0;
  if (res < 0) {
    if (suppress_pipe_error && errno == ESPIPE)
      res = 0;
    else
      return PyErr_SetFromErrno(PyExc_OSError);
  }
  return PyLong_FromLongLong(res);
}

PyObject* fileio_new(PyTypeObject* type, PyObject*, PyObject*) {
  PyObject* o = type->tp_alloc(type, 0);
  if (!o) return nullptr;
  FileIOObject* self = F(o);
  self->fd = -1;
  self->created = self->readable = self->writable = self->appending = 0;
  self->seekable = -1;
  self->closefd = 1;
  self->blksize = 0;
  self->weakreflist = nullptr;
  return o;
}

int fileio_init(PyObject* op, PyObject* args, PyObject* kwds) {
  FileIOObject* self = F(op);
  static const char* kwlist[] = {"file", "mode", "closefd", "opener", nullptr};
  PyObject* nameobj;
  PyObject* modeobj = nullptr;
  PyObject* closefd_obj = nullptr;
  PyObject* opener = Py_None;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|OOO:FileIO", const_cast<char**>(kwlist), &nameobj,
                                   &modeobj, &closefd_obj, &opener))
    return -1;
  const char* mode = "r";
  if (modeobj) {
    if (!PyUnicode_Check(modeobj)) {
      PyErr_Format(PyExc_TypeError, "FileIO() argument 'mode' must be str, not %.50s",
                   Py_TYPE(modeobj)->tp_name);
      return -1;
    }
    Py_ssize_t len;
    mode = PyUnicode_AsUTF8AndSize(modeobj, &len);
    if (!mode) return -1;
    if (strlen(mode) != static_cast<size_t>(len)) {
      PyErr_SetString(PyExc_ValueError, "embedded null character");
      return -1;
    }
  }
  int closefd = 1;
  if (closefd_obj) {
    closefd = _PyLong_AsInt(closefd_obj);
    if (closefd == -1 && PyErr_Occurred()) return -1;
  }

  if (self->fd >= 0) {
    if (self->closefd) {
      if (internal_close(self) < 0) return -1;
    } else {
      self->fd = -1;
    }
  }

  int fd = _PyLong_AsInt(nameobj);
  if (fd < 0) {
    if (!PyErr_Occurred()) {
      PyErr_SetString(PyExc_ValueError, "negative file descriptor");
      return -1;
    }
    PyErr_Clear();
  }
  Ref<> stringobj;
  const char* name = nullptr;
  if (fd < 0) {
    PyObject* converted = nullptr;
    if (!PyUnicode_FSConverter(nameobj, &converted)) return -1;
    stringobj = steal(converted);
    name = PyBytes_AS_STRING(stringobj.get());
  }

  int flags = 0, rwa = 0, plus = 0;
  self->created = self->readable = self->writable = self->appending = 0;
  self->seekable = -1;
  for (const char* s = mode; *s; s++) {
    switch (*s) {
      case 'x':
        if (rwa) goto bad_mode;
        rwa = 1;
        self->created = 1;
        self->writable = 1;
        flags |= O_EXCL | O_CREAT;
        break;
      case 'r':
        if (rwa) goto bad_mode;
        rwa = 1;
        self->readable = 1;
        break;
      case 'w':
        if (rwa) goto bad_mode;
        rwa = 1;
        self->writable = 1;
        flags |= O_CREAT | O_TRUNC;
        break;
      case 'a':
        if (rwa) goto bad_mode;
        rwa = 1;
        self->writable = 1;
        self->appending = 1;
        flags |= O_APPEND | O_CREAT;
        break;
      case 'b':
        break;
      case '+':
        if (plus) goto bad_mode;
        self->readable = self->writable = 1;
        plus = 1;
        break;
      default:
        PyErr_Format(PyExc_ValueError, "invalid mode: %.200s", mode);
        return -1;
    }
  }
  if (!rwa) goto bad_mode;
  if (self->readable && self->writable)
    flags |= O_RDWR;
  else if (self->readable)
    flags |= O_RDONLY;
  else
    flags |= O_WRONLY;
  flags |= O_CLOEXEC;

  if (PySys_Audit("open", "Osi", nameobj, mode, flags) < 0) return -1;

  {
    bool fd_is_own = false;
    if (fd >= 0) {
      self->fd = fd;
      self->closefd = closefd ? 1 : 0;
    } else {
      self->closefd = 1;
      if (!closefd) {
        PyErr_SetString(PyExc_ValueError, "Cannot use closefd=False with file name");
        return -1;
      }
      if (opener == Py_None) {
        int err;
        do {
          Py_BEGIN_ALLOW_THREADS
          self->fd = ::open(name, flags, 0666);
          err = errno;
          Py_END_ALLOW_THREADS
        } while (self->fd < 0 && err == EINTR);
        errno = err;
      } else {
        Ref<> fdobj = steal(PyObject_CallFunction(opener, "Oi", nameobj, flags));
        if (!fdobj) return -1;
        if (!PyLong_Check(fdobj.get())) {
          PyErr_SetString(PyExc_TypeError, "expected integer from opener");
          return -1;
        }
        self->fd = _PyLong_AsInt(fdobj.get());
        if (self->fd < 0) {
          if (!PyErr_Occurred()) PyErr_Format(PyExc_ValueError, "opener returned %d", self->fd);
          self->fd = -1;
          return -1;
        }
      }
      fd_is_own = true;
      if (self->fd < 0) {
        PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, nameobj);
        return -1;
      }
    }
    self->blksize = kDefaultBufferSize;
    struct stat st;
    int fstat_result, fstat_errno;
    Py_BEGIN_ALLOW_THREADS
    fstat_result = ::fstat(self->fd, &st);
    fstat_errno = errno;
    Py_END_ALLOW_THREADS
    bool failed = false;
    if (fstat_result < 0) {
      // Other fstat() failures are tolerated, as in CPython.
      if (fstat_errno == EBADF) {
        errno = EBADF;
        PyErr_SetFromErrno(PyExc_OSError);
        failed = true;
      }
    } else {
      if (S_ISDIR(st.st_mode)) {
        errno = EISDIR;
        PyErr_SetFromErrnoWithFilenameObject(PyExc_IsADirectoryError, nameobj);
        failed = true;
      } else if (st.st_blksize > 1) {
        self->blksize = static_cast<unsigned>(st.st_blksize);
      }
    }
    if (!failed && PyObject_SetAttr(op, IO_STR("name"), nameobj) < 0) failed = true;
    if (!failed && self->appending) {
      // Seek to the end now so tell() is right before the first write.
      Ref<> pos = steal(portable_lseek(self, nullptr, SEEK_END, true));
      if (!pos) failed = true;
    }
    if (failed) {
      if (!fd_is_own) self->fd = -1;
      if (self->fd >= 0) {
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        internal_close(self);
        _PyErr_ChainExceptions(t, v, tb);
      }
      return -1;
    }
  }
  return 0;

bad_mode:
  PyErr_SetString(PyExc_ValueError,
                  "Must have exactly one of create/read/write/append mode and at most one plus");
  return -1;
}

int fileio_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(F(self)->dict);
  return 0;
}

int fileio_clear(PyObject* self) {
  Py_CLEAR(F(self)->dict);
  return 0;
}

void fileio_dealloc(PyObject* op) {
  FileIOObject* self = F(op);
  self->finalizing = 1;
  if (PyObject_CallFinalizerFromDealloc(op) < 0) return;
  PyObject_GC_UnTrack(op);
  if (self->weakreflist) PyObject_ClearWeakRefs(op);
  Py_CLEAR(self->dict);
  Py_TYPE(op)->tp_free(op);
}

PyObject* fileio_close(PyObject* op, PyObject*) {
  FileIOObject* self = F(op);
  PyObject* res = PyObject_CallMethodOneArg(reinterpret_cast<PyObject*>(&RawIOBase_Type),
                                            IO_STR("close"), op);
  if (!self->closefd) {
    self->fd = -1;
    return res;
  }
  PyObject *t = nullptr, *v = nullptr, *tb = nullptr;
  if (!res) PyErr_Fetch(&t, &v, &tb);
  if (self->finalizing) {
    PyObject* r = fileio_dealloc_warn(op, op);
    if (r)
      Py_DECREF(r);
    else
      PyErr_Clear();
  }
  int rc = internal_close(self);
  if (!res) _PyErr_ChainExceptions(t, v, tb);
  if (rc < 0) Py_CLEAR(res);
  return res;
}

PyObject* fileio_read(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  FileIOObject* self = F(op);
  Py_ssize_t size = -1;
  if (!_PyArg_CheckPositional("read", nargs, 0, 1)) return nullptr;
  if (nargs >= 1 && !convert_optional_size(args[0], &size)) return nullptr;
  if (self->fd < 0) return err_closed();
  if (!self->readable) return err_mode("reading");
  if (size < 0) return PyObject_CallMethodNoArgs(op, IO_STR("readall"));
  PyObject* bytes = PyBytes_FromStringAndSize(nullptr, size);
  if (!bytes) return nullptr;
  Py_ssize_t n = _Py_read(self->fd, PyBytes_AS_STRING(bytes), size);
  if (n == -1) {
    int err = errno;
    Py_DECREF(bytes);
    if (err == EAGAIN) {
      PyErr_Clear();
      Py_RETURN_NONE;
    }
    return nullptr;
  }
  if (n != size && _PyBytes_Resize(&bytes, n) < 0) return nullptr;
  return bytes;
}

PyObject* fileio_readall(PyObject* op, PyObject*) {
  FileIOObject* self = F(op);
  if (self->fd < 0) return err_closed();
  off_t pos, end;
  struct stat st;
  int fstat_result;
  Py_BEGIN_ALLOW_THREADS
  pos = ::lseek(self->fd, 0, SEEK_CUR);
  fstat_result = ::fstat(self->fd, &st);
  Py_END_ALLOW_THREADS
  end = fstat_result == 0 ? st.st_size : -1;
  size_t bufsize;
  if (end > 0 && end >= pos && pos >= 0 && end - pos < PY_SSIZE_T_MAX)
    bufsize = static_cast<size_t>(end - pos + 1);
  else
    bufsize = kSmallChunk;
  PyObject* result = PyBytes_FromStringAndSize(nullptr, static_cast<Py_ssize_t>(bufsize));
  if (!result) return nullptr;
  Py_ssize_t bytes_read = 0;
  for (;;) {
    if (bytes_read >= static_cast<Py_ssize_t>(bufsize)) {
      size_t cur = static_cast<size_t>(bytes_read);
      size_t addend = cur > kBigChunk ? cur >> 3 : 256 + cur;
      if (addend < kSmallChunk) addend = kSmallChunk;
      bufsize = cur + addend;
      if (bufsize > static_cast<size_t>(PY_SSIZE_T_MAX)) {
        PyErr_SetString(PyExc_OverflowError,
                        "unbounded read returned more bytes than a Python bytes object can hold");
        Py_DECREF(result);
        return nullptr;
      }
      if (PyBytes_GET_SIZE(result) < static_cast<Py_ssize_t>(bufsize) &&
          _PyBytes_Resize(&result, static_cast<Py_ssize_t>(bufsize)) < 0)
        return nullptr;
    }
    Py_ssize_t n = _Py_read(self->fd, PyBytes_AS_STRING(result) + bytes_read, bufsize - bytes_read);
    if (n == 0) break;
    if (n == -1) {
      if (errno == EAGAIN) {
        PyErr_Clear();
        if (bytes_read > 0) break;
        Py_DECREF(result);
        Py_RETURN_NONE;
      }
      Py_DECREF(result);
      return nullptr;
    }
    bytes_read += n;
  }
  if (PyBytes_GET_SIZE(result) > bytes_read && _PyBytes_Resize(&result, bytes_read) < 0)
    return nullptr;
  return result;
}

PyObject* fileio_readinto(PyObject* op, PyObject* arg) {
  FileIOObject* self = F(op);
  Py_buffer buf;
  if (PyObject_GetBuffer(arg, &buf, PyBUF_WRITABLE) < 0) {
    PyErr_Clear();
    PyErr_Format(PyExc_TypeError,
                 "readinto() argument must be read-write bytes-like object, not %.50s",
                 Py_TYPE(arg)->tp_name);
    return nullptr;
  }
  PyObject* result = nullptr;
  if (self->fd < 0) {
    err_closed();
  } else if (!self->readable) {
    err_mode("reading");
  } else {
    Py_ssize_t n = _Py_read(self->fd, buf.buf, buf.len);
    if (n == -1) {
      if (errno == EAGAIN) {
        PyErr_Clear();
        result = Py_NewRef(Py_None);
      }
    } else {
      result = PyLong_FromSsize_t(n);
    }
  }
  PyBuffer_Release(&buf);
  return result;
}

PyObject* fileio_write(PyObject* op, PyObject* arg) {
  FileIOObject* self = F(op);
  Py_buffer buf;
  if (PyObject_GetBuffer(arg, &buf, PyBUF_SIMPLE) < 0) {
    PyErr_Clear();
    PyErr_Format(PyExc_TypeError, "a bytes-like object is required, not '%.100s'",
                 Py_TYPE(arg)->tp_name);
    return nullptr;
  }
  PyObject* result = nullptr;
  if (self->fd < 0) {
    err_closed();
  } else if (!self->writable) {
    err_mode("writing");
  } else {
    Py_ssize_t n = _Py_write(self->fd, buf.buf, buf.len);
    if (n < 0) {
      if (errno == EAGAIN) {
        PyErr_Clear();
        result = Py_NewRef(Py_None);
      }
    } else {
      result = PyLong_FromSsize_t(n);
    }
  }
  PyBuffer_Release(&buf);
  return result;
}

PyObject* fileio_seek(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  FileIOObject* self = F(op);
  if (!_PyArg_CheckPositional("seek", nargs, 1, 2)) return nullptr;
  int whence = 0;
  if (nargs == 2) {
    whence = _PyLong_AsInt(args[1]);
    if (whence == -1 && PyErr_Occurred()) return nullptr;
  }
  if (self->fd < 0) return err_closed();
  return portable_lseek(self, args[0], whence, false);
}

PyObject* fileio_tell(PyObject* op, PyObject*) {
  FileIOObject* self = F(op);
  if (self->fd < 0) return err_closed();
  return portable_lseek(self, nullptr, SEEK_CUR, false);
}

PyObject* fileio_truncate(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  FileIOObject* self = F(op);
  if (!_PyArg_CheckPositional("truncate", nargs, 0, 1)) return nullptr;
  if (self->fd < 0) return err_closed();
  if (!self->writable) return err_mode("writing");
  Ref<> posobj;
  if (nargs == 0 || args[0] == Py_None) {
    posobj = steal(portable_lseek(self, nullptr, SEEK_CUR, false));
    if (!posobj) return nullptr;
  } else {
    posobj = borrow(args[0]);
  }
  long long pos = PyLong_AsLongLong(posobj.get());
  if (PyErr_Occurred()) return nullptr;
  int ret;
  Py_BEGIN_ALLOW_THREADS
  errno = 0;
  ret = ::ftruncate(self->fd, static_cast<off_t>(pos));
  Py_END_ALLOW_THREADS
  if (ret != 0) return PyErr_SetFromErrno(PyExc_OSError);
  return posobj.release();
}

PyObject* fileio_seekable(PyObject* op, PyObject*) {
  FileIOObject* self = F(op);
  if (self->fd < 0) return err_closed();
  if (self->seekable < 0) {
    PyObject* pos = portable_lseek(self, nullptr, SEEK_CUR, false);
    if (!pos) PyErr_Clear();  // seekable is now known to be 0
    Py_XDECREF(pos);
  }
  return PyBool_FromLong(self->seekable);
}

PyObject* fileio_readable(PyObject* op, PyObject*) {
  if (F(op)->fd < 0) return err_closed();
  return PyBool_FromLong(F(op)->readable);
}

PyObject* fileio_writable(PyObject* op, PyObject*) {
  if (F(op)->fd < 0) return err_closed();
  return PyBool_FromLong(F(op)->writable);
}

PyObject* fileio_fileno(PyObject* op, PyObject*) {
  if (F(op)->fd < 0) return err_closed();
  return PyLong_FromLong(F(op)->fd);
}

PyObject* fileio_isatty(PyObject* op, PyObject*) {
  if (F(op)->fd < 0) return err_closed();
  int r;
  Py_BEGIN_ALLOW_THREADS
  r = ::isatty(F(op)->fd);
  Py_END_ALLOW_THREADS
  return PyBool_FromLong(r);
}

PyObject* fileio_repr(PyObject* op) {
  FileIOObject* self = F(op);
  const char* type_name = Py_TYPE(op)->tp_name;
  if (self->fd < 0) return PyUnicode_FromFormat("<%s [closed]>", type_name);
  PyObject* nameobj;
  if (_PyObject_LookupAttr(op, IO_STR("name"), &nameobj) < 0) return nullptr;
  if (!nameobj)
    return PyUnicode_FromFormat("<%s fd=%d mode='%s' closefd=%s>", type_name, self->fd,
                                mode_string(self), self->closefd ? "True" : "False");
  PyObject* res = nullptr;
  int status = Py_ReprEnter(op);
  if (status == 0) {
    res = PyUnicode_FromFormat("<%s name=%R mode='%s' closefd=%s>", type_name, nameobj,
                               mode_string(self), self->closefd ? "True" : "False");
    Py_ReprLeave(op);
  } else if (status > 0) {
    PyErr_Format(PyExc_RuntimeError, "reentrant call inside %s.__repr__", type_name);
  }
  Py_DECREF(nameobj);
  return res;
}

PyObject* fileio_get_closed(PyObject* op, void*) { return PyBool_FromLong(F(op)->fd < 0); }
PyObject* fileio_get_closefd(PyObject* op, void*) { return PyBool_FromLong(F(op)->closefd); }
PyObject* fileio_get_mode(PyObject* op, void*) { return PyUnicode_FromString(mode_string(F(op))); }

PyMethodDef fileio_methods[] = {
    {"read", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(fileio_read)), METH_FASTCALL, nullptr},
    {"readall", fileio_readall, METH_NOARGS, nullptr},
    {"readinto", fileio_readinto, METH_O, nullptr},
    {"write", fileio_write, METH_O, nullptr},
    {"seek", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(fileio_seek)), METH_FASTCALL, nullptr},
    {"tell", fileio_tell, METH_NOARGS, nullptr},
    {"truncate", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(fileio_truncate)), METH_FASTCALL, nullptr},
    {"close", fileio_close, METH_NOARGS, nullptr},
    {"seekable", fileio_seekable, METH_NOARGS, nullptr},
    {"readable", fileio_readable, METH_NOARGS, nullptr},
    {"writable", fileio_writable, METH_NOARGS, nullptr},
    {"fileno", fileio_fileno, METH_NOARGS, nullptr},
    {"isatty", fileio_isatty, METH_NOARGS, nullptr},
    {"_dealloc_warn", fileio_dealloc_warn, METH_O, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef fileio_getset[] = {
    {"closed", fileio_get_closed, nullptr, "True if the file is closed", nullptr},
    {"closefd", fileio_get_closefd, nullptr, "True if the file descriptor will be closed by close().",
     nullptr},
    {"mode", fileio_get_mode, nullptr, "String giving the file mode", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyMemberDef fileio_members[] = {
    {"_blksize", T_UINT, offsetof(FileIOObject, blksize), 0, nullptr},
    {"_finalizing", T_BOOL, offsetof(FileIOObject, finalizing), 0, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

}  // namespace

int fileio_closed(PyObject* op) { return F(op)->fd < 0; }

PyObject* fileio_dealloc_warn(PyObject* op, PyObject* source) {
  FileIOObject* self = F(op);
  if (self->fd >= 0 && self->closefd) {
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    if (PyErr_ResourceWarning(source, 1, "unclosed file %R", source)) {
      // Spurious errors can appear at shutdown.
      if (PyErr_ExceptionMatches(PyExc_Warning)) PyErr_WriteUnraisable(op);
    }
    PyErr_Restore(t, v, tb);
  }
  Py_RETURN_NONE;
}

PyTypeObject FileIO_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "_io.FileIO",
    .tp_basicsize = sizeof(FileIOObject),
    .tp_dealloc = fileio_dealloc,
    .tp_repr = fileio_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Open a file.",
    .tp_traverse = fileio_traverse,
    .tp_clear = fileio_clear,
    .tp_weaklistoffset = offsetof(FileIOObject, weakreflist),
    .tp_methods = fileio_methods,
    .tp_members = fileio_members,
    .tp_getset = fileio_getset,
    .tp_base = &RawIOBase_Type,
    .tp_dictoffset = offsetof(FileIOObject, dict),
    .tp_init = fileio_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = fileio_new,
    .tp_finalize = nullptr,  // inherited from _IOBase
};

}  // namespace krait::io
