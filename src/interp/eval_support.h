// eval_support.h — slow-path helpers of the interpreter loop
// (eval_support.cpp) and the runtime of `match` (eval_match.cpp). All follow
// CPython 3.11's semantics and messages; functions returning PyObject* give
// a new reference or NULL with an exception, int ones 0 / -1.
#pragma once
#include <Python.h>

#include <cstdint>

#include "interp/eval.h"
#include "interp/frame.h"

namespace krait::interp {

void format_unbound(PyCodeObject* co, int slot);
void name_error(PyObject* name);
void attribute_error_context(PyObject* obj, PyObject* name);
PyObject* dict_or_mapping_get(PyObject* d, PyObject* key);
PyObject* load_global(Frame* f, PyObject* name);
PyObject* binary_op(uint32_t op, PyObject* l, PyObject* r);
void do_raise(PyObject* exc, PyObject* cause);
void do_reraise_current();
PyObject* fetch_exception_value();
void restore_exception_value(PyObject* exc);
int check_except_type(PyObject* t);
int unpack_iterable(PyObject* seq, int before, int after, PyObject** out);
PyObject* import_name(Frame* f, PyObject* name, PyObject* fromlist, PyObject* level);
PyObject* import_from(PyObject* module, PyObject* name);
int import_star(Frame* f, PyObject* module);
PyObject* make_function(Frame* f, PyObject* code, uint32_t flags, PyObject** sp);
int list_extend(PyObject* list, PyObject* iterable);
int set_update(PyObject* set, PyObject* iterable);
PyObject* function_str(PyObject* func);
int dict_merge(PyObject* dict, PyObject* update, PyObject* func, bool no_dups);
bool is_match_sequence(PyObject* o);
bool is_match_mapping(PyObject* o);
PyObject* match_keys(PyObject* map, PyObject* keys);
PyObject* match_class(PyObject* subject, PyObject* cls, Py_ssize_t nargs, PyObject* kwargs);

}  // namespace krait::interp
