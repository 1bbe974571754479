// buffered_rwpair.cpp — _io.BufferedRWPair: a BufferedReader and a
// BufferedWriter over two raw streams, presented as one object (e.g. the two
// ends of a pipe or socket pair).
#include <Python.h>

#include "modules/io/io.h"

using namespace krait;

namespace krait::io {

namespace {

struct RWPairObject {
  PyObject_HEAD
  PyObject* reader;  // BufferedReader
  PyObject* writer;  // BufferedWriter
  PyObject* dict;
  PyObject* weakreflist;
};

inline RWPairObject* P(PyObject* o) { return reinterpret_cast<RWPairObject*>(o); }

int rwpair_init(PyObject* op, PyObject* args, PyObject* kwds) {
  if (kwds && !_PyArg_NoKeywords("BufferedRWPair", kwds)) return -1;
  PyObject *reader, *writer;
  Py_ssize_t buffer_size = kDefaultBufferSize;
  if (!PyArg_ParseTuple(args, "OO|n:BufferedRWPair", &reader, &writer, &buffer_size)) return -1;
  Ref<> r = steal(iobase_check_readable(reader, Py_True));
  if (!r) return -1;
  r = steal(iobase_check_writable(writer, Py_True));
  if (!r) return -1;
  RWPairObject* self = P(op);
  Py_XSETREF(self->reader, PyObject_CallFunction(reinterpret_cast<PyObject*>(&BufferedReader_Type),
                                                 "On", reader, buffer_size));
  if (!self->reader) return -1;
  Py_XSETREF(self->writer, PyObject_CallFunction(reinterpret_cast<PyObject*>(&BufferedWriter_Type),
                                                 "On", writer, buffer_size));
  if (!self->writer) {
    Py_CLEAR(self->reader);
    return -1;
  }
  return 0;
}

int rwpair_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(P(op)->reader);
  Py_VISIT(P(op)->writer);
  Py_VISIT(P(op)->dict);
  return 0;
}

int rwpair_clear(PyObject* op) {
  Py_CLEAR(P(op)->reader);
  Py_CLEAR(P(op)->writer);
  Py_CLEAR(P(op)->dict);
  return 0;
}

void rwpair_dealloc(PyObject* op) {
  PyObject_GC_UnTrack(op);
  if (P(op)->weakreflist) PyObject_ClearWeakRefs(op);
  rwpair_clear(op);
  Py_TYPE(op)->tp_free(op);
}

PyObject* forward(PyObject* target, const char* name, PyObject* args) {
  if (!target) {
    PyErr_SetString(PyExc_ValueError, "I/O operation on uninitialized object");
    return nullptr;
  }
  Ref<> func = steal(PyObject_GetAttrString(target, name));
  if (!func) {
    PyErr_SetString(PyExc_AttributeError, name);
    return nullptr;
  }
  return PyObject_Call(func.get(), args, nullptr);
}

PyObject* rwpair_read(PyObject* op, PyObject* args) { return forward(P(op)->reader, "read", args); }
PyObject* rwpair_peek(PyObject* op, PyObject* args) { return forward(P(op)->reader, "peek", args); }
PyObject* rwpair_read1(PyObject* op, PyObject* args) { return forward(P(op)->reader, "read1", args); }
PyObject* rwpair_readinto(PyObject* op, PyObject* args) {
  return forward(P(op)->reader, "readinto", args);
}
PyObject* rwpair_readinto1(PyObject* op, PyObject* args) {
  return forward(P(op)->reader, "readinto1", args);
}
PyObject* rwpair_write(PyObject* op, PyObject* args) { return forward(P(op)->writer, "write", args); }
PyObject* rwpair_flush(PyObject* op, PyObject* args) { return forward(P(op)->writer, "flush", args); }
PyObject* rwpair_readable(PyObject* op, PyObject* args) {
  return forward(P(op)->reader, "readable", args);
}
PyObject* rwpair_writable(PyObject* op, PyObject* args) {
  return forward(P(op)->writer, "writable", args);
}

PyObject* rwpair_close(PyObject* op, PyObject* args) {
  PyObject *t = nullptr, *v = nullptr, *tb = nullptr;
  PyObject* ret = forward(P(op)->writer, "close", args);
  if (!ret)
    PyErr_Fetch(&t, &v, &tb);
  else
    Py_DECREF(ret);
  ret = forward(P(op)->reader, "close", args);
  if (t) {
    _PyErr_ChainExceptions(t, v, tb);
    Py_CLEAR(ret);
  }
  return ret;
}

PyObject* rwpair_isatty(PyObject* op, PyObject* args) {
  PyObject* ret = forward(P(op)->writer, "isatty", args);
  if (ret != Py_False) return ret;  // True or an error
  Py_DECREF(ret);
  return forward(P(op)->reader, "isatty", args);
}

PyObject* rwpair_closed_get(PyObject* op, void*) {
  if (!P(op)->writer) {
    PyErr_SetString(PyExc_RuntimeError, "the BufferedRWPair object is being garbage-collected");
    return nullptr;
  }
  return PyObject_GetAttr(P(op)->writer, IO_STR("closed"));
}

PyMethodDef rwpair_methods[] = {
    {"read", rwpair_read, METH_VARARGS, nullptr},
    {"peek", rwpair_peek, METH_VARARGS, nullptr},
    {"read1", rwpair_read1, METH_VARARGS, nullptr},
    {"readinto", rwpair_readinto, METH_VARARGS, nullptr},
    {"readinto1", rwpair_readinto1, METH_VARARGS, nullptr},
    {"write", rwpair_write, METH_VARARGS, nullptr},
    {"flush", rwpair_flush, METH_VARARGS, nullptr},
    {"readable", rwpair_readable, METH_VARARGS, nullptr},
    {"writable", rwpair_writable, METH_VARARGS, nullptr},
    {"close", rwpair_close, METH_VARARGS, nullptr},
    {"isatty", rwpair_isatty, METH_VARARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef rwpair_getset[] = {
    {"closed", rwpair_closed_get, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

PyTypeObject BufferedRWPair_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "_io.BufferedRWPair",
    .tp_basicsize = sizeof(RWPairObject),
    .tp_dealloc = rwpair_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "A buffered reader and writer object together.",
    .tp_traverse = rwpair_traverse,
    .tp_clear = rwpair_clear,
    .tp_weaklistoffset = offsetof(RWPairObject, weakreflist),
    .tp_methods = rwpair_methods,
    .tp_getset = rwpair_getset,
    .tp_base = &BufferedIOBase_Type,
    .tp_dictoffset = offsetof(RWPairObject, dict),
    .tp_init = rwpair_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = PyType_GenericNew,
};

}  // namespace krait::io
