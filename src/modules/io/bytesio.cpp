// bytesio.cpp — _io.BytesIO, an in-memory binary stream, and the
// _io._BytesIOBuffer behind getbuffer()'s memoryview.
//
// The data live in a bytes object that getvalue() and a whole read() can
// hand out without copying; it is copied ("unshared") before any change
// while someone else holds it. While getbuffer() views exist the buffer
// cannot be resized (BufferError), as in CPython.
#include <Python.h>

#include <algorithm>
#include <cstring>

#include "modules/io/io.h"

using namespace krait;

namespace krait::io {

namespace {

struct BytesIOObject {
  PyObject_HEAD
  PyObject* buf;  // bytes; nullptr when closed
  Py_ssize_t pos;
  Py_ssize_t string_size;
  PyObject* dict;
  PyObject* weakreflist;
  Py_ssize_t exports;
};

struct BytesIOBufferObject {
  PyObject_HEAD
  BytesIOObject* source;
};

inline BytesIOObject* B(PyObject* o) { return reinterpret_cast<BytesIOObject*>(o); }

bool shared_buf(BytesIOObject* self) { return Py_REFCNT(self->buf) > 1; }

bool check_closed(BytesIOObject* self) {
  if (!self->buf) {
    PyErr_SetString(PyExc_ValueError, "I/O operation on closed file.");
    return false;
  }
  return true;
}

bool check_exports(BytesIOObject* self) {
  if (self->exports > 0) {
    PyErr_SetString(PyExc_BufferError, "Existing exports of data: object cannot be re-sized");
    return false;
  }
  return true;
}

// Gives self a private copy of its buffer, of the given size.
int unshare_buffer(BytesIOObject* self, size_t size) {
  PyObject* nb = PyBytes_FromStringAndSize(nullptr, static_cast<Py_ssize_t>(size));
  if (!nb) return -1;
  memcpy(PyBytes_AS_STRING(nb), PyBytes_AS_STRING(self->buf), self->string_size);
  Py_SETREF(self->buf, nb);
  return 0;
}

int resize_buffer(BytesIOObject* self, size_t size) {
  size_t alloc = static_cast<size_t>(PyBytes_GET_SIZE(self->buf));
  if (size > static_cast<size_t>(PY_SSIZE_T_MAX)) {
    PyErr_SetString(PyExc_OverflowError, "new buffer size too large");
    return -1;
  }
  if (size < alloc / 2)
    alloc = size + 1;  // major downsize
  else if (size < alloc)
    return 0;
  else if (size <= alloc * 1.125)
    alloc = size + (size >> 3) + (size < 9 ? 3 : 6);
  else
    alloc = size + 1;
  if (shared_buf(self)) return unshare_buffer(self, alloc);
  return _PyBytes_Resize(&self->buf, static_cast<Py_ssize_t>(alloc));
}

Py_ssize_t write_bytes(BytesIOObject* self, PyObject* b) {
  if (!check_closed(self) || !check_exports(self)) return -1;
  Py_buffer buf;
  if (PyObject_GetBuffer(b, &buf, PyBUF_CONTIG_RO) < 0) return -1;
  Py_ssize_t len = buf.len;
  if (len == 0) {
    PyBuffer_Release(&buf);
    return 0;
  }
  size_t endpos = static_cast<size_t>(self->pos) + len;
  if (endpos > static_cast<size_t>(PyBytes_GET_SIZE(self->buf))) {
    if (resize_buffer(self, endpos) < 0) len = -1;
  } else if (shared_buf(self)) {
    if (unshare_buffer(self, std::max(endpos, static_cast<size_t>(self->string_size))) < 0) len = -1;
  }
  if (len > 0) {
    if (self->pos > self->string_size)
      memset(PyBytes_AS_STRING(self->buf) + self->string_size, 0, self->pos - self->string_size);
    memcpy(PyBytes_AS_STRING(self->buf) + self->pos, buf.buf, len);
    self->pos = static_cast<Py_ssize_t>(endpos);
    if (self->string_size < self->pos) self->string_size = self->pos;
  }
  PyBuffer_Release(&buf);
  return len;
}

// Length of the next line (limited to len when len >= 0).
Py_ssize_t scan_eol(BytesIOObject* self, Py_ssize_t len) {
  if (self->pos >= self->string_size) return 0;
  const char* start = PyBytes_AS_STRING(self->buf) + self->pos;
  Py_ssize_t maxlen = self->string_size - self->pos;
  if (len < 0 || len > maxlen) len = maxlen;
  if (len) {
    const char* n = static_cast<const char*>(memchr(start, '\n', len));
    if (n) len = n - start + 1;
  }
  return len;
}

PyObject* read_bytes(BytesIOObject* self, Py_ssize_t size) {
  if (size > 1 && self->pos == 0 && size == PyBytes_GET_SIZE(self->buf) && self->exports == 0) {
    self->pos += size;
    return Py_NewRef(self->buf);
  }
  const char* output = PyBytes_AS_STRING(self->buf) + self->pos;
  self->pos += size;
  return PyBytes_FromStringAndSize(output, size);
}

PyObject* bytesio_new(PyTypeObject* type, PyObject*, PyObject*) {
  PyObject* o = type->tp_alloc(type, 0);
  if (!o) return nullptr;
  B(o)->buf = PyBytes_FromStringAndSize(nullptr, 0);
  if (!B(o)->buf) {
    Py_DECREF(o);
    return nullptr;
  }
  return o;
}

int bytesio_init(PyObject* op, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"initial_bytes", nullptr};
  PyObject* initvalue = nullptr;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|O:BytesIO", const_cast<char**>(kwlist), &initvalue))
    return -1;
  BytesIOObject* self = B(op);
  if (!check_exports(self)) return -1;
  if (!self->buf) {
    self->buf = PyBytes_FromStringAndSize(nullptr, 0);
    if (!self->buf) return -1;
  }
  self->string_size = 0;
  self->pos = 0;
  if (initvalue && initvalue != Py_None) {
    if (PyBytes_CheckExact(initvalue)) {
      Py_SETREF(self->buf, Py_NewRef(initvalue));
      self->string_size = PyBytes_GET_SIZE(initvalue);
    } else {
      if (write_bytes(self, initvalue) < 0) return -1;
      self->pos = 0;
    }
  }
  return 0;
}

void bytesio_dealloc(PyObject* op) {
  BytesIOObject* self = B(op);
  PyObject_GC_UnTrack(op);
  if (self->exports > 0) {
    PyErr_SetString(PyExc_SystemError, "deallocated BytesIO object has exported buffers");
    PyErr_Print();
  }
  Py_CLEAR(self->buf);
  Py_CLEAR(self->dict);
  if (self->weakreflist) PyObject_ClearWeakRefs(op);
  Py_TYPE(op)->tp_free(op);
}

int bytesio_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(B(op)->dict);
  return 0;
}

int bytesio_clear(PyObject* op) {
  Py_CLEAR(B(op)->dict);
  return 0;
}

PyObject* bytesio_getvalue(PyObject* op, PyObject*) {
  BytesIOObject* self = B(op);
  if (!check_closed(self)) return nullptr;
  if (self->string_size <= 1 || self->exports > 0)
    return PyBytes_FromStringAndSize(PyBytes_AS_STRING(self->buf), self->string_size);
  if (self->string_size != PyBytes_GET_SIZE(self->buf)) {
    if (shared_buf(self)) {
      if (unshare_buffer(self, self->string_size) < 0) return nullptr;
    } else if (_PyBytes_Resize(&self->buf, self->string_size) < 0) {
      return nullptr;
    }
  }
  return Py_NewRef(self->buf);
}

PyObject* bytesio_getbuffer(PyObject* op, PyObject*) {
  BytesIOObject* self = B(op);
  if (!check_closed(self)) return nullptr;
  auto* b = PyObject_GC_New(BytesIOBufferObject, &_PyBytesIOBuffer_Type);
  if (!b) return nullptr;
  b->source = reinterpret_cast<BytesIOObject*>(Py_NewRef(op));
  PyObject_GC_Track(b);
  PyObject* view = PyMemoryView_FromObject(reinterpret_cast<PyObject*>(b));
  Py_DECREF(b);
  return view;
}

PyObject* bytesio_true_if_open(PyObject* op, PyObject*) {
  if (!check_closed(B(op))) return nullptr;
  Py_RETURN_TRUE;
}

PyObject* bytesio_isatty(PyObject* op, PyObject*) {
  if (!check_closed(B(op))) return nullptr;
  Py_RETURN_FALSE;
}

PyObject* bytesio_flush(PyObject* op, PyObject*) {
  if (!check_closed(B(op))) return nullptr;
  Py_RETURN_NONE;
}

PyObject* bytesio_tell(PyObject* op, PyObject*) {
  if (!check_closed(B(op))) return nullptr;
  return PyLong_FromSsize_t(B(op)->pos);
}

PyObject* bytesio_read(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  BytesIOObject* self = B(op);
  if (!_PyArg_CheckPositional("read", nargs, 0, 1)) return nullptr;
  Py_ssize_t size = -1;
  if (nargs && !convert_optional_size(args[0], &size)) return nullptr;
  if (!check_closed(self)) return nullptr;
  Py_ssize_t n = self->string_size - self->pos;
  if (size < 0 || size > n) {
    size = n;
    if (size < 0) size = 0;
  }
  return read_bytes(self, size);
}

PyObject* bytesio_read1(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("read1", nargs, 0, 1)) return nullptr;
  return bytesio_read(op, args, nargs);
}

PyObject* bytesio_readline(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  BytesIOObject* self = B(op);
  if (!_PyArg_CheckPositional("readline", nargs, 0, 1)) return nullptr;
  Py_ssize_t size = -1;
  if (nargs && !convert_optional_size(args[0], &size)) return nullptr;
  if (!check_closed(self)) return nullptr;
  return read_bytes(self, scan_eol(self, size));
}

PyObject* bytesio_readlines(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  BytesIOObject* self = B(op);
  if (!_PyArg_CheckPositional("readlines", nargs, 0, 1)) return nullptr;
  Py_ssize_t maxsize = 0;
  if (nargs && args[0] != Py_None) {
    if (!PyLong_Check(args[0])) {
      PyErr_Format(PyExc_TypeError, "integer argument expected, got '%s'",
                   Py_TYPE(args[0])->tp_name);
      return nullptr;
    }
    maxsize = PyLong_AsSsize_t(args[0]);
    if (maxsize == -1 && PyErr_Occurred()) return nullptr;
  }
  if (!check_closed(self)) return nullptr;
  Ref<> result = steal(PyList_New(0));
  if (!result) return nullptr;
  Py_ssize_t size = 0, n;
  while ((n = scan_eol(self, -1)) != 0) {
    const char* output = PyBytes_AS_STRING(self->buf) + self->pos;
    self->pos += n;
    Ref<> line = steal(PyBytes_FromStringAndSize(output, n));
    if (!line || PyList_Append(result.get(), line.get()) < 0) return nullptr;
    size += n;
    if (maxsize > 0 && size >= maxsize) break;
  }
  return result.release();
}

PyObject* bytesio_readinto(PyObject* op, PyObject* arg) {
  BytesIOObject* self = B(op);
  Py_buffer buf;
  if (PyObject_GetBuffer(arg, &buf, PyBUF_WRITABLE) < 0) {
    PyErr_Clear();
    PyErr_Format(PyExc_TypeError,
                 "readinto() argument must be read-write bytes-like object, not %.50s",
                 Py_TYPE(arg)->tp_name);
    return nullptr;
  }
  PyObject* result = nullptr;
  if (check_closed(self)) {
    Py_ssize_t len = buf.len;
    Py_ssize_t n = self->string_size - self->pos;
    if (len > n) {
      len = n;
      if (len < 0) len = 0;
    }
    memcpy(buf.buf, PyBytes_AS_STRING(self->buf) + self->pos, len);
    self->pos += len;
    result = PyLong_FromSsize_t(len);
  }
  PyBuffer_Release(&buf);
  return result;
}

PyObject* bytesio_truncate(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  BytesIOObject* self = B(op);
  if (!_PyArg_CheckPositional("truncate", nargs, 0, 1)) return nullptr;
  Py_ssize_t size = self->pos;
  if (nargs && !convert_optional_size(args[0], &size)) return nullptr;
  if (!check_closed(self) || !check_exports(self)) return nullptr;
  if (size < 0) {
    PyErr_Format(PyExc_ValueError, "negative size value %zd", size);
    return nullptr;
  }
  if (size < self->string_size) {
    self->string_size = size;
    if (resize_buffer(self, size) < 0) return nullptr;
  }
  return PyLong_FromSsize_t(size);
}

PyObject* bytesio_iter(PyObject* op) {
  if (!check_closed(B(op))) return nullptr;
  return Py_NewRef(op);
}

PyObject* bytesio_iternext(PyObject* op) {
  BytesIOObject* self = B(op);
  if (!check_closed(self)) return nullptr;
  Py_ssize_t n = scan_eol(self, -1);
  if (n == 0) return nullptr;
  return read_bytes(self, n);
}

PyObject* bytesio_seek(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  BytesIOObject* self = B(op);
  if (!_PyArg_CheckPositional("seek", nargs, 1, 2)) return nullptr;
  Py_ssize_t pos = PyNumber_AsSsize_t(args[0], PyExc_OverflowError);
  if (pos == -1 && PyErr_Occurred()) return nullptr;
  int whence = 0;
  if (nargs == 2) {
    whence = _PyLong_AsInt(args[1]);
    if (whence == -1 && PyErr_Occurred()) return nullptr;
  }
  if (!check_closed(self)) return nullptr;
  if (pos < 0 && whence == 0) {
    PyErr_Format(PyExc_ValueError, "negative seek value %zd", pos);
    return nullptr;
  }
  if (whence == 1) {
    if (pos > PY_SSIZE_T_MAX - self->pos) {
      PyErr_SetString(PyExc_OverflowError, "new position too large");
      return nullptr;
    }
    pos += self->pos;
  } else if (whence == 2) {
    if (pos > PY_SSIZE_T_MAX - self->string_size) {
      PyErr_SetString(PyExc_OverflowError, "new position too large");
      return nullptr;
    }
    pos += self->string_size;
  } else if (whence != 0) {
    PyErr_Format(PyExc_ValueError, "invalid whence (%i, should be 0, 1 or 2)", whence);
    return nullptr;
  }
  if (pos < 0) pos = 0;
  self->pos = pos;
  return PyLong_FromSsize_t(pos);
}

PyObject* bytesio_write(PyObject* op, PyObject* b) {
  Py_ssize_t n = write_bytes(B(op), b);
  return n >= 0 ? PyLong_FromSsize_t(n) : nullptr;
}

PyObject* bytesio_writelines(PyObject* op, PyObject* lines) {
  if (!check_closed(B(op))) return nullptr;  // even for an empty iterable, as CPython
  Ref<> it = steal(PyObject_GetIter(lines));
  if (!it) return nullptr;
  for (;;) {
    Ref<> item = steal(PyIter_Next(it.get()));
    if (!item) break;
    if (write_bytes(B(op), item.get()) < 0) return nullptr;
  }
  if (PyErr_Occurred()) return nullptr;
  Py_RETURN_NONE;
}

PyObject* bytesio_close(PyObject* op, PyObject*) {
  if (!check_exports(B(op))) return nullptr;
  Py_CLEAR(B(op)->buf);
  Py_RETURN_NONE;
}

PyObject* bytesio_getstate(PyObject* op, PyObject*) {
  BytesIOObject* self = B(op);
  Ref<> initvalue = steal(bytesio_getvalue(op, nullptr));
  if (!initvalue) return nullptr;
  PyObject* dict;
  if (!self->dict) {
    dict = Py_NewRef(Py_None);
  } else {
    dict = PyDict_Copy(self->dict);
    if (!dict) return nullptr;
  }
  return Py_BuildValue("(OnN)", initvalue.get(), self->pos, dict);
}

PyObject* bytesio_setstate(PyObject* op, PyObject* state) {
  BytesIOObject* self = B(op);
  if (!PyTuple_Check(state) || PyTuple_GET_SIZE(state) < 3) {
    PyErr_Format(PyExc_TypeError, "%.200s.__setstate__ argument should be 3-tuple, got %.200s",
                 Py_TYPE(op)->tp_name, Py_TYPE(state)->tp_name);
    return nullptr;
  }
  if (!check_exports(self)) return nullptr;
  self->string_size = 0;
  self->pos = 0;
  if (write_bytes(self, PyTuple_GET_ITEM(state, 0)) < 0) return nullptr;
  PyObject* position_obj = PyTuple_GET_ITEM(state, 1);
  if (!PyLong_Check(position_obj)) {
    PyErr_Format(PyExc_TypeError, "second item of state must be an integer, not %.200s",
                 Py_TYPE(position_obj)->tp_name);
    return nullptr;
  }
  Py_ssize_t pos = PyLong_AsSsize_t(position_obj);
  if (pos == -1 && PyErr_Occurred()) return nullptr;
  if (pos < 0) {
    PyErr_SetString(PyExc_ValueError, "position value cannot be negative");
    return nullptr;
  }
  self->pos = pos;
  PyObject* dict = PyTuple_GET_ITEM(state, 2);
  if (dict != Py_None) {
    if (!PyDict_Check(dict)) {
      PyErr_Format(PyExc_TypeError, "third item of state should be a dict, got a %.200s",
                   Py_TYPE(dict)->tp_name);
      return nullptr;
    }
    if (self->dict) {
      if (PyDict_Update(self->dict, dict) < 0) return nullptr;
    } else {
      self->dict = Py_NewRef(dict);
    }
  }
  Py_RETURN_NONE;
}

PyObject* bytesio_sizeof(PyObject* op, PyObject*) {
  Py_ssize_t res = _PyObject_SIZE(Py_TYPE(op));
  if (B(op)->buf && Py_REFCNT(B(op)->buf) == 1) res += PyBytes_GET_SIZE(B(op)->buf) + 1 + sizeof(PyBytesObject);
  return PyLong_FromSsize_t(res);
}

PyObject* bytesio_closed_get(PyObject* op, void*) { return PyBool_FromLong(B(op)->buf == nullptr); }

#define FASTCALL(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(f))

PyMethodDef bytesio_methods[] = {
    {"readable", bytesio_true_if_open, METH_NOARGS, nullptr},
    {"seekable", bytesio_true_if_open, METH_NOARGS, nullptr},
    {"writable", bytesio_true_if_open, METH_NOARGS, nullptr},
    {"close", bytesio_close, METH_NOARGS, nullptr},
    {"flush", bytesio_flush, METH_NOARGS, nullptr},
    {"isatty", bytesio_isatty, METH_NOARGS, nullptr},
    {"tell", bytesio_tell, METH_NOARGS, nullptr},
    {"write", bytesio_write, METH_O, nullptr},
    {"writelines", bytesio_writelines, METH_O, nullptr},
    {"read1", FASTCALL(bytesio_read1), METH_FASTCALL, nullptr},
    {"readinto", bytesio_readinto, METH_O, nullptr},
    {"readline", FASTCALL(bytesio_readline), METH_FASTCALL, nullptr},
    {"readlines", FASTCALL(bytesio_readlines), METH_FASTCALL, nullptr},
    {"read", FASTCALL(bytesio_read), METH_FASTCALL, nullptr},
    {"getbuffer", bytesio_getbuffer, METH_NOARGS, nullptr},
    {"getvalue", bytesio_getvalue, METH_NOARGS, nullptr},
    {"seek", FASTCALL(bytesio_seek), METH_FASTCALL, nullptr},
    {"truncate", FASTCALL(bytesio_truncate), METH_FASTCALL, nullptr},
    {"__getstate__", bytesio_getstate, METH_NOARGS, nullptr},
    {"__setstate__", bytesio_setstate, METH_O, nullptr},
    {"__sizeof__", bytesio_sizeof, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef bytesio_getset[] = {
    {"closed", bytesio_closed_get, nullptr, "True if the file is closed.", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

// -- _BytesIOBuffer -----------------------------------------------------------

int bytesiobuf_getbuffer(PyObject* op, Py_buffer* view, int flags) {
  auto* obj = reinterpret_cast<BytesIOBufferObject*>(op);
  if (!view) {
    PyErr_SetString(PyExc_BufferError, "bytesiobuf_getbuffer: view==NULL argument is obsolete");
    return -1;
  }
  BytesIOObject* b = obj->source;
  if (shared_buf(b) && unshare_buffer(b, b->string_size) < 0) return -1;
  PyBuffer_FillInfo(view, op, PyBytes_AS_STRING(b->buf), b->string_size, 0, flags);
  b->exports++;
  return 0;
}

void bytesiobuf_releasebuffer(PyObject* op, Py_buffer*) {
  reinterpret_cast<BytesIOBufferObject*>(op)->source->exports--;
}

int bytesiobuf_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<PyObject*>(reinterpret_cast<BytesIOBufferObject*>(op)->source));
  return 0;
}

void bytesiobuf_dealloc(PyObject* op) {
  PyObject_GC_UnTrack(op);
  Py_CLEAR(reinterpret_cast<BytesIOBufferObject*>(op)->source);
  PyObject_GC_Del(op);
}

PyBufferProcs bytesiobuf_as_buffer = {bytesiobuf_getbuffer, bytesiobuf_releasebuffer};

}  // namespace

PyTypeObject BytesIO_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "_io.BytesIO",
    .tp_basicsize = sizeof(BytesIOObject),
    .tp_dealloc = bytesio_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Buffered I/O implementation using an in-memory bytes buffer.",
    .tp_traverse = bytesio_traverse,
    .tp_clear = bytesio_clear,
    .tp_weaklistoffset = offsetof(BytesIOObject, weakreflist),
    .tp_iter = bytesio_iter,
    .tp_iternext = bytesio_iternext,
    .tp_methods = bytesio_methods,
    .tp_getset = bytesio_getset,
    .tp_base = &BufferedIOBase_Type,
    .tp_dictoffset = offsetof(BytesIOObject, dict),
    .tp_init = bytesio_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = bytesio_new,
};

PyTypeObject _PyBytesIOBuffer_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "_io._BytesIOBuffer",
    .tp_basicsize = sizeof(BytesIOBufferObject),
    .tp_dealloc = bytesiobuf_dealloc,
    .tp_as_buffer = &bytesiobuf_as_buffer,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = bytesiobuf_traverse,
};

}  // namespace krait::io
