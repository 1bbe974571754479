// core2's C++-visible pieces: the exception table, struct sequences, the sys
// module's streams and warnings, module objects. (The C-API behaviour is in
// tests/capi/test_exceptions.c, test_modsupport.c and test_abstract.c.)
#include <Python.h>
#include <gtest/gtest.h>

#include <string>

namespace {

struct Obj {
  PyObject* p;
  explicit Obj(PyObject* o) : p(o) {}
  ~Obj() { Py_XDECREF(p); }
  Obj(const Obj&) = delete;
  PyObject* get() const { return p; }
};

std::string text(PyObject* o, bool use_repr) {
  if (!o) return "<NULL>";
  Obj s(use_repr ? PyObject_Repr(o) : PyObject_Str(o));
  if (!s.get()) {
    PyErr_Clear();
    return "<error>";
  }
  return PyUnicode_AsUTF8(s.get());
}

TEST(Exceptions, EveryTypeIsReadyAndAnExceptionClass) {
#define KRAIT_EXCEPTION_ROOT(Name, Kind, Doc) EXPECT_TRUE(PyExceptionClass_Check(PyExc_##Name)) << #Name;
#define KRAIT_EXCEPTION(Name, Base, Kind, Doc)                                        \
  EXPECT_TRUE(PyExceptionClass_Check(PyExc_##Name)) << #Name;                         \
  EXPECT_EQ(reinterpret_cast<PyTypeObject*>(PyExc_##Name)->tp_base,                   \
            reinterpret_cast<PyTypeObject*>(PyExc_##Base)) << #Name;
#include "objects/exceptions.def"
}

TEST(Exceptions, OSErrorPicksTheErrnoSubclass) {
  Obj e(PyObject_CallFunction(PyExc_OSError, "is", 17, "File exists"));
  ASSERT_NE(e.get(), nullptr);
  EXPECT_EQ(Py_TYPE(e.get()), reinterpret_cast<PyTypeObject*>(PyExc_FileExistsError));
  EXPECT_EQ(text(e.get(), false), "[Errno 17] File exists");
}

TEST(StructSeq, VersionInfo) {
  PyObject* vi = PySys_GetObject("version_info");
  ASSERT_NE(vi, nullptr);
  EXPECT_EQ(text(vi, true).rfind("sys.version_info(major=3, minor=11, micro=", 0), 0u);
  Obj major(PyObject_GetAttrString(vi, "major"));
  EXPECT_EQ(PyLong_AsLong(major.get()), 3);
  EXPECT_EQ(PyTuple_Size(vi), 5);
}

TEST(Sys, BasicAttributes) {
  EXPECT_EQ(text(PySys_GetObject("platform"), false), "linux");
  EXPECT_EQ(text(PySys_GetObject("byteorder"), false), "little");
  Obj impl_name(PyObject_GetAttrString(PySys_GetObject("implementation"), "cache_tag"));
  EXPECT_EQ(text(impl_name.get(), false), "krait-311");
  PyObject* out = PySys_GetObject("stdout");
  ASSERT_NE(out, nullptr);
  Obj enc(PyObject_GetAttrString(out, "encoding"));
  EXPECT_EQ(text(enc.get(), false), "utf-8");
}

TEST(Sys, WarningsCanBeErrors) {
  PyObject* opts = PySys_GetObject("warnoptions");
  ASSERT_NE(opts, nullptr);
  Obj opt(PyUnicode_FromString("error::UserWarning"));
  ASSERT_EQ(PyList_Append(opts, opt.get()), 0);
  EXPECT_EQ(PyErr_WarnEx(PyExc_UserWarning, "boom", 1), -1);
  EXPECT_TRUE(PyErr_ExceptionMatches(PyExc_UserWarning));
  PyErr_Clear();
  PySys_ResetWarnOptions();
  EXPECT_EQ(PyErr_WarnEx(PyExc_DeprecationWarning, "ignored by default", 1), 0);
}

TEST(Module, ReprAndMissingAttribute) {
  Obj m(PyModule_New("spam"));
  ASSERT_NE(m.get(), nullptr);
  EXPECT_EQ(text(m.get(), true), "<module 'spam'>");
  Obj missing(PyObject_GetAttrString(m.get(), "eggs"));
  EXPECT_EQ(missing.get(), nullptr);
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  PyErr_NormalizeException(&t, &v, &tb);
  EXPECT_EQ(text(v, false), "module 'spam' has no attribute 'eggs'");
  Py_XDECREF(t);
  Py_XDECREF(v);
  Py_XDECREF(tb);
  EXPECT_EQ(PyModule_AddIntConstant(m.get(), "X", 5), 0);
  Obj x(PyObject_GetAttrString(m.get(), "X"));
  EXPECT_EQ(PyLong_AsLong(x.get()), 5);
}

}  // namespace
