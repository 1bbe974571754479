// The builtin exception types: what the rest of the runtime needs beyond the
// PyExc_* variables of <Python.h>.
#pragma once
#include <Python.h>

// The static type objects behind PyExc_* (one per line of exceptions.def),
// so static_types.def's consumers can name them.
#define KRAIT_EXCEPTION_ROOT(Name, Kind, Doc) extern PyTypeObject _PyExc_##Name;
#define KRAIT_EXCEPTION(Name, Base, Kind, Doc) extern PyTypeObject _PyExc_##Name;
#include "objects/exceptions.def"

namespace krait {

// Runtime start-up, after the static types are ready: builds the errno ->
// OSError subclass map, the ExceptionGroup type, and fills the MemoryError
// reserve. Returns -1 with an exception set on failure.
int exceptions_init();
// Adds every builtin exception name (and the EnvironmentError/IOError
// aliases, and ExceptionGroup) to the builtins module's dict.
int exceptions_add_to_builtins(PyObject* builtins_dict);
// Runtime start-up hook (init_hooks.def, after the builtins module exists):
// exceptions_init() plus exceptions_add_to_builtins(builtins).
int init_exceptions();
// Runtime shutdown: drops the references exceptions_init() took.
void exceptions_fini();

// The ExceptionGroup type (a heap type, as in CPython); borrowed.
PyObject* exception_group_type();

// Builds BaseExceptionGroup(msg, excs) — ExceptionGroup when every member is
// an Exception (the interpreter's except* machinery uses it). New reference.
PyObject* create_exception_group(const char* msg, PyObject* excs);

}  // namespace krait
