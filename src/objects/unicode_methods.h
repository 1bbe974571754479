// unicode_methods.h — the str method implementations shared between the
// method-table file (unicode_methods.cpp) and the files that define them.
#pragma once
#include <Python.h>

#include "support/unicode_db.h"

namespace krait {

// Case conversion and predicates (unicode_case.cpp); METH_NOARGS signatures.
PyObject* unicode_lower(PyObject* self, PyObject*);
PyObject* unicode_upper(PyObject* self, PyObject*);
PyObject* unicode_casefold(PyObject* self, PyObject*);
PyObject* unicode_capitalize(PyObject* self, PyObject*);
PyObject* unicode_title(PyObject* self, PyObject*);
PyObject* unicode_swapcase(PyObject* self, PyObject*);
PyObject* unicode_isascii(PyObject* self, PyObject*);
PyObject* unicode_isalpha(PyObject* self, PyObject*);
PyObject* unicode_isdecimal(PyObject* self, PyObject*);
PyObject* unicode_isdigit(PyObject* self, PyObject*);
PyObject* unicode_isnumeric(PyObject* self, PyObject*);
PyObject* unicode_isalnum(PyObject* self, PyObject*);
PyObject* unicode_isspace(PyObject* self, PyObject*);
PyObject* unicode_isprintable(PyObject* self, PyObject*);
PyObject* unicode_isupper(PyObject* self, PyObject*);
PyObject* unicode_islower(PyObject* self, PyObject*);
PyObject* unicode_istitle(PyObject* self, PyObject*);
PyObject* unicode_isidentifier(PyObject* self, PyObject*);
// Length of the identifier prefix of self (0 if it does not start one).
Py_ssize_t unicode_scan_identifier(PyObject* self);

// str.__new__ helpers and dunders (unicode_object.cpp).
PyObject* unicode_getnewargs(PyObject* self, PyObject*);
PyObject* unicode_sizeof(PyObject* self, PyObject*);

// Formatting (unicode_format*.cpp).
PyObject* unicode_format_method(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames);
PyObject* unicode_format_map(PyObject* self, PyObject* mapping);
PyObject* unicode_dunder_format(PyObject* self, PyObject* spec);

// Python's whitespace for str.split()/strip()/isspace(): ASCII fast path.
inline bool unicode_isspace_char(char32_t c) {
  if (c < 128) return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
  return unicode::is_space(c);
}

}  // namespace krait
