// contextvars.Context (PEP 567) and the PyContext_* C API.
//
// Each thread state owns its current context (PyThreadState.context, created
// empty on first use, so a new thread starts with an empty context as on
// CPython). A context maps ContextVar -> value. CPython uses a HAMT so that
// copies are O(1) and sets O(log n); Krait keeps an immutable dict per
// context instead: copy shares the dict, set builds a new one (O(n), fine for
// the handful of variables programs use). One visible difference: iteration
// order is the order variables were first set, where CPython's follows hashes.
#include "objects/context_object.h"

#include "objects/object_util.h"
#include "support/ref.h"

using krait::Ref;
using krait::steal;

namespace krait {

PyContext* context_with_vars(PyObject* vars) {
  if (vars == nullptr) return nullptr;
  PyContext* ctx = PyObject_GC_New(PyContext, &PyContext_Type);
  if (ctx == nullptr) {
    Py_DECREF(vars);
    return nullptr;
  }
  ctx->ctx_prev = nullptr;
  ctx->ctx_vars = vars;
  ctx->ctx_weakreflist = nullptr;
  ctx->ctx_entered = 0;
  PyObject_GC_Track(ctx);
  return ctx;
}

PyContext* context_current() {
  PyThreadState* ts = PyThreadState_Get();
  if (ts->context == nullptr) {
    PyContext* ctx = context_with_vars(PyDict_New());
    if (ctx == nullptr) return nullptr;
    ts->context = reinterpret_cast<PyObject*>(ctx);
    ts->context_ver++;
  }
  return reinterpret_cast<PyContext*>(ts->context);
}

int context_set_var(PyContextVar* var, PyObject* value) {
  PyContext* ctx = context_current();
  if (ctx == nullptr) return -1;
  Ref<> vars = steal(PyDict_Copy(ctx->ctx_vars));
  if (!vars) return -1;
  PyObject* key = reinterpret_cast<PyObject*>(var);
  if (value != nullptr) {
    if (PyDict_SetItem(vars.get(), key, value) < 0) return -1;
  } else if (PyDict_DelItem(vars.get(), key) < 0) {
    return -1;
  }
  Py_SETREF(ctx->ctx_vars, vars.release());
  PyThreadState_Get()->context_ver++;
  return 0;
}

namespace {

inline PyContext* as_ctx(PyObject* o) { return reinterpret_cast<PyContext*>(o); }

int enter(PyContext* ctx) {
  if (ctx->ctx_entered) {
    PyErr_Format(PyExc_RuntimeError, "cannot enter context: %R is already entered", ctx);
    return -1;
  }
  PyThreadState* ts = PyThreadState_Get();
  ctx->ctx_prev = ts->context;  // takes over the thread state's reference
  ctx->ctx_entered = 1;
  ts->context = Py_NewRef(reinterpret_cast<PyObject*>(ctx));
  ts->context_ver++;
  return 0;
}

int exit(PyContext* ctx) {
  if (!ctx->ctx_entered) {
    PyErr_Format(PyExc_RuntimeError, "cannot exit context: %R has not been entered", ctx);
    return -1;
  }
  PyThreadState* ts = PyThreadState_Get();
  if (ts->context != reinterpret_cast<PyObject*>(ctx)) {
    PyErr_SetString(PyExc_RuntimeError,
                    "cannot exit context: thread state references a different context object");
    return -1;
  }
  Py_SETREF(ts->context, ctx->ctx_prev);
  ctx->ctx_prev = nullptr;
  ctx->ctx_entered = 0;
  ts->context_ver++;
  return 0;
}

bool check_key(PyObject* key) {
  if (PyContextVar_CheckExact(key)) return true;
  PyErr_Format(PyExc_TypeError, "a ContextVar key was expected, got %R", key);
  return false;
}

PyObject* ctx_tp_new(PyTypeObject*, PyObject* args, PyObject* kwds) {
  if (PyTuple_GET_SIZE(args) != 0 || (kwds != nullptr && PyDict_GET_SIZE(kwds) != 0)) {
    PyErr_SetString(PyExc_TypeError, "Context() does not accept any arguments");
    return nullptr;
  }
  return reinterpret_cast<PyObject*>(context_with_vars(PyDict_New()));
}

void ctx_dealloc(PyObject* self) {
  PyObject_GC_UnTrack(self);
  if (as_ctx(self)->ctx_weakreflist != nullptr) PyObject_ClearWeakRefs(self);
  Py_CLEAR(as_ctx(self)->ctx_prev);
  Py_CLEAR(as_ctx(self)->ctx_vars);
  PyObject_GC_Del(self);
}

int ctx_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(as_ctx(self)->ctx_prev);
  Py_VISIT(as_ctx(self)->ctx_vars);
  return 0;
}

int ctx_clear(PyObject* self) {
  Py_CLEAR(as_ctx(self)->ctx_prev);
  Py_CLEAR(as_ctx(self)->ctx_vars);
  return 0;
}

PyObject* ctx_richcompare(PyObject* a, PyObject* b, int op) {
  if (!PyContext_CheckExact(a) || !PyContext_CheckExact(b) || (op != Py_EQ && op != Py_NE)) {
    Py_RETURN_NOTIMPLEMENTED;
  }
  return PyObject_RichCompare(as_ctx(a)->ctx_vars, as_ctx(b)->ctx_vars, op);
}

Py_ssize_t ctx_len(PyObject* self) { return PyDict_GET_SIZE(as_ctx(self)->ctx_vars); }

PyObject* ctx_getitem(PyObject* self, PyObject* key) {
  if (!check_key(key)) return nullptr;
  PyObject* v = PyDict_GetItemWithError(as_ctx(self)->ctx_vars, key);
  if (v == nullptr) {
    if (!PyErr_Occurred()) PyErr_SetObject(PyExc_KeyError, key);
    return nullptr;
  }
  return Py_NewRef(v);
}

int ctx_contains(PyObject* self, PyObject* key) {
  if (!check_key(key)) return -1;
  return PyDict_Contains(as_ctx(self)->ctx_vars, key);
}

PyObject* ctx_iter(PyObject* self) { return PyObject_GetIter(as_ctx(self)->ctx_vars); }

PyObject* ctx_get(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("get", nargs, 1, 2)) return nullptr;
  if (!check_key(args[0])) return nullptr;
  PyObject* v = PyDict_GetItemWithError(as_ctx(self)->ctx_vars, args[0]);
  if (v == nullptr) {
    if (PyErr_Occurred()) return nullptr;
    v = nargs > 1 ? args[1] : Py_None;
  }
  return Py_NewRef(v);
}

PyObject* ctx_keys(PyObject* self, PyObject*) {
  return PyObject_CallMethod(as_ctx(self)->ctx_vars, "keys", nullptr);
}
PyObject* ctx_values(PyObject* self, PyObject*) {
  return PyObject_CallMethod(as_ctx(self)->ctx_vars, "values", nullptr);
}
PyObject* ctx_items(PyObject* self, PyObject*) {
  return PyObject_CallMethod(as_ctx(self)->ctx_vars, "items", nullptr);
}

PyObject* ctx_copy(PyObject* self, PyObject*) { return PyContext_Copy(self); }

PyObject* ctx_run(PyObject* self, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  if (nargs < 1) {
    PyErr_SetString(PyExc_TypeError, "run() missing 1 required positional argument");
    return nullptr;
  }
  if (enter(as_ctx(self)) < 0) return nullptr;
  PyObject* result = PyObject_Vectorcall(args[0], args + 1, nargs - 1, kwnames);
  if (exit(as_ctx(self)) < 0) Py_CLEAR(result);
  return result;
}

PyMethodDef ctx_methods[] = {
    {"run", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(ctx_run)),
     METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"copy", ctx_copy, METH_NOARGS, "Return a shallow copy of the context object."},
    {"get", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(ctx_get)), METH_FASTCALL,
     "Return the value for `key` if `key` has the value in the context object.\n\n"
     "If `key` does not exist, return `default`. If `default` is not given,\nreturn None."},
    {"keys", ctx_keys, METH_NOARGS, "Return a list of all variables in the context object."},
    {"values", ctx_values, METH_NOARGS,
     "Return a list of all variables' values in the context object."},
    {"items", ctx_items, METH_NOARGS,
     "Return all variables and their values in the context object.\n\n"
     "The result is returned as a list of 2-tuples (variable, value)."},
    {nullptr, nullptr, 0, nullptr},
};

PyMappingMethods ctx_as_mapping = {ctx_len, ctx_getitem, nullptr};
PySequenceMethods ctx_as_sequence = {.sq_contains = ctx_contains};

}  // namespace
}  // namespace krait

PyTypeObject PyContext_Type = {
    .ob_base = KRAIT_IMMORTAL_VAR_HEAD(&PyType_Type, 0),
    .tp_name = "_contextvars.Context",
    .tp_basicsize = sizeof(PyContext),
    .tp_dealloc = krait::ctx_dealloc,
    .tp_as_sequence = &krait::ctx_as_sequence,
    .tp_as_mapping = &krait::ctx_as_mapping,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = krait::ctx_traverse,
    .tp_clear = krait::ctx_clear,
    .tp_richcompare = krait::ctx_richcompare,
    .tp_weaklistoffset = offsetof(PyContext, ctx_weakreflist),
    .tp_iter = krait::ctx_iter,
    .tp_methods = krait::ctx_methods,
    .tp_new = krait::ctx_tp_new,
};

extern "C" {

PyObject* PyContext_New(void) {
  return reinterpret_cast<PyObject*>(krait::context_with_vars(PyDict_New()));
}

PyObject* PyContext_Copy(PyObject* ctx) {
  if (!PyContext_CheckExact(ctx)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  // The dict is never mutated once a context holds it, so sharing is a copy.
  return reinterpret_cast<PyObject*>(
      krait::context_with_vars(Py_NewRef(krait::as_ctx(ctx)->ctx_vars)));
}

PyObject* PyContext_CopyCurrent(void) {
  PyContext* ctx = krait::context_current();
  if (ctx == nullptr) return nullptr;
  return PyContext_Copy(reinterpret_cast<PyObject*>(ctx));
}

int PyContext_Enter(PyObject* ctx) {
  if (!PyContext_CheckExact(ctx)) {
    PyErr_BadInternalCall();
    return -1;
  }
  return krait::enter(krait::as_ctx(ctx));
}

int PyContext_Exit(PyObject* ctx) {
  if (!PyContext_CheckExact(ctx)) {
    PyErr_BadInternalCall();
    return -1;
  }
  return krait::exit(krait::as_ctx(ctx));
}

}  // extern "C"
