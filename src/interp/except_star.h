// except_star.h — runtime support for try/except* (except_star.cpp).
#pragma once
#include <Python.h>

namespace krait::interp {
// TypeError unless `t` (a class or tuple) may appear in an except* clause.
int check_except_star_type(PyObject* t);
// Splits `exc` by `type`: new references in *match and *rest (None when empty).
int exception_group_match(PyObject* exc, PyObject* type, PyObject** match, PyObject** rest);
// What the try/except* statement re-raises (or None): `orig` is the caught
// exception, `excs` the list of what the clauses raised plus the unhandled rest.
PyObject* prep_reraise_star(PyObject* orig, PyObject* excs);
}  // namespace krait::interp
