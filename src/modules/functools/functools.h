// functools.h — shared declarations of the `_functools` module's files
// (partial_object.cpp, lru_cache_object.cpp, keyobject.cpp,
// functools_module.cpp).
#pragma once
#include <Python.h>

namespace krait::functools {

extern PyTypeObject partial_type, keyobject_type, lru_cache_type, lru_list_elem_type;

// The separator between positional and keyword arguments in cache keys: one
// plain object() per process, created by the module's init.
extern PyObject* kwd_mark;

// Module-level functions defined beside the types they build.
PyObject* cmp_to_key(PyObject* module, PyObject* args, PyObject* kwds);

}  // namespace krait::functools
