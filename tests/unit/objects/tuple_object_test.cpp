// tuple through the C API: construction, items, slicing, hashing (checked
// against CPython's values), comparison, repr, errors.
#include "container_test_util.h"

using namespace ctest;

namespace {

PyObject* ints_tuple(std::initializer_list<long> v) {
  PyObject* t = PyTuple_New(Py_ssize_t(v.size()));
  Py_ssize_t i = 0;
  for (long x : v) PyTuple_SET_ITEM(t, i++, PyLong_FromLong(x));
  return t;
}

}  // namespace

TEST(TupleObject, EmptyIsSingleton) {
  Obj a(PyTuple_New(0)), b(PyTuple_New(0));
  EXPECT_EQ(a.get(), b.get());
  EXPECT_EQ(PyTuple_Size(a.get()), 0);
  EXPECT_EQ(repr(a.get()), "()");
}

TEST(TupleObject, ItemsAndErrors) {
  Obj t(ints_tuple({1, 2, 3}));
  EXPECT_EQ(PyTuple_Size(t.get()), 3);
  EXPECT_EQ(PyLong_AsLong(PyTuple_GetItem(t.get(), 1)), 2);
  EXPECT_EQ(PyTuple_GetItem(t.get(), 3), nullptr);
  EXPECT_EQ(error_text(), "IndexError: tuple index out of range");
  EXPECT_EQ(repr(t.get()), "(1, 2, 3)");
  Obj one(ints_tuple({7}));
  EXPECT_EQ(repr(one.get()), "(7,)");
}

TEST(TupleObject, PackSliceConcatRepeat) {
  Obj a(PyLong_FromLong(1)), b(PyLong_FromLong(2));
  Obj t(PyTuple_Pack(2, a.get(), b.get()));
  EXPECT_EQ(repr(t.get()), "(1, 2)");
  Obj s(PyTuple_GetSlice(t.get(), 1, 10));
  EXPECT_EQ(repr(s.get()), "(2,)");
  Obj whole(PyTuple_GetSlice(t.get(), 0, 2));
  EXPECT_EQ(whole.get(), t.get());  // exact tuple, full slice: same object
  Obj c(PySequence_Concat(t.get(), t.get()));
  EXPECT_EQ(repr(c.get()), "(1, 2, 1, 2)");
  Obj r(PySequence_Repeat(t.get(), 2));
  EXPECT_EQ(repr(r.get()), "(1, 2, 1, 2)");
  Obj l(PyList_New(0));
  EXPECT_EQ(PySequence_Concat(t.get(), l.get()), nullptr);
  EXPECT_EQ(error_text(), "TypeError: can only concatenate tuple (not \"list\") to tuple");
  Obj ext(ints_tuple({0, 1, 2, 3, 4, 5}));
  Obj sl(PySlice_New(nullptr, nullptr, Obj(PyLong_FromLong(-2)).get()));
  Obj stepped(PyObject_GetItem(ext.get(), sl.get()));
  EXPECT_EQ(repr(stepped.get()), "(5, 3, 1)");
}

TEST(TupleObject, HashMatchesCPython) {
  // Values printed by /usr/bin/python3.11 (int hashes do not depend on the
  // hash seed).
  Obj t12(ints_tuple({1, 2}));
  EXPECT_EQ(PyObject_Hash(t12.get()), -3550055125485641917LL);
  Obj empty(PyTuple_New(0));
  EXPECT_EQ(PyObject_Hash(empty.get()), 5740354900026072187LL);
  Obj none1(PyTuple_Pack(1, Py_None));
  (void)none1;
  Obj lst(PyList_New(0));
  Obj bad(PyTuple_Pack(1, lst.get()));
  EXPECT_EQ(PyObject_Hash(bad.get()), -1);
  EXPECT_EQ(error_text(), "TypeError: unhashable type: 'list'");
}

TEST(TupleObject, HashOracle) {
  if (!have_oracle()) GTEST_SKIP();
  Obj t(ints_tuple({3, -1, 1000000007, 0}));
  Obj nested(PyTuple_Pack(2, t.get(), t.get()));
  std::string expect = oracle("print(hash((3, -1, 1000000007, 0)), hash(((3, -1, 1000000007, 0),)*2))");
  std::string got = std::to_string(PyObject_Hash(t.get())) + " " + std::to_string(PyObject_Hash(nested.get()));
  EXPECT_EQ(got, expect);
}

TEST(TupleObject, Compare) {
  Obj a(ints_tuple({1, 2})), b(ints_tuple({1, 3})), c(ints_tuple({1, 2, 0}));
  EXPECT_EQ(PyObject_RichCompareBool(a.get(), b.get(), Py_LT), 1);
  EXPECT_EQ(PyObject_RichCompareBool(a.get(), c.get(), Py_LT), 1);
  EXPECT_EQ(PyObject_RichCompareBool(a.get(), a.get(), Py_EQ), 1);
  EXPECT_EQ(PyObject_RichCompareBool(b.get(), c.get(), Py_GT), 1);
}

TEST(TupleObject, MethodsIndexCount) {
  Obj t(ints_tuple({5, 6, 5}));
  Obj n(call(t.get(), "count", "i", 5));
  EXPECT_EQ(PyLong_AsLong(n.get()), 2);
  Obj i(call(t.get(), "index", "ii", 5, 1));
  EXPECT_EQ(PyLong_AsLong(i.get()), 2);
  EXPECT_EQ(call(t.get(), "index", "i", 9), nullptr);
  EXPECT_EQ(error_text(), "ValueError: tuple.index(x): x not in tuple");
}

TEST(TupleObject, ResizeAndSetItem) {
  PyObject* t = PyTuple_New(3);
  for (int i = 0; i < 3; i++) ASSERT_EQ(PyTuple_SetItem(t, i, PyLong_FromLong(i)), 0);
  ASSERT_EQ(_PyTuple_Resize(&t, 5), 0);
  EXPECT_EQ(PyTuple_GET_ITEM(t, 3), nullptr);
  PyTuple_SET_ITEM(t, 3, PyLong_FromLong(3));
  PyTuple_SET_ITEM(t, 4, PyLong_FromLong(4));
  ASSERT_EQ(_PyTuple_Resize(&t, 2), 0);
  EXPECT_EQ(repr(t), "(0, 1)");
  Py_DECREF(t);
}

TEST(TupleObject, ReprRecursionViaList) {
  Obj l(PyList_New(0));
  Obj t(PyTuple_Pack(1, l.get()));
  PyList_Append(l.get(), t.get());
  EXPECT_EQ(repr(t.get()), "([(...)],)");
  PySequence_DelItem(l.get(), 0);  // break the cycle
}
