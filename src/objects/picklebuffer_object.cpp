// picklebuffer_object.cpp — pickle.PickleBuffer (PEP 574): a wrapper that
// marks a buffer as eligible for out-of-band pickling, and the C API around
// it (PyPickleBuffer_FromObject / GetBuffer / Release). It holds one buffer
// view of the wrapped object until release(); exporting a buffer from it
// re-exports from that object.
#include <Python.h>

#include <cstddef>

#include "objects/memoryview_object.h"
#include "objects/object_util.h"
#include "support/ref.h"

namespace krait {
namespace {

struct PickleBufferObject {
  PyObject_HEAD
  Py_buffer view;
  PyObject* weakreflist;
};

PickleBufferObject* as_pb(PyObject* op) { return reinterpret_cast<PickleBufferObject*>(op); }

int released_error() {
  PyErr_SetString(PyExc_ValueError, "operation forbidden on released PickleBuffer object");
  return -1;
}

PyObject* pb_new(PyTypeObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"", nullptr};
  PyObject* base;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O:PickleBuffer", const_cast<char**>(kwlist), &base))
    return nullptr;
  return PyPickleBuffer_FromObject(base);
}

int pb_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(as_pb(op)->view.obj);
  return 0;
}

int pb_clear(PyObject* op) {
  PyBuffer_Release(&as_pb(op)->view);
  return 0;
}

void pb_dealloc(PyObject* op) {
  PyObject_GC_UnTrack(op);
  if (as_pb(op)->weakreflist != nullptr) PyObject_ClearWeakRefs(op);
  PyBuffer_Release(&as_pb(op)->view);
  Py_TYPE(op)->tp_free(op);
}

int pb_getbuffer(PyObject* op, Py_buffer* view, int flags) {
  PickleBufferObject* self = as_pb(op);
  if (self->view.obj == nullptr) return released_error();
  return PyObject_GetBuffer(self->view.obj, view, flags);
}

PyObject* pb_raw(PyObject* op, PyObject*) {
  PickleBufferObject* self = as_pb(op);
  if (self->view.obj == nullptr) {
    released_error();
    return nullptr;
  }
  if (self->view.suboffsets != nullptr || !PyBuffer_IsContiguous(&self->view, 'A')) {
    PyErr_SetString(PyExc_BufferError, "cannot extract raw buffer from non-contiguous buffer");
    return nullptr;
  }
  PyObject* m = PyMemoryView_FromObject(op);
  if (m == nullptr) return nullptr;
  // Reshape the new view in place into a flat run of unsigned bytes: the
  // memory is contiguous (C or Fortran order), so this is its raw layout.
  auto* mv = reinterpret_cast<PyMemoryViewObject*>(m);
  mv->view.format = const_cast<char*>("B");
  mv->view.ndim = 1;
  mv->view.itemsize = 1;
  mv->view.shape = &mv->view.len;
  mv->view.strides = &mv->view.itemsize;
  krait::buffer::mv_init_flags(mv);
  return m;
}

PyObject* pb_release(PyObject* op, PyObject*) {
  PyBuffer_Release(&as_pb(op)->view);
  Py_RETURN_NONE;
}

PyMethodDef pb_methods[] = {
    {"raw", pb_raw, METH_NOARGS,
     PyDoc_STR("raw($self, /)\n--\n\nReturn a memoryview of the raw memory underlying this buffer.\n"
               "Will raise BufferError is the buffer isn't contiguous.")},
    {"release", pb_release, METH_NOARGS,
     PyDoc_STR("release($self, /)\n--\n\nRelease the underlying buffer exposed by the PickleBuffer object.")},
    {nullptr, nullptr, 0, nullptr},
};

PyBufferProcs pb_as_buffer = {pb_getbuffer, nullptr};

}  // namespace
}  // namespace krait

PyTypeObject PyPickleBuffer_Type = {
    .ob_base = KRAIT_IMMORTAL_VAR_HEAD(&PyType_Type, 0),
    .tp_name = "pickle.PickleBuffer",
    .tp_basicsize = sizeof(krait::PickleBufferObject),
    .tp_dealloc = krait::pb_dealloc,
    .tp_as_buffer = &krait::pb_as_buffer,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Wrapper for potentially out-of-band buffers",
    .tp_traverse = krait::pb_traverse,
    .tp_clear = krait::pb_clear,
    .tp_weaklistoffset = offsetof(krait::PickleBufferObject, weakreflist),
    .tp_methods = krait::pb_methods,
    .tp_new = krait::pb_new,
};

extern "C" {

PyObject* PyPickleBuffer_FromObject(PyObject* base) {
  auto* self = PyObject_GC_New(krait::PickleBufferObject, &PyPickleBuffer_Type);
  if (self == nullptr) return nullptr;
  self->view.obj = nullptr;
  self->weakreflist = nullptr;
  if (PyObject_GetBuffer(base, &self->view, PyBUF_FULL_RO) < 0) {
    Py_DECREF(self);
    return nullptr;
  }
  PyObject_GC_Track(self);
  return reinterpret_cast<PyObject*>(self);
}

const Py_buffer* PyPickleBuffer_GetBuffer(PyObject* obj) {
  if (!PyObject_TypeCheck(obj, &PyPickleBuffer_Type)) {
    PyErr_Format(PyExc_TypeError, "expected PickleBuffer, %.200s found", Py_TYPE(obj)->tp_name);
    return nullptr;
  }
  auto* self = krait::as_pb(obj);
  if (self->view.obj == nullptr) {
    krait::released_error();
    return nullptr;
  }
  return &self->view;
}

int PyPickleBuffer_Release(PyObject* obj) {
  if (!PyObject_TypeCheck(obj, &PyPickleBuffer_Type)) {
    PyErr_Format(PyExc_TypeError, "expected PickleBuffer, %.200s found", Py_TYPE(obj)->tp_name);
    return -1;
  }
  PyBuffer_Release(&krait::as_pb(obj)->view);
  return 0;
}

}  // extern "C"
