// partial_object.cpp — functools.partial: a callable holding a function and
// some leading positional and keyword arguments. Nested partials are flattened
// at construction (when the inner one has no __dict__), calls go through
// vectorcall while there are no stored keywords, and pickling uses
// __reduce__/__setstate__ with CPython's 4-tuple state.
#include <Python.h>
#include <structmember.h>

#include <cstddef>
#include <cstring>

#include "modules/functools/functools.h"
#include "support/ref.h"

using namespace krait;

namespace {

struct PartialObject {
  PyObject_HEAD
  PyObject* fn;
  PyObject* args;  // always an exact tuple
  PyObject* kw;    // always an exact dict
  PyObject* dict;
  PyObject* weakreflist;
  vectorcallfunc vectorcall;
};

inline PartialObject* P(PyObject* op) { return reinterpret_cast<PartialObject*>(op); }

PyObject* partial_call(PyObject* self, PyObject* args, PyObject* kwargs);

PyObject* partial_vectorcall(PyObject* self, PyObject* const* args, size_t nargsf,
                             PyObject* kwnames) {
  PartialObject* pto = P(self);
  // The stored keywords dict is mutable (p.keywords[...] = ...), so the
  // choice between the fast path and the merging path is made per call.
  if (PyDict_GET_SIZE(pto->kw) != 0) {
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    Ref<> tuple = steal(PyTuple_New(nargs));
    if (!tuple) return nullptr;
    for (Py_ssize_t i = 0; i < nargs; ++i) PyTuple_SET_ITEM(tuple.get(), i, Py_NewRef(args[i]));
    Ref<> kwargs;
    if (kwnames && PyTuple_GET_SIZE(kwnames)) {
      kwargs = steal(PyDict_New());
      if (!kwargs) return nullptr;
      for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kwnames); ++i)
        if (PyDict_SetItem(kwargs.get(), PyTuple_GET_ITEM(kwnames, i), args[nargs + i]) < 0)
          return nullptr;
    }
    return partial_call(self, tuple.get(), kwargs.get());
  }
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
  Py_ssize_t pto_nargs = PyTuple_GET_SIZE(pto->args);
  PyObject** pto_args = &PyTuple_GET_ITEM(pto->args, 0);
  if (nargs + nkw == 0) return PyObject_Vectorcall(pto->fn, pto_args, pto_nargs, nullptr);
  // One stored argument and a caller that lends us the slot before args[0]:
  // prepend in place instead of copying.
  if (pto_nargs == 1 && (nargsf & PY_VECTORCALL_ARGUMENTS_OFFSET)) {
    PyObject** newargs = const_cast<PyObject**>(args) - 1;
    PyObject* saved = newargs[0];
    newargs[0] = pto_args[0];
    PyObject* ret = PyObject_Vectorcall(pto->fn, newargs, nargs + 1, kwnames);
    newargs[0] = saved;
    return ret;
  }
  Py_ssize_t total = pto_nargs + nargs + nkw;
  PyObject* small[8];
  PyObject** stack = small;
  if (total > 8) {
    stack = static_cast<PyObject**>(PyMem_Malloc(total * sizeof(PyObject*)));
    if (!stack) return PyErr_NoMemory();
  }
  if (pto_nargs) std::memcpy(stack, pto_args, pto_nargs * sizeof(PyObject*));
  std::memcpy(stack + pto_nargs, args, (nargs + nkw) * sizeof(PyObject*));
  PyObject* ret = PyObject_Vectorcall(pto->fn, stack, pto_nargs + nargs, kwnames);
  if (stack != small) PyMem_Free(stack);
  return ret;
}

void set_vectorcall(PartialObject* pto) {
  pto->vectorcall = PyVectorcall_Function(pto->fn) ? partial_vectorcall : nullptr;
}

PyObject* partial_call(PyObject* self, PyObject* args, PyObject* kwargs) {
  PartialObject* pto = P(self);
  Ref<> kw;
  if (PyDict_GET_SIZE(pto->kw) == 0) {
    kw = borrow(kwargs);
  } else {
    // A copy: the callee may keep or mutate its **kwargs dict.
    kw = steal(PyDict_Copy(pto->kw));
    if (!kw) return nullptr;
    if (kwargs && PyDict_Merge(kw.get(), kwargs, 1) < 0) return nullptr;
  }
  Ref<> all = steal(PySequence_Concat(pto->args, args));
  if (!all) return nullptr;
  return PyObject_Call(pto->fn, all.get(), kw.get());
}

PyObject* partial_new(PyTypeObject* type, PyObject* args, PyObject* kw) {
  Py_ssize_t n = PyTuple_GET_SIZE(args);
  if (n < 1) {
    PyErr_SetString(PyExc_TypeError, "type 'partial' takes at least one argument");
    return nullptr;
  }
  PyObject* func = PyTuple_GET_ITEM(args, 0);
  PyObject* inner_args = nullptr;
  PyObject* inner_kw = nullptr;
  // Flatten partial(partial(f, a), b) into partial(f, a, b) when the inner
  // object is laid out like ours (same tp_call) and carries no __dict__.
  if (Py_TYPE(func)->tp_call == partial_call && P(func)->dict == nullptr) {
    inner_args = P(func)->args;
    inner_kw = P(func)->kw;
    func = P(func)->fn;
  }
  if (!PyCallable_Check(func)) {
    PyErr_SetString(PyExc_TypeError, "the first argument must be callable");
    return nullptr;
  }
  Ref<> self = steal(type->tp_alloc(type, 0));
  if (!self) return nullptr;
  PartialObject* pto = P(self.get());
  pto->fn = Py_NewRef(func);
  Ref<> rest = steal(PyTuple_GetSlice(args, 1, n));
  if (!rest) return nullptr;
  if (inner_args) {
    pto->args = PySequence_Concat(inner_args, rest.get());
    if (!pto->args) return nullptr;
  } else {
    pto->args = rest.release();
  }
  if (inner_kw == nullptr || PyDict_GET_SIZE(inner_kw) == 0) {
    pto->kw = kw ? PyDict_Copy(kw) : PyDict_New();
  } else {
    pto->kw = PyDict_Copy(inner_kw);
    if (pto->kw && kw && PyDict_Merge(pto->kw, kw, 1) < 0) return nullptr;
  }
  if (!pto->kw) return nullptr;
  set_vectorcall(pto);
  return self.release();
}

int partial_clear(PyObject* self) {
  Py_CLEAR(P(self)->fn);
  Py_CLEAR(P(self)->args);
  Py_CLEAR(P(self)->kw);
  Py_CLEAR(P(self)->dict);
  return 0;
}

int partial_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(P(self)->fn);
  Py_VISIT(P(self)->args);
  Py_VISIT(P(self)->kw);
  Py_VISIT(P(self)->dict);
  return 0;
}

void partial_dealloc(PyObject* self) {
  PyTypeObject* tp = Py_TYPE(self);
  PyObject_GC_UnTrack(self);
  if (P(self)->weakreflist) PyObject_ClearWeakRefs(self);
  partial_clear(self);
  tp->tp_free(self);  // a heap subclass's subtype_dealloc drops its type reference
}

PyObject* partial_repr(PyObject* self) {
  PartialObject* pto = P(self);
  int status = Py_ReprEnter(self);
  if (status != 0) return status < 0 ? nullptr : PyUnicode_FromString("...");
  struct Leave {
    PyObject* o;
    ~Leave() { Py_ReprLeave(o); }
  } leave{self};
  // Hold the pieces: a repr() may run code that replaces them.
  Ref<> fn = borrow(pto->fn);
  Ref<> args = borrow(pto->args);
  Ref<> kw = borrow(pto->kw);
  Ref<> arglist = steal(PyUnicode_FromString(""));
  if (!arglist) return nullptr;
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args.get()); ++i) {
    arglist = steal(PyUnicode_FromFormat("%U, %R", arglist.get(), PyTuple_GET_ITEM(args.get(), i)));
    if (!arglist) return nullptr;
  }
  PyObject *key, *value;
  for (Py_ssize_t pos = 0; PyDict_Next(kw.get(), &pos, &key, &value);) {
    Ref<> k = borrow(key), v = borrow(value);
    arglist = steal(PyUnicode_FromFormat("%U, %S=%R", arglist.get(), k.get(), v.get()));
    if (!arglist) return nullptr;
  }
  return PyUnicode_FromFormat("%s(%R%U)", Py_TYPE(self)->tp_name, fn.get(), arglist.get());
}

PyObject* partial_reduce(PyObject* self, PyObject*) {
  PartialObject* pto = P(self);
  return Py_BuildValue("O(O)(OOOO)", Py_TYPE(self), pto->fn, pto->fn, pto->args, pto->kw,
                       pto->dict ? pto->dict : Py_None);
}

PyObject* partial_setstate(PyObject* self, PyObject* state) {
  PartialObject* pto = P(self);
  PyObject *fn, *fnargs, *kw, *dict;
  if (!PyTuple_Check(state) || !PyArg_ParseTuple(state, "OOOO", &fn, &fnargs, &kw, &dict) ||
      !PyCallable_Check(fn) || !PyTuple_Check(fnargs) || (kw != Py_None && !PyDict_Check(kw))) {
    PyErr_SetString(PyExc_TypeError, "invalid partial state");
    return nullptr;
  }
  Ref<> newargs = PyTuple_CheckExact(fnargs) ? borrow(fnargs) : steal(PySequence_Tuple(fnargs));
  if (!newargs) return nullptr;
  Ref<> newkw = kw == Py_None          ? steal(PyDict_New())
                : !PyDict_CheckExact(kw) ? steal(PyDict_Copy(kw))
                                         : borrow(kw);
  if (!newkw) return nullptr;
  Py_SETREF(pto->fn, Py_NewRef(fn));
  Py_SETREF(pto->args, newargs.release());
  Py_SETREF(pto->kw, newkw.release());
  Py_XSETREF(pto->dict, dict == Py_None ? nullptr : Py_NewRef(dict));
  set_vectorcall(pto);
  Py_RETURN_NONE;
}

PyMethodDef partial_methods[] = {
    {"__reduce__", partial_reduce, METH_NOARGS, nullptr},
    {"__setstate__", partial_setstate, METH_O, nullptr},
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS, "See PEP 585"},
    {nullptr, nullptr, 0, nullptr},
};

PyMemberDef partial_members[] = {
    {"func", T_OBJECT, offsetof(PartialObject, fn), READONLY,
     "function object to use in future partial calls"},
    {"args", T_OBJECT, offsetof(PartialObject, args), READONLY,
     "tuple of arguments to future partial calls"},
    {"keywords", T_OBJECT, offsetof(PartialObject, kw), READONLY,
     "dictionary of keyword arguments to future partial calls"},
    {"__weaklistoffset__", T_PYSSIZET, offsetof(PartialObject, weakreflist), READONLY, nullptr},
    {"__dictoffset__", T_PYSSIZET, offsetof(PartialObject, dict), READONLY, nullptr},
    {"__vectorcalloffset__", T_PYSSIZET, offsetof(PartialObject, vectorcall), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyGetSetDef partial_getset[] = {
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

namespace krait::functools {

PyTypeObject partial_type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "functools.partial",
    .tp_basicsize = sizeof(PartialObject),
    .tp_dealloc = partial_dealloc,
    .tp_vectorcall_offset = offsetof(PartialObject, vectorcall),
    .tp_repr = partial_repr,
    .tp_call = partial_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE |
                Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = "partial(func, *args, **keywords) - new function with partial application\n"
              "    of the given arguments and keywords.\n",
    .tp_traverse = partial_traverse,
    .tp_clear = partial_clear,
    .tp_weaklistoffset = offsetof(PartialObject, weakreflist),
    .tp_methods = partial_methods,
    .tp_members = partial_members,
    .tp_getset = partial_getset,
    .tp_dictoffset = offsetof(PartialObject, dict),
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = partial_new,
    .tp_free = PyObject_GC_Del,
};

}  // namespace krait::functools
