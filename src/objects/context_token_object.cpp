// contextvars.Token (PEP 567): what ContextVar.set returns and reset consumes,
// and its Token.MISSING marker (a one-instance type, as on CPython).
#include "objects/context_object.h"
#include "objects/object_util.h"

namespace krait {
namespace {

inline PyContextToken* as_tok(PyObject* o) { return reinterpret_cast<PyContextToken*>(o); }

PyObject* missing_repr(PyObject*) { return PyUnicode_FromString("<Token.MISSING>"); }

PyTypeObject TokenMissing_Type = {
    .ob_base = KRAIT_IMMORTAL_VAR_HEAD(&PyType_Type, 0),
    .tp_name = "Token.MISSING",
    .tp_basicsize = sizeof(PyObject),
    .tp_repr = missing_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

PyObject g_missing = KRAIT_IMMORTAL_HEAD(&TokenMissing_Type);

PyObject* tok_tp_new(PyTypeObject*, PyObject*, PyObject*) {
  PyErr_SetString(PyExc_RuntimeError, "Tokens can only be created by ContextVars");
  return nullptr;
}

void tok_dealloc(PyObject* self) {
  PyObject_GC_UnTrack(self);
  Py_CLEAR(as_tok(self)->tok_ctx);
  Py_CLEAR(as_tok(self)->tok_var);
  Py_CLEAR(as_tok(self)->tok_oldval);
  PyObject_GC_Del(self);
}

int tok_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(as_tok(self)->tok_ctx);
  Py_VISIT(as_tok(self)->tok_var);
  Py_VISIT(as_tok(self)->tok_oldval);
  return 0;
}

int tok_clear(PyObject* self) {
  Py_CLEAR(as_tok(self)->tok_ctx);
  Py_CLEAR(as_tok(self)->tok_var);
  Py_CLEAR(as_tok(self)->tok_oldval);
  return 0;
}

PyObject* tok_repr(PyObject* self) {
  return PyUnicode_FromFormat("<Token%s var=%R at %p>", as_tok(self)->tok_used ? " used" : "",
                              as_tok(self)->tok_var, self);
}

PyObject* tok_get_var(PyObject* self, void*) { return Py_NewRef(as_tok(self)->tok_var); }

PyObject* tok_get_old_value(PyObject* self, void*) {
  PyObject* v = as_tok(self)->tok_oldval;
  return Py_NewRef(v != nullptr ? v : &g_missing);
}

PyGetSetDef tok_getset[] = {
    {"var", tok_get_var, nullptr, nullptr, nullptr},
    {"old_value", tok_get_old_value, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyMethodDef tok_methods[] = {
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS, "See PEP 585"},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

PyObject* context_token_missing() { return &g_missing; }

PyObject* context_token_new(PyContext* ctx, PyContextVar* var, PyObject* old_value) {
  PyContextToken* tok = PyObject_GC_New(PyContextToken, &PyContextToken_Type);
  if (tok == nullptr) return nullptr;
  tok->tok_ctx = Py_NewRef(reinterpret_cast<PyObject*>(ctx));
  tok->tok_var = Py_NewRef(reinterpret_cast<PyObject*>(var));
  tok->tok_oldval = Py_XNewRef(old_value);
  tok->tok_used = 0;
  PyObject_GC_Track(tok);
  return reinterpret_cast<PyObject*>(tok);
}

// Start-up: Token.MISSING is a class attribute, which a static type can only
// get once it is ready (runtime/init_hooks.def).
int init_contextvars() {
  if (PyType_Ready(&TokenMissing_Type) < 0) return -1;
  return PyDict_SetItemString(PyContextToken_Type.tp_dict, "MISSING", &g_missing);
}

}  // namespace krait

PyTypeObject PyContextToken_Type = {
    .ob_base = KRAIT_IMMORTAL_VAR_HEAD(&PyType_Type, 0),
    .tp_name = "_contextvars.Token",
    .tp_basicsize = sizeof(PyContextToken),
    .tp_dealloc = krait::tok_dealloc,
    .tp_repr = krait::tok_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = krait::tok_traverse,
    .tp_clear = krait::tok_clear,
    .tp_methods = krait::tok_methods,
    .tp_getset = krait::tok_getset,
    .tp_new = krait::tok_tp_new,
};
