// Krait's interpreter state (the opaque `struct _is` of <Python.h>) and the
// fast accessor for the current thread state.
//
// CPython keeps these in internal headers; ours are ours (DESIGN.md §1). The
// PyThreadState struct itself is CPython's public layout: Cython reads its
// curexc_* / exc_info / recursion fields directly.
#pragma once
#include <Python.h>

struct _is {
  PyInterpreterState* next;
  PyThreadState* tstate_head;
  int64_t id;
  PyObject* modules;   // sys.modules
  PyObject* sysdict;   // sys.__dict__
  PyObject* builtins;  // builtins.__dict__
  PyObject* dict;      // PyInterpreterState_GetDict
  PyObject* modules_by_index;  // PyState_FindModule storage (a list)
  int finalizing;
};

namespace krait {

// The current thread's state; set while the thread holds the GIL.
// initial-exec: libkrait.so is loaded with the program (not dlopen'ed), so
// its TLS sits in the static block and reads are one %fs-relative load
// instead of a __tls_get_addr call (5% of list.sort-heavy code).
// constinit: no dynamic initialisation, so accesses from other files need no
// TLS-wrapper check (two instructions and a branch on every tstate()).
extern constinit thread_local PyThreadState* t_current_tstate
    __attribute__((tls_model("initial-exec")));
inline PyThreadState* tstate() { return t_current_tstate; }

PyInterpreterState* main_interp();

// Creates the main interpreter and the first thread state (runtime start-up).
PyThreadState* create_main_thread_state();
// Frees them again (runtime shutdown).
void destroy_main_thread_state();
// A thread state created for a new OS thread records that thread's identity
// and becomes its PyGILState state (call on the new thread).
void bind_thread_state_to_this_thread(PyThreadState* ts);
// True on the thread that initialized Python (signal handlers run there).
bool is_main_thread();
// In a fork() child: the calling thread is the only one left.
void reinit_threads_after_fork();

}  // namespace krait
