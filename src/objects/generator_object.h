// generator_object.h — internal: the generator machinery shared by
// generator_object.cpp, coroutine_object.cpp and asyncgen_object.cpp.
#pragma once
#include <Python.h>

#include "interp/generator.h"

namespace krait::gen {

const char* kind_name(PyGenObject* g);  // "generator", "coroutine", "async generator"

// Resumes `g` (CPython's gen_send_ex2): PYGEN_NEXT with the yielded value,
// PYGEN_RETURN with the return value, PYGEN_ERROR with an exception set (or,
// for an exhausted generator advanced by __next__, with none). `arg` NULL
// means __next__; `exc` raises the pending exception at the suspension point;
// `closing` keeps close() of an exhausted coroutine silent.
PySendResult send_ex2(PyGenObject* g, PyObject* arg, PyObject** result, bool exc, bool closing);
// The same, raising StopIteration(value) / StopAsyncIteration on return.
PyObject* send_ex(PyGenObject* g, PyObject* arg, bool exc, bool closing);
PyObject* close(PyGenObject* g);
PyObject* throw_ex(PyGenObject* g, bool close_on_genexit, PyObject* typ, PyObject* val, PyObject* tb);
PyObject* throw_method(PyGenObject* g, PyObject* const* args, Py_ssize_t nargs);  // (typ[, val[, tb]])

void finalize(PyObject* self);
void dealloc(PyObject* self);
int traverse(PyObject* self, visitproc visit, void* arg);

PyObject* get_frame(PyGenObject* g);
PyObject* get_yieldfrom(PyGenObject* g);
PyObject* get_name(PyObject* self, void*);
int set_name(PyObject* self, PyObject* v, void*);
PyObject* get_qualname(PyObject* self, void*);
int set_qualname(PyObject* self, PyObject* v, void*);

// "coroutine '...' was never awaited" (coroutine_object.cpp).
void warn_unawaited_coroutine(PyObject* coro);

}  // namespace krait::gen
