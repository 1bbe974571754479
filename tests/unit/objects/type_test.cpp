// The type machinery through the C API: classes made by type(), slot
// dispatch to dunders and back, MRO, descriptors, error messages.
#include <Python.h>
#include <gtest/gtest.h>

#include <string>

namespace {

// Owned reference for the tests.
struct Obj {
  PyObject* p;
  explicit Obj(PyObject* o) : p(o) {}
  ~Obj() { Py_XDECREF(p); }
  Obj(const Obj&) = delete;
  PyObject* get() const { return p; }
};

std::string repr(PyObject* o) {
  Obj r(PyObject_Repr(o));
  if (!r.get()) {
    PyErr_Clear();
    return "<repr failed>";
  }
  return PyUnicode_AsUTF8(r.get());
}

std::string error_text() {
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  PyErr_NormalizeException(&t, &v, &tb);
  std::string s = std::string(reinterpret_cast<PyTypeObject*>(t)->tp_name) + ": ";
  Obj str(PyObject_Str(v));
  if (str.get()) s += PyUnicode_AsUTF8(str.get());
  Py_XDECREF(t);
  Py_XDECREF(v);
  Py_XDECREF(tb);
  return s;
}

// class Name(*bases): body (a dict)
PyObject* make_class(const char* name, PyObject* bases, PyObject* body) {
  return PyObject_CallFunction(reinterpret_cast<PyObject*>(&PyType_Type), "sOO", name, bases, body);
}

TEST(TypeTest, BuiltinTypesHaveWrappers) {
  Obj add(PyObject_GetAttrString(reinterpret_cast<PyObject*>(&PyLong_Type), "__add__"));
  ASSERT_NE(add.get(), nullptr);
  EXPECT_EQ(repr(add.get()), "<slot wrapper '__add__' of 'int' objects>");
  Obj append(PyObject_GetAttrString(reinterpret_cast<PyObject*>(&PyList_Type), "append"));
  ASSERT_NE(append.get(), nullptr);
  EXPECT_EQ(repr(append.get()), "<method 'append' of 'list' objects>");
  EXPECT_EQ(repr(reinterpret_cast<PyObject*>(&PyType_Type)), "<class 'type'>");
}

TEST(TypeTest, CallingSlotWrapper) {
  Obj add(PyObject_GetAttrString(reinterpret_cast<PyObject*>(&PyLong_Type), "__add__"));
  Obj two(PyLong_FromLong(2)), three(PyLong_FromLong(3));
  Obj r(PyObject_CallFunctionObjArgs(add.get(), two.get(), three.get(), nullptr));
  ASSERT_NE(r.get(), nullptr);
  EXPECT_EQ(PyLong_AsLong(r.get()), 5);
}

TEST(TypeTest, PythonClassBasics) {
  Obj body(PyDict_New());
  Obj bases(PyTuple_New(0));
  Obj cls(make_class("Point", bases.get(), body.get()));
  ASSERT_NE(cls.get(), nullptr) << error_text();
  Obj inst(PyObject_CallNoArgs(cls.get()));
  ASSERT_NE(inst.get(), nullptr) << error_text();
  Obj one(PyLong_FromLong(1));
  ASSERT_EQ(PyObject_SetAttrString(inst.get(), "x", one.get()), 0);
  Obj x(PyObject_GetAttrString(inst.get(), "x"));
  ASSERT_NE(x.get(), nullptr);
  EXPECT_EQ(PyLong_AsLong(x.get()), 1);
  EXPECT_EQ(PyObject_GetAttrString(inst.get(), "y"), nullptr);
  EXPECT_EQ(error_text(), "AttributeError: 'Point' object has no attribute 'y'");
  EXPECT_EQ(repr(cls.get()), "<class 'Point'>");
}

TEST(TypeTest, MethodResolutionOrderC3) {
  Obj empty(PyTuple_New(0));
  Obj d1(PyDict_New()), d2(PyDict_New()), d3(PyDict_New()), d4(PyDict_New());
  Obj a(make_class("A", empty.get(), d1.get()));
  Obj ab(PyTuple_Pack(1, a.get()));
  Obj b(make_class("B", ab.get(), d2.get()));
  Obj c(make_class("C", ab.get(), d3.get()));
  Obj bc(PyTuple_Pack(2, b.get(), c.get()));
  Obj d(make_class("D", bc.get(), d4.get()));
  ASSERT_NE(d.get(), nullptr) << error_text();
  Obj mro(PyObject_GetAttrString(d.get(), "__mro__"));
  EXPECT_EQ(repr(mro.get()),
            "(<class 'D'>, <class 'B'>, <class 'C'>, <class 'A'>, <class 'object'>)");
  // Inconsistent order: class E(A, B) where B derives from A.
  Obj d5(PyDict_New());
  Obj bad_bases(PyTuple_Pack(2, a.get(), b.get()));
  EXPECT_EQ(make_class("E", bad_bases.get(), d5.get()), nullptr);
  EXPECT_EQ(error_text(),
            "TypeError: Cannot create a consistent method resolution\norder (MRO) for bases A, B");
}

TEST(TypeTest, SubclassOfIntKeepsCSlots) {
  Obj body(PyDict_New());
  Obj bases(PyTuple_Pack(1, &PyLong_Type));
  Obj cls(make_class("MyInt", bases.get(), body.get()));
  ASSERT_NE(cls.get(), nullptr) << error_text();
  // The inherited __add__ is int's C function, not a Python-level dispatcher.
  EXPECT_EQ(reinterpret_cast<PyTypeObject*>(cls.get())->tp_as_number->nb_add,
            PyLong_Type.tp_as_number->nb_add);
  Obj seven(PyLong_FromLong(7));
  Obj inst(PyObject_CallOneArg(cls.get(), seven.get()));
  ASSERT_NE(inst.get(), nullptr) << error_text();
  Obj sum(PyNumber_Add(inst.get(), seven.get()));
  ASSERT_NE(sum.get(), nullptr) << error_text();
  EXPECT_EQ(PyLong_AsLong(sum.get()), 14);
}

TEST(TypeTest, NotSubclassable) {
  Obj body(PyDict_New());
  Obj bases(PyTuple_Pack(1, &PyBool_Type));
  EXPECT_EQ(make_class("B", bases.get(), body.get()), nullptr);
  EXPECT_EQ(error_text(), "TypeError: type 'bool' is not an acceptable base type");
}

TEST(TypeTest, ObjectTakesNoArguments) {
  Obj body(PyDict_New());
  Obj bases(PyTuple_New(0));
  Obj cls(make_class("C", bases.get(), body.get()));
  Obj one(PyLong_FromLong(1));
  EXPECT_EQ(PyObject_CallOneArg(cls.get(), one.get()), nullptr);
  EXPECT_EQ(error_text(), "TypeError: C() takes no arguments");
}

TEST(TypeTest, ImmutableBuiltinType) {
  Obj one(PyLong_FromLong(1));
  EXPECT_EQ(PyObject_SetAttrString(reinterpret_cast<PyObject*>(&PyLong_Type), "x", one.get()), -1);
  EXPECT_EQ(error_text(), "TypeError: cannot set 'x' attribute of immutable type 'int'");
}

TEST(TypeTest, SlotsAndMemberDescriptors) {
  Obj body(PyDict_New());
  Obj slots(Py_BuildValue("(ss)", "b", "a"));
  PyDict_SetItemString(body.get(), "__slots__", slots.get());
  Obj bases(PyTuple_New(0));
  Obj cls(make_class("S", bases.get(), body.get()));
  ASSERT_NE(cls.get(), nullptr) << error_text();
  Obj a(PyObject_GetAttrString(cls.get(), "a"));
  EXPECT_EQ(repr(a.get()), "<member 'a' of 'S' objects>");
  Obj inst(PyObject_CallNoArgs(cls.get()));
  EXPECT_EQ(PyObject_GetAttrString(inst.get(), "a"), nullptr);
  EXPECT_EQ(error_text(), "AttributeError: 'S' object has no attribute 'a'");
  Obj one(PyLong_FromLong(1));
  EXPECT_EQ(PyObject_SetAttrString(inst.get(), "c", one.get()), -1);
  EXPECT_EQ(error_text(), "AttributeError: 'S' object has no attribute 'c'");
}

TEST(TypeTest, RichCompareFallsBackToIdentity) {
  Obj body(PyDict_New());
  Obj bases(PyTuple_New(0));
  Obj cls(make_class("C", bases.get(), body.get()));
  Obj x(PyObject_CallNoArgs(cls.get())), y(PyObject_CallNoArgs(cls.get()));
  EXPECT_EQ(PyObject_RichCompareBool(x.get(), x.get(), Py_EQ), 1);
  EXPECT_EQ(PyObject_RichCompareBool(x.get(), y.get(), Py_EQ), 0);
  EXPECT_EQ(PyObject_RichCompareBool(x.get(), y.get(), Py_NE), 1);
  EXPECT_EQ(PyObject_RichCompare(x.get(), y.get(), Py_LT), nullptr);
  EXPECT_EQ(error_text(), "TypeError: '<' not supported between instances of 'C' and 'C'");
}

}  // namespace
