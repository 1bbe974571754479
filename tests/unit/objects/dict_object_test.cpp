// dict through the C API: insertion order, deletion, version tags,
// iteration mutation errors, update errors, views, KeyError, __missing__.
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

std::string var(PyObject* g, const char* name) { return repr(PyDict_GetItemString(g, name)); }

}  // namespace

TEST(DictObject, OrderDeleteReinsert) {
  Obj d(PyDict_New());
  for (int i = 0; i < 20; i++) {
    Obj k(PyLong_FromLong(i * 7)), v(PyLong_FromLong(i));
    ASSERT_EQ(PyDict_SetItem(d.get(), k.get(), v.get()), 0);
  }
  for (int i = 0; i < 20; i += 3) {
    Obj k(PyLong_FromLong(i * 7));
    ASSERT_EQ(PyDict_DelItem(d.get(), k.get()), 0);
  }
  Obj k0(PyLong_FromLong(0)), v(PyLong_FromLong(-1));
  PyDict_SetItem(d.get(), k0.get(), v.get());
  EXPECT_EQ(PyDict_Size(d.get()), 14);
  EXPECT_EQ(repr(d.get()),
            "{7: 1, 14: 2, 28: 4, 35: 5, 49: 7, 56: 8, 70: 10, 77: 11, 91: 13, 98: 14, 112: 16, "
            "119: 17, 133: 19, 0: -1}");
}

TEST(DictObject, VersionTagChangesOnMutation) {
  Obj d(PyDict_New());
  uint64_t v0 = reinterpret_cast<PyDictObject*>(d.get())->ma_version_tag;
  Obj k(PyUnicode_FromString("a")), v(PyLong_FromLong(1));
  PyDict_SetItem(d.get(), k.get(), v.get());
  uint64_t v1 = reinterpret_cast<PyDictObject*>(d.get())->ma_version_tag;
  EXPECT_NE(v0, v1);
  PyDict_DelItem(d.get(), k.get());
  EXPECT_NE(v1, reinterpret_cast<PyDictObject*>(d.get())->ma_version_tag);
}

TEST(DictObject, GetItemVariants) {
  Obj d(PyDict_New());
  ASSERT_EQ(PyDict_SetItemString(d.get(), "x", Py_None), 0);
  EXPECT_EQ(PyDict_GetItemString(d.get(), "x"), Py_None);
  EXPECT_EQ(_PyDict_GetItemStringWithError(d.get(), "y"), nullptr);
  EXPECT_FALSE(PyErr_Occurred());
  Obj lst(PyList_New(0));
  EXPECT_EQ(PyDict_GetItem(d.get(), lst.get()), nullptr);
  EXPECT_FALSE(PyErr_Occurred());  // PyDict_GetItem suppresses errors
  EXPECT_EQ(PyDict_GetItemWithError(d.get(), lst.get()), nullptr);
  EXPECT_EQ(error_text(), "TypeError: unhashable type: 'list'");
  Obj k(PyLong_FromLong(5));
  EXPECT_EQ(PyObject_GetItem(d.get(), k.get()), nullptr);
  EXPECT_EQ(error_text(), "KeyError: 5");
  Obj t(PyTuple_Pack(1, k.get()));
  EXPECT_EQ(PyObject_GetItem(d.get(), t.get()), nullptr);
  EXPECT_EQ(error_text(), "KeyError: (5,)");  // the key is the single argument
}

TEST(DictObject, IterationMutationErrors) {
  Obj g(exec("d = {1: 1, 2: 2}\n"
              "try:\n"
              "    for k in d: d[k + 10] = 0\n"
              "except RuntimeError as e: a = str(e)\n"
              "d = {1: 1, 2: 2}\n"
              "try:\n"
              "    for k in d:\n"
              "        del d[k]; d[k + 10] = 0\n"
              "except RuntimeError as e: b = str(e)\n"));
  ASSERT_NE(g.get(), nullptr) << error_text();
  EXPECT_EQ(var(g.get(), "a"), "'dictionary changed size during iteration'");
  EXPECT_EQ(var(g.get(), "b"), "'dictionary keys changed during iteration'");
}

TEST(DictObject, UpdateErrorsAndKwargs) {
  Obj g(exec("d = {}\n"
              "try: d.update([(1,)])\n"
              "except ValueError as e: a = str(e)\n"
              "try: d.update([1])\n"
              "except TypeError as e: b = str(e)\n"
              "d.update([(1, 2)], x=3)\n"
              "c = dict([('a', 1)], b=2) | {'c': 3}\n"));
  ASSERT_NE(g.get(), nullptr) << error_text();
  EXPECT_EQ(var(g.get(), "a"), "'dictionary update sequence element #0 has length 1; 2 is required'");
  EXPECT_EQ(var(g.get(), "b"), "'cannot convert dictionary update sequence element #0 to a sequence'");
  EXPECT_EQ(var(g.get(), "d"), "{1: 2, 'x': 3}");
  EXPECT_EQ(var(g.get(), "c"), "{'a': 1, 'b': 2, 'c': 3}");
}

TEST(DictObject, ViewsAndMethods) {
  Obj g(exec("d = dict.fromkeys('abc', 0)\n"
              "k = d.keys()\n"
              "r = (list(reversed(d)), k & {'a', 'z'}, sorted(k - {'a'}), repr(k), repr(d.items()), d.popitem())\n"
              "s = d.setdefault('q', 5), d.pop('zz', 7), d.get('a')\n"
              "class M(dict):\n"
              "    def __missing__(self, key): return key * 2\n"
              "m = M()['ab']\n"
              "rec = {}; rec[1] = rec; rrec = repr(rec)\n"));
  ASSERT_NE(g.get(), nullptr) << error_text();
  EXPECT_EQ(var(g.get(), "r"),
            "(['c', 'b', 'a'], {'a'}, ['b', 'c'], \"dict_keys(['a', 'b', 'c'])\", "
            "\"dict_items([('a', 0), ('b', 0), ('c', 0)])\", ('c', 0))");
  EXPECT_EQ(var(g.get(), "s"), "(5, 7, 0)");
  EXPECT_EQ(var(g.get(), "m"), "'abab'");
  EXPECT_EQ(var(g.get(), "rrec"), "'{1: {...}}'");
}

TEST(DictObject, NextAndCopy) {
  Obj d(PyDict_New());
  for (int i = 0; i < 5; i++) {
    Obj k(PyLong_FromLong(i)), v(PyLong_FromLong(i * i));
    PyDict_SetItem(d.get(), k.get(), v.get());
  }
  Py_ssize_t pos = 0;
  PyObject *k, *v;
  long sum = 0;
  while (PyDict_Next(d.get(), &pos, &k, &v)) sum += PyLong_AsLong(v);
  EXPECT_EQ(sum, 30);
  Obj c(PyDict_Copy(d.get()));
  EXPECT_EQ(PyObject_RichCompareBool(c.get(), d.get(), Py_EQ), 1);
  Obj items(PyDict_Items(d.get()));
  EXPECT_EQ(repr(items.get()), "[(0, 0), (1, 1), (2, 4), (3, 9), (4, 16)]");
  PyDict_Clear(d.get());
  EXPECT_EQ(PyDict_Size(d.get()), 0);
  EXPECT_EQ(PyDict_Size(c.get()), 5);
}
