/* C-API test: the buffer protocol (pybuffer.h) and memoryview (memoryobject.h). */
#include "capi_check.h"

int main(void) {
  Py_Initialize();

  /* PyBuffer_FillInfo: an exporter of unsigned bytes. */
  static char data[12] = "abcdefghijk";
  Py_buffer v;
  CHECK(PyBuffer_FillInfo(&v, NULL, data, 12, 1, PyBUF_FULL_RO) == 0);
  CHECK(v.buf == data && v.len == 12 && v.itemsize == 1 && v.readonly == 1 && v.ndim == 1);
  CHECK(v.format != NULL && strcmp(v.format, "B") == 0);
  CHECK(v.shape == &v.len && v.strides == &v.itemsize && v.suboffsets == NULL);
  CHECK(PyBuffer_IsContiguous(&v, 'C') && PyBuffer_IsContiguous(&v, 'F') && PyBuffer_IsContiguous(&v, 'A'));
  PyBuffer_Release(&v); /* obj == NULL: a no-op */
  CHECK(PyBuffer_FillInfo(&v, NULL, data, 12, 1, PyBUF_SIMPLE) == 0);
  CHECK(v.format == NULL && v.shape == NULL && v.strides == NULL);
  CHECK(PyBuffer_FillInfo(&v, NULL, data, 12, 1, PyBUF_WRITABLE) == -1);
  CHECK_ERR(PyExc_BufferError);

  /* Contiguity and pointers of a strided 2x3 view over 12 bytes (every other byte). */
  Py_ssize_t shape[2] = {2, 3}, strides[2] = {6, 2};
  Py_buffer s = {data, NULL, 6, 1, 1, 2, "B", shape, strides, NULL, NULL};
  CHECK(!PyBuffer_IsContiguous(&s, 'C') && !PyBuffer_IsContiguous(&s, 'A'));
  Py_ssize_t idx[2] = {1, 2};
  CHECK(PyBuffer_GetPointer(&s, idx) == data + 10);
  char out[6];
  CHECK(PyBuffer_ToContiguous(out, &s, 6, 'C') == 0);
  CHECK(memcmp(out, "acegik", 6) == 0);
  CHECK(PyBuffer_ToContiguous(out, &s, 6, 'F') == 0);
  CHECK(memcmp(out, "agciek", 6) == 0);
  CHECK(PyBuffer_ToContiguous(out, &s, 5, 'C') == -1);
  CHECK_ERR(PyExc_ValueError);

  Py_ssize_t cs[2];
  PyBuffer_FillContiguousStrides(2, shape, cs, 4, 'C');
  CHECK(cs[0] == 12 && cs[1] == 4);
  PyBuffer_FillContiguousStrides(2, shape, cs, 4, 'F');
  CHECK(cs[0] == 4 && cs[1] == 8);
  CHECK(PyBuffer_SizeFromFormat("i") == sizeof(int));
  CHECK(PyBuffer_SizeFromFormat("@d") == sizeof(double));

  /* FromContiguous into the strided view (Fortran order). */
  char target[12];
  memset(target, '.', 12);
  s.buf = target;
  s.readonly = 0;
  CHECK(PyBuffer_FromContiguous(&s, "123456", 6, 'F') == 0);
  CHECK(memcmp(target, "1.3.5.2.4.6.", 12) == 0);

  /* memoryview from raw memory. */
  char mem[4] = {1, 2, 3, 4};
  PyObject *mv = PyMemoryView_FromMemory(mem, 4, PyBUF_WRITE);
  CHECK(mv != NULL && PyMemoryView_Check(mv));
  if (mv) {
    Py_buffer *b = PyMemoryView_GET_BUFFER(mv);
    CHECK(b->buf == mem && b->len == 4 && !b->readonly && b->ndim == 1);
    CHECK(PyMemoryView_GET_BASE(mv) == NULL);
    CHECK(PyObject_CheckBuffer(mv));
    PyObject *item = PySequence_GetItem(mv, 2);
    CHECK(item && PyLong_AsLong(item) == 3);
    Py_XDECREF(item);
    PyObject *seven = PyLong_FromLong(7), *zero = PyLong_FromLong(0);
    CHECK(PyObject_SetItem(mv, zero, seven) == 0 && mem[0] == 7);
    Py_DECREF(seven);
    Py_DECREF(zero);

    /* Exporting from the memoryview pins it: release() fails until returned. */
    Py_buffer e;
    CHECK(PyObject_GetBuffer(mv, &e, PyBUF_SIMPLE) == 0);
    CHECK(e.obj == mv && e.buf == mem && e.format == NULL);
    PyObject *r = PyObject_CallMethod(mv, "release", NULL);
    CHECK(r == NULL);
    CHECK_ERR(PyExc_BufferError);
    PyBuffer_Release(&e);
    r = PyObject_CallMethod(mv, "release", NULL);
    CHECK(r == Py_None);
    Py_XDECREF(r);
    CHECK(PySequence_GetItem(mv, 0) == NULL);
    CHECK_ERR(PyExc_ValueError);
    Py_DECREF(mv);
  }

  /* Read-only memory refuses writable exports. */
  mv = PyMemoryView_FromMemory(mem, 4, PyBUF_READ);
  Py_buffer w;
  CHECK(PyObject_GetBuffer(mv, &w, PyBUF_WRITABLE) == -1);
  CHECK_ERR(PyExc_BufferError);
  Py_DECREF(mv);

  /* FromBuffer keeps the description (2x3 strided), not an owner. */
  s.buf = data;
  s.readonly = 1;
  mv = PyMemoryView_FromBuffer(&s);
  CHECK(mv != NULL);
  if (mv) {
    PyObject *list = PyObject_CallMethod(mv, "tolist", NULL);
    CHECK_STR(list, "[[97, 99, 101], [103, 105, 107]]");
    Py_XDECREF(list);
    PyObject *bytes = PyObject_CallMethod(mv, "tobytes", NULL);
    CHECK(bytes && PyBytes_Check(bytes) && memcmp(PyBytes_AS_STRING(bytes), "acegik", 6) == 0);
    Py_XDECREF(bytes);
    /* A contiguous copy for reading; writing needs the original to be contiguous. */
    PyObject *c = PyMemoryView_GetContiguous(mv, PyBUF_READ, 'C');
    CHECK(c != NULL && PyBuffer_IsContiguous(PyMemoryView_GET_BUFFER(c), 'C'));
    if (c) CHECK(memcmp(PyMemoryView_GET_BUFFER(c)->buf, "acegik", 6) == 0);
    Py_XDECREF(c);
    CHECK(PyMemoryView_GetContiguous(mv, PyBUF_WRITE, 'C') == NULL);
    CHECK_ERR(PyExc_BufferError);
    Py_DECREF(mv);
  }
  s.buf = NULL;
  CHECK(PyMemoryView_FromBuffer(&s) == NULL);
  CHECK_ERR(PyExc_ValueError);

  /* Objects without the protocol. */
  PyObject *num = PyLong_FromLong(5);
  CHECK(!PyObject_CheckBuffer(num));
  CHECK(PyObject_GetBuffer(num, &w, PyBUF_SIMPLE) == -1);
  CHECK_ERR(PyExc_TypeError);
  CHECK(PyMemoryView_FromObject(num) == NULL);
  CHECK_ERR(PyExc_TypeError);
  Py_DECREF(num);

  /* memoryview of bytes: the base is the bytes object; CopyData into a bytearray. */
  PyObject *b = PyBytes_FromString("xyz");
  mv = PyMemoryView_FromObject(b);
  CHECK(mv && PyMemoryView_GET_BASE(mv) == b && PyMemoryView_GET_BUFFER(mv)->readonly);
  PyObject *ba = PyByteArray_FromStringAndSize("....", 4);
  CHECK(PyObject_CopyData(ba, mv) == 0);
  CHECK(memcmp(PyByteArray_AS_STRING(ba), "xyz.", 4) == 0);
  CHECK(PyObject_CopyData(b, ba) == -1); /* bytes is read-only */
  PyErr_Clear();
  Py_XDECREF(mv);
  Py_DECREF(ba);
  Py_DECREF(b);

  Py_Finalize();
  return capi_failures != 0;
}
