// xxsubtype_module.cpp — the `xxsubtype` example module CPython ships (and
// test_descr uses): spamlist and spamdict, static subtypes of list and dict
// with an int `state`, getstate()/setstate(), a class method and a static
// method; bench() times repeated attribute lookups.
#include <Python.h>
#include <structmember.h>

#include <cstddef>
#include <ctime>

#include "support/ref.h"

using namespace krait;

namespace {

struct SpamList {
  PyListObject list;
  int state;
};

struct SpamDict {
  PyDictObject dict;
  int state;
};

PyObject* spamlist_getstate(PyObject* self, PyObject*) {
  return PyLong_FromLong(reinterpret_cast<SpamList*>(self)->state);
}

PyObject* spamlist_setstate(PyObject* self, PyObject* args) {
  int state;
  if (!PyArg_ParseTuple(args, "i:setstate", &state)) return nullptr;
  reinterpret_cast<SpamList*>(self)->state = state;
  Py_RETURN_NONE;
}

// Shows what a class method receives: (cls, args, kwargs or None).
PyObject* spamlist_specialmeth(PyObject* self, PyObject* args, PyObject* kw) {
  return PyTuple_Pack(3, self ? self : Py_None, args, kw ? kw : Py_None);
}

PyMethodDef spamlist_methods[] = {
    {"getstate", spamlist_getstate, METH_NOARGS, "getstate() -> state"},
    {"setstate", spamlist_setstate, METH_VARARGS, "setstate(state)"},
    {"classmeth", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(spamlist_specialmeth)),
     METH_VARARGS | METH_KEYWORDS | METH_CLASS, "classmeth(*args, **kw)"},
    {"staticmeth", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(spamlist_specialmeth)),
     METH_VARARGS | METH_KEYWORDS | METH_STATIC, "staticmeth(*args, **kw)"},
    {nullptr, nullptr, 0, nullptr},
};

int spamlist_init(PyObject* self, PyObject* args, PyObject* kwds) {
  if (PyList_Type.tp_init(self, args, kwds) < 0) return -1;
  reinterpret_cast<SpamList*>(self)->state = 0;
  return 0;
}

PyObject* spamlist_state_get(PyObject* self, void*) {
  return PyLong_FromLong(reinterpret_cast<SpamList*>(self)->state);
}

PyGetSetDef spamlist_getsets[] = {
    {"state", spamlist_state_get, nullptr, "an int variable for demonstration purposes", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyTypeObject spamlist_type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "xxsubtype.spamlist",
    .tp_basicsize = sizeof(SpamList),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_methods = spamlist_methods,
    .tp_getset = spamlist_getsets,
    .tp_base = &PyList_Type,
    .tp_init = spamlist_init,
};

PyObject* spamdict_getstate(PyObject* self, PyObject*) {
  return PyLong_FromLong(reinterpret_cast<SpamDict*>(self)->state);
}

PyObject* spamdict_setstate(PyObject* self, PyObject* args) {
  int state;
  if (!PyArg_ParseTuple(args, "i:setstate", &state)) return nullptr;
  reinterpret_cast<SpamDict*>(self)->state = state;
  Py_RETURN_NONE;
}

PyMethodDef spamdict_methods[] = {
    {"getstate", spamdict_getstate, METH_NOARGS, "getstate() -> state"},
    {"setstate", spamdict_setstate, METH_VARARGS, "setstate(state)"},
    {nullptr, nullptr, 0, nullptr},
};

int spamdict_init(PyObject* self, PyObject* args, PyObject* kwds) {
  if (PyDict_Type.tp_init(self, args, kwds) < 0) return -1;
  reinterpret_cast<SpamDict*>(self)->state = 0;
  return 0;
}

PyMemberDef spamdict_members[] = {
    {"state", T_INT, offsetof(SpamDict, state), READONLY, "an int variable for demonstration purposes"},
    {nullptr, 0, 0, 0, nullptr},
};

PyTypeObject spamdict_type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "xxsubtype.spamdict",
    .tp_basicsize = sizeof(SpamDict),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_methods = spamdict_methods,
    .tp_members = spamdict_members,
    .tp_base = &PyDict_Type,
    .tp_init = spamdict_init,
};

PyObject* spam_bench(PyObject*, PyObject* args) {
  PyObject *obj, *name;
  int n = 1000;
  if (!PyArg_ParseTuple(args, "OU|i:bench", &obj, &name, &n)) return nullptr;
  clock_t t0 = clock();
  for (int i = 0; i < n; i++) {
    PyObject* res = PyObject_GetAttr(obj, name);
    if (!res) return nullptr;
    Py_DECREF(res);
  }
  clock_t t1 = clock();
  return PyFloat_FromDouble(static_cast<double>(t1 - t0) / CLOCKS_PER_SEC);
}

PyMethodDef module_methods[] = {
    {"bench", spam_bench, METH_VARARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef xxsubtype_module = {
    PyModuleDef_HEAD_INIT,
    "xxsubtype",
    "xxsubtype is an example module showing how to subtype builtin types from C.\n"
    "test_descr.py in the standard test suite requires it in order to complete.\n"
    "If you don't care about the examples, and don't intend to run the Python\n"
    "test suite, you can recompile Python without Modules/xxsubtype.c.",
    -1,
    module_methods,
};

}  // namespace

extern "C" PyObject* PyInit_xxsubtype(void) {
  for (PyTypeObject* t : {&spamlist_type, &spamdict_type}) {
    if (PyType_Ready(t) < 0) return nullptr;
    // Share the base's protocol tables, as CPython's PyType_Ready does for a
    // static subtype; done after readying so no slot wrappers are added to
    // the subtype's own dict.
    if (!t->tp_as_sequence) t->tp_as_sequence = t->tp_base->tp_as_sequence;
    if (!t->tp_as_mapping) t->tp_as_mapping = t->tp_base->tp_as_mapping;
    if (!t->tp_as_number) t->tp_as_number = t->tp_base->tp_as_number;
  }
  Ref<> m = steal(PyModule_Create(&xxsubtype_module));
  if (!m) return nullptr;
  if (PyModule_AddObjectRef(m.get(), "spamlist", reinterpret_cast<PyObject*>(&spamlist_type)) < 0 ||
      PyModule_AddObjectRef(m.get(), "spamdict", reinterpret_cast<PyObject*>(&spamdict_type)) < 0)
    return nullptr;
  return m.release();
}
