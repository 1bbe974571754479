// sys.stdin/stdout/stderr before `_io` exists: a small, honest text stream
// over file descriptors 0/1/2. When the real io module lands (a later issue),
// sys_module.cpp builds io.TextIOWrapper objects instead and this file goes.
// See docs/internals/objects-core2.md.
//
// Writing: str -> UTF-8 with the stream's error handler, into a byte buffer
// that is written out on flush(), when it grows past kBufferSize, after each
// newline when line-buffered (a tty, and always stderr as since 3.9), and at
// exit (flush_std_streams). Reading (stdin): UTF-8 decoding of whole lines,
// universal newlines ("\r\n" and "\r" read as "\n").
#include "modules/stdio_stream.h"

#include <structmember.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <string_view>

#include "objects/object_util.h"

namespace krait {
namespace {

constexpr size_t kBufferSize = 8192;

struct StdioStream {
  PyObject_HEAD
  int fd;
  bool readable;
  bool line_buffering;
  bool write_through;
  bool closed;
  bool eof;
  PyObject* name;      // str
  PyObject* mode;      // str
  PyObject* errors;    // str
  PyObject* encoding;  // str
  std::string* wbuf;   // pending output bytes
  std::string* rbuf;   // read-ahead input bytes (newlines already translated)
  bool pending_cr;     // input ended in '\r': a following '\n' belongs to it
};

StdioStream* as_stream(PyObject* o) { return reinterpret_cast<StdioStream*>(o); }

int write_all(int fd, const char* data, size_t len) {
  while (len > 0) {
    ssize_t n = ::write(fd, data, len);
    if (n < 0) {
      if (errno == EINTR) continue;
      PyErr_SetFromErrno(PyExc_OSError);
      return -1;
    }
    data += n;
    len -= static_cast<size_t>(n);
  }
  return 0;
}

int flush_buffer(StdioStream* s) {
  if (!s->wbuf || s->wbuf->empty()) return 0;
  std::string out;
  out.swap(*s->wbuf);
  return write_all(s->fd, out.data(), out.size());
}

bool check_open(StdioStream* s) {
  if (s->closed) {
    PyErr_SetString(PyExc_ValueError, "I/O operation on closed file.");
    return false;
  }
  return true;
}

PyObject* unsupported(const char* what) {
  // io.UnsupportedOperation subclasses OSError and ValueError; until io
  // exists, OSError carries the same message.
  PyErr_SetString(PyExc_OSError, what);
  return nullptr;
}

PyObject* stream_write(PyObject* self, PyObject* arg) {
  StdioStream* s = as_stream(self);
  if (!check_open(s)) return nullptr;
  if (s->readable) return unsupported("not writable");
  if (!PyUnicode_Check(arg)) {
    PyErr_Format(PyExc_TypeError, "write() argument must be str, not %.100s",
                 Py_TYPE(arg)->tp_name);
    return nullptr;
  }
  Py_ssize_t len;
  const char* data;
  Ref<> encoded;
  const char* errors = PyUnicode_AsUTF8(s->errors);
  if (errors && std::string_view(errors) == "strict") {
    data = PyUnicode_AsUTF8AndSize(arg, &len);  // raises on lone surrogates, as strict does
    if (!data) return nullptr;
  } else {
    encoded = steal(PyUnicode_AsEncodedString(arg, "utf-8", errors));
    if (!encoded) return nullptr;
    data = PyBytes_AS_STRING(encoded.get());
    len = PyBytes_GET_SIZE(encoded.get());
  }
  s->wbuf->append(data, static_cast<size_t>(len));
  bool flush = s->write_through || s->wbuf->size() >= kBufferSize ||
               (s->line_buffering && std::string_view(data, len).find_first_of("\n\r") !=
                                         std::string_view::npos);
  if (flush && flush_buffer(s) < 0) return nullptr;
  return PyLong_FromSsize_t(PyUnicode_GET_LENGTH(arg));
}

PyObject* stream_flush(PyObject* self, PyObject*) {
  StdioStream* s = as_stream(self);
  if (!check_open(s)) return nullptr;
  if (flush_buffer(s) < 0) return nullptr;
  Py_RETURN_NONE;
}

// Reads more input into rbuf; false at end of file.
bool fill(StdioStream* s) {
  if (s->eof) return false;
  char chunk[8192];
  ssize_t n;
  for (;;) {
    n = ::read(s->fd, chunk, sizeof chunk);
    if (n >= 0 || errno != EINTR) break;
  }
  if (n < 0) {
    PyErr_SetFromErrno(PyExc_OSError);
    return false;
  }
  if (n == 0) {
    s->eof = true;
    return false;
  }
  for (ssize_t i = 0; i < n; i++) {
    char c = chunk[i];
    if (s->pending_cr) {
      s->pending_cr = false;
      if (c == '\n') continue;  // the second half of "\r\n"
    }
    if (c == '\r') {
      s->rbuf->push_back('\n');
      s->pending_cr = true;
    } else {
      s->rbuf->push_back(c);
    }
  }
  return true;
}

PyObject* decode_taken(StdioStream* s, size_t n) {
  PyObject* r = PyUnicode_DecodeUTF8(s->rbuf->data(), static_cast<Py_ssize_t>(n),
                                     PyUnicode_AsUTF8(s->errors));
  s->rbuf->erase(0, n);
  return r;
}

PyObject* stream_readline(PyObject* self, PyObject* args) {
  StdioStream* s = as_stream(self);
  Py_ssize_t limit = -1;
  if (!PyArg_ParseTuple(args, "|n:readline", &limit)) return nullptr;
  if (!check_open(s)) return nullptr;
  if (!s->readable) return unsupported("not readable");
  if (s->wbuf && !s->wbuf->empty() && flush_buffer(s) < 0) return nullptr;
  size_t start = 0;
  for (;;) {
    size_t nl = s->rbuf->find('\n', start);
    if (nl != std::string::npos) return decode_taken(s, nl + 1);
    start = s->rbuf->size();
    if (limit >= 0 && static_cast<Py_ssize_t>(s->rbuf->size()) >= limit) break;
    if (!fill(s)) {
      if (PyErr_Occurred()) return nullptr;
      break;
    }
  }
  return decode_taken(s, s->rbuf->size());
}

PyObject* stream_read(PyObject* self, PyObject* args) {
  StdioStream* s = as_stream(self);
  Py_ssize_t size = -1;
  if (!PyArg_ParseTuple(args, "|n:read", &size)) return nullptr;
  if (!check_open(s)) return nullptr;
  if (!s->readable) return unsupported("not readable");
  while (size < 0 || static_cast<Py_ssize_t>(s->rbuf->size()) < size) {
    if (!fill(s)) {
      if (PyErr_Occurred()) return nullptr;
      break;
    }
  }
  size_t n = s->rbuf->size();
  if (size >= 0 && static_cast<size_t>(size) < n) {
    // Do not split a UTF-8 sequence: back off to a character boundary.
    n = static_cast<size_t>(size);
    while (n > 0 && (static_cast<unsigned char>((*s->rbuf)[n]) & 0xC0) == 0x80) n--;
  }
  return decode_taken(s, n);
}

PyObject* stream_readlines(PyObject* self, PyObject*) {
  Ref<> lines = steal(PyList_New(0));
  if (!lines) return nullptr;
  Ref<> noargs = steal(PyTuple_New(0));
  for (;;) {
    Ref<> line = steal(stream_readline(self, noargs.get()));
    if (!line) return nullptr;
    if (PyUnicode_GET_LENGTH(line.get()) == 0) break;
    if (PyList_Append(lines.get(), line.get()) < 0) return nullptr;
  }
  return lines.release();
}

PyObject* stream_iternext(PyObject* self) {
  Ref<> noargs = steal(PyTuple_New(0));
  PyObject* line = stream_readline(self, noargs.get());
  if (line && PyUnicode_GET_LENGTH(line) == 0) {
    Py_DECREF(line);
    return nullptr;  // StopIteration
  }
  return line;
}

PyObject* stream_iter(PyObject* self) {
  if (!check_open(as_stream(self))) return nullptr;
  Py_INCREF(self);
  return self;
}

PyObject* stream_fileno(PyObject* self, PyObject*) {
  if (!check_open(as_stream(self))) return nullptr;
  return PyLong_FromLong(as_stream(self)->fd);
}

PyObject* stream_isatty(PyObject* self, PyObject*) {
  if (!check_open(as_stream(self))) return nullptr;
  return PyBool_FromLong(::isatty(as_stream(self)->fd));
}

PyObject* stream_readable(PyObject* self, PyObject*) {
  if (!check_open(as_stream(self))) return nullptr;
  return PyBool_FromLong(as_stream(self)->readable);
}

PyObject* stream_writable(PyObject* self, PyObject*) {
  if (!check_open(as_stream(self))) return nullptr;
  return PyBool_FromLong(!as_stream(self)->readable);
}

PyObject* stream_seekable(PyObject* self, PyObject*) {
  if (!check_open(as_stream(self))) return nullptr;
  Py_RETURN_FALSE;
}

// Closing a standard stream flushes it but leaves the descriptor open (the
// process still owns fds 0-2, as with closefd=False).
PyObject* stream_close(PyObject* self, PyObject*) {
  StdioStream* s = as_stream(self);
  if (s->closed) Py_RETURN_NONE;
  int r = flush_buffer(s);
  s->closed = true;
  if (r < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* stream_enter(PyObject* self, PyObject*) {
  if (!check_open(as_stream(self))) return nullptr;
  Py_INCREF(self);
  return self;
}

PyObject* stream_exit(PyObject* self, PyObject*) { return stream_close(self, nullptr); }

PyObject* stream_repr(PyObject* self) {
  StdioStream* s = as_stream(self);
  return PyUnicode_FromFormat("<%s name=%R mode=%R encoding=%R>", Py_TYPE(self)->tp_name,
                              s->name, s->mode, s->encoding);
}

PyObject* get_closed(PyObject* self, void*) { return PyBool_FromLong(as_stream(self)->closed); }

PyObject* get_line_buffering(PyObject* self, void*) {
  return PyBool_FromLong(as_stream(self)->line_buffering);
}

PyObject* get_write_through(PyObject* self, void*) {
  return PyBool_FromLong(as_stream(self)->write_through);
}

void stream_dealloc(PyObject* self) {
  StdioStream* s = as_stream(self);
  if (!s->closed) {
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    if (flush_buffer(s) < 0) PyErr_Clear();
    PyErr_Restore(t, v, tb);
  }
  Py_XDECREF(s->name);
  Py_XDECREF(s->mode);
  Py_XDECREF(s->errors);
  Py_XDECREF(s->encoding);
  delete s->wbuf;
  delete s->rbuf;
  Py_TYPE(self)->tp_free(self);
}

PyMethodDef stream_methods[] = {
    {"write", stream_write, METH_O, nullptr},
    {"flush", stream_flush, METH_NOARGS, nullptr},
    {"read", stream_read, METH_VARARGS, nullptr},
    {"readline", stream_readline, METH_VARARGS, nullptr},
    {"readlines", stream_readlines, METH_NOARGS, nullptr},
    {"fileno", stream_fileno, METH_NOARGS, nullptr},
    {"isatty", stream_isatty, METH_NOARGS, nullptr},
    {"readable", stream_readable, METH_NOARGS, nullptr},
    {"writable", stream_writable, METH_NOARGS, nullptr},
    {"seekable", stream_seekable, METH_NOARGS, nullptr},
    {"close", stream_close, METH_NOARGS, nullptr},
    {"__enter__", stream_enter, METH_NOARGS, nullptr},
    {"__exit__", stream_exit, METH_VARARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyMemberDef stream_members[] = {
    {"name", T_OBJECT, offsetof(StdioStream, name), READONLY, nullptr},
    {"mode", T_OBJECT, offsetof(StdioStream, mode), READONLY, nullptr},
    {"errors", T_OBJECT, offsetof(StdioStream, errors), READONLY, nullptr},
    {"encoding", T_OBJECT, offsetof(StdioStream, encoding), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyGetSetDef stream_getset[] = {
    {"closed", get_closed, nullptr, nullptr, nullptr},
    {"line_buffering", get_line_buffering, nullptr, nullptr, nullptr},
    {"write_through", get_write_through, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

PyTypeObject StdioStream_Type = {
    .ob_base = KRAIT_IMMORTAL_VAR_HEAD(&PyType_Type, 0),
    .tp_name = "krait.StdioStream",
    .tp_basicsize = sizeof(StdioStream),
    .tp_dealloc = stream_dealloc,
    .tp_repr = stream_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "A text stream over a standard file descriptor (until _io exists).",
    .tp_iter = stream_iter,
    .tp_iternext = stream_iternext,
    .tp_methods = stream_methods,
    .tp_members = stream_members,
    .tp_getset = stream_getset,
};

PyObject* stdio_stream_new(int fd, const char* name, const char* mode, const char* errors,
                           bool line_buffering, bool write_through) {
  if (PyType_Ready(&StdioStream_Type) < 0) return nullptr;
  StdioStream* s = PyObject_New(StdioStream, &StdioStream_Type);
  if (!s) return nullptr;
  s->fd = fd;
  s->readable = mode[0] == 'r';
  s->line_buffering = line_buffering;
  s->write_through = write_through;
  s->closed = false;
  s->eof = false;
  s->pending_cr = false;
  s->name = PyUnicode_FromString(name);
  s->mode = PyUnicode_FromString(mode);
  s->errors = PyUnicode_FromString(errors);
  s->encoding = PyUnicode_FromString("utf-8");
  s->wbuf = new std::string();
  s->rbuf = new std::string();
  if (!s->name || !s->mode || !s->errors || !s->encoding) {
    Py_DECREF(s);
    return nullptr;
  }
  return reinterpret_cast<PyObject*>(s);
}

int stdio_stream_flush(PyObject* stream) {
  if (!PyObject_TypeCheck(stream, &StdioStream_Type)) return 0;
  StdioStream* s = as_stream(stream);
  if (s->closed) return 0;
  return flush_buffer(s);
}

}  // namespace krait
