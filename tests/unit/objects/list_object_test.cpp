// list through the C API: growth pattern, slicing, sort (stability, key,
// reverse, mutation during sort), exact error messages, repr.
#include "container_test_util.h"

using namespace ctest;

namespace {

PyObject* ints_list(std::initializer_list<long> v) {
  PyObject* l = PyList_New(0);
  for (long x : v) {
    PyObject* o = PyLong_FromLong(x);
    PyList_Append(l, o);
    Py_DECREF(o);
  }
  return l;
}

PyObject* run(const char* expr, PyObject* globals) {
  return PyRun_String(expr, Py_eval_input, globals, globals);
}

}  // namespace

TEST(ListObject, AllocatedGrowsLikeCPython) {
  Obj l(PyList_New(0));
  std::string got;
  for (int i = 0; i < 30; i++) {
    PyObject* o = PyLong_FromLong(i);
    PyList_Append(l.get(), o);
    Py_DECREF(o);
    got += std::to_string(reinterpret_cast<PyListObject*>(l.get())->allocated) + " ";
  }
  // sys.getsizeof() steps of CPython 3.11 for 30 appends.
  EXPECT_EQ(got,
            "4 4 4 4 8 8 8 8 16 16 16 16 16 16 16 16 24 24 24 24 24 24 24 24 32 32 32 32 32 32 ");
}

TEST(ListObject, ItemsAndErrors) {
  Obj l(ints_list({1, 2, 3}));
  EXPECT_EQ(PyList_GetItem(l.get(), 5), nullptr);
  EXPECT_EQ(error_text(), "IndexError: list index out of range");
  EXPECT_EQ(PyList_SetItem(l.get(), 5, PyLong_FromLong(0)), -1);
  EXPECT_EQ(error_text(), "IndexError: list assignment index out of range");
  Obj x(PyLong_FromLong(9));
  EXPECT_EQ(PyList_Insert(l.get(), -1, x.get()), 0);
  EXPECT_EQ(repr(l.get()), "[1, 2, 9, 3]");
  EXPECT_EQ(PyList_Reverse(l.get()), 0);
  EXPECT_EQ(repr(l.get()), "[3, 9, 2, 1]");
  Obj t(PyList_AsTuple(l.get()));
  EXPECT_EQ(repr(t.get()), "(3, 9, 2, 1)");
}

TEST(ListObject, Slices) {
  Obj l(ints_list({0, 1, 2, 3, 4, 5}));
  Obj two(ints_list({7, 8}));
  EXPECT_EQ(PyList_SetSlice(l.get(), 1, 3, two.get()), 0);
  EXPECT_EQ(repr(l.get()), "[0, 7, 8, 3, 4, 5]");
  EXPECT_EQ(PyList_SetSlice(l.get(), 0, 2, nullptr), 0);
  EXPECT_EQ(repr(l.get()), "[8, 3, 4, 5]");
  Obj step(PyLong_FromLong(2));
  Obj sl(PySlice_New(nullptr, nullptr, step.get()));
  Obj three(ints_list({1, 2, 3}));
  EXPECT_EQ(PyObject_SetItem(l.get(), sl.get(), three.get()), -1);
  EXPECT_EQ(error_text(), "ValueError: attempt to assign sequence of size 3 to extended slice of size 2");
  EXPECT_EQ(PyObject_DelItem(l.get(), sl.get()), 0);
  EXPECT_EQ(repr(l.get()), "[3, 5]");
  Obj n(PyLong_FromLong(1));
  EXPECT_EQ(PyObject_SetItem(l.get(), sl.get(), n.get()), -1);
  EXPECT_EQ(error_text(), "TypeError: must assign iterable to extended slice");
  EXPECT_EQ(PyList_SetSlice(l.get(), 0, 1, n.get()), -1);
  EXPECT_EQ(error_text(), "TypeError: can only assign an iterable");
}

TEST(ListObject, SortStableWithKeyAndReverse) {
  Obj g(PyDict_New());
  PyDict_SetItemString(g.get(), "__builtins__", PyEval_GetBuiltins());
  Obj r(run("sorted([(1,'b'),(0,'x'),(1,'a'),(0,'y')], key=lambda p: p[0], reverse=True)", g.get()));
  EXPECT_EQ(repr(r.get()), "[(1, 'b'), (1, 'a'), (0, 'x'), (0, 'y')]");
  Obj l(ints_list({5, 3, 9, 1, 1, 0, -4, 100, 7}));
  ASSERT_EQ(PyList_Sort(l.get()), 0);
  EXPECT_EQ(repr(l.get()), "[-4, 0, 1, 1, 3, 5, 7, 9, 100]");
}

TEST(ListObject, SortLargeAgainstOracle) {
  if (!have_oracle()) GTEST_SKIP();
  // A pseudo-random permutation with runs, to exercise galloping merges.
  Obj l(PyList_New(0));
  unsigned long x = 12345;
  std::string src = "[";
  for (int i = 0; i < 3000; i++) {
    x = x * 6364136223846793005UL + 1442695040888963407UL;
    long v = long((x >> 33) % 1000) + (i % 100 < 50 ? i : 0);
    Obj o(PyLong_FromLong(v));
    PyList_Append(l.get(), o.get());
    src += std::to_string(v) + ",";
  }
  src += "]";
  ASSERT_EQ(PyList_Sort(l.get()), 0);
  std::string expect = oracle("print(sorted(" + src + "))");
  EXPECT_EQ(repr(l.get()), expect);
}

TEST(ListObject, MutationDuringSort) {
  Obj g(PyDict_New());
  PyDict_SetItemString(g.get(), "__builtins__", PyEval_GetBuiltins());
  Obj r(PyRun_String("l = [3, 1, 2]\n"
                     "try:\n"
                     "    l.sort(key=lambda x: l.append(x) or x)\n"
                     "except ValueError as e:\n"
                     "    msg = str(e)\n",
                     Py_file_input, g.get(), g.get()));
  ASSERT_NE(r.get(), nullptr) << error_text();
  EXPECT_EQ(repr(PyDict_GetItemString(g.get(), "msg")), "'list modified during sort'");
}

TEST(ListObject, MethodErrors) {
  Obj l(PyList_New(0));
  EXPECT_EQ(call(l.get(), "pop", nullptr), nullptr);
  EXPECT_EQ(error_text(), "IndexError: pop from empty list");
  EXPECT_EQ(call(l.get(), "remove", "i", 1), nullptr);
  EXPECT_EQ(error_text(), "ValueError: list.remove(x): x not in list");
  EXPECT_EQ(call(l.get(), "index", "i", 3), nullptr);
  EXPECT_EQ(error_text(), "ValueError: 3 is not in list");
}

TEST(ListObject, ReprRecursion) {
  Obj l(ints_list({1}));
  PyList_Append(l.get(), l.get());
  EXPECT_EQ(repr(l.get()), "[1, [...]]");
  PyList_SetSlice(l.get(), 0, 2, nullptr);
}
