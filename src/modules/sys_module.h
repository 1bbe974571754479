// The sys module and the standard streams: what the rest of the runtime calls.
#pragma once
#include <Python.h>

#include "support/ref.h"

namespace krait {

// Creates the sys module (stored as the interpreter's sysdict / sys.modules
// entry by the caller) with its standard streams over fds 0/1/2.
// argv/orig_argv/executable are filled later by PySys_SetArgvEx and the
// command line. New reference, nullptr with an exception on failure.
PyObject* sys_create_module();

// Runtime start-up hook (init_hooks.def): creates sys and registers it in
// sys.modules. Returns -1 with an exception on failure.
int init_sys_module();

// Adds sys_extras.cpp's functions and data (breakpointhook, _current_frames, coroutine origin
// tracking, dlopen flags, stdlib_module_names, ...) to a new sys module. -1 with an exception.
int sys_add_extras(PyObject* module);

// The flags for dlopen of extension modules (sys.setdlopenflags; RTLD_NOW by default).
int sys_dlopenflags();

// Flushes sys.stdout and sys.stderr (a Py_Finalize hook, fini_hooks.def).
// Always returns 0: a failing flush at exit is not an error of Finalize.
int flush_std_streams();

// Supplies the location of a warning issued `stack_level` frames up from the
// running Python code (the interpreter installs it): filename, lineno and
// the module name (__name__ of the frame's globals). Returns 0, or -1 when no
// frame is running (then "sys", 1 is used).
using WarningsLocationHook = int (*)(Py_ssize_t stack_level, Ref<>* filename, int* lineno,
                                     Ref<>* module);
extern WarningsLocationHook warnings_location_hook;

// The limit for int <-> str conversions (sys.set_int_max_str_digits); the
// numbers code reads it. 0 disables the limit.
extern int int_max_str_digits;

}  // namespace krait
