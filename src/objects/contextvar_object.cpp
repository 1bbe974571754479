// contextvars.ContextVar (PEP 567) and the PyContextVar_* C API.
//
// A variable's value is looked up in the current thread's context
// (context_object.cpp); set/reset build the context's next mapping and hand
// out / consume Tokens (context_token_object.cpp).
#include "objects/context_object.h"

#include <structmember.h>
#include "objects/object_util.h"
#include "support/ref.h"

namespace krait {
namespace {

inline PyContextVar* as_var(PyObject* o) { return reinterpret_cast<PyContextVar*>(o); }

PyContextVar* var_new(PyObject* name, PyObject* def) {
  if (!PyUnicode_Check(name)) {
    PyErr_SetString(PyExc_TypeError, "context variable name must be a str");
    return nullptr;
  }
  PyContextVar* var = PyObject_GC_New(PyContextVar, &PyContextVar_Type);
  if (var == nullptr) return nullptr;
  var->var_name = Py_NewRef(name);
  var->var_default = Py_XNewRef(def);
  PyObject_GC_Track(var);
  return var;
}

// The value of var in the current context: 1 and a new reference in *out,
// 0 when unset, -1 on error.
int lookup(PyContextVar* var, PyObject** out) {
  *out = nullptr;
  PyContext* ctx = context_current();
  if (ctx == nullptr) return -1;
  PyObject* v = PyDict_GetItemWithError(ctx->ctx_vars, reinterpret_cast<PyObject*>(var));
  if (v == nullptr) return PyErr_Occurred() ? -1 : 0;
  *out = Py_NewRef(v);
  return 1;
}

PyObject* var_tp_new(PyTypeObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"", "default", nullptr};
  PyObject* name = nullptr;
  PyObject* def = nullptr;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|$O:ContextVar", const_cast<char**>(kwlist),
                                   &name, &def)) {
    return nullptr;
  }
  return reinterpret_cast<PyObject*>(var_new(name, def));
}

void var_dealloc(PyObject* self) {
  PyObject_GC_UnTrack(self);
  Py_CLEAR(as_var(self)->var_name);
  Py_CLEAR(as_var(self)->var_default);
  PyObject_GC_Del(self);
}

int var_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(as_var(self)->var_name);
  Py_VISIT(as_var(self)->var_default);
  return 0;
}

int var_clear(PyObject* self) {
  Py_CLEAR(as_var(self)->var_name);
  Py_CLEAR(as_var(self)->var_default);
  return 0;
}

PyObject* var_repr(PyObject* self) {
  PyContextVar* var = as_var(self);
  if (var->var_default != nullptr) {
    return PyUnicode_FromFormat("<ContextVar name=%R default=%R at %p>", var->var_name,
                                var->var_default, self);
  }
  return PyUnicode_FromFormat("<ContextVar name=%R at %p>", var->var_name, self);
}

PyObject* var_get(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("get", nargs, 0, 1)) return nullptr;
  PyObject* value;
  if (PyContextVar_Get(self, nargs ? args[0] : nullptr, &value) < 0) return nullptr;
  if (value == nullptr) PyErr_SetObject(PyExc_LookupError, self);
  return value;
}

PyObject* var_set(PyObject* self, PyObject* value) { return PyContextVar_Set(self, value); }

PyObject* var_reset(PyObject* self, PyObject* token) {
  if (!PyContextToken_CheckExact(token)) {
    PyErr_Format(PyExc_TypeError, "expected an instance of Token, got %R", token);
    return nullptr;
  }
  if (PyContextVar_Reset(self, token) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyMethodDef var_methods[] = {
    {"get", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(var_get)), METH_FASTCALL,
     "Return a value for the context variable for the current context.\n\n"
     "If there is no value for the variable in the current context, the method will:\n"
     " * return the value of the default argument of the method, if provided; or\n"
     " * return the default value for the context variable, if it was created\n"
     "   with one; or\n"
     " * raise a LookupError."},
    {"set", var_set, METH_O,
     "Call to set a new value for the context variable in the current context.\n\n"
     "The required value argument is the new value for the context variable.\n\n"
     "Returns a Token object that can be used to restore the variable to its previous\n"
     "value via the `ContextVar.reset()` method."},
    {"reset", var_reset, METH_O,
     "Reset the context variable.\n\n"
     "The variable is reset to the value it had before the `ContextVar.set()` that\n"
     "created the token was used."},
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS,
     "See PEP 585"},
    {nullptr, nullptr, 0, nullptr},
};

PyMemberDef var_members[] = {
    {"name", T_OBJECT, offsetof(PyContextVar, var_name), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

}  // namespace
}  // namespace krait

PyTypeObject PyContextVar_Type = {
    .ob_base = KRAIT_IMMORTAL_VAR_HEAD(&PyType_Type, 0),
    .tp_name = "_contextvars.ContextVar",
    .tp_basicsize = sizeof(PyContextVar),
    .tp_dealloc = krait::var_dealloc,
    .tp_repr = krait::var_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = krait::var_traverse,
    .tp_clear = krait::var_clear,
    .tp_methods = krait::var_methods,
    .tp_members = krait::var_members,
    .tp_new = krait::var_tp_new,
};

extern "C" {

PyObject* PyContextVar_New(const char* name, PyObject* def) {
  krait::Ref<> n = krait::steal(PyUnicode_FromString(name));
  if (!n) return nullptr;
  return reinterpret_cast<PyObject*>(krait::var_new(n.get(), def));
}

int PyContextVar_Get(PyObject* var, PyObject* def, PyObject** value) {
  if (!PyContextVar_CheckExact(var)) {
    *value = nullptr;
    PyErr_BadInternalCall();
    return -1;
  }
  int found = krait::lookup(krait::as_var(var), value);
  if (found != 0) return found < 0 ? -1 : 0;
  // Not set: the caller's default, else the variable's, else NULL (no error).
  PyObject* fallback = def != nullptr ? def : krait::as_var(var)->var_default;
  *value = Py_XNewRef(fallback);
  return 0;
}

PyObject* PyContextVar_Set(PyObject* var, PyObject* value) {
  if (!PyContextVar_CheckExact(var)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  PyContext* ctx = krait::context_current();
  if (ctx == nullptr) return nullptr;
  PyObject* old;
  if (krait::lookup(krait::as_var(var), &old) < 0) return nullptr;
  krait::Ref<> old_ref = krait::steal(old);
  krait::Ref<> token = krait::steal(
      krait::context_token_new(ctx, krait::as_var(var), old));
  if (!token) return nullptr;
  if (krait::context_set_var(krait::as_var(var), value) < 0) return nullptr;
  return token.release();
}

int PyContextVar_Reset(PyObject* var, PyObject* token) {
  if (!PyContextVar_CheckExact(var) || !PyContextToken_CheckExact(token)) {
    PyErr_BadInternalCall();
    return -1;
  }
  PyContextToken* tok = reinterpret_cast<PyContextToken*>(token);
  if (tok->tok_used) {
    PyErr_Format(PyExc_RuntimeError, "%R has already been used once", token);
    return -1;
  }
  if (tok->tok_var != var) {
    PyErr_Format(PyExc_ValueError, "%R was created by a different ContextVar", token);
    return -1;
  }
  PyContext* ctx = krait::context_current();
  if (ctx == nullptr) return -1;
  if (tok->tok_ctx != reinterpret_cast<PyObject*>(ctx)) {
    PyErr_Format(PyExc_ValueError, "%R was created in a different Context", token);
    return -1;
  }
  tok->tok_used = 1;
  return krait::context_set_var(krait::as_var(var), tok->tok_oldval);
}

}  // extern "C"
