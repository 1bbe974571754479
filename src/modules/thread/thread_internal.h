// Shared between the files of the _thread module.
#pragma once
#include <Python.h>

namespace krait::thread {

// start_new_thread's work once the arguments are checked: returns the new
// thread's ident, or NULL with RuntimeError("can't start new thread").
PyObject* start_thread(PyObject* func, PyObject* args, PyObject* kwargs);
// Threads started by start_new_thread that have not finished (_thread._count).
long running_threads();

// _thread._local.
extern PyTypeObject Local_Type;

}  // namespace krait::thread
