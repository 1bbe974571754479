// stringio.cpp — _io.StringIO, an in-memory text stream.
//
// Two states, as in CPython: while every write appends at the end
// ("accumulating"), text goes into a _PyUnicodeWriter (cheap appends, and
// getvalue() needs no conversion); the first seek-back write, read or
// truncate switches to a UCS4 array ("realized") that allows random
// access. Newline handling: newline=None/'' reads universal newlines via an
// IncrementalNewlineDecoder (None also translates to "\n"); "\r"/"\r\n"
// translate "\n" on write.
#include <Python.h>

#include <cstring>

#include "modules/io/io.h"

using namespace krait;

namespace krait::io {

namespace {

enum State : char { kRealized = 1, kAccumulating = 2 };

struct StringIOObject {
  PyObject_HEAD
  Py_UCS4* buf;
  Py_ssize_t pos;
  Py_ssize_t string_size;
  size_t buf_size;
  State state;
  _PyUnicodeWriter writer;
  char ok;  // initialized?
  char closed;
  char readuniversal;
  char readtranslate;
  PyObject* decoder;
  PyObject* readnl;
  PyObject* writenl;  // "\n" is written as this when set
  PyObject* dict;
  PyObject* weakreflist;
};

inline StringIOObject* S(PyObject* o) { return reinterpret_cast<StringIOObject*>(o); }

bool check_initialized(StringIOObject* self) {
  if (self->ok <= 0) {
    PyErr_SetString(PyExc_ValueError, "I/O operation on uninitialized object");
    return false;
  }
  return true;
}

bool check_closed(StringIOObject* self) {
  if (self->closed) {
    PyErr_SetString(PyExc_ValueError, "I/O operation on closed file");
    return false;
  }
  return true;
}

bool check_usable(StringIOObject* self) { return check_initialized(self) && check_closed(self); }

int resize_buffer(StringIOObject* self, size_t size) {
  size_t alloc = self->buf_size;
  if (size > static_cast<size_t>(PY_SSIZE_T_MAX) / sizeof(Py_UCS4) - 1) {
    PyErr_SetString(PyExc_OverflowError, "new buffer size too large");
    return -1;
  }
  if (size < alloc / 2)
    alloc = size + 1;
  else if (size < alloc)
    return 0;
  else if (size <= alloc * 1.125)
    alloc = size + (size >> 3) + (size < 9 ? 3 : 6);
  else
    alloc = size + 1;
  auto* nb = static_cast<Py_UCS4*>(PyMem_Realloc(self->buf, alloc * sizeof(Py_UCS4)));
  if (!nb) {
    PyErr_NoMemory();
    return -1;
  }
  self->buf = nb;
  self->buf_size = alloc;
  return 0;
}

// The writer's contents so far, keeping the writer usable afterwards.
PyObject* make_intermediate(StringIOObject* self) {
  PyObject* intermediate = _PyUnicodeWriter_Finish(&self->writer);
  self->state = kRealized;
  if (!intermediate) return nullptr;
  _PyUnicodeWriter_Init(&self->writer);
  self->writer.overallocate = 1;
  if (_PyUnicodeWriter_WriteStr(&self->writer, intermediate) < 0) {
    Py_DECREF(intermediate);
    return nullptr;
  }
  self->state = kAccumulating;
  return intermediate;
}

int realize(StringIOObject* self) {
  if (self->state == kRealized) return 0;
  Ref<> s = steal(_PyUnicodeWriter_Finish(&self->writer));
  _PyUnicodeWriter_Init(&self->writer);
  self->state = kRealized;
  if (!s) return -1;
  Py_ssize_t len = PyUnicode_GET_LENGTH(s.get());
  if (static_cast<size_t>(len) >= self->buf_size && resize_buffer(self, len) < 0) return -1;
  if (len > 0 && !PyUnicode_AsUCS4(s.get(), self->buf, static_cast<Py_ssize_t>(self->buf_size), 0))
    return -1;
  return 0;
}

Py_ssize_t write_str(StringIOObject* self, PyObject* obj) {
  Ref<> decoded;
  if (self->decoder)
    decoded = steal(newline_decoder_decode(self->decoder, obj, 1));
  else
    decoded = borrow(obj);
  if (!decoded) return -1;
  if (self->writenl) {
    decoded = steal(PyUnicode_Replace(decoded.get(), IO_STR("\n"), self->writenl, -1));
    if (!decoded) return -1;
  }
  Py_ssize_t len = PyUnicode_GET_LENGTH(decoded.get());
  if (len == 0) return 0;
  if (self->pos > PY_SSIZE_T_MAX - len) {
    PyErr_SetString(PyExc_OverflowError, "new position too large");
    return -1;
  }
  bool done = false;
  if (self->state == kAccumulating) {
    if (self->string_size == self->pos) {
      if (_PyUnicodeWriter_WriteStr(&self->writer, decoded.get()) < 0) return -1;
      done = true;
    } else if (realize(self) < 0) {
      return -1;
    }
  }
  if (!done) {
    if (self->pos + len > self->string_size && resize_buffer(self, self->pos + len) < 0) return -1;
    if (self->pos > self->string_size)
      memset(self->buf + self->string_size, 0, (self->pos - self->string_size) * sizeof(Py_UCS4));
    if (!PyUnicode_AsUCS4(decoded.get(), self->buf + self->pos,
                          static_cast<Py_ssize_t>(self->buf_size) - self->pos, 0))
      return -1;
  }
  self->pos += len;
  if (self->string_size < self->pos) self->string_size = self->pos;
  return 0;
}

PyObject* stringio_readline_impl(StringIOObject* self, Py_ssize_t limit) {
  if (self->pos >= self->string_size) return PyUnicode_New(0, 0);
  Py_UCS4* start = self->buf + self->pos;
  if (limit < 0 || limit > self->string_size - self->pos) limit = self->string_size - self->pos;
  Py_ssize_t consumed;
  Py_ssize_t len = find_line_ending(self->readtranslate, self->readuniversal, self->readnl,
                                    PyUnicode_4BYTE_KIND, reinterpret_cast<const char*>(start),
                                    reinterpret_cast<const char*>(start + limit), &consumed);
  if (len < 0) len = limit;  // no line ending: everything
  self->pos += len;
  return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, start, len);
}

PyObject* stringio_new(PyTypeObject* type, PyObject*, PyObject*) {
  PyObject* o = type->tp_alloc(type, 0);
  if (!o) return nullptr;
  StringIOObject* self = S(o);
  // tp_alloc zeroes; the buffer starts small so realize() never sees NULL.
  self->buf = static_cast<Py_UCS4*>(PyMem_Malloc(0 + sizeof(Py_UCS4)));
  if (!self->buf) {
    Py_DECREF(o);
    return PyErr_NoMemory();
  }
  self->buf_size = 1;
  _PyUnicodeWriter_Init(&self->writer);
  return o;
}

int stringio_init(PyObject* op, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"initial_value", "newline", nullptr};
  PyObject* value = nullptr;
  PyObject* newline_obj = nullptr;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|OO:StringIO", const_cast<char**>(kwlist), &value,
                                   &newline_obj))
    return -1;
  StringIOObject* self = S(op);
  const char* newline = "\n";
  if (newline_obj == Py_None) {
    newline = nullptr;
  } else if (newline_obj) {
    if (!PyUnicode_Check(newline_obj)) {
      PyErr_Format(PyExc_TypeError, "newline must be str or None, not %.200s",
                   Py_TYPE(newline_obj)->tp_name);
      return -1;
    }
    newline = PyUnicode_AsUTF8(newline_obj);
    if (!newline) return -1;
  }
  if (newline && newline[0] != '\0' && !(newline[0] == '\n' && newline[1] == '\0') &&
      !(newline[0] == '\r' && newline[1] == '\0') &&
      !(newline[0] == '\r' && newline[1] == '\n' && newline[2] == '\0')) {
    PyErr_Format(PyExc_ValueError, "illegal newline value: %R", newline_obj);
    return -1;
  }
  if (value && value != Py_None && !PyUnicode_Check(value)) {
    PyErr_Format(PyExc_TypeError, "initial_value must be str or None, not %.200s",
                 Py_TYPE(value)->tp_name);
    return -1;
  }
  self->ok = 0;
  _PyUnicodeWriter_Dealloc(&self->writer);
  _PyUnicodeWriter_Init(&self->writer);
  Py_CLEAR(self->readnl);
  Py_CLEAR(self->writenl);
  Py_CLEAR(self->decoder);
  if (newline) {
    self->readnl = PyUnicode_FromString(newline);
    if (!self->readnl) return -1;
  }
  self->readuniversal = newline == nullptr || newline[0] == '\0';
  self->readtranslate = newline == nullptr;
  // "\n" and None need no write translation ("\n" is what StringIO keeps).
  if (newline && newline[0] == '\r') self->writenl = Py_NewRef(self->readnl);
  if (self->readuniversal) {
    self->decoder = PyObject_CallFunctionObjArgs(
        reinterpret_cast<PyObject*>(&IncrementalNewlineDecoder_Type), Py_None,
        self->readtranslate ? Py_True : Py_False, nullptr);
    if (!self->decoder) return -1;
  }
  self->string_size = 0;
  Py_ssize_t value_len = (value && value != Py_None) ? PyUnicode_GET_LENGTH(value) : 0;
  if (resize_buffer(self, 0) < 0) return -1;
  if (value_len > 0) {
    self->state = kRealized;
    self->pos = 0;
    if (write_str(self, value) < 0) return -1;
  } else {
    self->writer.overallocate = 1;
    self->state = kAccumulating;
  }
  self->pos = 0;
  self->closed = 0;
  self->ok = 1;
  return 0;
}

int stringio_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(S(op)->readnl);
  Py_VISIT(S(op)->writenl);
  Py_VISIT(S(op)->decoder);
  Py_VISIT(S(op)->dict);
  return 0;
}

int stringio_clear(PyObject* op) {
  Py_CLEAR(S(op)->readnl);
  Py_CLEAR(S(op)->writenl);
  Py_CLEAR(S(op)->decoder);
  Py_CLEAR(S(op)->dict);
  return 0;
}

void stringio_dealloc(PyObject* op) {
  StringIOObject* self = S(op);
  PyObject_GC_UnTrack(op);
  self->ok = 0;
  PyMem_Free(self->buf);
  self->buf = nullptr;
  _PyUnicodeWriter_Dealloc(&self->writer);
  stringio_clear(op);
  if (self->weakreflist) PyObject_ClearWeakRefs(op);
  Py_TYPE(op)->tp_free(op);
}

PyObject* stringio_getvalue(PyObject* op, PyObject*) {
  StringIOObject* self = S(op);
  if (!check_usable(self)) return nullptr;
  if (self->state == kAccumulating) return make_intermediate(self);
  return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, self->buf, self->string_size);
}

PyObject* stringio_tell(PyObject* op, PyObject*) {
  if (!check_usable(S(op))) return nullptr;
  return PyLong_FromSsize_t(S(op)->pos);
}

PyObject* stringio_read(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  StringIOObject* self = S(op);
  if (!_PyArg_CheckPositional("read", nargs, 0, 1)) return nullptr;
  Py_ssize_t size = -1;
  if (nargs && !convert_optional_size(args[0], &size)) return nullptr;
  if (!check_usable(self)) return nullptr;
  if (size < 0 || size > self->string_size - self->pos) {
    size = self->string_size - self->pos;
    if (size < 0) size = 0;
  }
  // seek(0); read() of accumulated text needs no copy to UCS4.
  if (self->state == kAccumulating && self->pos == 0 && size == self->string_size) {
    PyObject* result = make_intermediate(self);
    self->pos = self->string_size;
    return result;
  }
  if (realize(self) < 0) return nullptr;
  Py_UCS4* output = self->buf + self->pos;
  self->pos += size;
  return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, output, size);
}

PyObject* stringio_readline(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  StringIOObject* self = S(op);
  if (!_PyArg_CheckPositional("readline", nargs, 0, 1)) return nullptr;
  Py_ssize_t size = -1;
  if (nargs && !convert_optional_size(args[0], &size)) return nullptr;
  if (!check_usable(self)) return nullptr;
  if (realize(self) < 0) return nullptr;
  return stringio_readline_impl(self, size);
}

PyObject* stringio_iternext(PyObject* op) {
  StringIOObject* self = S(op);
  if (!check_usable(self)) return nullptr;
  Ref<> line;
  if (Py_IS_TYPE(op, &StringIO_Type)) {
    // Skip the method lookup.
    if (realize(self) < 0) return nullptr;
    line = steal(stringio_readline_impl(self, -1));
  } else {
    line = steal(PyObject_CallMethodNoArgs(op, IO_STR("readline")));
    if (line && !PyUnicode_Check(line.get())) {
      PyErr_Format(PyExc_OSError, "readline() should have returned a str object, not '%.200s'",
                   Py_TYPE(line.get())->tp_name);
      return nullptr;
    }
  }
  if (!line || PyUnicode_GET_LENGTH(line.get()) == 0) return nullptr;
  return line.release();
}

PyObject* stringio_truncate(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  StringIOObject* self = S(op);
  if (!_PyArg_CheckPositional("truncate", nargs, 0, 1)) return nullptr;
  if (!check_usable(self)) return nullptr;
  Py_ssize_t size = self->pos;
  if (nargs && !convert_optional_size(args[0], &size)) return nullptr;
  if (size < 0) {
    PyErr_Format(PyExc_ValueError, "Negative size value %zd", size);
    return nullptr;
  }
  if (size < self->string_size) {
    if (realize(self) < 0) return nullptr;
    if (resize_buffer(self, size) < 0) return nullptr;
    self->string_size = size;
  }
  return PyLong_FromSsize_t(size);
}

PyObject* stringio_seek(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  StringIOObject* self = S(op);
  if (!_PyArg_CheckPositional("seek", nargs, 1, 2)) return nullptr;
  Py_ssize_t pos = PyNumber_AsSsize_t(args[0], PyExc_OverflowError);
  if (pos == -1 && PyErr_Occurred()) return nullptr;
  int whence = 0;
  if (nargs == 2) {
    whence = _PyLong_AsInt(args[1]);
    if (whence == -1 && PyErr_Occurred()) return nullptr;
  }
  if (!check_usable(self)) return nullptr;
  if (whence != 0 && whence != 1 && whence != 2) {
    PyErr_Format(PyExc_ValueError, "Invalid whence (%i, should be 0, 1 or 2)", whence);
    return nullptr;
  }
  if (pos < 0 && whence == 0) {
    PyErr_Format(PyExc_ValueError, "Negative seek position %zd", pos);
    return nullptr;
  }
  if (whence != 0 && pos != 0) {
    PyErr_SetString(PyExc_OSError, "Can't do nonzero cur-relative seeks");
    return nullptr;
  }
  if (whence == 1)
    pos = self->pos;
  else if (whence == 2)
    pos = self->string_size;
  self->pos = pos;
  return PyLong_FromSsize_t(self->pos);
}

PyObject* stringio_write(PyObject* op, PyObject* obj) {
  StringIOObject* self = S(op);
  if (!check_usable(self)) return nullptr;
  if (!PyUnicode_Check(obj)) {
    PyErr_Format(PyExc_TypeError, "string argument expected, got '%s'", Py_TYPE(obj)->tp_name);
    return nullptr;
  }
  Py_ssize_t size = PyUnicode_GET_LENGTH(obj);
  if (size > 0 && write_str(self, obj) < 0) return nullptr;
  return PyLong_FromSsize_t(size);
}

PyObject* stringio_close(PyObject* op, PyObject*) {
  StringIOObject* self = S(op);
  self->closed = 1;
  if (resize_buffer(self, 0) < 0) return nullptr;
  _PyUnicodeWriter_Dealloc(&self->writer);
  _PyUnicodeWriter_Init(&self->writer);
  Py_CLEAR(self->readnl);
  Py_CLEAR(self->writenl);
  Py_CLEAR(self->decoder);
  Py_RETURN_NONE;
}

PyObject* stringio_true_if_usable(PyObject* op, PyObject*) {
  if (!check_usable(S(op))) return nullptr;
  Py_RETURN_TRUE;
}

PyObject* stringio_getstate(PyObject* op, PyObject*) {
  StringIOObject* self = S(op);
  Ref<> initvalue = steal(stringio_getvalue(op, nullptr));
  if (!initvalue) return nullptr;
  PyObject* dict;
  if (!self->dict) {
    dict = Py_NewRef(Py_None);
  } else {
    dict = PyDict_Copy(self->dict);
    if (!dict) return nullptr;
  }
  return Py_BuildValue("(OOnN)", initvalue.get(), self->readnl ? self->readnl : Py_None, self->pos,
                       dict);
}

PyObject* stringio_setstate(PyObject* op, PyObject* state) {
  StringIOObject* self = S(op);
  if (!check_closed(self)) return nullptr;  // CPython: ValueError on a closed StringIO
  if (!PyTuple_Check(state) || PyTuple_GET_SIZE(state) < 4) {
    PyErr_Format(PyExc_TypeError, "%.200s.__setstate__ argument should be 4-tuple, got %.200s",
                 Py_TYPE(op)->tp_name, Py_TYPE(state)->tp_name);
    return nullptr;
  }
  // Initialize with the newline argument only; the value is restored as is
  // below (it was already translated when first written).
  Ref<> initarg = steal(PyTuple_GetSlice(state, 0, 2));
  if (!initarg) return nullptr;
  Ref<> nlarg = steal(PyTuple_Pack(2, Py_None, PyTuple_GET_ITEM(state, 1)));
  if (!nlarg || stringio_init(op, nlarg.get(), nullptr) < 0) return nullptr;
  PyObject* item = PyTuple_GET_ITEM(state, 0);
  if (!PyUnicode_Check(item)) {
    // __init__ with the full arguments raises the right error.
    if (stringio_init(op, initarg.get(), nullptr) < 0) return nullptr;
  } else {
    Py_ssize_t bufsize = PyUnicode_GET_LENGTH(item);
    if (realize(self) < 0 || resize_buffer(self, bufsize) < 0) return nullptr;
    if (bufsize > 0 && !PyUnicode_AsUCS4(item, self->buf, static_cast<Py_ssize_t>(self->buf_size), 0))
      return nullptr;
    self->string_size = bufsize;
  }
  item = PyTuple_GET_ITEM(state, 2);
  if (!PyLong_Check(item)) {
    PyErr_Format(PyExc_TypeError, "third item of state must be an integer, got %.200s",
                 Py_TYPE(item)->tp_name);
    return nullptr;
  }
  Py_ssize_t pos = PyLong_AsSsize_t(item);
  if (pos == -1 && PyErr_Occurred()) return nullptr;
  if (pos < 0) {
    PyErr_SetString(PyExc_ValueError, "position value cannot be negative");
    return nullptr;
  }
  self->pos = pos;
  item = PyTuple_GET_ITEM(state, 3);
  if (item != Py_None) {
    if (!PyDict_Check(item)) {
      PyErr_Format(PyExc_TypeError, "fourth item of state should be a dict, got a %.200s",
                   Py_TYPE(item)->tp_name);
      return nullptr;
    }
    if (self->dict) {
      if (PyDict_Update(self->dict, item) < 0) return nullptr;
    } else {
      self->dict = Py_NewRef(item);
    }
  }
  Py_RETURN_NONE;
}

PyObject* stringio_closed_get(PyObject* op, void*) {
  if (!check_initialized(S(op))) return nullptr;
  return PyBool_FromLong(S(op)->closed);
}

PyObject* stringio_line_buffering_get(PyObject* op, void*) {
  if (!check_usable(S(op))) return nullptr;
  Py_RETURN_FALSE;
}

PyObject* stringio_newlines_get(PyObject* op, void*) {
  if (!check_usable(S(op))) return nullptr;
  if (!S(op)->decoder) Py_RETURN_NONE;
  return PyObject_GetAttr(S(op)->decoder, IO_STR("newlines"));
}

#define FASTCALL(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(f))

PyMethodDef stringio_methods[] = {
    {"close", stringio_close, METH_NOARGS, nullptr},
    {"getvalue", stringio_getvalue, METH_NOARGS, nullptr},
    {"read", FASTCALL(stringio_read), METH_FASTCALL, nullptr},
    {"readline", FASTCALL(stringio_readline), METH_FASTCALL, nullptr},
    {"tell", stringio_tell, METH_NOARGS, nullptr},
    {"truncate", FASTCALL(stringio_truncate), METH_FASTCALL, nullptr},
    {"seek", FASTCALL(stringio_seek), METH_FASTCALL, nullptr},
    {"write", stringio_write, METH_O, nullptr},
    {"seekable", stringio_true_if_usable, METH_NOARGS, nullptr},
    {"readable", stringio_true_if_usable, METH_NOARGS, nullptr},
    {"writable", stringio_true_if_usable, METH_NOARGS, nullptr},
    {"__getstate__", stringio_getstate, METH_NOARGS, nullptr},
    {"__setstate__", stringio_setstate, METH_O, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef stringio_getset[] = {
    {"closed", stringio_closed_get, nullptr, nullptr, nullptr},
    {"newlines", stringio_newlines_get, nullptr, nullptr, nullptr},
    {"line_buffering", stringio_line_buffering_get, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

PyTypeObject StringIO_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "_io.StringIO",
    .tp_basicsize = sizeof(StringIOObject),
    .tp_dealloc = stringio_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Text I/O implementation using an in-memory buffer.",
    .tp_traverse = stringio_traverse,
    .tp_clear = stringio_clear,
    .tp_weaklistoffset = offsetof(StringIOObject, weakreflist),
    .tp_iternext = stringio_iternext,
    .tp_methods = stringio_methods,
    .tp_getset = stringio_getset,
    .tp_base = &TextIOBase_Type,
    .tp_dictoffset = offsetof(StringIOObject, dict),
    .tp_init = stringio_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = stringio_new,
};

}  // namespace krait::io
