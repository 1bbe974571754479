// eval.h — the interpreter loop and the call protocol into Python code.
#pragma once
#include <Python.h>

#include "interp/frame.h"

namespace krait::interp {

// Vectorcall of a Python function (PyFunctionObject.vectorcall): pushes a
// frame, binds the arguments and runs the eval loop until it returns.
PyObject* function_vectorcall(PyObject* func, PyObject* const* args, size_t nargsf, PyObject* kwnames);

// Runs `co` (a module or class body) with the given namespaces.
PyObject* eval_code(PyCodeObject* co, PyObject* globals, PyObject* locals);

// The innermost executing frame of this thread, or NULL.
Frame* current_frame();

// The builtins namespace for a globals dict: globals['__builtins__'] (a
// module's dict or a dict), else the interpreter's builtins. Borrowed.
PyObject* builtins_for_globals(PyObject* globals);

}  // namespace krait::interp

namespace krait::interp {
// Runs a function's code with `locals` as its namespace (class bodies:
// __build_class__ runs the body function this way).
PyObject* call_with_locals(PyFunctionObject* func, PyObject* locals);
// Maximum Python frame depth (sys.getrecursionlimit()).
int recursion_limit();
}  // namespace krait::interp
