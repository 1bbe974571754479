// context_object.cpp — PyContext_Type (contextvars.Context) and the PyContext_*
// C API: per-thread current contexts, copy, enter/exit and Context.run.
// The mapping is an immutable dict (see context_object.h).
#include "objects/context_object.h"

#include <cstddef>

#include "support/ref.h"

using krait::Ref;
using krait::steal;

namespace krait::context {

PyContext* make(PyObject* vars) {
  auto* ctx = PyObject_GC_New(PyContext, &PyContext_Type);
  if (!ctx) return nullptr;
  ctx->ctx_prev = nullptr;
  ctx->ctx_vars = Py_NewRef(vars);
  ctx->ctx_weakreflist = nullptr;
  ctx->ctx_entered = 0;
  PyObject_GC_Track(ctx);
  return ctx;
}

PyContext* current() {
  PyThreadState* ts = PyThreadState_Get();
  if (!ts->context) {
    Ref<> empty = steal(PyDict_New());
    if (!empty) return nullptr;
    ts->context = reinterpret_cast<PyObject*>(make(empty.get()));
    if (!ts->context) return nullptr;
    ts->context_ver++;
  }
  return reinterpret_cast<PyContext*>(ts->context);
}

int set_vars(PyContext* ctx, PyObject* vars) {
  Py_SETREF(ctx->ctx_vars, Py_NewRef(vars));
  PyThreadState_Get()->context_ver++;
  return 0;
}

}  // namespace krait::context

namespace {

using krait::context::make;

bool check_var_key(PyObject* key) {
  if (PyContextVar_CheckExact(key)) return true;
  PyErr_Format(PyExc_TypeError, "a ContextVar key was expected, got %R", key);
  return false;
}

PyObject* ctx_new(PyTypeObject*, PyObject* args, PyObject* kwds) {
  if (PyTuple_GET_SIZE(args) || (kwds && PyDict_GET_SIZE(kwds))) {
    PyErr_SetString(PyExc_TypeError, "Context() does not accept any arguments");
    return nullptr;
  }
  return PyContext_New();
}

void ctx_dealloc(PyObject* self) {
  auto* ctx = reinterpret_cast<PyContext*>(self);
  PyObject_GC_UnTrack(self);
  if (ctx->ctx_weakreflist) PyObject_ClearWeakRefs(self);
  Py_CLEAR(ctx->ctx_prev);
  Py_CLEAR(ctx->ctx_vars);
  PyObject_GC_Del(self);
}

int ctx_traverse(PyObject* self, visitproc visit, void* arg) {
  auto* ctx = reinterpret_cast<PyContext*>(self);
  Py_VISIT(reinterpret_cast<PyObject*>(ctx->ctx_prev));
  Py_VISIT(ctx->ctx_vars);
  return 0;
}

int ctx_tp_clear(PyObject* self) {
  auto* ctx = reinterpret_cast<PyContext*>(self);
  Py_CLEAR(ctx->ctx_prev);
  Py_CLEAR(ctx->ctx_vars);
  return 0;
}

PyObject* ctx_richcompare(PyObject* a, PyObject* b, int op) {
  if (!PyContext_CheckExact(a) || !PyContext_CheckExact(b) || (op != Py_EQ && op != Py_NE))
    Py_RETURN_NOTIMPLEMENTED;
  return PyObject_RichCompare(reinterpret_cast<PyContext*>(a)->ctx_vars,
                              reinterpret_cast<PyContext*>(b)->ctx_vars, op);
}

Py_ssize_t ctx_len(PyObject* self) { return PyDict_GET_SIZE(reinterpret_cast<PyContext*>(self)->ctx_vars); }

PyObject* ctx_subscript(PyObject* self, PyObject* key) {
  if (!check_var_key(key)) return nullptr;
  PyObject* v = PyDict_GetItemWithError(reinterpret_cast<PyContext*>(self)->ctx_vars, key);
  if (v) return Py_NewRef(v);
  if (!PyErr_Occurred()) PyErr_SetObject(PyExc_KeyError, key);
  return nullptr;
}

int ctx_contains(PyObject* self, PyObject* key) {
  if (!check_var_key(key)) return -1;
  return PyDict_Contains(reinterpret_cast<PyContext*>(self)->ctx_vars, key);
}

PyObject* ctx_iter(PyObject* self) { return PyObject_GetIter(reinterpret_cast<PyContext*>(self)->ctx_vars); }

PyObject* ctx_get(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("get", nargs, 1, 2)) return nullptr;
  if (!check_var_key(args[0])) return nullptr;
  PyObject* v = PyDict_GetItemWithError(reinterpret_cast<PyContext*>(self)->ctx_vars, args[0]);
  if (v) return Py_NewRef(v);
  if (PyErr_Occurred()) return nullptr;
  return Py_NewRef(nargs > 1 ? args[1] : Py_None);
}

// keys()/values()/items(): views of the immutable mapping.
PyObject* ctx_view(PyObject* self, const char* name) {
  return PyObject_CallMethod(reinterpret_cast<PyContext*>(self)->ctx_vars, name, nullptr);
}
PyObject* ctx_keys(PyObject* self, PyObject*) { return ctx_view(self, "keys"); }
PyObject* ctx_values(PyObject* self, PyObject*) { return ctx_view(self, "values"); }
PyObject* ctx_items(PyObject* self, PyObject*) { return ctx_view(self, "items"); }
PyObject* ctx_copy(PyObject* self, PyObject*) { return PyContext_Copy(self); }

PyObject* ctx_run(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  if (nargs < 1) {
    PyErr_SetString(PyExc_TypeError, "run() missing 1 required positional argument");
    return nullptr;
  }
  if (PyContext_Enter(self) < 0) return nullptr;
  PyObject* r = PyObject_Vectorcall(args[0], args + 1, nargs - 1, kwnames);
  if (PyContext_Exit(self) < 0) {
    Py_XDECREF(r);
    return nullptr;
  }
  return r;
}

PyMethodDef ctx_methods[] = {
    {"run", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(ctx_run)), METH_FASTCALL | METH_KEYWORDS,
     nullptr},
    {"copy", ctx_copy, METH_NOARGS, nullptr},
    {"get", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(ctx_get)), METH_FASTCALL, nullptr},
    {"keys", ctx_keys, METH_NOARGS, nullptr},
    {"values", ctx_values, METH_NOARGS, nullptr},
    {"items", ctx_items, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyMappingMethods ctx_as_mapping = {ctx_len, ctx_subscript, nullptr};
PySequenceMethods ctx_as_sequence = {
    .sq_contains = ctx_contains,
};

}  // namespace

extern "C" {

PyTypeObject PyContext_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "_contextvars.Context",
    .tp_basicsize = sizeof(PyContext),
    .tp_dealloc = ctx_dealloc,
    .tp_as_sequence = &ctx_as_sequence,
    .tp_as_mapping = &ctx_as_mapping,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = ctx_traverse,
    .tp_clear = ctx_tp_clear,
    .tp_richcompare = ctx_richcompare,
    .tp_weaklistoffset = offsetof(PyContext, ctx_weakreflist),
    .tp_iter = ctx_iter,
    .tp_methods = ctx_methods,
    .tp_new = ctx_new,
};

PyObject* PyContext_New(void) {
  Ref<> empty = steal(PyDict_New());
  return empty ? reinterpret_cast<PyObject*>(make(empty.get())) : nullptr;
}

PyObject* PyContext_Copy(PyObject* ctx) {
  if (!PyContext_CheckExact(ctx)) {
    PyErr_Format(PyExc_TypeError, "an instance of Context was expected, got %R", ctx);
    return nullptr;
  }
  return reinterpret_cast<PyObject*>(make(reinterpret_cast<PyContext*>(ctx)->ctx_vars));
}

PyObject* PyContext_CopyCurrent(void) {
  PyContext* cur = krait::context::current();
  return cur ? reinterpret_cast<PyObject*>(make(cur->ctx_vars)) : nullptr;
}

int PyContext_Enter(PyObject* octx) {
  if (!PyContext_CheckExact(octx)) {
    PyErr_Format(PyExc_TypeError, "an instance of Context was expected, got %R", octx);
    return -1;
  }
  auto* ctx = reinterpret_cast<PyContext*>(octx);
  if (ctx->ctx_entered) {
    PyErr_Format(PyExc_RuntimeError, "cannot enter context: %R is already entered", octx);
    return -1;
  }
  PyThreadState* ts = PyThreadState_Get();
  ctx->ctx_prev = reinterpret_cast<PyContext*>(ts->context);  // the reference moves
  ctx->ctx_entered = 1;
  ts->context = Py_NewRef(octx);
  ts->context_ver++;
  return 0;
}

int PyContext_Exit(PyObject* octx) {
  if (!PyContext_CheckExact(octx)) {
    PyErr_Format(PyExc_TypeError, "an instance of Context was expected, got %R", octx);
    return -1;
  }
  auto* ctx = reinterpret_cast<PyContext*>(octx);
  if (!ctx->ctx_entered) {
    PyErr_Format(PyExc_RuntimeError, "cannot exit context: %R has not been entered", octx);
    return -1;
  }
  PyThreadState* ts = PyThreadState_Get();
  if (ts->context != octx) {
    PyErr_SetString(PyExc_RuntimeError, "cannot exit context: thread state references a different context object");
    return -1;
  }
  PyObject* prev = reinterpret_cast<PyObject*>(ctx->ctx_prev);
  ctx->ctx_prev = nullptr;
  ctx->ctx_entered = 0;
  Py_SETREF(ts->context, prev);
  ts->context_ver++;
  return 0;
}

}  // extern "C"
