// Descriptors made by PyType_Ready from C tables: method_descriptor
// (tp_methods), classmethod_descriptor (METH_CLASS), member_descriptor
// (tp_members), getset_descriptor (tp_getset), wrapper_descriptor (C slots as
// dunders, see type_slots.cpp) and the bound form of the latter, method-wrapper.
#include <Python.h>
#include <structmember.h>

#include "objects/object_util.h"
#include "objects/type_internal.h"

using krait::Ref;

namespace krait {
namespace {

PyDescrObject* descr_new(PyTypeObject* descrtype, PyTypeObject* type, const char* name) {
  auto* descr = reinterpret_cast<PyDescrObject*>(PyType_GenericAlloc(descrtype, 0));
  if (descr == nullptr) return nullptr;
  Py_XINCREF(type);
  descr->d_type = type;
  descr->d_name = PyUnicode_InternFromString(name);
  if (descr->d_name == nullptr) {
    Py_DECREF(descr);
    return nullptr;
  }
  descr->d_qualname = nullptr;
  return descr;
}

void descr_dealloc(PyObject* self) {
  auto* d = reinterpret_cast<PyDescrObject*>(self);
  PyObject_GC_UnTrack(self);
  Py_XDECREF(d->d_type);
  Py_XDECREF(d->d_name);
  Py_XDECREF(d->d_qualname);
  PyObject_GC_Del(self);
}

int descr_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<PyObject*>(reinterpret_cast<PyDescrObject*>(self)->d_type));
  return 0;
}

const char* descr_name_utf8(PyDescrObject* d) {
  const char* s = d->d_name && PyUnicode_Check(d->d_name) ? PyUnicode_AsUTF8(d->d_name) : "?";
  return s ? s : "?";
}

// Is obj an instance the descriptor applies to? Sets TypeError when not.
bool descr_check(PyDescrObject* descr, PyObject* obj) {
  if (!PyObject_TypeCheck(obj, descr->d_type)) {
    PyErr_Format(PyExc_TypeError,
                 "descriptor '%V' for '%.100s' objects doesn't apply to a '%.100s' object",
                 descr->d_name, "?", descr->d_type->tp_name, Py_TYPE(obj)->tp_name);
    return false;
  }
  return true;
}

PyObject* descr_repr_fmt(PyObject* self, const char* kind) {
  auto* d = reinterpret_cast<PyDescrObject*>(self);
  return PyUnicode_FromFormat("<%s '%V' of '%s' objects>", kind, d->d_name, "?",
                              d->d_type->tp_name);
}

PyObject* descr_get_objclass(PyObject* self, void*) {
  PyObject* t = reinterpret_cast<PyObject*>(reinterpret_cast<PyDescrObject*>(self)->d_type);
  Py_INCREF(t);
  return t;
}

PyObject* descr_get_name(PyObject* self, void*) {
  PyObject* n = reinterpret_cast<PyDescrObject*>(self)->d_name;
  Py_INCREF(n);
  return n;
}

PyObject* descr_get_qualname(PyObject* self, void*) {
  auto* d = reinterpret_cast<PyDescrObject*>(self);
  if (d->d_qualname == nullptr) {
    Ref<> tq = steal(PyObject_GetAttrString(reinterpret_cast<PyObject*>(d->d_type), "__qualname__"));
    if (!tq) return nullptr;
    d->d_qualname = PyUnicode_FromFormat("%U.%U", tq.get(), d->d_name);
    if (!d->d_qualname) return nullptr;
  }
  Py_INCREF(d->d_qualname);
  return d->d_qualname;
}

PyObject* descr_reduce(PyObject* self, PyObject*) {
  auto* d = reinterpret_cast<PyDescrObject*>(self);
  Ref<> builtins = steal(PyImport_ImportModule("builtins"));
  if (!builtins) return nullptr;
  Ref<> getattr_fn = steal(PyObject_GetAttrString(builtins.get(), "getattr"));
  if (!getattr_fn) return nullptr;
  return Py_BuildValue("O(OO)", getattr_fn.get(), d->d_type, d->d_name);
}

PyMethodDef descr_methods[] = {{"__reduce__", descr_reduce, METH_NOARGS, nullptr},
                               {nullptr, nullptr, 0, nullptr}};

PyMemberDef descr_members[] = {
    {"__objclass__", T_OBJECT, offsetof(PyDescrObject, d_type), READONLY, nullptr},
    {"__name__", T_OBJECT, offsetof(PyDescrObject, d_name), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr}};

// --- method_descriptor -------------------------------------------------------------

PyObject* method_get_doc(PyObject* self, void*) {
  auto* d = reinterpret_cast<PyMethodDescrObject*>(self);
  return _PyType_GetDocFromInternalDoc(d->d_method->ml_name, d->d_method->ml_doc);
}

PyObject* method_get_text_signature(PyObject* self, void*) {
  auto* d = reinterpret_cast<PyMethodDescrObject*>(self);
  return _PyType_GetTextSignatureFromInternalDoc(d->d_method->ml_name, d->d_method->ml_doc);
}

PyGetSetDef method_getset[] = {
    {"__doc__", method_get_doc, nullptr, nullptr, nullptr},
    {"__qualname__", descr_get_qualname, nullptr, nullptr, nullptr},
    {"__text_signature__", method_get_text_signature, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

PyObject* method_get(PyObject* self, PyObject* obj, PyObject* type) {
  auto* d = reinterpret_cast<PyMethodDescrObject*>(self);
  if (obj == nullptr) {
    Py_INCREF(self);
    return self;
  }
  if (!descr_check(reinterpret_cast<PyDescrObject*>(d), obj)) return nullptr;
  if (d->d_method->ml_flags & METH_METHOD) {
    if (type == nullptr || PyType_Check(type)) {
      return PyCMethod_New(d->d_method, obj, nullptr, d->d_common.d_type);
    }
    PyErr_Format(PyExc_TypeError, "descriptor '%V' needs a type, not '%s', as arg 2",
                 d->d_common.d_name, "?", Py_TYPE(type)->tp_name);
    return nullptr;
  }
  return PyCFunction_NewEx(d->d_method, obj, nullptr);
}

// Calls a method descriptor with self = args[0], by the method's convention.
PyObject* method_vectorcall(PyObject* func, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  auto* d = reinterpret_cast<PyMethodDescrObject*>(func);
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  if (nargs < 1) {
    PyErr_Format(PyExc_TypeError, "unbound method %V needs an argument", d->d_common.d_qualname
                 ? d->d_common.d_qualname : d->d_common.d_name, "?");
    return nullptr;
  }
  PyObject* self = args[0];
  if (!descr_check(reinterpret_cast<PyDescrObject*>(d), self)) return nullptr;
  // Bind, then call through PyCFunction's vectorcall which implements every METH_* form.
  Ref<> bound = steal(d->d_method->ml_flags & METH_METHOD
                          ? PyCMethod_New(d->d_method, self, nullptr, d->d_common.d_type)
                          : PyCFunction_NewEx(d->d_method, self, nullptr));
  if (!bound) return nullptr;
  return PyObject_Vectorcall(bound.get(), args + 1, nargs - 1, kwnames);
}

PyObject* method_repr(PyObject* self) { return descr_repr_fmt(self, "method"); }

// --- classmethod_descriptor ------------------------------------------------------------

PyObject* classmethod_get(PyObject* self, PyObject* obj, PyObject* type) {
  auto* d = reinterpret_cast<PyMethodDescrObject*>(self);
  if (type == nullptr) {
    if (obj != nullptr) {
      type = reinterpret_cast<PyObject*>(Py_TYPE(obj));
    } else {
      PyErr_Format(PyExc_TypeError, "descriptor '%V' for type '%.100s' needs either an object or a type",
                   d->d_common.d_name, "?", d->d_common.d_type->tp_name);
      return nullptr;
    }
  }
  if (!PyType_Check(type)) {
    PyErr_Format(PyExc_TypeError, "descriptor '%V' for type '%.100s' needs a type, not a '%.100s' as arg 2",
                 d->d_common.d_name, "?", d->d_common.d_type->tp_name, Py_TYPE(type)->tp_name);
    return nullptr;
  }
  if (!PyType_IsSubtype(reinterpret_cast<PyTypeObject*>(type), d->d_common.d_type)) {
    PyErr_Format(PyExc_TypeError, "descriptor '%V' requires a subtype of '%.100s' but received '%.100s'",
                 d->d_common.d_name, "?", d->d_common.d_type->tp_name,
                 reinterpret_cast<PyTypeObject*>(type)->tp_name);
    return nullptr;
  }
  PyTypeObject* cls = (d->d_method->ml_flags & METH_METHOD) ? d->d_common.d_type : nullptr;
  return PyCMethod_New(d->d_method, type, nullptr, cls);
}

PyObject* classmethod_call(PyObject* self, PyObject* args, PyObject* kwds) {
  auto* d = reinterpret_cast<PyMethodDescrObject*>(self);
  if (PyTuple_GET_SIZE(args) < 1) {
    PyErr_Format(PyExc_TypeError, "descriptor '%V' of '%.100s' object needs an argument",
                 d->d_common.d_name, "?", d->d_common.d_type->tp_name);
    return nullptr;
  }
  PyObject* type = PyTuple_GET_ITEM(args, 0);
  Ref<> bound = steal(classmethod_get(self, nullptr, type));
  if (!bound) return nullptr;
  Ref<> rest = steal(PyTuple_GetSlice(args, 1, PyTuple_GET_SIZE(args)));
  if (!rest) return nullptr;
  return PyObject_Call(bound.get(), rest.get(), kwds);
}

// --- member_descriptor -------------------------------------------------------------------

PyObject* member_get(PyObject* self, PyObject* obj, PyObject*) {
  auto* d = reinterpret_cast<PyMemberDescrObject*>(self);
  if (obj == nullptr) {
    Py_INCREF(self);
    return self;
  }
  if (!descr_check(reinterpret_cast<PyDescrObject*>(d), obj)) return nullptr;
  return PyMember_GetOne(reinterpret_cast<const char*>(obj), d->d_member);
}

int member_set(PyObject* self, PyObject* obj, PyObject* value) {
  auto* d = reinterpret_cast<PyMemberDescrObject*>(self);
  if (!descr_check(reinterpret_cast<PyDescrObject*>(d), obj)) return -1;
  return PyMember_SetOne(reinterpret_cast<char*>(obj), d->d_member, value);
}

PyObject* member_repr(PyObject* self) { return descr_repr_fmt(self, "member"); }

PyObject* member_get_doc(PyObject* self, void*) {
  auto* d = reinterpret_cast<PyMemberDescrObject*>(self);
  if (d->d_member->doc == nullptr) Py_RETURN_NONE;
  return PyUnicode_FromString(d->d_member->doc);
}

PyGetSetDef member_getset[] = {
    {"__doc__", member_get_doc, nullptr, nullptr, nullptr},
    {"__qualname__", descr_get_qualname, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

// --- getset_descriptor ----------------------------------------------------------------------

PyObject* getset_get(PyObject* self, PyObject* obj, PyObject*) {
  auto* d = reinterpret_cast<PyGetSetDescrObject*>(self);
  if (obj == nullptr) {
    Py_INCREF(self);
    return self;
  }
  if (!descr_check(reinterpret_cast<PyDescrObject*>(d), obj)) return nullptr;
  if (d->d_getset->get != nullptr) return d->d_getset->get(obj, d->d_getset->closure);
  PyErr_Format(PyExc_AttributeError, "attribute '%V' of '%.100s' objects is not readable",
               d->d_common.d_name, "?", d->d_common.d_type->tp_name);
  return nullptr;
}

int getset_set(PyObject* self, PyObject* obj, PyObject* value) {
  auto* d = reinterpret_cast<PyGetSetDescrObject*>(self);
  if (!descr_check(reinterpret_cast<PyDescrObject*>(d), obj)) return -1;
  if (d->d_getset->set != nullptr) return d->d_getset->set(obj, value, d->d_getset->closure);
  PyErr_Format(PyExc_AttributeError, "attribute '%V' of '%.100s' objects is not writable",
               d->d_common.d_name, "?", d->d_common.d_type->tp_name);
  return -1;
}

PyObject* getset_repr(PyObject* self) { return descr_repr_fmt(self, "attribute"); }

PyObject* getset_get_doc(PyObject* self, void*) {
  auto* d = reinterpret_cast<PyGetSetDescrObject*>(self);
  if (d->d_getset->doc == nullptr) Py_RETURN_NONE;
  return PyUnicode_FromString(d->d_getset->doc);
}

PyGetSetDef getset_getset[] = {
    {"__doc__", getset_get_doc, nullptr, nullptr, nullptr},
    {"__qualname__", descr_get_qualname, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

// --- wrapper_descriptor and method-wrapper ---------------------------------------------------

PyObject* wrapper_call_impl(wrapperbase* base, void* wrapped, PyObject* self, PyObject* args,
                            PyObject* kwds) {
  if (base->flags & PyWrapperFlag_KEYWORDS) {
    auto wk = reinterpret_cast<wrapperfunc_kwds>(reinterpret_cast<void (*)(void)>(base->wrapper));
    return wk(self, args, wrapped, kwds);
  }
  if (kwds != nullptr && (!PyDict_Check(kwds) || PyDict_GET_SIZE(kwds) != 0)) {
    PyErr_Format(PyExc_TypeError, "wrapper %s() takes no keyword arguments", base->name);
    return nullptr;
  }
  return base->wrapper(self, args, wrapped);
}

PyObject* wrapperdescr_get(PyObject* self, PyObject* obj, PyObject*) {
  if (obj == nullptr) {
    Py_INCREF(self);
    return self;
  }
  auto* d = reinterpret_cast<PyDescrObject*>(self);
  if (!descr_check(d, obj)) return nullptr;
  return PyWrapper_New(self, obj);
}

PyObject* wrapperdescr_call(PyObject* self, PyObject* args, PyObject* kwds) {
  auto* d = reinterpret_cast<PyWrapperDescrObject*>(self);
  Py_ssize_t argc = PyTuple_GET_SIZE(args);
  if (argc < 1) {
    PyErr_Format(PyExc_TypeError, "descriptor '%V' of '%.100s' object needs an argument",
                 d->d_common.d_name, "?", d->d_common.d_type->tp_name);
    return nullptr;
  }
  PyObject* obj = PyTuple_GET_ITEM(args, 0);
  if (!PyObject_TypeCheck(obj, d->d_common.d_type)) {
    PyErr_Format(PyExc_TypeError,
                 "descriptor '%V' requires a '%.100s' object but received a '%.100s'",
                 d->d_common.d_name, "?", d->d_common.d_type->tp_name, Py_TYPE(obj)->tp_name);
    return nullptr;
  }
  Ref<> rest = steal(PyTuple_GetSlice(args, 1, argc));
  if (!rest) return nullptr;
  return wrapper_call_impl(d->d_base, d->d_wrapped, obj, rest.get(), kwds);
}

PyObject* wrapperdescr_repr(PyObject* self) { return descr_repr_fmt(self, "slot wrapper"); }

PyObject* wrapperdescr_get_doc(PyObject* self, void*) {
  auto* d = reinterpret_cast<PyWrapperDescrObject*>(self);
  return _PyType_GetDocFromInternalDoc(d->d_base->name, d->d_base->doc);
}

PyObject* wrapperdescr_get_text_signature(PyObject* self, void*) {
  auto* d = reinterpret_cast<PyWrapperDescrObject*>(self);
  return _PyType_GetTextSignatureFromInternalDoc(d->d_base->name, d->d_base->doc);
}

PyGetSetDef wrapperdescr_getset[] = {
    {"__doc__", wrapperdescr_get_doc, nullptr, nullptr, nullptr},
    {"__qualname__", descr_get_qualname, nullptr, nullptr, nullptr},
    {"__text_signature__", wrapperdescr_get_text_signature, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

struct WrapperObject {
  PyObject_HEAD
  PyWrapperDescrObject* descr;
  PyObject* self;
};

void wrapper_dealloc(PyObject* op) {
  auto* w = reinterpret_cast<WrapperObject*>(op);
  PyObject_GC_UnTrack(op);
  // Bounded C recursion for long chains (f.__call__.__call__..., tb_next links).
  Py_TRASHCAN_BEGIN(op, wrapper_dealloc)
  Py_XDECREF(w->descr);
  Py_XDECREF(w->self);
  PyObject_GC_Del(op);
  Py_TRASHCAN_END
}

int wrapper_traverse(PyObject* op, visitproc visit, void* arg) {
  auto* w = reinterpret_cast<WrapperObject*>(op);
  Py_VISIT(reinterpret_cast<PyObject*>(w->descr));
  Py_VISIT(w->self);
  return 0;
}

PyObject* wrapper_richcompare(PyObject* a, PyObject* b, int op) {
  if ((op != Py_EQ && op != Py_NE) || !Py_IS_TYPE(b, Py_TYPE(a))) Py_RETURN_NOTIMPLEMENTED;
  auto* wa = reinterpret_cast<WrapperObject*>(a);
  auto* wb = reinterpret_cast<WrapperObject*>(b);
  bool eq = wa->descr == wb->descr && wa->self == wb->self;
  return PyBool_FromLong(op == Py_EQ ? eq : !eq);
}

Py_hash_t wrapper_hash(PyObject* op) {
  auto* w = reinterpret_cast<WrapperObject*>(op);
  // By identity, as equality (3.11): list().__add__ is hashable.
  Py_hash_t x = _Py_HashPointer(w->self);
  Py_hash_t y = _Py_HashPointer(w->descr);
  x ^= y;
  return x == -1 ? -2 : x;
}

PyObject* wrapper_repr(PyObject* op) {
  auto* w = reinterpret_cast<WrapperObject*>(op);
  return PyUnicode_FromFormat("<method-wrapper '%s' of %s object at %p>", w->descr->d_base->name,
                              Py_TYPE(w->self)->tp_name, w->self);
}

PyObject* wrapper_call(PyObject* op, PyObject* args, PyObject* kwds) {
  auto* w = reinterpret_cast<WrapperObject*>(op);
  return wrapper_call_impl(w->descr->d_base, w->descr->d_wrapped, w->self, args, kwds);
}

PyObject* wrapper_get_self(PyObject* op, void*) {
  PyObject* s = reinterpret_cast<WrapperObject*>(op)->self;
  Py_INCREF(s);
  return s;
}

PyObject* wrapper_get_name(PyObject* op, void*) {
  return PyUnicode_FromString(reinterpret_cast<WrapperObject*>(op)->descr->d_base->name);
}

PyObject* wrapper_get_objclass(PyObject* op, void*) {
  PyObject* c = reinterpret_cast<PyObject*>(
      PyDescr_TYPE(reinterpret_cast<WrapperObject*>(op)->descr));
  Py_INCREF(c);
  return c;
}

PyObject* wrapper_get_qualname(PyObject* op, void*) {
  return descr_get_qualname(reinterpret_cast<PyObject*>(reinterpret_cast<WrapperObject*>(op)->descr),
                            nullptr);
}

PyObject* wrapper_get_doc(PyObject* op, void*) {
  return wrapperdescr_get_doc(reinterpret_cast<PyObject*>(reinterpret_cast<WrapperObject*>(op)->descr),
                              nullptr);
}

PyObject* wrapper_get_text_signature(PyObject* op, void*) {
  return wrapperdescr_get_text_signature(
      reinterpret_cast<PyObject*>(reinterpret_cast<WrapperObject*>(op)->descr), nullptr);
}

PyGetSetDef wrapper_getsets[] = {
    {"__self__", wrapper_get_self, nullptr, nullptr, nullptr},
    {"__name__", wrapper_get_name, nullptr, nullptr, nullptr},
    {"__qualname__", wrapper_get_qualname, nullptr, nullptr, nullptr},
    {"__objclass__", wrapper_get_objclass, nullptr, nullptr, nullptr},
    {"__doc__", wrapper_get_doc, nullptr, nullptr, nullptr},
    {"__text_signature__", wrapper_get_text_signature, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

}  // namespace
}  // namespace krait

using namespace krait;

#define KRAIT_DESCR_TYPE_COMMON                                   \
  .tp_dealloc = descr_dealloc, .tp_getattro = PyObject_GenericGetAttr, \
  .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,            \
  .tp_traverse = descr_traverse

PyTypeObject PyMethodDescr_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "method_descriptor",
    .tp_basicsize = sizeof(PyMethodDescrObject),
    .tp_dealloc = descr_dealloc,
    .tp_vectorcall_offset = offsetof(PyMethodDescrObject, vectorcall),
    .tp_repr = method_repr,
    .tp_call = PyVectorcall_Call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL |
                Py_TPFLAGS_METHOD_DESCRIPTOR,
    .tp_traverse = descr_traverse,
    .tp_methods = descr_methods,
    .tp_members = descr_members,
    .tp_getset = method_getset,
    .tp_descr_get = method_get,
};

PyTypeObject PyClassMethodDescr_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "classmethod_descriptor",
    .tp_basicsize = sizeof(PyMethodDescrObject),
    .tp_dealloc = descr_dealloc,
    .tp_repr = method_repr,
    .tp_call = classmethod_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = descr_traverse,
        .tp_members = descr_members,
    .tp_getset = method_getset,
    .tp_descr_get = classmethod_get,
};

PyTypeObject PyMemberDescr_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "member_descriptor",
    .tp_basicsize = sizeof(PyMemberDescrObject),
    .tp_dealloc = descr_dealloc,
    .tp_repr = member_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = descr_traverse,
    .tp_methods = descr_methods,
    .tp_members = descr_members,
    .tp_getset = member_getset,
    .tp_descr_get = member_get,
    .tp_descr_set = member_set,
};

PyTypeObject PyGetSetDescr_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "getset_descriptor",
    .tp_basicsize = sizeof(PyGetSetDescrObject),
    .tp_dealloc = descr_dealloc,
    .tp_repr = getset_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = descr_traverse,
    .tp_members = descr_members,
    .tp_getset = getset_getset,
    .tp_descr_get = getset_get,
    .tp_descr_set = getset_set,
};

PyTypeObject PyWrapperDescr_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "wrapper_descriptor",
    .tp_basicsize = sizeof(PyWrapperDescrObject),
    .tp_dealloc = descr_dealloc,
    .tp_repr = wrapperdescr_repr,
    .tp_call = wrapperdescr_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_METHOD_DESCRIPTOR,
    .tp_traverse = descr_traverse,
    .tp_methods = descr_methods,
    .tp_members = descr_members,
    .tp_getset = wrapperdescr_getset,
    .tp_descr_get = wrapperdescr_get,
};

// Pickles as getattr(self, name), like CPython's method-wrapper.
PyObject* wrapper_reduce(PyObject* op, PyObject*) {
  auto* w = reinterpret_cast<WrapperObject*>(op);
  Ref<> builtins = steal(PyImport_ImportModule("builtins"));
  if (!builtins) return nullptr;
  Ref<> getattr_fn = steal(PyObject_GetAttrString(builtins.get(), "getattr"));
  if (!getattr_fn) return nullptr;
  return Py_BuildValue("O(OO)", getattr_fn.get(), w->self, PyDescr_NAME(w->descr));
}

PyMethodDef wrapper_methods[] = {{"__reduce__", wrapper_reduce, METH_NOARGS, nullptr},
                                 {nullptr, nullptr, 0, nullptr}};

PyTypeObject _PyMethodWrapper_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "method-wrapper",
    .tp_basicsize = sizeof(WrapperObject),
    .tp_dealloc = wrapper_dealloc,
    .tp_repr = wrapper_repr,
    .tp_hash = wrapper_hash,
    .tp_call = wrapper_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = wrapper_traverse,
    .tp_richcompare = wrapper_richcompare,
    .tp_methods = wrapper_methods,
    .tp_getset = wrapper_getsets,
};

extern "C" {

PyObject* PyDescr_NewMethod(PyTypeObject* type, PyMethodDef* method) {
  auto* d = reinterpret_cast<PyMethodDescrObject*>(
      descr_new(&PyMethodDescr_Type, type, method->ml_name));
  if (d) {
    d->d_method = method;
    d->vectorcall = method_vectorcall;
  }
  return reinterpret_cast<PyObject*>(d);
}

PyObject* PyDescr_NewClassMethod(PyTypeObject* type, PyMethodDef* method) {
  auto* d = reinterpret_cast<PyMethodDescrObject*>(
      descr_new(&PyClassMethodDescr_Type, type, method->ml_name));
  if (d) d->d_method = method;
  return reinterpret_cast<PyObject*>(d);
}

PyObject* PyDescr_NewMember(PyTypeObject* type, PyMemberDef* member) {
  auto* d = reinterpret_cast<PyMemberDescrObject*>(
      descr_new(&PyMemberDescr_Type, type, member->name));
  if (d) d->d_member = member;
  return reinterpret_cast<PyObject*>(d);
}

PyObject* PyDescr_NewGetSet(PyTypeObject* type, PyGetSetDef* getset) {
  auto* d = reinterpret_cast<PyGetSetDescrObject*>(
      descr_new(&PyGetSetDescr_Type, type, getset->name));
  if (d) d->d_getset = getset;
  return reinterpret_cast<PyObject*>(d);
}

PyObject* PyDescr_NewWrapper(PyTypeObject* type, wrapperbase* base, void* wrapped) {
  auto* d = reinterpret_cast<PyWrapperDescrObject*>(
      descr_new(&PyWrapperDescr_Type, type, base->name));
  if (d) {
    d->d_base = base;
    d->d_wrapped = wrapped;
  }
  return reinterpret_cast<PyObject*>(d);
}

PyObject* PyWrapper_New(PyObject* d, PyObject* self) {
  auto* descr = reinterpret_cast<PyWrapperDescrObject*>(d);
  auto* w = PyObject_GC_New(WrapperObject, &_PyMethodWrapper_Type);
  if (w == nullptr) return nullptr;
  Py_INCREF(descr);
  w->descr = descr;
  Py_INCREF(self);
  w->self = self;
  PyObject_GC_Track(w);
  return reinterpret_cast<PyObject*>(w);
}

int PyDescr_IsData(PyObject* d) { return Py_TYPE(d)->tp_descr_set != nullptr; }

}  // extern "C"
