// Tracing and profiling hooks (PyEval_SetTrace/SetProfile) and the Python
// trampolines that sys.settrace/sys.setprofile use.
#include <Python.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "interp/trace.h"

namespace {

std::vector<std::string> g_events;

int record(PyObject*, PyFrameObject* frame, int what, PyObject*) {
  static const char* names[] = {"call", "exception", "line", "return", "c_call", "c_exception", "c_return"};
  PyCodeObject* co = PyFrame_GetCode(frame);
  g_events.push_back(std::string(names[what]) + ":" + PyUnicode_AsUTF8(co->co_name) + ":" +
                     std::to_string(PyFrame_GetLineNumber(frame)));
  Py_DECREF(co);
  return 0;
}

PyObject* run(const char* src, PyObject* globals) {
  return PyRun_String(src, Py_file_input, globals, globals);
}

PyObject* fresh_globals() {
  PyObject* g = PyDict_New();
  PyDict_SetItemString(g, "__builtins__", PyEval_GetBuiltins());
  return g;
}

TEST(Trace, CallLineReturnEvents) {
  PyObject* g = fresh_globals();
  PyObject* r = run("def f(a):\n    b = a + 1\n    return b\n", g);
  ASSERT_NE(r, nullptr);
  Py_DECREF(r);
  g_events.clear();
  PyEval_SetTrace(record, nullptr);
  r = run("f(1)\n", g);
  PyEval_SetTrace(nullptr, nullptr);
  ASSERT_NE(r, nullptr);
  Py_DECREF(r);
  std::vector<std::string> want = {"call:<module>:1", "line:<module>:1", "call:f:1", "line:f:2",
                                   "line:f:3", "return:f:3", "return:<module>:1"};
  EXPECT_EQ(g_events, want);
  Py_DECREF(g);
}

TEST(Trace, LoopBackEdgeRepeatsLine) {
  PyObject* g = fresh_globals();
  g_events.clear();
  PyEval_SetTrace(record, nullptr);
  PyObject* r = run("for i in range(2): pass\n", g);
  PyEval_SetTrace(nullptr, nullptr);
  ASSERT_NE(r, nullptr);
  Py_DECREF(r);
  int lines = 0;
  for (auto& e : g_events) lines += e.rfind("line:", 0) == 0;
  EXPECT_GE(lines, 3);  // entry + one per iteration
  Py_DECREF(g);
}

TEST(Trace, ExceptionEventAndProfile) {
  PyObject* g = fresh_globals();
  g_events.clear();
  PyEval_SetProfile(record, nullptr);
  PyObject* r = run("def h():\n    return 2\nh()\n", g);
  PyEval_SetProfile(nullptr, nullptr);
  ASSERT_NE(r, nullptr);
  Py_DECREF(r);
  for (auto& e : g_events) EXPECT_TRUE(e.rfind("line:", 0) != 0) << e;  // profilers get no line events
  g_events.clear();
  PyEval_SetTrace(record, nullptr);
  r = run("try:\n    1/0\nexcept ZeroDivisionError:\n    pass\n", g);
  PyEval_SetTrace(nullptr, nullptr);
  ASSERT_NE(r, nullptr);
  Py_DECREF(r);
  bool saw = false;
  for (auto& e : g_events) saw |= e == "exception:<module>:2";
  EXPECT_TRUE(saw);
  Py_DECREF(g);
}

TEST(Trace, PythonTrampolineSetsFTrace) {
  PyObject* g = fresh_globals();
  PyObject* r = run(
      "log = []\n"
      "def tracer(frame, event, arg):\n"
      "    log.append((frame.f_code.co_name, event, frame.f_lineno))\n"
      "    return tracer\n"
      "def f():\n"
      "    x = 1\n"
      "    return x\n",
      g);
  ASSERT_NE(r, nullptr);
  Py_DECREF(r);
  PyObject* tracer = PyDict_GetItemString(g, "tracer");
  PyObject* f = PyDict_GetItemString(g, "f");
  PyEval_SetTrace(krait::interp::trace_trampoline, tracer);
  r = PyObject_CallNoArgs(f);
  PyEval_SetTrace(nullptr, nullptr);
  ASSERT_NE(r, nullptr);
  Py_DECREF(r);
  PyObject* log = PyObject_Repr(PyDict_GetItemString(g, "log"));
  EXPECT_STREQ(PyUnicode_AsUTF8(log),
               "[('f', 'call', 5), ('f', 'line', 6), ('f', 'line', 7), ('f', 'return', 7)]");
  Py_DECREF(log);
  Py_DECREF(g);
}

}  // namespace
