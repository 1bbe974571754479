// buffer.cpp — PyBuffer_FillInfo and PyBuffer_Release, the two buffer-protocol
// helpers that bytes and bytearray need for bf_getbuffer/bf_releasebuffer.
// (memoryview and the rest of the buffer API come with a later issue.)
#include <Python.h>

extern "C" int PyBuffer_FillInfo(Py_buffer* view, PyObject* obj, void* buf, Py_ssize_t len, int readonly,
                                 int flags) {
  if (view == nullptr) {
    PyErr_SetString(PyExc_BufferError, "PyBuffer_FillInfo: view==NULL argument is obsolete");
    return -1;
  }
  if ((flags & PyBUF_WRITABLE) == PyBUF_WRITABLE && readonly == 1) {
    PyErr_SetString(PyExc_BufferError, "Object is not writable.");
    return -1;
  }
  view->obj = obj;
  Py_XINCREF(obj);
  view->buf = buf;
  view->len = len;
  view->readonly = readonly;
  view->itemsize = 1;
  view->format = (flags & PyBUF_FORMAT) == PyBUF_FORMAT ? const_cast<char*>("B") : nullptr;
  view->ndim = 1;
  view->shape = (flags & PyBUF_ND) == PyBUF_ND ? &view->len : nullptr;
  view->strides = (flags & PyBUF_STRIDES) == PyBUF_STRIDES ? &view->itemsize : nullptr;
  view->suboffsets = nullptr;
  view->internal = nullptr;
  return 0;
}

extern "C" void PyBuffer_Release(Py_buffer* view) {
  PyObject* obj = view->obj;
  if (obj == nullptr) return;
  PyBufferProcs* pb = Py_TYPE(obj)->tp_as_buffer;
  if (pb != nullptr && pb->bf_releasebuffer != nullptr) pb->bf_releasebuffer(obj, view);
  view->obj = nullptr;
  Py_DECREF(obj);
}
