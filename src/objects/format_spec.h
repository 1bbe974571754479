// The format-specification mini-language (PEP 3101 + PEP 378/515/682) shared
// by int/float/complex.__format__ and str.__format__.
//
//   [[fill]align][sign]["z"]["#"]["0"][width][grouping]["." precision][type]
//
// parse() reads a spec into a Spec with CPython 3.11's error messages;
// render_number() lays out a formatted number (sign, prefix, digits, rest)
// with grouping, fill, alignment and zero padding exactly as CPython;
// pad() aligns an arbitrary str (for str.__format__ and the like).
#pragma once
#include <Python.h>

#include <string>

namespace krait::format {

struct Spec {
  Py_UCS4 fill = ' ';
  char align = 0;            // '<', '>', '=', '^'; 0 until resolved (see parse)
  char sign = 0;             // '+', '-', ' ', or 0 (none given)
  bool no_neg_zero = false;  // 'z' (3.11)
  bool alternate = false;    // '#'
  bool fill_given = false;   // an explicit fill (or the '0' flag) was given
  Py_ssize_t width = -1;     // -1: none
  char grouping = 0;         // ',' or '_' or 0
  Py_ssize_t precision = -1; // -1: none
  Py_UCS4 type = 0;          // presentation type; default_type if none given
};

// Parses spec[start:end) (a str). `obj` names the type in "Invalid format
// specifier" errors. default_type is used when the spec has no type;
// default_align is '>' for numbers and '<' for strings (it decides whether
// the '0' flag implies '=' alignment). Returns false + ValueError.
bool parse(PyObject* spec, Py_ssize_t start, Py_ssize_t end, PyObject* obj, Spec* out,
           Py_UCS4 default_type, char default_align);
inline bool parse(PyObject* spec, PyObject* obj, Spec* out, Py_UCS4 default_type,
                  char default_align) {
  return parse(spec, 0, PyUnicode_GET_LENGTH(spec), obj, out, default_type, default_align);
}

// ValueError "Unknown format code 'x' for object of type 'T'"; returns NULL.
PyObject* unknown_code(Py_UCS4 type, PyObject* obj);

// A number split into its parts, all ASCII except possibly the separators
// of a locale ('n'), which are passed as UTF-8.
struct Number {
  std::string sign;    // "", "-", "+", " "
  std::string prefix;  // "0x" etc.
  std::string digits;  // integer digits, ungrouped (may be empty, e.g. "inf" goes in rest)
  std::string rest;    // decimal point, fraction, exponent, '%', "inf"/"nan" ...
};

// How digits are grouped: group sizes as C's localeconv() grouping string
// (each byte a size; 0 repeats the last; CHAR_MAX stops grouping), and the
// separator. An empty separator means no grouping.
struct Grouping {
  std::string sizes;
  std::string sep;
};
// The grouping implied by spec.grouping and type: ',' -> 3 with ",";
// '_' -> 3 (decimal) or 4 (b/o/x/X) with "_"; 'n' -> the current locale.
Grouping grouping_for(const Spec& spec, Py_UCS4 type);
// The locale's decimal point (for 'n').
std::string locale_decimal_point();

// Lays out `num` per spec (fill/align/width; '=' and zero padding with
// grouping applied to the padding as CPython does). Returns a new str.
PyObject* render_number(const Spec& spec, const Number& num, const Grouping& grouping);

// Aligns `s` (a str) in spec.width with spec.fill/align (default_align if
// unset); truncation by precision is the caller's business. New reference.
PyObject* pad(PyObject* s, const Spec& spec, char default_align);

// Inserts separators into the ASCII digit run `digits`, padding with zeros
// to at least min_width characters (CPython's
// _PyUnicode_InsertThousandsGrouping semantics).
std::string group_digits(const std::string& digits, const Grouping& g, Py_ssize_t min_width);

}  // namespace krait::format
