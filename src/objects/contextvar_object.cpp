// contextvar_object.cpp — PyContextVar_Type (contextvars.ContextVar),
// PyContextToken_Type (contextvars.Token), Token.MISSING and the
// PyContextVar_* C API. set/reset replace the current context's immutable
// mapping with an updated copy (context_object.h).
#include "objects/context_object.h"

#include <structmember.h>

#include "support/ref.h"

using krait::Ref;
using krait::steal;


namespace {

PyObject g_missing = {_PyObject_EXTRA_INIT 1, &_PyContextTokenMissing_Type};

// The current context's mapping with var set to `value` (or removed if NULL).
int update_current(PyContext* ctx, PyObject* var, PyObject* value) {
  Ref<> vars = steal(PyDict_Copy(ctx->ctx_vars));
  if (!vars) return -1;
  if (value ? PyDict_SetItem(vars.get(), var, value) < 0 : PyDict_DelItem(vars.get(), var) < 0) return -1;
  return krait::context::set_vars(ctx, vars.get());
}

// -- ContextVar ---------------------------------------------------------------------------------

PyObject* make_var(PyObject* name, PyObject* def) {
  if (!PyUnicode_Check(name)) {
    PyErr_SetString(PyExc_TypeError, "context variable name must be a str");
    return nullptr;
  }
  Py_hash_t nh = PyObject_Hash(name);
  if (nh == -1) return nullptr;
  auto* v = PyObject_GC_New(PyContextVar, &PyContextVar_Type);
  if (!v) return nullptr;
  v->var_name = Py_NewRef(name);
  v->var_default = Py_XNewRef(def);
  // Mixes the name's hash with the identity: distinct variables, distinct hashes.
  Py_hash_t h = nh ^ _Py_HashPointer(v);
  v->var_hash = h == -1 ? -2 : h;
  PyObject_GC_Track(v);
  return reinterpret_cast<PyObject*>(v);
}

PyObject* var_new(PyTypeObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"", "default", nullptr};
  PyObject *name, *def = nullptr;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|$O:ContextVar", const_cast<char**>(kwlist), &name, &def))
    return nullptr;
  return make_var(name, def);
}

void var_dealloc(PyObject* self) {
  auto* v = reinterpret_cast<PyContextVar*>(self);
  PyObject_GC_UnTrack(self);
  Py_CLEAR(v->var_name);
  Py_CLEAR(v->var_default);
  PyObject_GC_Del(self);
}

int var_traverse(PyObject* self, visitproc visit, void* arg) {
  auto* v = reinterpret_cast<PyContextVar*>(self);
  Py_VISIT(v->var_name);
  Py_VISIT(v->var_default);
  return 0;
}

int var_tp_clear(PyObject* self) {
  auto* v = reinterpret_cast<PyContextVar*>(self);
  Py_CLEAR(v->var_name);
  Py_CLEAR(v->var_default);
  return 0;
}

Py_hash_t var_hash(PyObject* self) { return reinterpret_cast<PyContextVar*>(self)->var_hash; }

PyObject* var_repr(PyObject* self) {
  auto* v = reinterpret_cast<PyContextVar*>(self);
  if (v->var_default) {
    return PyUnicode_FromFormat("<ContextVar name=%R default=%R at %p>", v->var_name, v->var_default, self);
  }
  return PyUnicode_FromFormat("<ContextVar name=%R at %p>", v->var_name, self);
}

PyObject* var_get(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("get", nargs, 0, 1)) return nullptr;
  PyObject* val;
  if (PyContextVar_Get(self, nargs ? args[0] : nullptr, &val) < 0) return nullptr;
  if (!val) PyErr_SetObject(PyExc_LookupError, self);
  return val;
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

PyMemberDef var_members[] = {
    {"name", T_OBJECT, offsetof(PyContextVar, var_name), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyMethodDef var_methods[] = {
    {"get", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(var_get)), METH_FASTCALL, nullptr},
    {"set", var_set, METH_O, nullptr},
    {"reset", var_reset, METH_O, nullptr},
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS, "See PEP 585"},
    {nullptr, nullptr, 0, nullptr},
};

// -- Token --------------------------------------------------------------------------------------

PyObject* token_new(PyTypeObject*, PyObject*, PyObject*) {
  PyErr_SetString(PyExc_RuntimeError, "Tokens can only be created by ContextVars");
  return nullptr;
}

void token_dealloc(PyObject* self) {
  auto* t = reinterpret_cast<PyContextToken*>(self);
  PyObject_GC_UnTrack(self);
  Py_CLEAR(t->tok_ctx);
  Py_CLEAR(t->tok_var);
  Py_CLEAR(t->tok_oldval);
  PyObject_GC_Del(self);
}

int token_traverse(PyObject* self, visitproc visit, void* arg) {
  auto* t = reinterpret_cast<PyContextToken*>(self);
  Py_VISIT(reinterpret_cast<PyObject*>(t->tok_ctx));
  Py_VISIT(reinterpret_cast<PyObject*>(t->tok_var));
  Py_VISIT(t->tok_oldval);
  return 0;
}

int token_tp_clear(PyObject* self) {
  auto* t = reinterpret_cast<PyContextToken*>(self);
  Py_CLEAR(t->tok_ctx);
  Py_CLEAR(t->tok_var);
  Py_CLEAR(t->tok_oldval);
  return 0;
}

PyObject* token_repr(PyObject* self) {
  auto* t = reinterpret_cast<PyContextToken*>(self);
  return PyUnicode_FromFormat("<Token%s var=%R at %p>", t->tok_used ? " used" : "",
                              reinterpret_cast<PyObject*>(t->tok_var), self);
}

PyObject* token_get_var(PyObject* self, void*) {
  return Py_NewRef(reinterpret_cast<PyObject*>(reinterpret_cast<PyContextToken*>(self)->tok_var));
}
PyObject* token_get_old_value(PyObject* self, void*) {
  PyObject* v = reinterpret_cast<PyContextToken*>(self)->tok_oldval;
  return Py_NewRef(v ? v : &g_missing);
}

PyGetSetDef token_getset[] = {
    {"var", token_get_var, nullptr, nullptr, nullptr},
    {"old_value", token_get_old_value, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyMethodDef token_methods[] = {
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS, "See PEP 585"},
    {nullptr, nullptr, 0, nullptr},
};

PyObject* missing_repr(PyObject*) { return PyUnicode_FromString("<Token.MISSING>"); }

}  // namespace

namespace krait::context {
PyObject* token_missing() { return &g_missing; }
}  // namespace krait::context

namespace krait {
// Start-up: Token.MISSING is a class attribute (runtime/init_hooks.def).
int init_contextvars() {
  if (PyDict_SetItemString(PyContextToken_Type.tp_dict, "MISSING", &g_missing) < 0) return -1;
  PyType_Modified(&PyContextToken_Type);
  return 0;
}
}  // namespace krait

extern "C" {

PyTypeObject PyContextVar_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "_contextvars.ContextVar",
    .tp_basicsize = sizeof(PyContextVar),
    .tp_dealloc = var_dealloc,
    .tp_repr = var_repr,
    .tp_hash = var_hash,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = var_traverse,
    .tp_clear = var_tp_clear,
    .tp_methods = var_methods,
    .tp_members = var_members,
    .tp_new = var_new,
};

PyTypeObject PyContextToken_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "_contextvars.Token",
    .tp_basicsize = sizeof(PyContextToken),
    .tp_dealloc = token_dealloc,
    .tp_repr = token_repr,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = token_traverse,
    .tp_clear = token_tp_clear,
    .tp_methods = token_methods,
    .tp_getset = token_getset,
    .tp_new = token_new,
};

PyTypeObject _PyContextTokenMissing_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "Token.MISSING",
    .tp_basicsize = sizeof(PyObject),
    .tp_repr = missing_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

PyObject* PyContextVar_New(const char* name, PyObject* def) {
  Ref<> n = steal(PyUnicode_FromString(name));
  return n ? make_var(n.get(), def) : nullptr;
}

int PyContextVar_Get(PyObject* ovar, PyObject* def, PyObject** val) {
  if (!PyContextVar_CheckExact(ovar)) {
    *val = nullptr;
    PyErr_Format(PyExc_TypeError, "an instance of ContextVar was expected, got %R", ovar);
    return -1;
  }
  auto* var = reinterpret_cast<PyContextVar*>(ovar);
  PyContext* ctx = krait::context::current();
  if (!ctx) {
    *val = nullptr;
    return -1;
  }
  PyObject* found = PyDict_GetItemWithError(ctx->ctx_vars, ovar);
  if (!found && PyErr_Occurred()) {
    *val = nullptr;
    return -1;
  }
  if (!found) found = def ? def : var->var_default;
  *val = Py_XNewRef(found);
  return 0;
}

PyObject* PyContextVar_Set(PyObject* ovar, PyObject* value) {
  if (!PyContextVar_CheckExact(ovar)) {
    PyErr_Format(PyExc_TypeError, "an instance of ContextVar was expected, got %R", ovar);
    return nullptr;
  }
  PyContext* ctx = krait::context::current();
  if (!ctx) return nullptr;
  PyObject* old = PyDict_GetItemWithError(ctx->ctx_vars, ovar);
  if (!old && PyErr_Occurred()) return nullptr;
  auto* tok = PyObject_GC_New(PyContextToken, &PyContextToken_Type);
  if (!tok) return nullptr;
  tok->tok_ctx = reinterpret_cast<PyContext*>(Py_NewRef(reinterpret_cast<PyObject*>(ctx)));
  tok->tok_var = reinterpret_cast<PyContextVar*>(Py_NewRef(ovar));
  tok->tok_oldval = Py_XNewRef(old);
  tok->tok_used = 0;
  PyObject_GC_Track(tok);
  if (update_current(ctx, ovar, value) < 0) {
    Py_DECREF(tok);
    return nullptr;
  }
  return reinterpret_cast<PyObject*>(tok);
}

int PyContextVar_Reset(PyObject* ovar, PyObject* otok) {
  if (!PyContextVar_CheckExact(ovar)) {
    PyErr_Format(PyExc_TypeError, "an instance of ContextVar was expected, got %R", ovar);
    return -1;
  }
  if (!PyContextToken_CheckExact(otok)) {
    PyErr_Format(PyExc_TypeError, "an instance of Token was expected, got %R", otok);
    return -1;
  }
  auto* tok = reinterpret_cast<PyContextToken*>(otok);
  if (tok->tok_used) {
    PyErr_Format(PyExc_RuntimeError, "%R has already been used once", otok);
    return -1;
  }
  if (reinterpret_cast<PyObject*>(tok->tok_var) != ovar) {
    PyErr_Format(PyExc_ValueError, "%R was created by a different ContextVar", otok);
    return -1;
  }
  PyContext* ctx = krait::context::current();
  if (!ctx) return -1;
  if (ctx != tok->tok_ctx) {
    PyErr_Format(PyExc_ValueError, "%R was created in a different Context", otok);
    return -1;
  }
  tok->tok_used = 1;
  if (!tok->tok_oldval) {
    int has = PyDict_Contains(ctx->ctx_vars, ovar);
    if (has <= 0) return has;
  }
  return update_current(ctx, ovar, tok->tok_oldval);
}

}  // extern "C"
