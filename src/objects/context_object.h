// context_object.h — internal: the layouts of contextvars' three types
// (PyContext_Type, PyContextVar_Type, PyContextToken_Type), shared by
// context_object.cpp and contextvar_object.cpp. CPython keeps these structs
// private too; extensions only use the PyContext* functions.
//
// A context maps ContextVar -> value. Its mapping is an immutable dict: a dict
// that is never mutated once a Context holds it, so copying a context is O(1)
// and ContextVar.set builds a new dict (O(n), where CPython uses a HAMT).
#pragma once
#include <Python.h>

struct _pycontextobject {
  PyObject_HEAD
  PyContext* ctx_prev;        // the context that was current before enter (strong while entered)
  PyObject* ctx_vars;         // dict, never mutated once shared
  PyObject* ctx_weakreflist;
  int ctx_entered;
};

struct _pycontextvarobject {
  PyObject_HEAD
  PyObject* var_name;     // str
  PyObject* var_default;  // strong or NULL
  Py_hash_t var_hash;
};

extern "C" PyTypeObject _PyContextTokenMissing_Type;  // the type of Token.MISSING

struct _pycontexttokenobject {
  PyObject_HEAD
  PyContext* tok_ctx;
  PyContextVar* tok_var;
  PyObject* tok_oldval;  // strong or NULL (the var had no value)
  int tok_used;
};

namespace krait::context {

// The thread's current context (creating an empty one on first use); borrowed.
PyContext* current();
// A new context holding `vars` (borrowed dict, which must never be mutated afterwards).
PyContext* make(PyObject* vars);
// Replaces the current context's mapping (the ContextVar.set/reset path).
int set_vars(PyContext* ctx, PyObject* vars);
// Token.MISSING (borrowed).
PyObject* token_missing();

}  // namespace krait::context
