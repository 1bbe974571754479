// unicode_format.h — the PEP 3101 format-string parser shared by
// str.format/format_map (unicode_format.cpp) and the _string module
// (modules/string_module.cpp: formatter_parser, formatter_field_name_split).
#pragma once
#include <Python.h>

namespace krait::fmt {

// A slice of a str; str == nullptr means "absent" (None in _string's tuples).
struct Sub {
  PyObject* str = nullptr;
  Py_ssize_t start = 0, end = 0;
  bool empty() const { return start >= end; }
  Py_UCS4 at(Py_ssize_t i) const { return PyUnicode_READ_CHAR(str, i); }
  PyObject* object() const;           // new str, or None when absent
  PyObject* object_or_empty() const;  // new str ("" when absent)
};

// Walks a format string: literal text then (optionally) one replacement field.
struct MarkupIterator {
  Sub rest;
  explicit MarkupIterator(PyObject* s) { rest.str = s, rest.start = 0, rest.end = PyUnicode_GET_LENGTH(s); }
  // Returns 1 with a part, 0 at the end, -1 with ValueError.
  int next(Sub* literal, bool* field_present, Sub* field_name, Sub* format_spec,
           Py_UCS4* conversion, bool* spec_needs_expanding);
};

// Walks ".attr" and "[key]" parts after a field name's first part.
struct FieldNameIterator {
  Sub rest;
  // Returns 1 with a part, 0 at the end, -1 with an error. *index is the
  // integer value of an all-digit [key], or -1.
  int next(bool* is_attribute, Py_ssize_t* index, Sub* name);
};

// Automatic field numbering ("{}") state shared across nested specs.
struct AutoNumber {
  enum State { Init, Auto, Manual } state = Init;
  Py_ssize_t next = 0;
};

// Splits a field name into its first part (an index, or -1 with *first the
// name) and the iterator over the rest. With `auto_number`, applies the
// auto/manual numbering rules and assigns "{}" indices. Returns false + error.
bool field_name_split(const Sub& field, Sub* first, Py_ssize_t* first_index,
                      FieldNameIterator* rest, AutoNumber* auto_number);

}  // namespace krait::fmt
