// signal_internal.h — shared state of the `_signal` module (src/modules/signal/).
//
// signal_state.cpp owns the process-wide signal table (per-signal "tripped"
// flags written by the C handler, the Python handler objects), the wakeup fd
// and the C-API entry points (PyErr_CheckSignals, PyOS_setsig, ...);
// signal_module.cpp is the Python-visible module on top of it.
#pragma once

#include <Python.h>
#include <signal.h>

namespace krait::sig {

// Number of signal slots (CPython's Py_NSIG: NSIG on Linux, 65).
constexpr int kNsig = NSIG;

// The C-level handler installed for every signal with a Python handler.
void c_signal_handler(int signum);

// Python handler object for signum (borrowed; may be nullptr or None).
PyObject* handler(int signum);
// Replaces the handler object (steals nothing: increfs `h`).
void set_handler(int signum, PyObject* h);

// The SIG_DFL / SIG_IGN int objects and default_int_handler (borrowed).
PyObject* default_handler();
PyObject* ignore_handler();
PyObject* default_int_handler();
void set_default_int_handler(PyObject* f);

// True on the thread that initialised the runtime (Python handlers run there).
bool is_main_thread();

// Wakeup fd state (used by set_wakeup_fd).
int wakeup_fd();
void set_wakeup(int fd, bool warn_on_full_buffer);

// Forgets tripped signals (after fork in the child).
void clear_tripped();

}  // namespace krait::sig

namespace krait::sig {
// New reference to what getsignal() reports for signum.
PyObject* handler_for_return(int signum);
}  // namespace krait::sig
