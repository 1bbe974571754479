// Unit tests for memoryview (objects/memoryview_*.cpp) through the C API.
#include <Python.h>
#include <gtest/gtest.h>

#include <cstring>
#include <string>

namespace {

std::string repr_of(PyObject* o) {
  PyObject* r = PyObject_Repr(o);
  std::string s = r ? PyUnicode_AsUTF8(r) : "<error>";
  Py_XDECREF(r);
  return s;
}

PyObject* call(PyObject* o, const char* method, const char* fmt = nullptr, PyObject* arg = nullptr) {
  return fmt ? PyObject_CallMethod(o, method, fmt, arg) : PyObject_CallMethod(o, method, nullptr);
}

TEST(MemoryView, ViewsBytesWithoutCopying) {
  PyObject* b = PyBytes_FromString("abcdef");
  PyObject* mv = PyMemoryView_FromObject(b);
  ASSERT_NE(mv, nullptr);
  Py_buffer* view = PyMemoryView_GET_BUFFER(mv);
  EXPECT_EQ(view->buf, PyBytes_AS_STRING(b));
  EXPECT_EQ(view->len, 6);
  EXPECT_TRUE(view->readonly);
  EXPECT_STREQ(view->format, "B");
  EXPECT_EQ(PyMemoryView_GET_BASE(mv), b);
  EXPECT_EQ(PyObject_Size(mv), 6);
  EXPECT_EQ(repr_of(mv).rfind("<memory at 0x", 0), 0u);
  Py_DECREF(mv);
  Py_DECREF(b);
}

TEST(MemoryView, SliceIndexCastToList) {
  PyObject* b = PyBytes_FromString("abcdefgh");
  PyObject* mv = PyMemoryView_FromObject(b);
  PyObject* sl = PySlice_New(nullptr, nullptr, PyLong_FromLong(-2));  // leaks the step: fine in a test
  PyObject* rev = PyObject_GetItem(mv, sl);
  ASSERT_NE(rev, nullptr);
  PyObject* bytes = call(rev, "tobytes");
  EXPECT_STREQ(PyBytes_AsString(bytes), "hfdb");
  EXPECT_FALSE(PyBuffer_IsContiguous(PyMemoryView_GET_BUFFER(rev), 'C'));
  PyObject* shape = Py_BuildValue("[ii]", 2, 4);
  PyObject* nd = PyObject_CallMethod(mv, "cast", "sO", "B", shape);
  ASSERT_NE(nd, nullptr);
  PyObject* list = call(nd, "tolist");
  EXPECT_EQ(repr_of(list), "[[97, 98, 99, 100], [101, 102, 103, 104]]");
  PyObject* ints = PyObject_CallMethod(mv, "cast", "s", "i");
  EXPECT_EQ(PyObject_Size(ints), 2);
  for (PyObject* o : {bytes, shape, nd, list, ints, rev, sl, mv, b}) Py_XDECREF(o);
}

TEST(MemoryView, WritesThroughToBytearray) {
  PyObject* ba = PyByteArray_FromStringAndSize("0123", 4);
  PyObject* mv = PyMemoryView_FromObject(ba);
  PyObject* key = PyLong_FromLong(1);
  PyObject* val = PyLong_FromLong('X');
  ASSERT_EQ(PyObject_SetItem(mv, key, val), 0);
  EXPECT_EQ(std::string(PyByteArray_AsString(ba), 4), "0X23");
  PyObject* big = PyLong_FromLong(256);
  EXPECT_EQ(PyObject_SetItem(mv, key, big), -1);
  EXPECT_TRUE(PyErr_ExceptionMatches(PyExc_ValueError));
  PyErr_Clear();
  // While the view exists the bytearray cannot resize; after release it can.
  EXPECT_EQ(PyByteArray_Resize(ba, 10), -1);
  PyErr_Clear();
  PyObject* r = call(mv, "release");
  Py_XDECREF(r);
  EXPECT_EQ(PyByteArray_Resize(ba, 10), 0);
  EXPECT_EQ(PyObject_GetItem(mv, key), nullptr);
  EXPECT_TRUE(PyErr_ExceptionMatches(PyExc_ValueError));
  PyErr_Clear();
  EXPECT_EQ(repr_of(mv).rfind("<released memory at 0x", 0), 0u);
  for (PyObject* o : {big, val, key, mv, ba}) Py_DECREF(o);
}

TEST(MemoryView, EqualityAndHash) {
  PyObject* a = PyBytes_FromString("xyz");
  PyObject* mv = PyMemoryView_FromObject(a);
  EXPECT_EQ(PyObject_RichCompareBool(mv, a, Py_EQ), 1);
  EXPECT_EQ(PyObject_Hash(mv), PyObject_Hash(a));
  PyObject* ba = PyByteArray_FromStringAndSize("xyz", 3);
  PyObject* wv = PyMemoryView_FromObject(ba);
  EXPECT_EQ(PyObject_RichCompareBool(mv, wv, Py_EQ), 1);
  EXPECT_EQ(PyObject_Hash(wv), -1);  // writable
  EXPECT_TRUE(PyErr_ExceptionMatches(PyExc_ValueError));
  PyErr_Clear();
  for (PyObject* o : {wv, ba, mv, a}) Py_DECREF(o);
}

TEST(MemoryView, ExportsCountAndBlockRelease) {
  char mem[8] = {};
  PyObject* mv = PyMemoryView_FromMemory(mem, 8, PyBUF_WRITE);
  Py_buffer view;
  ASSERT_EQ(PyObject_GetBuffer(mv, &view, PyBUF_FULL), 0);
  EXPECT_EQ(view.obj, mv);
  EXPECT_STREQ(view.format, "B");
  EXPECT_EQ(reinterpret_cast<PyMemoryViewObject*>(mv)->exports, 1);
  EXPECT_EQ(call(mv, "release"), nullptr);
  EXPECT_TRUE(PyErr_ExceptionMatches(PyExc_BufferError));
  PyErr_Clear();
  PyBuffer_Release(&view);
  EXPECT_EQ(reinterpret_cast<PyMemoryViewObject*>(mv)->exports, 0);
  Py_DECREF(mv);
}

}  // namespace
