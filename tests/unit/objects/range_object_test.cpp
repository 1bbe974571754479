// range and slice through the C API and small programs: O(1) len and
// membership, big ranges, slicing, equality/hash, iterator pickling state,
// slice index helpers.
#include "container_test_util.h"

using namespace ctest;

namespace {

PyObject* eval(const char* expr) {
  Obj g(PyDict_New());
  PyDict_SetItemString(g.get(), "__builtins__", PyEval_GetBuiltins());
  return PyRun_String(expr, Py_eval_input, g.get(), g.get());
}

std::string eval_repr(const char* expr) {
  Obj r(eval(expr));
  if (!r.get()) return error_text();
  return repr(r.get());
}

}  // namespace

TEST(RangeObject, Basics) {
  EXPECT_EQ(eval_repr("range(0, 10, 3)[1:5:2]"), "range(3, 12, 6)");
  EXPECT_EQ(eval_repr("range(10)[::-1]"), "range(9, -1, -1)");
  EXPECT_EQ(eval_repr("(len(range(5, -7, -2)), 10**30 in range(0, 10**40, 10), range(3).index(2))"),
            "(6, True, 2)");
  EXPECT_EQ(eval_repr("range(0) == range(5, 1), range(1, 2, 5) == range(1, 3, 9), hash(range(0)) == hash(range(3, 3))"),
            "(True, True, True)");
  EXPECT_EQ(eval_repr("list(reversed(range(1, 10, 4))), list(range(2**63 - 2, 2**63 + 1))"),
            "([9, 5, 1], [9223372036854775806, 9223372036854775807, 9223372036854775808])");
  EXPECT_EQ(eval_repr("range(1, 2, 0)"), "ValueError: range() arg 3 must not be zero");
  EXPECT_EQ(eval_repr("range()"), "TypeError: range expected at least 1 argument, got 0");
  EXPECT_EQ(eval_repr("range(5).index(7)"), "ValueError: 7 is not in range");
  EXPECT_EQ(eval_repr("range(5)[7]"), "IndexError: range object index out of range");
  EXPECT_EQ(eval_repr("len(range(2**70))"), "OverflowError: Python int too large to convert to C ssize_t");
}

TEST(RangeObject, HashMatchesCPython) {
  Obj r0(eval("hash(range(0))")), r3(eval("hash(range(3))"));
  EXPECT_EQ(PyLong_AsLongLong(r0.get()), -1338298520598944476LL);
  EXPECT_EQ(PyLong_AsLongLong(r3.get()), -8338477496398685190LL);
}

TEST(RangeObject, IteratorReduce) {
  EXPECT_EQ(eval_repr("(lambda it: (next(it), it.__reduce__()[1:]))(iter(range(5)))"),
            "(0, ((range(0, 5),), 1))");
  EXPECT_EQ(eval_repr("type(iter(range(2**70))).__name__"), "'longrange_iterator'");
}

TEST(SliceObject, IndicesAndCApi) {
  EXPECT_EQ(eval_repr("slice(1, 2).indices(10), slice(None, None, -1).indices(5)"), "((1, 2, 1), (4, -1, -1))");
  EXPECT_EQ(eval_repr("slice(1, 2, 0).indices(5)"), "ValueError: slice step cannot be zero");
  EXPECT_EQ(eval_repr("hash(slice(1))"), "TypeError: unhashable type: 'slice'");
  EXPECT_EQ(eval_repr("slice(1, 2) < slice(1, 3), repr(slice(1, 2))"), "(True, 'slice(1, 2, None)')");
  Obj start(PyLong_FromLong(-3));
  Obj s(PySlice_New(start.get(), nullptr, nullptr));
  Py_ssize_t a, b, c, n;
  ASSERT_EQ(PySlice_GetIndicesEx(s.get(), 10, &a, &b, &c, &n), 0);
  EXPECT_EQ(a, 7);
  EXPECT_EQ(b, 10);
  EXPECT_EQ(c, 1);
  EXPECT_EQ(n, 3);
  ASSERT_EQ(PySlice_Unpack(s.get(), &a, &b, &c), 0);
  EXPECT_EQ(PySlice_AdjustIndices(2, &a, &b, c), 2);
}
