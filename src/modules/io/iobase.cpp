// iobase.cpp — the abstract bases _io._IOBase, _RawIOBase, _BufferedIOBase and
// _TextIOBase, with CPython 3.11's default method implementations.
//
// _IOBase keeps its "closed" state as the instance attribute __IOBase_closed
// (as CPython does), so Python subclasses that override close() still see
// the base's bookkeeping. Every instance has a __dict__ and weakref slot.
#include <Python.h>
#include <structmember.h>

#include "modules/io/io.h"

using namespace krait;

namespace krait::io {

namespace {

struct IOBaseObject {
  PyObject_HEAD
  PyObject* dict;
  PyObject* weakreflist;
};

// 1 when __IOBase_closed is set, 0 when not, -1 on error.
int is_closed(PyObject* self) {
  PyObject* res;
  int r = _PyObject_LookupAttr(self, IO_STR("__IOBase_closed"), &res);
  Py_XDECREF(res);
  return r;
}

PyObject* iobase_unsupported_meth(const char* name) { return unsupported(name); }

PyObject* iobase_seek(PyObject*, PyObject*) { return iobase_unsupported_meth("seek"); }
PyObject* iobase_truncate(PyObject*, PyObject*) { return iobase_unsupported_meth("truncate"); }
PyObject* iobase_fileno(PyObject*, PyObject*) { return iobase_unsupported_meth("fileno"); }

PyObject* iobase_tell(PyObject* self, PyObject*) {
  return PyObject_CallMethod(self, "seek", "ii", 0, 1);
}

PyObject* iobase_flush(PyObject* self, PyObject*) {
  int closed = is_closed(self);
  if (closed == 0) Py_RETURN_NONE;
  if (closed > 0) PyErr_SetString(PyExc_ValueError, "I/O operation on closed file.");
  return nullptr;
}

PyObject* iobase_close(PyObject* self, PyObject*) {
  int closed = is_closed(self);
  if (closed < 0) return nullptr;
  if (closed) Py_RETURN_NONE;
  PyObject* res = PyObject_CallMethodNoArgs(self, IO_STR("flush"));
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  int rc = PyObject_SetAttr(self, IO_STR("__IOBase_closed"), Py_True);
  _PyErr_ChainExceptions(t, v, tb);
  if (rc < 0) Py_CLEAR(res);
  if (!res) return nullptr;
  Py_DECREF(res);
  Py_RETURN_NONE;
}

PyObject* iobase_false(PyObject*, PyObject*) { Py_RETURN_FALSE; }

PyObject* iobase_check_closed_meth(PyObject* self, PyObject*) {
  if (iobase_check_closed(self) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* iobase_enter(PyObject* self, PyObject*) {
  if (iobase_check_closed(self) < 0) return nullptr;
  return Py_NewRef(self);
}

PyObject* iobase_exit(PyObject* self, PyObject*) {
  return PyObject_CallMethodNoArgs(self, IO_STR("close"));
}

PyObject* iobase_isatty(PyObject* self, PyObject*) {
  if (iobase_check_closed(self) < 0) return nullptr;
  Py_RETURN_FALSE;
}

PyObject* iobase_readline(PyObject* self, PyObject* args) {
  Py_ssize_t limit = -1;
  if (!PyArg_ParseTuple(args, "|O&:readline", convert_optional_size, &limit)) return nullptr;
  PyObject* peek;
  if (_PyObject_LookupAttr(self, IO_STR("peek"), &peek) < 0) return nullptr;
  Ref<> peek_ref = steal(peek);
  Ref<> buffer = steal(PyByteArray_FromStringAndSize(nullptr, 0));
  if (!buffer) return nullptr;
  while (limit < 0 || PyByteArray_GET_SIZE(buffer.get()) < limit) {
    Py_ssize_t nreadahead = 1;
    if (peek) {
      Ref<> readahead = steal(PyObject_CallFunction(peek, "i", 1));
      if (!readahead) {
        if (trap_eintr() > 0) continue;
        return nullptr;
      }
      if (!PyBytes_Check(readahead.get())) {
        PyErr_Format(PyExc_OSError, "peek() should have returned a bytes object, not '%.200s'",
                     Py_TYPE(readahead.get())->tp_name);
        return nullptr;
      }
      Py_ssize_t n = PyBytes_GET_SIZE(readahead.get());
      if (n > 0) {
        const char* buf = PyBytes_AS_STRING(readahead.get());
        Py_ssize_t i = 0;
        if (limit >= 0) {
          do {
            if (i >= n || i >= limit) break;
          } while (buf[i++] != '\n');
        } else {
          do {
            if (i >= n) break;
          } while (buf[i++] != '\n');
        }
        nreadahead = i;
      }
    }
    Ref<> b = steal(PyObject_CallMethod(self, "read", "n", nreadahead));
    if (!b) {
      if (trap_eintr() > 0) continue;
      return nullptr;
    }
    if (!PyBytes_Check(b.get())) {
      PyErr_Format(PyExc_OSError, "read() should have returned a bytes object, not '%.200s'",
                   Py_TYPE(b.get())->tp_name);
      return nullptr;
    }
    if (PyBytes_GET_SIZE(b.get()) == 0) break;
    Py_ssize_t old = PyByteArray_GET_SIZE(buffer.get());
    if (PyByteArray_Resize(buffer.get(), old + PyBytes_GET_SIZE(b.get())) < 0) return nullptr;
    memcpy(PyByteArray_AS_STRING(buffer.get()) + old, PyBytes_AS_STRING(b.get()),
           PyBytes_GET_SIZE(b.get()));
    if (PyByteArray_AS_STRING(buffer.get())[PyByteArray_GET_SIZE(buffer.get()) - 1] == '\n') break;
  }
  return PyBytes_FromStringAndSize(PyByteArray_AS_STRING(buffer.get()),
                                   PyByteArray_GET_SIZE(buffer.get()));
}

PyObject* iobase_iter(PyObject* self) {
  if (iobase_check_closed(self) < 0) return nullptr;
  return Py_NewRef(self);
}

PyObject* iobase_iternext(PyObject* self) {
  PyObject* line = PyObject_CallMethodNoArgs(self, IO_STR("readline"));
  if (!line) return nullptr;
  if (PyObject_Size(line) <= 0) {
    // An error from len() propagates; an empty line ends the iteration.
    Py_DECREF(line);
    return nullptr;
  }
  return line;
}

PyObject* iobase_readlines(PyObject* self, PyObject* args) {
  Py_ssize_t hint = -1;
  if (!PyArg_ParseTuple(args, "|O&:readlines", convert_optional_size, &hint)) return nullptr;
  Ref<> result = steal(PyList_New(0));
  if (!result) return nullptr;
  if (hint <= 0) {
    // list.extend(self) so that subclasses' __iter__/__next__ are honoured.
    Ref<> r = steal(PyObject_CallMethodOneArg(result.get(), IO_STR("extend"), self));
    if (!r) return nullptr;
    return result.release();
  }
  Ref<> it = steal(PyObject_GetIter(self));
  if (!it) return nullptr;
  Py_ssize_t length = 0;
  for (;;) {
    Ref<> line = steal(PyIter_Next(it.get()));
    if (!line) {
      if (PyErr_Occurred()) return nullptr;
      break;
    }
    if (PyList_Append(result.get(), line.get()) < 0) return nullptr;
    Py_ssize_t n = PyObject_Size(line.get());
    if (n < 0) return nullptr;
    if (n > hint - length) break;
    length += n;
  }
  return result.release();
}

PyObject* iobase_writelines(PyObject* self, PyObject* lines) {
  if (iobase_check_closed(self) < 0) return nullptr;
  Ref<> it = steal(PyObject_GetIter(lines));
  if (!it) return nullptr;
  for (;;) {
    Ref<> line = steal(PyIter_Next(it.get()));
    if (!line) {
      if (PyErr_Occurred()) return nullptr;
      break;
    }
    Ref<> res;
    do {
      res = steal(PyObject_CallMethodOneArg(self, IO_STR("write"), line.get()));
    } while (!res && trap_eintr() > 0);
    if (!res) return nullptr;
  }
  Py_RETURN_NONE;
}

PyObject* iobase_closed_get(PyObject* self, void*) {
  int r = is_closed(self);
  if (r < 0) return nullptr;
  return PyBool_FromLong(r);
}

void iobase_finalize(PyObject* self) { iobase_finalize_close(self); }

int iobase_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<IOBaseObject*>(self)->dict);
  return 0;
}

int iobase_clear(PyObject* self) {
  Py_CLEAR(reinterpret_cast<IOBaseObject*>(self)->dict);
  return 0;
}

void iobase_dealloc(PyObject* self) {
  if (PyObject_CallFinalizerFromDealloc(self) < 0) return;  // resurrected by close()
  PyObject_GC_UnTrack(self);
  auto* o = reinterpret_cast<IOBaseObject*>(self);
  if (o->weakreflist) PyObject_ClearWeakRefs(self);
  Py_CLEAR(o->dict);
  Py_TYPE(self)->tp_free(self);
}

PyMethodDef iobase_methods[] = {
    {"seek", iobase_seek, METH_VARARGS, nullptr},
    {"tell", iobase_tell, METH_NOARGS, nullptr},
    {"truncate", iobase_truncate, METH_VARARGS, nullptr},
    {"flush", iobase_flush, METH_NOARGS, nullptr},
    {"close", iobase_close, METH_NOARGS, nullptr},
    {"seekable", iobase_false, METH_NOARGS, nullptr},
    {"readable", iobase_false, METH_NOARGS, nullptr},
    {"writable", iobase_false, METH_NOARGS, nullptr},
    {"_checkClosed", iobase_check_closed_meth, METH_VARARGS, nullptr},
    {"_checkSeekable", iobase_check_seekable, METH_VARARGS, nullptr},
    {"_checkReadable", iobase_check_readable, METH_VARARGS, nullptr},
    {"_checkWritable", iobase_check_writable, METH_VARARGS, nullptr},
    {"fileno", iobase_fileno, METH_NOARGS, nullptr},
    {"isatty", iobase_isatty, METH_NOARGS, nullptr},
    {"__enter__", iobase_enter, METH_NOARGS, nullptr},
    {"__exit__", iobase_exit, METH_VARARGS, nullptr},
    {"readline", iobase_readline, METH_VARARGS, nullptr},
    {"readlines", iobase_readlines, METH_VARARGS, nullptr},
    {"writelines", iobase_writelines, METH_O, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef iobase_getset[] = {
    {"__dict__", PyObject_GenericGetDict, nullptr, nullptr, nullptr},
    {"closed", iobase_closed_get, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

// -- _RawIOBase ---------------------------------------------------------------

PyObject* rawiobase_read(PyObject* self, PyObject* args) {
  Py_ssize_t n = -1;
  if (!PyArg_ParseTuple(args, "|n:read", &n)) return nullptr;
  if (n < 0) return PyObject_CallMethodNoArgs(self, IO_STR("readall"));
  Ref<> b = steal(PyByteArray_FromStringAndSize(nullptr, n));
  if (!b) return nullptr;
  Ref<> res = steal(PyObject_CallMethodOneArg(self, IO_STR("readinto"), b.get()));
  if (!res || res.get() == Py_None) return res.release();
  Py_ssize_t got = PyNumber_AsSsize_t(res.get(), PyExc_ValueError);
  if (got == -1 && PyErr_Occurred()) return nullptr;
  if (got < 0 || got > n) {
    PyErr_Format(PyExc_ValueError, "readinto returned %zd outside buffer size %zd", got, n);
    return nullptr;
  }
  return PyBytes_FromStringAndSize(PyByteArray_AS_STRING(b.get()), got);
}

PyObject* rawiobase_readall(PyObject* self, PyObject*) {
  Ref<> chunks = steal(PyList_New(0));
  if (!chunks) return nullptr;
  for (;;) {
    Ref<> data = steal(PyObject_CallMethod(self, "read", "i", static_cast<int>(kDefaultBufferSize)));
    if (!data) {
      if (trap_eintr() > 0) continue;
      return nullptr;
    }
    if (data.get() == Py_None) {
      if (PyList_GET_SIZE(chunks.get()) == 0) return data.release();
      break;
    }
    if (!PyBytes_Check(data.get())) {
      PyErr_SetString(PyExc_TypeError, "read() should return bytes");
      return nullptr;
    }
    if (PyBytes_GET_SIZE(data.get()) == 0) break;
    if (PyList_Append(chunks.get(), data.get()) < 0) return nullptr;
  }
  Ref<> empty = steal(PyBytes_FromStringAndSize(nullptr, 0));
  if (!empty) return nullptr;
  return _PyBytes_Join(empty.get(), chunks.get());
}

PyObject* not_implemented(PyObject*, PyObject*) {
  PyErr_SetNone(PyExc_NotImplementedError);
  return nullptr;
}

PyMethodDef rawiobase_methods[] = {
    {"read", rawiobase_read, METH_VARARGS, nullptr},
    {"readall", rawiobase_readall, METH_NOARGS, nullptr},
    {"readinto", not_implemented, METH_VARARGS, nullptr},
    {"write", not_implemented, METH_VARARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

// -- _BufferedIOBase ------------------------------------------------------------

PyObject* bufferediobase_readinto_generic(PyObject* self, PyObject* arg, bool readinto1) {
  Py_buffer buf;
  if (PyObject_GetBuffer(arg, &buf, PyBUF_WRITABLE) < 0) {
    PyErr_Clear();
    PyErr_Format(PyExc_TypeError, "readinto%s() argument must be read-write bytes-like object, not %.200s",
                 readinto1 ? "1" : "", Py_TYPE(arg)->tp_name);
    return nullptr;
  }
  Ref<> data = steal(PyObject_CallMethod(self, readinto1 ? "read1" : "read", "n", buf.len));
  PyObject* result = nullptr;
  if (data) {
    if (!PyBytes_Check(data.get())) {
      PyErr_SetString(PyExc_TypeError, "read() should return bytes");
    } else {
      Py_ssize_t len = PyBytes_GET_SIZE(data.get());
      if (len > buf.len) {
        PyErr_Format(PyExc_ValueError,
                     "read() returned too much data: %zd bytes requested, %zd returned", buf.len,
                     len);
      } else {
        memcpy(buf.buf, PyBytes_AS_STRING(data.get()), len);
        result = PyLong_FromSsize_t(len);
      }
    }
  }
  PyBuffer_Release(&buf);
  return result;
}

PyObject* bufferediobase_readinto(PyObject* self, PyObject* arg) {
  return bufferediobase_readinto_generic(self, arg, false);
}
PyObject* bufferediobase_readinto1(PyObject* self, PyObject* arg) {
  return bufferediobase_readinto_generic(self, arg, true);
}
PyObject* unsupported_detach(PyObject*, PyObject*) { return unsupported("detach"); }
PyObject* unsupported_read(PyObject*, PyObject*) { return unsupported("read"); }
PyObject* unsupported_read1(PyObject*, PyObject*) { return unsupported("read1"); }
PyObject* unsupported_write(PyObject*, PyObject*) { return unsupported("write"); }
PyObject* unsupported_readline(PyObject*, PyObject*) { return unsupported("readline"); }

PyMethodDef bufferediobase_methods[] = {
    {"detach", unsupported_detach, METH_NOARGS, nullptr},
    {"read", unsupported_read, METH_VARARGS, nullptr},
    {"read1", unsupported_read1, METH_VARARGS, nullptr},
    {"readinto", bufferediobase_readinto, METH_O, nullptr},
    {"readinto1", bufferediobase_readinto1, METH_O, nullptr},
    {"write", unsupported_write, METH_VARARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

// -- _TextIOBase ------------------------------------------------------------------

PyObject* none_get(PyObject*, void*) { Py_RETURN_NONE; }

PyMethodDef textiobase_methods[] = {
    {"detach", unsupported_detach, METH_NOARGS, nullptr},
    {"read", unsupported_read, METH_VARARGS, nullptr},
    {"readline", unsupported_readline, METH_VARARGS, nullptr},
    {"write", unsupported_write, METH_VARARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef textiobase_getset[] = {
    {"encoding", none_get, nullptr, nullptr, nullptr},
    {"newlines", none_get, nullptr, nullptr, nullptr},
    {"errors", none_get, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

int iobase_check_closed(PyObject* self) {
  PyObject* res;
  if (_PyObject_LookupAttr(self, IO_STR("closed"), &res) <= 0) return res ? 0 : (PyErr_Occurred() ? -1 : 0);
  int closed = PyObject_IsTrue(res);
  Py_DECREF(res);
  if (closed <= 0) return closed;
  PyErr_SetString(PyExc_ValueError, "I/O operation on closed file.");
  return -1;
}

namespace {
PyObject* check_flag(PyObject* self, PyObject* args, const char* method, const char* message) {
  Ref<> res = steal(PyObject_CallMethodNoArgs(self, PyUnicode_InternFromString(method)));
  if (!res) return nullptr;
  if (res.get() != Py_True) return unsupported(message);
  (void)args;
  return res.release();
}
}  // namespace

PyObject* iobase_check_readable(PyObject* self, PyObject* args) {
  return check_flag(self, args, "readable", "File or stream is not readable.");
}
PyObject* iobase_check_writable(PyObject* self, PyObject* args) {
  return check_flag(self, args, "writable", "File or stream is not writable.");
}
PyObject* iobase_check_seekable(PyObject* self, PyObject* args) {
  return check_flag(self, args, "seekable", "File or stream is not seekable.");
}

int iobase_finalize_close(PyObject* self) {
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  PyObject* res;
  int closed;
  // If `closed` cannot be read, assume the object is closed (as CPython).
  if (_PyObject_LookupAttr(self, IO_STR("closed"), &res) <= 0) {
    PyErr_Clear();
    closed = -1;
  } else {
    closed = PyObject_IsTrue(res);
    Py_DECREF(res);
    if (closed == -1) PyErr_Clear();
  }
  if (closed == 0) {
    // Tells FileIO.close() it runs from the finalizer (ResourceWarning).
    if (PyObject_SetAttr(self, IO_STR("_finalizing"), Py_True) < 0) PyErr_Clear();
    res = PyObject_CallMethodNoArgs(self, IO_STR("close"));
    if (!res)
      PyErr_Clear();  // CPython reports it only in dev mode
    else
      Py_DECREF(res);
  }
  PyErr_Restore(t, v, tb);
  return 0;
}

int convert_optional_size(PyObject* obj, void* out) {
  if (obj == Py_None) return 1;
  if (!PyIndex_Check(obj)) {
    PyErr_Format(PyExc_TypeError, "argument should be integer or None, not '%.200s'",
                 Py_TYPE(obj)->tp_name);
    return 0;
  }
  Py_ssize_t v = PyNumber_AsSsize_t(obj, PyExc_OverflowError);
  if (v == -1 && PyErr_Occurred()) return 0;
  *static_cast<Py_ssize_t*>(out) = v;
  return 1;
}

int trap_eintr() {
  if (!PyErr_ExceptionMatches(PyExc_InterruptedError)) return 0;
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  Py_XDECREF(t);
  Py_XDECREF(v);
  Py_XDECREF(tb);
  return 1;
}

PyObject* unsupported_operation = nullptr;

PyObject* unsupported(const char* message) {
  PyErr_SetString(unsupported_operation, message);
  return nullptr;
}

PyTypeObject IOBase_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "_io._IOBase",
    .tp_basicsize = sizeof(IOBaseObject),
    .tp_dealloc = iobase_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "The abstract base class for all I/O classes.",
    .tp_traverse = iobase_traverse,
    .tp_clear = iobase_clear,
    .tp_weaklistoffset = offsetof(IOBaseObject, weakreflist),
    .tp_iter = iobase_iter,
    .tp_iternext = iobase_iternext,
    .tp_methods = iobase_methods,
    .tp_getset = iobase_getset,
    .tp_dictoffset = offsetof(IOBaseObject, dict),
    .tp_new = PyType_GenericNew,
    .tp_finalize = iobase_finalize,
};

PyTypeObject RawIOBase_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "_io._RawIOBase",
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Base class for raw binary I/O.",
    .tp_methods = rawiobase_methods,
    .tp_base = &IOBase_Type,
};

PyTypeObject BufferedIOBase_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "_io._BufferedIOBase",
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Base class for buffered IO objects.",
    .tp_methods = bufferediobase_methods,
    .tp_base = &IOBase_Type,
};

PyTypeObject TextIOBase_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "_io._TextIOBase",
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Base class for text I/O.",
    .tp_methods = textiobase_methods,
    .tp_getset = textiobase_getset,
    .tp_base = &IOBase_Type,
};

}  // namespace krait::io
