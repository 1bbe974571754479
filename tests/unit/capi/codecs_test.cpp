// Unit tests for the codec registry and error handlers (capi/codecs.cpp).
// These need no `encodings` package: they register their own search function.
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <gtest/gtest.h>

#include <string>

namespace {

std::string repr_of(PyObject* o) {
  PyObject* r = PyObject_Repr(o);
  std::string s = r ? PyUnicode_AsUTF8(r) : "<error>";
  Py_XDECREF(r);
  return s;
}

// A search function answering "krait_test" with a 4-tuple of identity codecs.
PyObject* g_seen = nullptr;
PyObject* identity(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  return Py_BuildValue("(On)", args[0], static_cast<Py_ssize_t>(0));
}
PyMethodDef identity_def = {"identity", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(identity)),
                            METH_FASTCALL, nullptr};
PyObject* search(PyObject*, PyObject* name) {
  Py_XDECREF(g_seen);
  Py_INCREF(name);
  g_seen = name;
  if (PyUnicode_CompareWithASCIIString(name, "krait_test") != 0) Py_RETURN_NONE;
  PyObject* f = PyCFunction_New(&identity_def, nullptr);
  PyObject* t = PyTuple_Pack(4, f, f, Py_None, Py_None);
  Py_DECREF(f);
  return t;
}
PyMethodDef search_def = {"search", search, METH_O, nullptr};

// The registry imports `encodings` when it starts; that may fail where the
// standard library is not importable. The registry stays usable (as in
// CPython), so start it once and ignore that error.
class Codecs : public ::testing::Test {
 protected:
  void SetUp() override {
    PyObject* h = PyCodec_LookupError("strict");
    Py_XDECREF(h);
    PyErr_Clear();
  }
};

TEST_F(Codecs, RegisterLookupNormalizeUnregister) {
  PyObject* fn = PyCFunction_New(&search_def, nullptr);
  ASSERT_EQ(PyCodec_Register(fn), 0);
  PyObject* info = _PyCodec_Lookup(" Krait-Test ");
  if (info == nullptr) PyErr_Print();
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(repr_of(g_seen), "'krait_test'");
  EXPECT_TRUE(PyCodec_KnownEncoding("KRAIT_TEST"));
  PyObject* s = PyUnicode_FromString("abc");
  PyObject* out = PyCodec_Encode(s, "krait_test", nullptr);
  EXPECT_EQ(out, s);
  Py_XDECREF(out);
  ASSERT_EQ(PyCodec_Unregister(fn), 0);
  EXPECT_FALSE(PyCodec_KnownEncoding("krait_test"));
  EXPECT_FALSE(PyErr_Occurred());
  for (PyObject* o : {s, info, fn}) Py_DECREF(o);
}

TEST_F(Codecs, ErrorHandlers) {
  PyObject* strict = PyCodec_LookupError(nullptr);
  ASSERT_NE(strict, nullptr);
  EXPECT_EQ(repr_of(strict), "<built-in function strict_errors>");
  EXPECT_EQ(PyCodec_LookupError("no-such-handler"), nullptr);
  EXPECT_TRUE(PyErr_ExceptionMatches(PyExc_LookupError));
  PyErr_Clear();

  PyObject* exc = PyObject_CallFunction(PyExc_UnicodeEncodeError, "sOnns", "ascii",
                                        PyUnicode_FromString("a\u00e9\u20ac\U0001F600b"), 1, 4, "bad");
  ASSERT_NE(exc, nullptr);
  struct Case {
    PyObject* (*fn)(PyObject*);
    const char* expected;
  } cases[] = {
      {PyCodec_IgnoreErrors, "('', 4)"},
      {PyCodec_ReplaceErrors, "('\x3f\x3f\x3f', 4)"},
      {PyCodec_XMLCharRefReplaceErrors, "('&#233;&#8364;&#128512;', 4)"},
      {PyCodec_BackslashReplaceErrors, "('\\\\xe9\\\\u20ac\\\\U0001f600', 4)"},
      {PyCodec_NameReplaceErrors,
       "('\\\\N{LATIN SMALL LETTER E WITH ACUTE}\\\\N{EURO SIGN}\\\\N{GRINNING FACE}', 4)"},
  };
  for (const Case& c : cases) {
    PyObject* r = c.fn(exc);
    ASSERT_NE(r, nullptr) << c.expected;
    EXPECT_EQ(repr_of(r), c.expected);
    Py_DECREF(r);
  }
  EXPECT_EQ(PyCodec_StrictErrors(exc), nullptr);
  EXPECT_TRUE(PyErr_ExceptionMatches(PyExc_UnicodeEncodeError));
  PyErr_Clear();
  EXPECT_EQ(PyCodec_XMLCharRefReplaceErrors(Py_None), nullptr);
  EXPECT_TRUE(PyErr_ExceptionMatches(PyExc_TypeError));
  PyErr_Clear();

  PyObject* surrogateescape = PyCodec_LookupError("surrogateescape");
  PyObject* dexc = PyObject_CallFunction(PyExc_UnicodeDecodeError, "sy#nns", "utf-8", "a\xff\xfe" "b",
                                         static_cast<Py_ssize_t>(4), 1, 3, "bad");
  ASSERT_NE(dexc, nullptr);
  PyObject* r = PyObject_CallOneArg(surrogateescape, dexc);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(repr_of(r), "('\\udcff\\udcfe', 3)");
  for (PyObject* o : {r, dexc, surrogateescape, exc, strict}) Py_DECREF(o);
}

TEST_F(Codecs, RegisterErrorRequiresCallable) {
  EXPECT_EQ(PyCodec_RegisterError("krait_bad", Py_None), -1);
  EXPECT_TRUE(PyErr_ExceptionMatches(PyExc_TypeError));
  PyErr_Clear();
  PyObject* ignore = PyCodec_LookupError("ignore");
  ASSERT_EQ(PyCodec_RegisterError("krait_alias", ignore), 0);
  PyObject* again = PyCodec_LookupError("krait_alias");
  EXPECT_EQ(again, ignore);
  Py_XDECREF(again);
  Py_DECREF(ignore);
}

}  // namespace
