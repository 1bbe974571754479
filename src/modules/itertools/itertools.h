// itertools.h — shared declarations of the `itertools` module's files
// (itertools_module.cpp, itertools_tee.cpp, itertools_combinatorics.cpp).
#pragma once
#include <Python.h>

#include <cstddef>
#include <initializer_list>

namespace krait::itertools {

extern PyTypeObject count_type, cycle_type, repeat_type, accumulate_type, chain_type,
    compress_type, dropwhile_type, takewhile_type, filterfalse_type, starmap_type,
    groupby_type, grouper_type, islice_type, pairwise_type, zip_longest_type, tee_type,
    teedataobject_type, product_type, permutations_type, combinations_type, cwr_type;

// Untracks, clears the given fields and frees self through its type.
void dealloc_gc(PyObject* self, std::initializer_list<PyObject**> fields);
// CPython's "X() takes no keyword arguments" check, skipped for subclasses that define __init__.
bool no_keywords(PyTypeObject* type, PyTypeObject* exact, const char* name, PyObject* kw);

PyObject* tee_function(PyObject* module, PyObject* const* args, Py_ssize_t nargs);

}  // namespace krait::itertools
