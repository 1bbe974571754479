// classmethod, staticmethod and property: the descriptor types Python code
// builds with decorators.
#include <Python.h>
#include <structmember.h>

#include "objects/object_util.h"
#include "runtime/identifiers.h"

using krait::Ref;

namespace krait {
namespace {

// classmethod and staticmethod share a layout: the callable and a __dict__.
struct WrapperFunc {
  PyObject_HEAD
  PyObject* callable;
  PyObject* dict;
};

inline WrapperFunc* as_wf(PyObject* o) { return reinterpret_cast<WrapperFunc*>(o); }

void wf_dealloc(PyObject* self) {
  PyObject_GC_UnTrack(self);
  Py_XDECREF(as_wf(self)->callable);
  Py_XDECREF(as_wf(self)->dict);
  Py_TYPE(self)->tp_free(self);
}

int wf_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(as_wf(self)->callable);
  Py_VISIT(as_wf(self)->dict);
  return 0;
}

int wf_clear(PyObject* self) {
  Py_CLEAR(as_wf(self)->callable);
  Py_CLEAR(as_wf(self)->dict);
  return 0;
}

// 3.10+: the wrapper copies __module__, __name__, __qualname__, __doc__ and
// __annotations__ of the wrapped callable into its own __dict__ (functools.wraps style).
int copy_attrs(PyObject* self, PyObject* callable) {
  static const char* const names[] = {"__module__", "__name__", "__qualname__", "__doc__",
                                      "__annotations__"};
  for (const char* n : names) {
    PyObject* v;
    Ref<> key = steal(PyUnicode_InternFromString(n));
    if (!key) return -1;
    int r = _PyObject_LookupAttr(callable, key.get(), &v);
    if (r < 0) return -1;
    if (r == 0) continue;
    int s = PyObject_SetAttr(self, key.get(), v);
    Py_DECREF(v);
    if (s < 0) return -1;
  }
  return 0;
}

int wf_init(PyObject* self, PyObject* args, PyObject* kwds, const char* name) {
  PyObject* callable;
  if (kwds && PyDict_GET_SIZE(kwds)) {
    PyErr_Format(PyExc_TypeError, "%s() takes no keyword arguments", name);
    return -1;
  }
  if (!PyArg_UnpackTuple(args, name, 1, 1, &callable)) return -1;
  Py_INCREF(callable);
  Py_XSETREF(as_wf(self)->callable, callable);
  return copy_attrs(self, callable);
}

int cm_init(PyObject* self, PyObject* args, PyObject* kwds) {
  return wf_init(self, args, kwds, "classmethod");
}
int sm_init(PyObject* self, PyObject* args, PyObject* kwds) {
  return wf_init(self, args, kwds, "staticmethod");
}

PyObject* cm_get(PyObject* self, PyObject* obj, PyObject* type) {
  if (as_wf(self)->callable == nullptr) {
    PyErr_SetString(PyExc_RuntimeError, "uninitialized classmethod object");
    return nullptr;
  }
  if (type == nullptr) type = reinterpret_cast<PyObject*>(Py_TYPE(obj));
  // 3.9-3.12: a wrapped descriptor is bound through its own __get__.
  PyObject* callable = as_wf(self)->callable;
  if (Py_TYPE(callable)->tp_descr_get != nullptr) {
    return Py_TYPE(callable)->tp_descr_get(callable, type, type);
  }
  return PyMethod_New(callable, type);
}

PyObject* sm_get(PyObject* self, PyObject*, PyObject*) {
  if (as_wf(self)->callable == nullptr) {
    PyErr_SetString(PyExc_RuntimeError, "uninitialized staticmethod object");
    return nullptr;
  }
  Py_INCREF(as_wf(self)->callable);
  return as_wf(self)->callable;
}

PyObject* sm_call(PyObject* self, PyObject* args, PyObject* kwds) {
  return PyObject_Call(as_wf(self)->callable, args, kwds);
}

PyObject* wf_get_isabstract(PyObject* self, void*) {
  PyObject* res;
  Ref<> name = steal(PyUnicode_InternFromString("__isabstractmethod__"));
  if (!name) return nullptr;
  int r = _PyObject_LookupAttr(as_wf(self)->callable, name.get(), &res);
  if (r < 0) return nullptr;
  if (r == 0) Py_RETURN_FALSE;
  int t = PyObject_IsTrue(res);
  Py_DECREF(res);
  if (t < 0) return nullptr;
  return PyBool_FromLong(t);
}

PyObject* wf_repr(PyObject* self, const char* name) {
  return PyUnicode_FromFormat("<%s(%R)>", name, as_wf(self)->callable);
}
PyObject* cm_repr(PyObject* self) { return wf_repr(self, "classmethod"); }
PyObject* sm_repr(PyObject* self) { return wf_repr(self, "staticmethod"); }

PyMemberDef wf_members[] = {
    {"__func__", T_OBJECT, offsetof(WrapperFunc, callable), READONLY, nullptr},
    {"__wrapped__", T_OBJECT, offsetof(WrapperFunc, callable), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr}};

PyGetSetDef wf_getsets[] = {
    {"__isabstractmethod__", wf_get_isabstract, nullptr, nullptr, nullptr},
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

// --- property -----------------------------------------------------------------------

struct Property {
  PyObject_HEAD
  PyObject* prop_get;
  PyObject* prop_set;
  PyObject* prop_del;
  PyObject* prop_doc;
  PyObject* prop_name;
  int getter_doc;
};

inline Property* as_prop(PyObject* o) { return reinterpret_cast<Property*>(o); }

void property_dealloc(PyObject* self) {
  Property* p = as_prop(self);
  PyObject_GC_UnTrack(self);
  Py_XDECREF(p->prop_get);
  Py_XDECREF(p->prop_set);
  Py_XDECREF(p->prop_del);
  Py_XDECREF(p->prop_doc);
  Py_XDECREF(p->prop_name);
  Py_TYPE(self)->tp_free(self);
}

int property_traverse(PyObject* self, visitproc visit, void* arg) {
  Property* p = as_prop(self);
  Py_VISIT(p->prop_get);
  Py_VISIT(p->prop_set);
  Py_VISIT(p->prop_del);
  Py_VISIT(p->prop_doc);
  Py_VISIT(p->prop_name);
  return 0;
}

int property_clear(PyObject* self) {
  Py_CLEAR(as_prop(self)->prop_doc);
  return 0;
}

// "property 'x' of 'C' object has no getter" (3.11 wording)
void property_error(Property* p, PyObject* obj, const char* what) {
  Ref<> qualname = steal(PyType_GetQualName(Py_TYPE(obj)));
  if (!qualname) return;
  if (p->prop_name) {
    PyErr_Format(PyExc_AttributeError, "property %R of %R object %s", p->prop_name,
                 qualname.get(), what);
  } else {
    PyErr_Format(PyExc_AttributeError, "property of %R object %s", qualname.get(), what);
  }
}

PyObject* property_descr_get(PyObject* self, PyObject* obj, PyObject*) {
  if (obj == nullptr || obj == Py_None) {
    Py_INCREF(self);
    return self;
  }
  Property* p = as_prop(self);
  if (p->prop_get == nullptr) {
    property_error(p, obj, "has no getter");
    return nullptr;
  }
  return PyObject_CallOneArg(p->prop_get, obj);
}

int property_descr_set(PyObject* self, PyObject* obj, PyObject* value) {
  Property* p = as_prop(self);
  PyObject* func = value == nullptr ? p->prop_del : p->prop_set;
  if (func == nullptr) {
    property_error(p, obj, value == nullptr ? "has no deleter" : "has no setter");
    return -1;
  }
  Ref<> res = steal(value == nullptr ? PyObject_CallOneArg(func, obj)
                                     : PyObject_CallFunctionObjArgs(func, obj, value, nullptr));
  return res ? 0 : -1;
}

int property_init(PyObject* self, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"fget", "fset", "fdel", "doc", nullptr};
  PyObject *fget = nullptr, *fset = nullptr, *fdel = nullptr, *doc = nullptr;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|OOOO:property", const_cast<char**>(kwlist),
                                   &fget, &fset, &fdel, &doc))
    return -1;
  if (fget == Py_None) fget = nullptr;
  if (fset == Py_None) fset = nullptr;
  if (fdel == Py_None) fdel = nullptr;
  Property* p = as_prop(self);
  Py_XINCREF(fget);
  Py_XSETREF(p->prop_get, fget);
  Py_XINCREF(fset);
  Py_XSETREF(p->prop_set, fset);
  Py_XINCREF(fdel);
  Py_XSETREF(p->prop_del, fdel);
  Py_CLEAR(p->prop_doc);
  Py_CLEAR(p->prop_name);
  p->getter_doc = 0;
  // Without an explicit doc, the getter's docstring is the property's.
  Ref<> prop_doc;
  if ((doc == nullptr || doc == Py_None) && fget != nullptr) {
    PyObject* gd;
    if (_PyObject_LookupAttr(fget, id::doc, &gd) < 0) return -1;
    prop_doc = steal(gd);
    if (prop_doc) p->getter_doc = 1;
  } else if (doc != nullptr) {
    prop_doc = borrow(doc);
  }
  if (!prop_doc) prop_doc = borrow(Py_None);
  // A property subclass stores the doc in its instance __dict__ instead.
  if (!Py_IS_TYPE(self, &PyProperty_Type) && prop_doc.get() != Py_None) {
    if (PyObject_SetAttr(self, id::doc, prop_doc.get()) < 0) return -1;
  } else {
    p->prop_doc = prop_doc.release();
  }
  return 0;
}

// getter()/setter()/deleter(): a copy of the property with one function replaced.
PyObject* property_copy(PyObject* old, PyObject* get, PyObject* set, PyObject* del) {
  Property* p = as_prop(old);
  if (get == nullptr || get == Py_None) get = p->prop_get ? p->prop_get : Py_None;
  if (set == nullptr || set == Py_None) set = p->prop_set ? p->prop_set : Py_None;
  if (del == nullptr || del == Py_None) del = p->prop_del ? p->prop_del : Py_None;
  PyObject* doc = (p->getter_doc && get != Py_None) ? Py_None
                                                    : (p->prop_doc ? p->prop_doc : Py_None);
  Ref<> type = borrow(reinterpret_cast<PyObject*>(Py_TYPE(old)));
  Ref<> n = steal(PyObject_CallFunctionObjArgs(type.get(), get, set, del, doc, nullptr));
  if (n && PyObject_TypeCheck(n.get(), &PyProperty_Type)) {
    Py_XINCREF(p->prop_name);
    Py_XSETREF(as_prop(n.get())->prop_name, p->prop_name);
  }
  return n.release();
}

PyObject* property_getter(PyObject* self, PyObject* f) { return property_copy(self, f, nullptr, nullptr); }
PyObject* property_setter(PyObject* self, PyObject* f) { return property_copy(self, nullptr, f, nullptr); }
PyObject* property_deleter(PyObject* self, PyObject* f) { return property_copy(self, nullptr, nullptr, f); }

PyObject* property_set_name(PyObject* self, PyObject* args) {
  if (PyTuple_GET_SIZE(args) != 2) {
    PyErr_Format(PyExc_TypeError, "__set_name__() takes 2 positional arguments but %zd were given",
                 PyTuple_GET_SIZE(args));
    return nullptr;
  }
  PyObject* name = PyTuple_GET_ITEM(args, 1);
  Py_XINCREF(name);
  Py_XSETREF(as_prop(self)->prop_name, name);
  Py_RETURN_NONE;
}

PyObject* property_get_isabstract(PyObject* self, void*) {
  Property* p = as_prop(self);
  Ref<> name = steal(PyUnicode_InternFromString("__isabstractmethod__"));
  for (PyObject* f : {p->prop_get, p->prop_set, p->prop_del}) {
    if (f == nullptr) continue;
    PyObject* v;
    int r = _PyObject_LookupAttr(f, name.get(), &v);
    if (r < 0) return nullptr;
    if (r == 0) continue;
    int t = PyObject_IsTrue(v);
    Py_DECREF(v);
    if (t < 0) return nullptr;
    if (t) Py_RETURN_TRUE;
  }
  Py_RETURN_FALSE;
}

PyMethodDef property_methods[] = {
    {"getter", property_getter, METH_O, "Descriptor to obtain a copy of the property with a different getter."},
    {"setter", property_setter, METH_O, "Descriptor to obtain a copy of the property with a different setter."},
    {"deleter", property_deleter, METH_O, "Descriptor to obtain a copy of the property with a different deleter."},
    {"__set_name__", property_set_name, METH_VARARGS, "Method to set name of a property."},
    {nullptr, nullptr, 0, nullptr}};

PyMemberDef property_members[] = {
    {"fget", T_OBJECT, offsetof(Property, prop_get), READONLY, nullptr},
    {"fset", T_OBJECT, offsetof(Property, prop_set), READONLY, nullptr},
    {"fdel", T_OBJECT, offsetof(Property, prop_del), READONLY, nullptr},
    {"__doc__", T_OBJECT, offsetof(Property, prop_doc), 0, nullptr},
    {nullptr, 0, 0, 0, nullptr}};

PyGetSetDef property_getsets[] = {
    {"__isabstractmethod__", property_get_isabstract, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

}  // namespace
}  // namespace krait

using namespace krait;

PyTypeObject PyClassMethod_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "classmethod",
    .tp_basicsize = sizeof(WrapperFunc),
    .tp_dealloc = wf_dealloc,
    .tp_repr = cm_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "classmethod(function) -> method\n\nConvert a function to be a class method.",
    .tp_traverse = wf_traverse,
    .tp_clear = wf_clear,
    .tp_members = wf_members,
    .tp_getset = wf_getsets,
    .tp_descr_get = cm_get,
    .tp_dictoffset = offsetof(WrapperFunc, dict),
    .tp_init = cm_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = PyType_GenericNew,
    .tp_free = PyObject_GC_Del,
};

PyTypeObject PyStaticMethod_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "staticmethod",
    .tp_basicsize = sizeof(WrapperFunc),
    .tp_dealloc = wf_dealloc,
    .tp_repr = sm_repr,
    .tp_call = sm_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "staticmethod(function) -> method\n\nConvert a function to be a static method.",
    .tp_traverse = wf_traverse,
    .tp_clear = wf_clear,
    .tp_members = wf_members,
    .tp_getset = wf_getsets,
    .tp_descr_get = sm_get,
    .tp_dictoffset = offsetof(WrapperFunc, dict),
    .tp_init = sm_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = PyType_GenericNew,
    .tp_free = PyObject_GC_Del,
};

PyTypeObject PyProperty_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "property",
    .tp_basicsize = sizeof(Property),
    .tp_dealloc = property_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_doc = "property(fget=None, fset=None, fdel=None, doc=None)\n--\n\n"
              "Property attribute.",
    .tp_traverse = property_traverse,
    .tp_clear = property_clear,
    .tp_methods = property_methods,
    .tp_members = property_members,
    .tp_getset = property_getsets,
    .tp_descr_get = property_descr_get,
    .tp_descr_set = property_descr_set,
    .tp_init = property_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = PyType_GenericNew,
    .tp_free = PyObject_GC_Del,
};

extern "C" {

PyObject* PyClassMethod_New(PyObject* callable) {
  auto* cm = reinterpret_cast<WrapperFunc*>(PyType_GenericAlloc(&PyClassMethod_Type, 0));
  if (cm == nullptr) return nullptr;
  Py_INCREF(callable);
  cm->callable = callable;
  return reinterpret_cast<PyObject*>(cm);
}

PyObject* PyStaticMethod_New(PyObject* callable) {
  auto* sm = reinterpret_cast<WrapperFunc*>(PyType_GenericAlloc(&PyStaticMethod_Type, 0));
  if (sm == nullptr) return nullptr;
  Py_INCREF(callable);
  sm->callable = callable;
  return reinterpret_cast<PyObject*>(sm);
}

}  // extern "C"
