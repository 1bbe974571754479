// Generators and coroutines through the C API: creation by call, send,
// _PyGen_FetchStopIterationValue, PyIter_Send.
#include <Python.h>
#include <gtest/gtest.h>

#include <vector>

namespace {

PyObject* define(const char* src, const char* name) {
  PyObject* g = PyDict_New();
  PyDict_SetItemString(g, "__builtins__", PyEval_GetBuiltins());
  PyObject* r = PyRun_String(src, Py_file_input, g, g);
  EXPECT_NE(r, nullptr);
  Py_XDECREF(r);
  PyObject* f = Py_XNewRef(PyDict_GetItemString(g, name));
  Py_DECREF(g);
  return f;
}

TEST(Generator, SendAndReturnValue) {
  PyObject* f = define("def g():\n    x = yield 1\n    return x * 2\n", "g");
  ASSERT_NE(f, nullptr);
  PyObject* gen = PyObject_CallNoArgs(f);
  ASSERT_TRUE(gen && PyGen_CheckExact(gen));
  PyObject* v = nullptr;
  ASSERT_EQ(PyIter_Send(gen, Py_None, &v), PYGEN_NEXT);
  EXPECT_EQ(PyLong_AsLong(v), 1);
  Py_DECREF(v);
  PyObject* arg = PyLong_FromLong(21);
  ASSERT_EQ(PyIter_Send(gen, arg, &v), PYGEN_RETURN);
  EXPECT_EQ(PyLong_AsLong(v), 42);
  Py_DECREF(v);
  Py_DECREF(arg);
  Py_DECREF(gen);
  Py_DECREF(f);
}

TEST(Generator, FetchStopIterationValue) {
  PyObject* v = nullptr;
  PyErr_SetObject(PyExc_StopIteration, PyLong_FromLong(7));
  ASSERT_EQ(_PyGen_FetchStopIterationValue(&v), 0);
  EXPECT_EQ(PyLong_AsLong(v), 7);
  EXPECT_FALSE(PyErr_Occurred());
  Py_DECREF(v);
  ASSERT_EQ(_PyGen_FetchStopIterationValue(&v), 0);  // nothing pending: None
  EXPECT_EQ(v, Py_None);
  Py_DECREF(v);
  PyErr_SetString(PyExc_ValueError, "x");
  EXPECT_EQ(_PyGen_FetchStopIterationValue(&v), -1);
  PyErr_Clear();
}

TEST(Generator, SuspendedFrameHoldsNoCStack) {
  // Many generators suspended at once: each owns its frame, none holds C stack.
  PyObject* f = define("def g(i):\n    yield i\n    yield i + 1\n", "g");
  ASSERT_NE(f, nullptr);
  std::vector<PyObject*> gens;
  for (int i = 0; i < 2000; i++) {
    PyObject* a = PyLong_FromLong(i);
    PyObject* gen = PyObject_CallOneArg(f, a);
    Py_DECREF(a);
    PyObject* v = PyIter_Next(gen);
    ASSERT_NE(v, nullptr);
    Py_DECREF(v);
    gens.push_back(gen);
  }
  for (int i = 0; i < 2000; i++) {
    PyObject* v = PyIter_Next(gens[i]);
    EXPECT_EQ(PyLong_AsLong(v), i + 1);
    Py_DECREF(v);
    Py_DECREF(gens[i]);
  }
  Py_DECREF(f);
}

TEST(Coroutine, AwaitProtocol) {
  PyObject* f = define("async def c():\n    return 5\n", "c");
  ASSERT_NE(f, nullptr);
  PyObject* co = PyObject_CallNoArgs(f);
  ASSERT_TRUE(co && PyCoro_CheckExact(co));
  PyObject* v = nullptr;
  ASSERT_EQ(PyIter_Send(co, Py_None, &v), PYGEN_RETURN);
  EXPECT_EQ(PyLong_AsLong(v), 5);
  Py_DECREF(v);
  Py_DECREF(co);
  Py_DECREF(f);
}

}  // namespace
