// contextvars (PEP 567): the layouts of Context, ContextVar and Token, shared
// by context_object.cpp, contextvar_object.cpp and context_token_object.cpp.
// <Python.h> declares these structs opaque; the layouts are ours.
#pragma once
#include <Python.h>

#include <cstddef>

struct _pycontextobject {
  PyObject_HEAD
  PyObject* ctx_prev;   // the context that was current when this one was entered
  PyObject* ctx_vars;   // dict ContextVar -> value; never mutated once created
  PyObject* ctx_weakreflist;
  int ctx_entered;
};

struct _pycontextvarobject {
  PyObject_HEAD
  PyObject* var_name;     // str
  PyObject* var_default;  // NULL when there is none
};

struct _pycontexttokenobject {
  PyObject_HEAD
  PyObject* tok_ctx;        // the context the variable was set in
  PyObject* tok_var;
  PyObject* tok_oldval;     // NULL: the variable was not set before (Token.MISSING)
  int tok_used;
};

namespace krait {

// The thread's current context (created empty on first use), borrowed; NULL
// with an exception on failure.
PyContext* context_current();
// A new context whose variables are `vars` (a dict the caller gives up).
PyContext* context_with_vars(PyObject* vars);
// Makes a new dict `vars` + {var: value} (value NULL: without var) the current
// context's mapping. -1 with an exception on failure.
int context_set_var(PyContextVar* var, PyObject* value);

// Token.MISSING, the marker for "no previous value".
PyObject* context_token_missing();
PyObject* context_token_new(PyContext* ctx, PyContextVar* var, PyObject* old_value);

}  // namespace krait
