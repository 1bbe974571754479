// mappingproxy: a read-only view of a mapping (type.__dict__, types.MappingProxyType).
#include <Python.h>

#include "objects/object_util.h"

using krait::Ref;

namespace krait {
namespace {

struct MappingProxy {
  PyObject_HEAD
  PyObject* mapping;
};

inline PyObject* mapping_of(PyObject* pp) { return reinterpret_cast<MappingProxy*>(pp)->mapping; }

Py_ssize_t mp_len(PyObject* pp) { return PyObject_Size(mapping_of(pp)); }
PyObject* mp_getitem(PyObject* pp, PyObject* key) { return PyObject_GetItem(mapping_of(pp), key); }
int mp_contains(PyObject* pp, PyObject* key) {
  if (PyDict_CheckExact(mapping_of(pp))) return PyDict_Contains(mapping_of(pp), key);
  return PySequence_Contains(mapping_of(pp), key);
}

PyObject* mp_get(PyObject* pp, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("get", nargs, 1, 2)) return nullptr;
  PyObject* def = nargs > 1 ? args[1] : Py_None;
  return PyObject_CallMethod(mapping_of(pp), "get", "OO", args[0], def);
}

PyObject* call_noargs_method(PyObject* pp, const char* name) {
  return PyObject_CallMethod(mapping_of(pp), name, nullptr);
}
PyObject* mp_keys(PyObject* pp, PyObject*) { return call_noargs_method(pp, "keys"); }
PyObject* mp_values(PyObject* pp, PyObject*) { return call_noargs_method(pp, "values"); }
PyObject* mp_items(PyObject* pp, PyObject*) { return call_noargs_method(pp, "items"); }
PyObject* mp_copy(PyObject* pp, PyObject*) { return call_noargs_method(pp, "copy"); }
PyObject* mp_reversed(PyObject* pp, PyObject*) {
  return PyObject_CallFunctionObjArgs(reinterpret_cast<PyObject*>(&PyReversed_Type), mapping_of(pp),
                                      nullptr);
}

PyObject* mp_or(PyObject* a, PyObject* b) {
  if (PyObject_TypeCheck(a, &PyDictProxy_Type)) a = mapping_of(a);
  if (PyObject_TypeCheck(b, &PyDictProxy_Type)) b = mapping_of(b);
  return PyNumber_Or(a, b);
}

PyObject* mp_ior(PyObject* self, PyObject* other) {
  PyErr_Format(PyExc_TypeError, "'|=' is not supported by %s; use '|' instead",
               Py_TYPE(self)->tp_name);
  return nullptr;
}

void mp_dealloc(PyObject* pp) {
  PyObject_GC_UnTrack(pp);
  Py_DECREF(mapping_of(pp));
  PyObject_GC_Del(pp);
}

PyObject* mp_getiter(PyObject* pp) { return PyObject_GetIter(mapping_of(pp)); }
PyObject* mp_str(PyObject* pp) { return PyObject_Str(mapping_of(pp)); }
PyObject* mp_repr(PyObject* pp) {
  return PyUnicode_FromFormat("%s(%R)", Py_TYPE(pp)->tp_name, mapping_of(pp));
}
int mp_traverse(PyObject* pp, visitproc visit, void* arg) {
  Py_VISIT(mapping_of(pp));
  return 0;
}
PyObject* mp_richcompare(PyObject* v, PyObject* w, int op) {
  return PyObject_RichCompare(mapping_of(v), w, op);
}

bool check_mapping(PyObject* mapping) {
  if (!PyMapping_Check(mapping) || PyList_Check(mapping) || PyTuple_Check(mapping)) {
    PyErr_Format(PyExc_TypeError, "mappingproxy() argument must be a mapping, not %s",
                 Py_TYPE(mapping)->tp_name);
    return false;
  }
  return true;
}

PyObject* mp_new(PyTypeObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"mapping", nullptr};
  PyObject* mapping;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O:mappingproxy", const_cast<char**>(kwlist),
                                   &mapping))
    return nullptr;
  return PyDictProxy_New(mapping);
}

PyObject* mp_class_getitem(PyObject* cls, PyObject* arg) { return Py_GenericAlias(cls, arg); }

PyMappingMethods mp_as_mapping = {mp_len, mp_getitem, nullptr};
PySequenceMethods mp_as_sequence = {.sq_contains = mp_contains};
PyNumberMethods mp_as_number = {.nb_or = mp_or, .nb_inplace_or = mp_ior};

PyMethodDef mp_methods[] = {
    {"get", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)(void)>(mp_get)), METH_FASTCALL,
     "D.get(k[,d]) -> D[k] if k in D, else d.  d defaults to None."},
    {"keys", mp_keys, METH_NOARGS, "D.keys() -> a set-like object providing a view on D's keys"},
    {"values", mp_values, METH_NOARGS, "D.values() -> an object providing a view on D's values"},
    {"items", mp_items, METH_NOARGS, "D.items() -> a set-like object providing a view on D's items"},
    {"copy", mp_copy, METH_NOARGS, "D.copy() -> a shallow copy of D"},
    {"__class_getitem__", mp_class_getitem, METH_O | METH_CLASS, "See PEP 585"},
    {"__reversed__", mp_reversed, METH_NOARGS, "D.__reversed__() -> reverse iterator"},
    {nullptr, nullptr, 0, nullptr}};

}  // namespace
}  // namespace krait

using namespace krait;

PyTypeObject PyDictProxy_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "mappingproxy",
    .tp_basicsize = sizeof(MappingProxy),
    .tp_dealloc = mp_dealloc,
    .tp_repr = mp_repr,
    .tp_as_number = &mp_as_number,
    .tp_as_sequence = &mp_as_sequence,
    .tp_as_mapping = &mp_as_mapping,
    .tp_str = mp_str,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_MAPPING,
    .tp_traverse = mp_traverse,
    .tp_richcompare = mp_richcompare,
    .tp_iter = mp_getiter,
    .tp_methods = mp_methods,
    .tp_new = mp_new,
};

extern "C" PyObject* PyDictProxy_New(PyObject* mapping) {
  if (!check_mapping(mapping)) return nullptr;
  auto* pp = PyObject_GC_New(MappingProxy, &PyDictProxy_Type);
  if (pp == nullptr) return nullptr;
  Py_INCREF(mapping);
  pp->mapping = mapping;
  PyObject_GC_Track(pp);
  return reinterpret_cast<PyObject*>(pp);
}
