// set/frozenset through the C API. Iteration order and hashes are compared
// live with /usr/bin/python3.11: same hashes + same operations must give
// the same table layout.
#include "container_test_util.h"

using namespace ctest;

namespace {

PyObject* exec(const char* src) {
  PyObject* g = PyDict_New();
  PyDict_SetItemString(g, "__builtins__", PyEval_GetBuiltins());
  PyObject* r = PyRun_String(src, Py_file_input, g, g);
  if (r == nullptr) {
    Py_DECREF(g);
    return nullptr;
  }
  Py_DECREF(r);
  return g;
}

// Runs `src` both here and under CPython; compares `print(expr)` output.
void expect_same(const std::string& src, const std::string& expr) {
  Obj g(exec(src.c_str()));
  ASSERT_NE(g.get(), nullptr) << error_text();
  Obj val(PyRun_String(expr.c_str(), Py_eval_input, g.get(), g.get()));
  ASSERT_NE(val.get(), nullptr) << error_text();
  Obj s(PyObject_Str(val.get()));
  EXPECT_EQ(std::string(PyUnicode_AsUTF8(s.get())), oracle(src + "\nprint(" + expr + ")"));
}

}  // namespace

TEST(SetObject, AddOrderWithDummyReuse) {
  Obj s(PySet_New(nullptr));
  for (long x : {1, 9, 17, 25}) {
    Obj o(PyLong_FromLong(x));
    PySet_Add(s.get(), o.get());
  }
  EXPECT_EQ(repr(s.get()), "{1, 25, 9, 17}");  // CPython 3.11's order
  for (long x : {1, 17}) {
    Obj o(PyLong_FromLong(x));
    PySet_Discard(s.get(), o.get());
  }
  Obj o(PyLong_FromLong(33));
  PySet_Add(s.get(), o.get());
  EXPECT_EQ(repr(s.get()), "{25, 9, 33}");  // the last dummy seen is reused
}

TEST(SetObject, OrderMatchesOracle) {
  if (!have_oracle()) GTEST_SKIP();
  expect_same("s = set()\nfor i in range(200): s.add((i * 7919) % 1009 - 300)\n", "list(s)");
  expect_same("s = set(range(0, 1000, 37))\nfor i in range(0, 1000, 74): s.discard(i)\ns.add(-5)\n", "list(s)");
  expect_same("a = {i * 31 for i in range(50)}\nb = set(range(0, 400, 3))\n",
              "(list(a | b), list(a & b), list(a - b), list(a ^ b), list(b.union(a, [7, 8])))");
  expect_same("s = {(i, -i) for i in range(40)}\n", "list(s)");
  expect_same("s = set(range(30))\nx = [s.pop() for i in range(5)]\n", "(x, list(s))");
  expect_same("f = frozenset(range(100))\n",
              "(hash(f), hash(frozenset()), hash(frozenset({1, 2, 3})), hash(frozenset([f])))");
  expect_same("d = dict.fromkeys(range(60, 0, -3))\n", "(list(set(d)), list(set(d.keys()) & {3, 6, 9}))");
}

TEST(SetObject, ReprsAndErrors) {
  Obj g(exec("class S(set): pass\n"
              "r = (repr(set()), repr({1}), repr(frozenset({1})), repr(frozenset()), repr(S([2])))\n"
              "try: set().pop()\n"
              "except KeyError as e: a = repr(e)\n"
              "try: {1}.remove(2)\n"
              "except KeyError as e: b = repr(e)\n"
              "c = {1, 2} <= {1, 2, 3}, {1} < {1}, {frozenset({1})} == {frozenset([1])}, {1}.isdisjoint([2])\n"
              "d = {1, 2}; d -= {1}; d |= {5}; d ^= {5, 6}; d &= {2, 6, 7}\n"
              "e = {frozenset({1})}; e.remove({1})\n"));
  ASSERT_NE(g.get(), nullptr) << error_text();
  EXPECT_EQ(repr(PyDict_GetItemString(g.get(), "r")),
            "('set()', '{1}', 'frozenset({1})', 'frozenset()', 'S({2})')");
  EXPECT_EQ(repr(PyDict_GetItemString(g.get(), "a")), "\"KeyError('pop from an empty set')\"");
  EXPECT_EQ(repr(PyDict_GetItemString(g.get(), "b")), "'KeyError(2)'");
  EXPECT_EQ(repr(PyDict_GetItemString(g.get(), "c")), "(True, False, True, True)");
  EXPECT_EQ(repr(PyDict_GetItemString(g.get(), "d")), "{2, 6}");
  EXPECT_EQ(repr(PyDict_GetItemString(g.get(), "e")), "set()");
}

TEST(SetObject, CApi) {
  Obj s(PySet_New(nullptr));
  Obj one(PyLong_FromLong(1));
  EXPECT_EQ(PySet_Add(s.get(), one.get()), 0);
  EXPECT_EQ(PySet_Contains(s.get(), one.get()), 1);
  EXPECT_EQ(PySet_Size(s.get()), 1);
  Py_ssize_t pos = 0;
  PyObject* key;
  Py_hash_t hash;
  EXPECT_EQ(_PySet_NextEntry(s.get(), &pos, &key, &hash), 1);
  EXPECT_EQ(hash, 1);
  Obj popped(PySet_Pop(s.get()));
  EXPECT_EQ(popped.get(), one.get());
  EXPECT_EQ(PySet_Pop(s.get()), nullptr);
  EXPECT_EQ(error_text(), "KeyError: 'pop from an empty set'");
  Obj f(PyFrozenSet_New(nullptr));
  EXPECT_EQ(PySet_Add(f.get(), one.get()), 0);  // fresh frozenset: allowed
  EXPECT_EQ(PySet_Discard(f.get(), one.get()), -1);
  PyErr_Clear();
}
