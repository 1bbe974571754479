// collections_module.cpp — the `_collections` module: defaultdict,
// _tuplegetter, _count_elements and the module init (deque lives in
// deque_object.cpp). OrderedDict is left to collections/__init__.py's pure
// Python version, which CPython's package falls back to when
// _collections.OrderedDict is missing.
#include "modules/collections/collections.h"

#include <structmember.h>

#include <cstddef>

#include "support/ref.h"

using namespace krait;
using namespace krait::collections;

namespace {

// ---------------------------------------------------------------- defaultdict

struct DefDictObject {
  PyDictObject dict;
  PyObject* default_factory;
};

inline DefDictObject* DD(PyObject* op) { return reinterpret_cast<DefDictObject*>(op); }

PyObject* defdict_missing(PyObject* op, PyObject* key) {
  PyObject* factory = DD(op)->default_factory;
  if (factory == nullptr || factory == Py_None) {
    PyObject* tup = PyTuple_Pack(1, key);
    if (!tup) return nullptr;
    PyErr_SetObject(PyExc_KeyError, tup);
    Py_DECREF(tup);
    return nullptr;
  }
  PyObject* value = PyObject_CallNoArgs(factory);
  if (!value) return nullptr;
  if (PyObject_SetItem(op, key, value) < 0) {
    Py_DECREF(value);
    return nullptr;
  }
  return value;
}

// type(self)(factory, arg): copy() and | go through the class, as in CPython.
PyObject* new_defdict(PyObject* self, PyObject* arg) {
  PyObject* factory = DD(self)->default_factory ? DD(self)->default_factory : Py_None;
  return PyObject_CallFunctionObjArgs(reinterpret_cast<PyObject*>(Py_TYPE(self)), factory, arg,
                                      nullptr);
}

PyObject* defdict_copy(PyObject* op, PyObject*) { return new_defdict(op, op); }

PyObject* defdict_reduce(PyObject* op, PyObject*) {
  PyObject* factory = DD(op)->default_factory;
  Ref<> args = steal(factory == nullptr || factory == Py_None ? PyTuple_New(0)
                                                               : PyTuple_Pack(1, factory));
  if (!args) return nullptr;
  Ref<> items = steal(PyObject_CallMethod(op, "items", nullptr));
  if (!items) return nullptr;
  Ref<> iter = steal(PyObject_GetIter(items.get()));
  if (!iter) return nullptr;
  return PyTuple_Pack(5, Py_TYPE(op), args.get(), Py_None, Py_None, iter.get());
}

PyObject* defdict_repr(PyObject* op) {
  Ref<> baserepr = steal(PyDict_Type.tp_repr(op));
  if (!baserepr) return nullptr;
  Ref<> defrepr;
  PyObject* factory = DD(op)->default_factory;
  if (factory == nullptr) {
    defrepr = steal(PyUnicode_FromString("None"));
  } else {
    int status = Py_ReprEnter(factory);
    if (status != 0) {
      if (status < 0) return nullptr;
      defrepr = steal(PyUnicode_FromString("..."));
    } else {
      defrepr = steal(PyObject_Repr(factory));
      Py_ReprLeave(factory);
    }
  }
  if (!defrepr) return nullptr;
  return PyUnicode_FromFormat("%s(%U, %U)", _PyType_Name(Py_TYPE(op)), defrepr.get(),
                              baserepr.get());
}

PyObject* defdict_or(PyObject* left, PyObject* right) {
  PyObject *self, *other;
  if (PyObject_TypeCheck(left, &defdict_type)) {
    self = left;
    other = right;
  } else {
    self = right;
    other = left;
  }
  if (!PyDict_Check(other)) Py_RETURN_NOTIMPLEMENTED;
  PyObject* result = new_defdict(self, left);
  if (!result) return nullptr;
  if (PyDict_Update(result, right) < 0) {
    Py_DECREF(result);
    return nullptr;
  }
  return result;
}

int defdict_init(PyObject* op, PyObject* args, PyObject* kwds) {
  PyObject* newdefault = nullptr;
  Ref<> newargs;
  if (args == nullptr || !PyTuple_Check(args)) {
    newargs = steal(PyTuple_New(0));
  } else {
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n > 0) {
      newdefault = PyTuple_GET_ITEM(args, 0);
      if (!PyCallable_Check(newdefault) && newdefault != Py_None) {
        PyErr_SetString(PyExc_TypeError, "first argument must be callable or None");
        return -1;
      }
    }
    newargs = steal(PySequence_GetSlice(args, 1, n));
  }
  if (!newargs) return -1;
  Py_XINCREF(newdefault);
  Py_XSETREF(DD(op)->default_factory, newdefault);
  return PyDict_Type.tp_init(op, newargs.get(), kwds);
}

int defdict_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(DD(op)->default_factory);
  return PyDict_Type.tp_traverse(op, visit, arg);
}

int defdict_tp_clear(PyObject* op) {
  Py_CLEAR(DD(op)->default_factory);
  return PyDict_Type.tp_clear(op);
}

void defdict_dealloc(PyObject* op) {
  // The dict part is torn down by dict's own dealloc, which frees the object.
  PyObject_GC_UnTrack(op);
  Py_CLEAR(DD(op)->default_factory);
  PyDict_Type.tp_dealloc(op);
}

PyMethodDef defdict_methods[] = {
    {"__missing__", defdict_missing, METH_O,
     "__missing__(key) # Called by __getitem__ for missing key; pseudo-code:\n"
     "  if self.default_factory is None: raise KeyError((key,))\n"
     "  self[key] = value = self.default_factory()\n"
     "  return value\n"},
    {"copy", defdict_copy, METH_NOARGS, "D.copy() -> a shallow copy of D."},
    {"__copy__", defdict_copy, METH_NOARGS, "D.copy() -> a shallow copy of D."},
    {"__reduce__", defdict_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS, "See PEP 585"},
    {nullptr, nullptr, 0, nullptr},
};

PyMemberDef defdict_members[] = {
    {"default_factory", T_OBJECT, offsetof(DefDictObject, default_factory), 0,
     "Factory for default value called by __missing__()."},
    {nullptr, 0, 0, 0, nullptr},
};

PyNumberMethods defdict_as_number = {
    .nb_or = defdict_or,
};

// ---------------------------------------------------------------- _tuplegetter

struct TupleGetter {
  PyObject_HEAD
  Py_ssize_t index;
  PyObject* doc;
};

PyObject* tuplegetter_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  if (type == &tuplegetter_type && !_PyArg_NoKeywords("_tuplegetter", kwds)) return nullptr;
  if (!_PyArg_CheckPositional("_tuplegetter", PyTuple_GET_SIZE(args), 2, 2)) return nullptr;
  PyObject* iobj = PyNumber_Index(PyTuple_GET_ITEM(args, 0));
  if (!iobj) return nullptr;
  Py_ssize_t index = PyLong_AsSsize_t(iobj);
  Py_DECREF(iobj);
  if (index == -1 && PyErr_Occurred()) return nullptr;
  auto* self = reinterpret_cast<TupleGetter*>(type->tp_alloc(type, 0));
  if (!self) return nullptr;
  self->index = index;
  self->doc = Py_NewRef(PyTuple_GET_ITEM(args, 1));
  return reinterpret_cast<PyObject*>(self);
}

PyObject* tuplegetter_descr_get(PyObject* op, PyObject* obj, PyObject*) {
  auto* self = reinterpret_cast<TupleGetter*>(op);
  if (obj == nullptr || obj == Py_None) return Py_NewRef(op);
  if (!PyTuple_Check(obj)) {
    PyErr_Format(PyExc_TypeError,
                 "descriptor for index '%zd' for tuple subclasses doesn't apply to '%s' object",
                 self->index, Py_TYPE(obj)->tp_name);
    return nullptr;
  }
  if (self->index < 0 || self->index >= PyTuple_GET_SIZE(obj)) {
    PyErr_SetString(PyExc_IndexError, "tuple index out of range");
    return nullptr;
  }
  return Py_NewRef(PyTuple_GET_ITEM(obj, self->index));
}

int tuplegetter_descr_set(PyObject*, PyObject*, PyObject* value) {
  PyErr_SetString(PyExc_AttributeError, value ? "can't set attribute" : "can't delete attribute");
  return -1;
}

int tuplegetter_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<TupleGetter*>(op)->doc);
  return 0;
}

int tuplegetter_clear(PyObject* op) {
  Py_CLEAR(reinterpret_cast<TupleGetter*>(op)->doc);
  return 0;
}

void tuplegetter_dealloc(PyObject* op) {
  PyObject_GC_UnTrack(op);
  tuplegetter_clear(op);
  Py_TYPE(op)->tp_free(op);
}

PyObject* tuplegetter_reduce(PyObject* op, PyObject*) {
  auto* self = reinterpret_cast<TupleGetter*>(op);
  return Py_BuildValue("(O(nO))", Py_TYPE(op), self->index, self->doc);
}

PyMemberDef tuplegetter_members[] = {
    {"__doc__", T_OBJECT, offsetof(TupleGetter, doc), 0, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyMethodDef tuplegetter_methods[] = {
    {"__reduce__", tuplegetter_reduce, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

// ---------------------------------------------------------------- _count_elements

PyObject* count_elements(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("_count_elements", nargs, 2, 2)) return nullptr;
  PyObject* mapping = args[0];
  Ref<> it = steal(PyObject_GetIter(args[1]));
  if (!it) return nullptr;
  static PyObject* get_name = PyUnicode_InternFromString("get");
  static PyObject* setitem_name = PyUnicode_InternFromString("__setitem__");
  Ref<> one = steal(PyLong_FromLong(1));
  if (!one) return nullptr;
  Ref<> mapping_get = steal(PyObject_GetAttr(mapping, get_name));
  if (!mapping_get) return nullptr;
  // Plain dict lookups when the mapping's class keeps dict's get and
  // __setitem__ (Counter does): same results, no method calls.
  PyObject* type_get = _PyType_Lookup(Py_TYPE(mapping), get_name);
  PyObject* type_set = _PyType_Lookup(Py_TYPE(mapping), setitem_name);
  bool fast = PyDict_Check(mapping) &&
              type_get == _PyType_Lookup(&PyDict_Type, get_name) &&
              type_set == _PyType_Lookup(&PyDict_Type, setitem_name);
  Ref<> zero;
  if (!fast) {
    zero = steal(PyLong_FromLong(0));
    if (!zero) return nullptr;
  }
  while (PyObject* raw = PyIter_Next(it.get())) {
    Ref<> key = steal(raw);
    if (fast) {
      PyObject* oldval = PyDict_GetItemWithError(mapping, key.get());
      if (oldval == nullptr) {
        if (PyErr_Occurred()) return nullptr;
        if (PyDict_SetItem(mapping, key.get(), one.get()) < 0) return nullptr;
      } else {
        Ref<> newval = steal(PyNumber_Add(oldval, one.get()));
        if (!newval || PyDict_SetItem(mapping, key.get(), newval.get()) < 0) return nullptr;
      }
    } else {
      Ref<> oldval = steal(
          PyObject_CallFunctionObjArgs(mapping_get.get(), key.get(), zero.get(), nullptr));
      if (!oldval) return nullptr;
      Ref<> newval = steal(PyNumber_Add(oldval.get(), one.get()));
      if (!newval || PyObject_SetItem(mapping, key.get(), newval.get()) < 0) return nullptr;
    }
  }
  if (PyErr_Occurred()) return nullptr;
  Py_RETURN_NONE;
}

PyMethodDef module_methods[] = {
    {"_count_elements", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(count_elements)),
     METH_FASTCALL, "Count elements in the iterable, updating the mapping"},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef collections_module = {
    PyModuleDef_HEAD_INIT,
    "_collections",
    "High performance data structures.\n"
    "- deque:        ordered collection accessible from endpoints only\n"
    "- defaultdict:  dict subclass with a default value factory\n",
    -1,
    module_methods,
};

}  // namespace

namespace krait::collections {

PyTypeObject defdict_type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "collections.defaultdict",
    .tp_basicsize = sizeof(DefDictObject),
    .tp_dealloc = defdict_dealloc,
    .tp_repr = defdict_repr,
    .tp_as_number = &defdict_as_number,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "defaultdict(default_factory=None, /, [...]) --> dict with default factory\n\n"
              "The default factory is called without arguments to produce\n"
              "a new value when a key is not present, in __getitem__ only.\n"
              "A defaultdict compares equal to a dict with the same items.\n"
              "All remaining arguments are treated the same as if they were\n"
              "passed to the dict constructor, including keyword arguments.\n",
    .tp_traverse = defdict_traverse,
    .tp_clear = defdict_tp_clear,
    .tp_methods = defdict_methods,
    .tp_members = defdict_members,
    .tp_base = &PyDict_Type,
    .tp_init = defdict_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_free = PyObject_GC_Del,
};

PyTypeObject tuplegetter_type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "_collections._tuplegetter",
    .tp_basicsize = sizeof(TupleGetter),
    .tp_dealloc = tuplegetter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = tuplegetter_traverse,
    .tp_clear = tuplegetter_clear,
    .tp_methods = tuplegetter_methods,
    .tp_members = tuplegetter_members,
    .tp_descr_get = tuplegetter_descr_get,
    .tp_descr_set = tuplegetter_descr_set,
    .tp_new = tuplegetter_new,
};

}  // namespace krait::collections

extern "C" PyObject* PyInit__collections(void) {
  // CPython's PyType_Ready shares the base's sequence/mapping structs with a
  // static subtype that has none; the kernel does not (yet), so do it here.
  if (!defdict_type.tp_as_mapping) defdict_type.tp_as_mapping = PyDict_Type.tp_as_mapping;
  if (!defdict_type.tp_as_sequence) defdict_type.tp_as_sequence = PyDict_Type.tp_as_sequence;
  PyTypeObject* types[] = {&deque_type, &defdict_type, &dequeiter_type, &dequereviter_type,
                           &tuplegetter_type};
  for (PyTypeObject* t : types)
    if (PyType_Ready(t) < 0) return nullptr;
  Ref<> m = steal(PyModule_Create(&collections_module));
  if (!m) return nullptr;
  for (PyTypeObject* t : types)
    if (PyModule_AddType(m.get(), t) < 0) return nullptr;
  return m.release();
}
