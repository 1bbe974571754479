// builtin_function_or_method: C functions (module functions, bound methods of
// C types), with a vectorcall entry for each METH_* calling convention.
#include <Python.h>
#include <structmember.h>

#include "objects/object_util.h"
#include "capi/call_internal.h"
#include "runtime/identifiers.h"

using krait::Ref;

namespace krait {
namespace {

inline PyCFunctionObject* as_cfunc(PyObject* o) { return reinterpret_cast<PyCFunctionObject*>(o); }

// The self argument a call passes: NULL for METH_STATIC functions (their
// m_self is the defining type), as CPython's PyCFunction_GET_SELF.
inline PyObject* call_self(PyObject* o) {
  PyCFunctionObject* f = as_cfunc(o);
  return (f->m_ml->ml_flags & METH_STATIC) ? nullptr : f->m_self;
}

// "len()", "list.append()", "math.sqrt()": the name CPython's messages use.
PyObject* function_str(PyObject* func) {
  PyCFunctionObject* f = as_cfunc(func);
  PyObject* self = f->m_self;
  if (self == nullptr || PyModule_Check(self)) {
    PyObject* mod = f->m_module;
    if (mod && PyUnicode_Check(mod) && !_PyUnicode_Equal(mod, id::builtins_mod)) {
      return PyUnicode_FromFormat("%U.%s()", mod, f->m_ml->ml_name);
    }
    return PyUnicode_FromFormat("%s()", f->m_ml->ml_name);
  }
  PyTypeObject* t = PyType_Check(self) ? reinterpret_cast<PyTypeObject*>(self) : Py_TYPE(self);
  return PyUnicode_FromFormat("%s.%s()", _PyType_Name(t), f->m_ml->ml_name);
}

// The error path of the no-keywords check.
[[gnu::noinline, gnu::cold]] PyObject* no_kwargs_error(PyObject* func) {
  Ref<> name = steal(function_str(func));
  if (name) PyErr_Format(PyExc_TypeError, "%U takes no keyword arguments", name.get());
  return nullptr;
}

inline bool has_kwargs(PyObject* kwnames) {
  return kwnames != nullptr && PyTuple_GET_SIZE(kwnames) != 0;
}

[[gnu::noinline, gnu::cold]] PyObject* nargs_error(PyObject* func, const char* fmt, Py_ssize_t nargs) {
  Ref<> name = steal(function_str(func));
  if (name) PyErr_Format(PyExc_TypeError, fmt, name.get(), nargs);
  return nullptr;
}

// The vectorcall entries below are what the interpreter's CALL reaches for
// every builtin: the checks and the recursion counter are inlined
// (call_internal.h), errors are out of line.

PyObject* call_noargs(PyObject* func, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  if (__builtin_expect(has_kwargs(kwnames), 0)) return no_kwargs_error(func);
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  if (__builtin_expect(nargs != 0, 0))
    return nargs_error(func, "%U takes no arguments (%zd given)", nargs);
  PyThreadState* ts = tstate();
  if (!enter_recursive_call(ts, " while calling a Python object")) return nullptr;
  PyObject* r = as_cfunc(func)->m_ml->ml_meth(call_self(func), nullptr);
  leave_recursive_call(ts);
  return r;
}

PyObject* call_o(PyObject* func, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  if (__builtin_expect(has_kwargs(kwnames), 0)) return no_kwargs_error(func);
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  if (__builtin_expect(nargs != 1, 0))
    return nargs_error(func, "%U takes exactly one argument (%zd given)", nargs);
  PyThreadState* ts = tstate();
  if (!enter_recursive_call(ts, " while calling a Python object")) return nullptr;
  PyObject* r = as_cfunc(func)->m_ml->ml_meth(call_self(func), args[0]);
  leave_recursive_call(ts);
  return r;
}

PyObject* call_fastcall(PyObject* func, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  if (__builtin_expect(has_kwargs(kwnames), 0)) return no_kwargs_error(func);
  auto meth = reinterpret_cast<_PyCFunctionFast>(
      reinterpret_cast<void (*)(void)>(as_cfunc(func)->m_ml->ml_meth));
  PyThreadState* ts = tstate();
  if (!enter_recursive_call(ts, " while calling a Python object")) return nullptr;
  PyObject* r = meth(call_self(func), args, PyVectorcall_NARGS(nargsf));
  leave_recursive_call(ts);
  return r;
}

PyObject* call_fastcall_kw(PyObject* func, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  auto meth = reinterpret_cast<_PyCFunctionFastWithKeywords>(
      reinterpret_cast<void (*)(void)>(as_cfunc(func)->m_ml->ml_meth));
  PyThreadState* ts = tstate();
  if (!enter_recursive_call(ts, " while calling a Python object")) return nullptr;
  PyObject* r = meth(call_self(func), args, PyVectorcall_NARGS(nargsf), kwnames);
  leave_recursive_call(ts);
  return r;
}

PyObject* call_method_kw(PyObject* func, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  auto meth = reinterpret_cast<PyCMethod>(
      reinterpret_cast<void (*)(void)>(as_cfunc(func)->m_ml->ml_meth));
  PyTypeObject* cls = reinterpret_cast<PyCMethodObject*>(func)->mm_class;
  PyThreadState* ts = tstate();
  if (!enter_recursive_call(ts, " while calling a Python object")) return nullptr;
  PyObject* r = meth(call_self(func), cls, args, PyVectorcall_NARGS(nargsf), kwnames);
  leave_recursive_call(ts);
  return r;
}

// METH_VARARGS [| METH_KEYWORDS]: the classic tuple (+ dict) form, via tp_call.
PyObject* cfunction_call(PyObject* func, PyObject* args, PyObject* kwargs) {
  PyCFunctionObject* f = as_cfunc(func);
  int flags = f->m_ml->ml_flags & ~(METH_CLASS | METH_STATIC | METH_COEXIST);
  // Extensions call tp_call directly for any builtin (Cython's
  // __Pyx_PyObject_Call): the other conventions go through their vectorcall,
  // as CPython's tp_call (PyVectorcall_Call) does.
  if (!(flags & METH_VARARGS)) return PyVectorcall_Call(func, args, kwargs);
  PyThreadState* ts = tstate();
  PyObject* r;
  if (flags & METH_KEYWORDS) {
    auto meth = reinterpret_cast<PyCFunctionWithKeywords>(
        reinterpret_cast<void (*)(void)>(f->m_ml->ml_meth));
    if (!enter_recursive_call(ts, " while calling a Python object")) return nullptr;
    r = meth(call_self(func), args, kwargs);
  } else {
    if (__builtin_expect(kwargs != nullptr && PyDict_GET_SIZE(kwargs) != 0, 0))
      return no_kwargs_error(func);
    if (!enter_recursive_call(ts, " while calling a Python object")) return nullptr;
    r = f->m_ml->ml_meth(call_self(func), args);
  }
  leave_recursive_call(ts);
  return check_function_result(ts, func, r);
}

void cfunction_dealloc(PyObject* op) {
  PyCFunctionObject* f = as_cfunc(op);
  PyObject_GC_UnTrack(op);
  // Bounded C recursion for long chains (f.__call__.__call__..., tb_next links).
  Py_TRASHCAN_BEGIN(op, cfunction_dealloc)
  if (f->m_weakreflist != nullptr) PyObject_ClearWeakRefs(op);
  Py_XDECREF(f->m_self);
  Py_XDECREF(f->m_module);
  if (f->m_ml->ml_flags & METH_METHOD) Py_XDECREF(reinterpret_cast<PyCMethodObject*>(op)->mm_class);
  PyObject_GC_Del(op);
  Py_TRASHCAN_END
}

int cfunction_traverse(PyObject* op, visitproc visit, void* arg) {
  PyCFunctionObject* f = as_cfunc(op);
  Py_VISIT(f->m_self);
  Py_VISIT(f->m_module);
  if (f->m_ml->ml_flags & METH_METHOD)
    Py_VISIT(reinterpret_cast<PyObject*>(reinterpret_cast<PyCMethodObject*>(op)->mm_class));
  return 0;
}

PyObject* cfunction_repr(PyObject* op) {
  PyCFunctionObject* f = as_cfunc(op);
  if (f->m_self == nullptr || PyModule_Check(f->m_self)) {
    return PyUnicode_FromFormat("<built-in function %s>", f->m_ml->ml_name);
  }
  return PyUnicode_FromFormat("<built-in method %s of %s object at %p>", f->m_ml->ml_name,
                              Py_TYPE(f->m_self)->tp_name, f->m_self);
}

PyObject* cfunction_richcompare(PyObject* a, PyObject* b, int op) {
  if ((op != Py_EQ && op != Py_NE) || !PyCFunction_Check(a) || !PyCFunction_Check(b))
    Py_RETURN_NOTIMPLEMENTED;
  PyCFunctionObject* fa = as_cfunc(a);
  PyCFunctionObject* fb = as_cfunc(b);
  bool eq = fa->m_self == fb->m_self && fa->m_ml->ml_meth == fb->m_ml->ml_meth;
  return PyBool_FromLong(op == Py_EQ ? eq : !eq);
}

Py_hash_t cfunction_hash(PyObject* op) {
  PyCFunctionObject* f = as_cfunc(op);
  Py_hash_t x = _Py_HashPointer(f->m_self);
  Py_hash_t y = _Py_HashPointer(reinterpret_cast<void*>(f->m_ml->ml_meth));
  x ^= y;
  return x == -1 ? -2 : x;
}

PyObject* cfunction_get_doc(PyObject* op, void*) {
  return _PyType_GetDocFromInternalDoc(as_cfunc(op)->m_ml->ml_name, as_cfunc(op)->m_ml->ml_doc);
}

PyObject* cfunction_get_text_signature(PyObject* op, void*) {
  return _PyType_GetTextSignatureFromInternalDoc(as_cfunc(op)->m_ml->ml_name,
                                                 as_cfunc(op)->m_ml->ml_doc);
}

PyObject* cfunction_get_name(PyObject* op, void*) {
  return PyUnicode_FromString(as_cfunc(op)->m_ml->ml_name);
}

PyObject* cfunction_get_qualname(PyObject* op, void*) {
  PyCFunctionObject* f = as_cfunc(op);
  if (f->m_self == nullptr || PyModule_Check(f->m_self))
    return PyUnicode_FromString(f->m_ml->ml_name);
  PyObject* type = PyType_Check(f->m_self) ? f->m_self
                                           : reinterpret_cast<PyObject*>(Py_TYPE(f->m_self));
  Ref<> tq = steal(PyObject_GetAttr(type, id::qualname));
  if (!tq) return nullptr;
  if (!PyUnicode_Check(tq.get())) {
    PyErr_SetString(PyExc_TypeError, "<method>.__class__.__qualname__ is not a unicode object");
    return nullptr;
  }
  return PyUnicode_FromFormat("%U.%s", tq.get(), f->m_ml->ml_name);
}

PyObject* cfunction_get_self(PyObject* op, void*) {
  PyObject* self = as_cfunc(op)->m_self;
  if (self == nullptr) self = Py_None;
  Py_INCREF(self);
  return self;
}

PyObject* cfunction_reduce(PyObject* op, PyObject*) {
  PyCFunctionObject* f = as_cfunc(op);
  if (f->m_self == nullptr || PyModule_Check(f->m_self)) return PyUnicode_FromString(f->m_ml->ml_name);
  Ref<> builtins = steal(PyImport_ImportModule("builtins"));
  if (!builtins) return nullptr;
  Ref<> getattr_fn = steal(PyObject_GetAttrString(builtins.get(), "getattr"));
  if (!getattr_fn) return nullptr;
  return Py_BuildValue("O(Os)", getattr_fn.get(), f->m_self, f->m_ml->ml_name);
}

PyGetSetDef cfunction_getsets[] = {
    {"__doc__", cfunction_get_doc, nullptr, nullptr, nullptr},
    {"__name__", cfunction_get_name, nullptr, nullptr, nullptr},
    {"__qualname__", cfunction_get_qualname, nullptr, nullptr, nullptr},
    {"__text_signature__", cfunction_get_text_signature, nullptr, nullptr, nullptr},
    {"__self__", cfunction_get_self, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

PyMemberDef cfunction_members[] = {
    {"__module__", T_OBJECT, offsetof(PyCFunctionObject, m_module), 0, nullptr},
    {nullptr, 0, 0, 0, nullptr}};

PyMethodDef cfunction_methods[] = {{"__reduce__", cfunction_reduce, METH_NOARGS, nullptr},
                                   {nullptr, nullptr, 0, nullptr}};

}  // namespace
}  // namespace krait

using namespace krait;

PyTypeObject PyCFunction_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "builtin_function_or_method",
    .tp_basicsize = sizeof(PyCFunctionObject),
    .tp_dealloc = cfunction_dealloc,
    .tp_vectorcall_offset = offsetof(PyCFunctionObject, vectorcall),
    .tp_repr = cfunction_repr,
    .tp_hash = cfunction_hash,
    .tp_call = cfunction_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_traverse = cfunction_traverse,
    .tp_richcompare = cfunction_richcompare,
    .tp_weaklistoffset = offsetof(PyCFunctionObject, m_weakreflist),
    .tp_methods = cfunction_methods,
    .tp_members = cfunction_members,
    .tp_getset = cfunction_getsets,
};

PyTypeObject PyCMethod_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "builtin_method",
    .tp_basicsize = sizeof(PyCMethodObject),
    .tp_dealloc = cfunction_dealloc,
    .tp_vectorcall_offset = offsetof(PyCFunctionObject, vectorcall),
    .tp_repr = cfunction_repr,
    .tp_hash = cfunction_hash,
    .tp_call = cfunction_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_traverse = cfunction_traverse,
    .tp_richcompare = cfunction_richcompare,
    .tp_weaklistoffset = offsetof(PyCFunctionObject, m_weakreflist),
    .tp_base = &PyCFunction_Type,
};

extern "C" {

PyObject* PyCMethod_New(PyMethodDef* ml, PyObject* self, PyObject* module, PyTypeObject* cls) {
  vectorcallfunc vectorcall;
  switch (ml->ml_flags & (METH_VARARGS | METH_FASTCALL | METH_NOARGS | METH_O | METH_KEYWORDS |
                          METH_METHOD)) {
    case METH_VARARGS:
    case METH_VARARGS | METH_KEYWORDS:
      vectorcall = nullptr;  // tp_call handles the tuple forms
      break;
    case METH_FASTCALL:
      vectorcall = call_fastcall;
      break;
    case METH_FASTCALL | METH_KEYWORDS:
      vectorcall = call_fastcall_kw;
      break;
    case METH_NOARGS:
      vectorcall = call_noargs;
      break;
    case METH_O:
      vectorcall = call_o;
      break;
    case METH_METHOD | METH_FASTCALL | METH_KEYWORDS:
      vectorcall = call_method_kw;
      break;
    default:
      PyErr_Format(PyExc_SystemError, "%s() method: bad call flags", ml->ml_name);
      return nullptr;
  }
  PyCFunctionObject* op;
  if (ml->ml_flags & METH_METHOD) {
    if (cls == nullptr) {
      PyErr_SetString(PyExc_SystemError, "attempting to create PyCMethod with a METH_METHOD "
                                         "flag but no class");
      return nullptr;
    }
    auto* om = PyObject_GC_New(PyCMethodObject, &PyCMethod_Type);
    if (!om) return nullptr;
    Py_INCREF(cls);
    om->mm_class = cls;
    op = reinterpret_cast<PyCFunctionObject*>(om);
  } else {
    if (cls) {
      PyErr_SetString(PyExc_SystemError, "attempting to create PyCFunction with class but no "
                                         "METH_METHOD flag");
      return nullptr;
    }
    op = PyObject_GC_New(PyCFunctionObject, &PyCFunction_Type);
    if (!op) return nullptr;
  }
  op->m_weakreflist = nullptr;
  op->m_ml = ml;
  Py_XINCREF(self);
  op->m_self = self;
  Py_XINCREF(module);
  op->m_module = module;
  op->vectorcall = vectorcall;
  PyObject_GC_Track(op);
  return reinterpret_cast<PyObject*>(op);
}

#undef PyCFunction_NewEx
PyObject* PyCFunction_NewEx(PyMethodDef* ml, PyObject* self, PyObject* module) {
  return PyCMethod_New(ml, self, module, nullptr);
}

#undef PyCFunction_New
PyObject* PyCFunction_New(PyMethodDef* ml, PyObject* self) {
  return PyCMethod_New(ml, self, nullptr, nullptr);
}

PyCFunction PyCFunction_GetFunction(PyObject* op) {
  if (!PyCFunction_Check(op)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  return as_cfunc(op)->m_ml->ml_meth;
}

PyObject* PyCFunction_GetSelf(PyObject* op) {
  if (!PyCFunction_Check(op)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  PyCFunctionObject* f = as_cfunc(op);
  return (f->m_ml->ml_flags & METH_STATIC) ? nullptr : f->m_self;
}

int PyCFunction_GetFlags(PyObject* op) {
  if (!PyCFunction_Check(op)) {
    PyErr_BadInternalCall();
    return -1;
  }
  return as_cfunc(op)->m_ml->ml_flags;
}

}  // extern "C"
