// support.h — interpreter hooks into the rest of the runtime.
#pragma once
#include <Python.h>

namespace krait::interp {
// The `builtins` module and its dict (borrowed; created on first use by
// src/modules/builtins_module.cpp).
PyObject* default_builtins_module();
PyObject* default_builtins();
void set_recursion_limit(int limit);
// The number of Python frames the calling thread is running (what the limit bounds).
int python_depth();
// Readies the types defined by the interpreter (code, function, cell, frame,
// traceback). Idempotent; returns -1 with an exception set on failure.
int init_types();
}  // namespace krait::interp
