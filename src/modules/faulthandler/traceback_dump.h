// traceback_dump.h — async-signal-safe writers of Python stacks in
// CPython's faulthandler format (write(2) only, no allocation).
#pragma once
#include <Python.h>

namespace krait::faulthandler {

void write_str(int fd, const char* s);
// The calling thread's stack, with a "Stack (most recent call first):"
// header when `header` is set.
void dump_current(int fd, bool header);
// Every thread, headed "Current thread 0x..." for the thread whose ident is
// `current` and "Thread 0x..." for the others (current = 0: none is).
void dump_all(int fd, unsigned long current);
// "\nExtension modules: a, b (total: 2)\n": the modules of sys.modules created from a
// PyModuleDef, minus sys.stdlib_module_names (nothing when there are none).
void dump_extension_modules(int fd);
// Puts back the handlers faulthandler.enable() replaced (Py_FatalError's report is enough).
void disable_fatal_handlers();

}  // namespace krait::faulthandler
