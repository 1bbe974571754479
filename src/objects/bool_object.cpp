// bool: a subclass of int with exactly two immortal instances, True and
// False, laid out as the PyLongObjects 1 and 0 (extensions read their
// digits through the int macros).
#include "objects/long_object.h"
#include "objects/object_util.h"

using namespace krait;

extern "C" {

PyLongObject _Py_FalseStruct = {KRAIT_IMMORTAL_VAR_HEAD(&PyBool_Type, 0), {0}};
PyLongObject _Py_TrueStruct = {KRAIT_IMMORTAL_VAR_HEAD(&PyBool_Type, 1), {1}};

PyObject* PyBool_FromLong(long ok) { return ok ? Py_True : Py_False; }

int(Py_IsTrue)(PyObject* x) { return x == Py_True; }
int(Py_IsFalse)(PyObject* x) { return x == Py_False; }

}  // extern "C"

namespace {

PyObject* bool_repr(PyObject* self) {
  return PyUnicode_FromString(self == Py_True ? "True" : "False");
}

PyObject* bool_new(PyTypeObject*, PyObject* args, PyObject* kwargs) {
  if (kwargs && PyDict_GET_SIZE(kwargs) != 0) {
    PyErr_SetString(PyExc_TypeError, "bool() takes no keyword arguments");
    return nullptr;
  }
  PyObject* x = Py_False;
  if (!PyArg_UnpackTuple(args, "bool", 0, 1, &x)) return nullptr;
  int ok = PyObject_IsTrue(x);
  if (ok < 0) return nullptr;
  return PyBool_FromLong(ok);
}

// & | ^ of two bools stay bools; anything else is int arithmetic.
PyObject* bool_and(PyObject* a, PyObject* b) {
  if (PyBool_Check(a) && PyBool_Check(b)) return PyBool_FromLong(a == Py_True && b == Py_True);
  return longs::nb_and(a, b);
}
PyObject* bool_or(PyObject* a, PyObject* b) {
  if (PyBool_Check(a) && PyBool_Check(b)) return PyBool_FromLong(a == Py_True || b == Py_True);
  return longs::nb_or(a, b);
}
PyObject* bool_xor(PyObject* a, PyObject* b) {
  if (PyBool_Check(a) && PyBool_Check(b)) return PyBool_FromLong(a != b);
  return longs::nb_xor(a, b);
}

void bool_dealloc(PyObject*) { Py_FatalError("deallocating True or False"); }

PyNumberMethods bool_as_number = {
    .nb_and = bool_and,
    .nb_xor = bool_xor,
    .nb_or = bool_or,
};

}  // namespace

PyTypeObject PyBool_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "bool",
    // sizeof(PyLongObject), as CPython's: Cython modules compare it at import.
    .tp_basicsize = sizeof(PyLongObject),
    .tp_itemsize = sizeof(digit),
    .tp_dealloc = bool_dealloc,
    .tp_repr = bool_repr,
    .tp_as_number = &bool_as_number,
    .tp_flags = Py_TPFLAGS_DEFAULT | _Py_TPFLAGS_MATCH_SELF,
    .tp_doc =
        "bool(x) -> bool\n\n"
        "Returns True when the argument x is true, False otherwise.\n"
        "The builtins True and False are the only two instances of the class bool.\n"
        "The class bool is a subclass of the class int, and cannot be subclassed.",
    .tp_base = &PyLong_Type,
    .tp_new = bool_new,
};
