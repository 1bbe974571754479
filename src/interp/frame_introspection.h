// What objects outside the interpreter need to know about the running Python
// frame. Implemented by the interpreter (src/interp/).
#pragma once
#include <Python.h>

namespace krait::interp {

// For zero-argument super(): the class from the current function's __class__
// cell and its first argument. Returns 0 on success, -1 with RuntimeError set
// ("super(): no arguments", "super(): __class__ cell not found", ...).
int super_args_from_current_frame(PyTypeObject** type, PyObject** obj);

}  // namespace krait::interp
