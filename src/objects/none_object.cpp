// The immortal singletons None, NotImplemented and Ellipsis, and their types.
#include <Python.h>

#include "objects/object_util.h"

namespace krait {
namespace {

PyObject* none_repr(PyObject*) { return PyUnicode_FromString("None"); }
int none_bool(PyObject*) { return 0; }
void singleton_dealloc(PyObject*) {
  // Reaching zero means a C extension decref'ed a singleton too often: keep it alive.
  Py_FatalError("deallocating a singleton (None, NotImplemented or Ellipsis)");
}
// CPython 3.11 hashes None by address. Debian's python3.11 binary places None
// at a fixed address, so hash(None) is always 611532 there, and that value
// decides where None lands in printed sets and dicts' probing. Krait's None
// lives in a relocatable library, so it returns that same constant instead.
Py_hash_t none_hash(PyObject*) { return 611532; }
// The same for NotImplemented and Ellipsis (Debian's fixed addresses >> 4).
Py_hash_t notimpl_hash(PyObject*) { return 606843; }
Py_hash_t ellipsis_hash(PyObject*) { return 606842; }

bool no_args(const char* name, PyObject* args, PyObject* kwds) {
  if (PyTuple_GET_SIZE(args) || (kwds && PyDict_Check(kwds) && PyDict_GET_SIZE(kwds))) {
    PyErr_Format(PyExc_TypeError, "%s takes no arguments", name);
    return false;
  }
  return true;
}

PyObject* none_new(PyTypeObject*, PyObject* args, PyObject* kwds) {
  if (!no_args("NoneType", args, kwds)) return nullptr;
  Py_RETURN_NONE;
}

PyNumberMethods none_as_number = {.nb_bool = none_bool};

PyObject* notimpl_repr(PyObject*) { return PyUnicode_FromString("NotImplemented"); }
PyObject* notimpl_reduce(PyObject*, PyObject*) { return PyUnicode_FromString("NotImplemented"); }

int notimpl_bool(PyObject*) {
  // 3.9+ deprecates truth-testing NotImplemented.
  if (PyErr_WarnEx(PyExc_DeprecationWarning,
                   "NotImplemented should not be used in a boolean context", 1) < 0)
    return -1;
  return 1;
}

PyObject* notimpl_new(PyTypeObject*, PyObject* args, PyObject* kwds) {
  if (!no_args("NotImplementedType", args, kwds)) return nullptr;
  Py_RETURN_NOTIMPLEMENTED;
}

PyNumberMethods notimpl_as_number = {.nb_bool = notimpl_bool};
PyMethodDef notimpl_methods[] = {{"__reduce__", notimpl_reduce, METH_NOARGS, nullptr},
                                 {nullptr, nullptr, 0, nullptr}};

PyObject* ellipsis_repr(PyObject*) { return PyUnicode_FromString("Ellipsis"); }
PyObject* ellipsis_reduce(PyObject*, PyObject*) { return PyUnicode_FromString("Ellipsis"); }
PyObject* ellipsis_new(PyTypeObject*, PyObject* args, PyObject* kwds) {
  if (!no_args("ellipsis", args, kwds)) return nullptr;
  Py_INCREF(Py_Ellipsis);
  return Py_Ellipsis;
}
PyMethodDef ellipsis_methods[] = {{"__reduce__", ellipsis_reduce, METH_NOARGS, nullptr},
                                  {nullptr, nullptr, 0, nullptr}};

}  // namespace
}  // namespace krait

using namespace krait;

PyTypeObject _PyNone_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "NoneType",
    .tp_dealloc = singleton_dealloc,
    .tp_repr = none_repr,
    .tp_as_number = &none_as_number,
    .tp_hash = none_hash,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = none_new,
};

PyTypeObject _PyNotImplemented_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "NotImplementedType",
    .tp_dealloc = singleton_dealloc,
    .tp_repr = notimpl_repr,
    .tp_as_number = &notimpl_as_number,
    .tp_hash = notimpl_hash,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_methods = notimpl_methods,
    .tp_new = notimpl_new,
};

PyTypeObject PyEllipsis_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "ellipsis",
    .tp_dealloc = singleton_dealloc,
    .tp_repr = ellipsis_repr,
    .tp_hash = ellipsis_hash,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_methods = ellipsis_methods,
    .tp_new = ellipsis_new,
};

PyObject _Py_NoneStruct = KRAIT_IMMORTAL_HEAD(&_PyNone_Type);
PyObject _Py_NotImplementedStruct = KRAIT_IMMORTAL_HEAD(&_PyNotImplemented_Type);
PyObject _Py_EllipsisObject = KRAIT_IMMORTAL_HEAD(&PyEllipsis_Type);

