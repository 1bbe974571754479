// unicode_format.cpp — str.format, str.format_map, str.__format__ and
// _PyUnicode_FormatAdvancedWriter (PEP 3101).
//
// The parser (MarkupIterator, FieldNameIterator, field_name_split) is shared
// with the _string module through unicode_format.h. Its error messages and
// the order in which errors surface are CPython 3.11's: parsing is lazy, so
// an attribute lookup on an earlier part of a field name runs before a
// syntax error in a later part is reported. Nested specs ("{:{}}") are
// expanded recursively, two levels deep at most ("Max string recursion
// exceeded"), sharing the automatic numbering state.
#include "objects/unicode_format.h"

#include "objects/format_spec.h"
#include "objects/unicode_methods.h"
#include "objects/unicode_object.h"
#include "support/ref.h"

using namespace krait;
using namespace krait::fmt;

// -- Parsing ---------------------------------------------------------------------

PyObject* Sub::object() const {
  if (str == nullptr) Py_RETURN_NONE;
  return PyUnicode_Substring(str, start, end);
}

PyObject* Sub::object_or_empty() const {
  if (str == nullptr) return Py_NewRef(unicode_empty());
  return PyUnicode_Substring(str, start, end);
}

namespace {

int value_error(const char* msg) {
  PyErr_SetString(PyExc_ValueError, msg);
  return -1;
}

// The value of an all-digit slice, -1 if it is empty or has a non-digit.
Py_ssize_t get_integer(const Sub& s) {
  if (s.empty()) return -1;
  Py_ssize_t v = 0;
  for (Py_ssize_t i = s.start; i < s.end; i++) {
    Py_UCS4 c = s.at(i);
    int d = _PyUnicode_ToDecimalDigit(c);
    if (d < 0) return -1;
    if (v > (PY_SSIZE_T_MAX - d) / 10) {
      PyErr_SetString(PyExc_ValueError, "Too many decimal digits in format string");
      return -1;
    }
    v = v * 10 + d;
  }
  return v;
}

// Parses a replacement field; `s` starts just past the '{'.
int parse_field(Sub* s, Sub* field_name, Sub* format_spec, bool* needs_expanding,
                Py_UCS4* conversion) {
  Py_UCS4 c = 0;
  *needs_expanding = false;
  *conversion = 0;
  field_name->str = s->str;
  field_name->start = s->start;
  while (s->start < s->end) {
    c = s->at(s->start++);
    if (c == '{') return value_error("unexpected '{' in field name");
    if (c == '[') {
      while (s->start < s->end && s->at(s->start) != ']') s->start++;
      continue;
    }
    if (c == '}' || c == ':' || c == '!') break;
  }
  field_name->end = s->start - 1;
  if (c == '!' || c == ':') {
    format_spec->str = s->str;
    if (c == '!') {
      if (s->start >= s->end) return value_error("end of string while looking for conversion specifier");
      *conversion = s->at(s->start++);
      if (s->start < s->end) {
        c = s->at(s->start++);
        if (c == '}') {
          format_spec->start = format_spec->end = s->start;
          return 0;
        }
        if (c != ':') return value_error("expected ':' after conversion specifier");
      }
    }
    format_spec->start = s->start;
    int count = 1;
    while (s->start < s->end) {
      c = s->at(s->start++);
      if (c == '{') {
        *needs_expanding = true;
        count++;
      } else if (c == '}' && --count == 0) {
        format_spec->end = s->start - 1;
        return 0;
      }
    }
    return value_error("unmatched '{' in format spec");
  }
  if (c != '}') return value_error("expected '}' before end of string");
  return 0;
}

}  // namespace

int MarkupIterator::next(Sub* literal, bool* field_present, Sub* field_name, Sub* format_spec,
                         Py_UCS4* conversion, bool* needs_expanding) {
  *field_present = false;
  *needs_expanding = false;
  *conversion = 0;
  *field_name = Sub{};
  *format_spec = Sub{};
  *literal = Sub{};
  if (rest.start >= rest.end) return 0;
  Py_ssize_t start = rest.start;
  Py_UCS4 c = 0;
  bool markup_follows = false;
  while (rest.start < rest.end) {
    c = rest.at(rest.start++);
    if (c == '{' || c == '}') {
      markup_follows = true;
      break;
    }
  }
  bool at_end = rest.start >= rest.end;
  Py_ssize_t len = rest.start - start;
  if (c == '}' && markup_follows && (at_end || rest.at(rest.start) != c))
    return value_error("Single '}' encountered in format string");
  if (at_end && c == '{' && markup_follows) return value_error("Single '{' encountered in format string");
  if (!at_end && markup_follows) {
    if (rest.at(rest.start) == c) {
      rest.start++;  // "{{" or "}}": the first brace stays in the literal
      markup_follows = false;
    } else {
      len--;
    }
  }
  literal->str = rest.str;
  literal->start = start;
  literal->end = start + len;
  if (!markup_follows) return 1;
  *field_present = true;
  if (parse_field(&rest, field_name, format_spec, needs_expanding, conversion) < 0) return -1;
  return 1;
}

int FieldNameIterator::next(bool* is_attribute, Py_ssize_t* index, Sub* name) {
  if (rest.start >= rest.end) return 0;
  name->str = rest.str;
  Py_UCS4 c = rest.at(rest.start++);
  if (c == '.') {
    *is_attribute = true;
    name->start = rest.start;
    while (rest.start < rest.end) {
      Py_UCS4 d = rest.at(rest.start);
      if (d == '.' || d == '[') break;
      rest.start++;
    }
    name->end = rest.start;
    *index = -1;
  } else if (c == '[') {
    *is_attribute = false;
    name->start = rest.start;
    bool closed = false;
    while (rest.start < rest.end) {
      if (rest.at(rest.start++) == ']') {
        closed = true;
        break;
      }
    }
    if (!closed) return value_error("Missing ']' in format string");
    name->end = rest.start - 1;
    *index = get_integer(*name);
    if (*index == -1 && PyErr_Occurred()) return -1;
  } else {
    return value_error("Only '.' or '[' may follow ']' in format field specifier");
  }
  if (name->empty()) return value_error("Empty attribute in format string");
  return 1;
}

bool krait::fmt::field_name_split(const Sub& field, Sub* first, Py_ssize_t* first_index,
                                  FieldNameIterator* rest, AutoNumber* an) {
  Py_ssize_t i = field.start;
  while (i < field.end) {
    Py_UCS4 c = field.at(i);
    if (c == '[' || c == '.') break;
    i++;
  }
  first->str = field.str;
  first->start = field.start;
  first->end = i;
  rest->rest.str = field.str;
  rest->rest.start = i;
  rest->rest.end = field.end;
  *first_index = get_integer(*first);
  if (*first_index == -1 && PyErr_Occurred()) return false;
  bool empty = first->empty();
  bool numeric = empty || *first_index != -1;
  if (an) {
    if (an->state == AutoNumber::Init && numeric) an->state = empty ? AutoNumber::Auto : AutoNumber::Manual;
    if (numeric) {
      if (an->state == AutoNumber::Manual && empty) {
        PyErr_SetString(PyExc_ValueError,
                        "cannot switch from manual field specification to automatic field numbering");
        return false;
      }
      if (an->state == AutoNumber::Auto && !empty) {
        PyErr_SetString(PyExc_ValueError,
                        "cannot switch from automatic field numbering to manual field specification");
        return false;
      }
    }
    if (empty) *first_index = an->next++;
  }
  return true;
}

// -- Rendering -------------------------------------------------------------------

namespace {

// The object a field name designates (new reference).
PyObject* get_field_object(const Sub& field, PyObject* args, PyObject* kwargs, AutoNumber* an) {
  Sub first;
  Py_ssize_t index;
  FieldNameIterator rest;
  if (!field_name_split(field, &first, &index, &rest, an)) return nullptr;
  Ref<> obj;
  if (index == -1) {
    Ref<> key = steal(first.object());
    if (!key) return nullptr;
    if (kwargs == nullptr) {
      PyErr_SetObject(PyExc_KeyError, key.get());
      return nullptr;
    }
    obj = steal(PyObject_GetItem(kwargs, key.get()));
    if (!obj) return nullptr;
  } else {
    if (args == nullptr) {
      PyErr_SetString(PyExc_ValueError, "Format string contains positional fields");
      return nullptr;
    }
    obj = steal(PySequence_GetItem(args, index));
    if (!obj) {
      PyErr_Format(PyExc_IndexError, "Replacement index %zd out of range for positional args tuple",
                   index);
      return nullptr;
    }
  }
  bool is_attr;
  Sub name;
  for (;;) {
    int r = rest.next(&is_attr, &index, &name);
    if (r < 0) return nullptr;
    if (r == 0) break;
    Ref<> key = index != -1 ? steal(PyLong_FromSsize_t(index)) : steal(name.object());
    if (!key) return nullptr;
    obj = steal(is_attr ? PyObject_GetAttr(obj.get(), key.get()) : PyObject_GetItem(obj.get(), key.get()));
    if (!obj) return nullptr;
  }
  return obj.release();
}

PyObject* do_conversion(PyObject* obj, Py_UCS4 conversion) {
  switch (conversion) {
    case 'r': return PyObject_Repr(obj);
    case 's': return PyObject_Str(obj);
    case 'a': return PyObject_ASCII(obj);
    default:
      if (conversion > 32 && conversion < 127)
        PyErr_Format(PyExc_ValueError, "Unknown conversion specifier %c", int(conversion));
      else
        PyErr_Format(PyExc_ValueError, "Unknown conversion specifier \\x%x", unsigned(conversion));
      return nullptr;
  }
}

int build_string(_PyUnicodeWriter* w, PyObject* fmt, Py_ssize_t start, Py_ssize_t end, PyObject* args,
                 PyObject* kwargs, int depth, AutoNumber* an);

int output_markup(_PyUnicodeWriter* w, const Sub& field_name, const Sub& spec, bool needs_expanding,
                  Py_UCS4 conversion, PyObject* args, PyObject* kwargs, int depth, AutoNumber* an) {
  Ref<> obj = steal(get_field_object(field_name, args, kwargs, an));
  if (!obj) return -1;
  if (conversion != 0) {
    obj = steal(do_conversion(obj.get(), conversion));
    if (!obj) return -1;
  }
  Ref<> spec_str;
  Py_ssize_t sstart = spec.start, send = spec.end;
  PyObject* spec_src = spec.str;
  if (needs_expanding) {
    _PyUnicodeWriter sw;
    _PyUnicodeWriter_Init(&sw);
    if (build_string(&sw, spec.str, spec.start, spec.end, args, kwargs, depth - 1, an) < 0) {
      _PyUnicodeWriter_Dealloc(&sw);
      return -1;
    }
    spec_str = steal(_PyUnicodeWriter_Finish(&sw));
    if (!spec_str) return -1;
    spec_src = spec_str.get();
    sstart = 0;
    send = PyUnicode_GET_LENGTH(spec_src);
  }
  if (PyUnicode_CheckExact(obj.get())) {
    if (spec_src == nullptr) return _PyUnicodeWriter_WriteStr(w, obj.get());
    return _PyUnicode_FormatAdvancedWriter(w, obj.get(), spec_src, sstart, send);
  }
  Ref<> spec_obj;
  if (spec_src == nullptr) {
    spec_obj = borrow(unicode_empty());
  } else {
    spec_obj = steal(PyUnicode_Substring(spec_src, sstart, send));
    if (!spec_obj) return -1;
  }
  Ref<> result = steal(PyObject_Format(obj.get(), spec_obj.get()));
  if (!result) return -1;
  return _PyUnicodeWriter_WriteStr(w, result.get());
}

int build_string(_PyUnicodeWriter* w, PyObject* fmt, Py_ssize_t start, Py_ssize_t end, PyObject* args,
                 PyObject* kwargs, int depth, AutoNumber* an) {
  if (depth <= 0) return value_error("Max string recursion exceeded");
  MarkupIterator it(fmt);
  it.rest.start = start;
  it.rest.end = end;
  Sub literal, field_name, spec;
  bool present, expand;
  Py_UCS4 conversion;
  for (;;) {
    int r = it.next(&literal, &present, &field_name, &spec, &conversion, &expand);
    if (r < 0) return -1;
    if (r == 0) return 0;
    if (!literal.empty() && _PyUnicodeWriter_WriteSubstring(w, fmt, literal.start, literal.end) < 0) return -1;
    if (present && output_markup(w, field_name, spec, expand, conversion, args, kwargs, depth, an) < 0)
      return -1;
  }
}

PyObject* do_format(PyObject* self, PyObject* args, PyObject* kwargs) {
  _PyUnicodeWriter w;
  _PyUnicodeWriter_Init(&w);
  w.overallocate = 1;
  w.min_length = PyUnicode_GET_LENGTH(self) + 100;
  AutoNumber an;
  if (build_string(&w, self, 0, PyUnicode_GET_LENGTH(self), args, kwargs, 2, &an) < 0) {
    _PyUnicodeWriter_Dealloc(&w);
    return nullptr;
  }
  return _PyUnicodeWriter_Finish(&w);
}

}  // namespace

// str.__format__'s engine: formats a str per spec[start:end) into the writer.
extern "C" int _PyUnicode_FormatAdvancedWriter(_PyUnicodeWriter* w, PyObject* obj, PyObject* spec,
                                               Py_ssize_t start, Py_ssize_t end) {
  if (start == end) {
    if (PyUnicode_CheckExact(obj)) return _PyUnicodeWriter_WriteStr(w, obj);
    Ref<> s = steal(PyObject_Str(obj));
    return s ? _PyUnicodeWriter_WriteStr(w, s.get()) : -1;
  }
  format::Spec f;
  if (!format::parse(spec, start, end, obj, &f, 's', '<')) return -1;
  if (f.type != 's') {
    format::unknown_code(f.type, obj);
    return -1;
  }
  if (f.sign == ' ') return value_error("Space not allowed in string format specifier");
  if (f.sign) return value_error("Sign not allowed in string format specifier");
  if (f.no_neg_zero) return value_error("Negative zero coercion (z) not allowed in string format specifier");
  if (f.alternate) return value_error("Alternate form (#) not allowed in string format specifier");
  if (f.align == '=') return value_error("'=' alignment not allowed in string format specifier");
  Py_ssize_t len = PyUnicode_GET_LENGTH(obj);
  if ((f.width == -1 || f.width <= len) && (f.precision == -1 || f.precision >= len))
    return _PyUnicodeWriter_WriteStr(w, obj);
  if (f.precision >= 0 && len >= f.precision) len = f.precision;
  Py_ssize_t pad = f.width > len ? f.width - len : 0;
  Py_ssize_t left = 0, right = 0;
  if (f.align == '>') left = pad;
  else if (f.align == '^') left = pad / 2, right = pad - pad / 2;
  else right = pad;
  Py_UCS4 maxchar = f.fill;
  if (len > 0) {
    Py_UCS4 m = _PyUnicode_FindMaxChar(obj, 0, len);
    if (m > maxchar) maxchar = m;
  }
  if (_PyUnicodeWriter_Prepare(w, left + len + right, maxchar) < 0) return -1;
  if (left) _PyUnicode_FastFill(w->buffer, w->pos, left, f.fill);
  w->pos += left;
  if (len) _PyUnicode_FastCopyCharacters(w->buffer, w->pos, obj, 0, len);
  w->pos += len;
  if (right) _PyUnicode_FastFill(w->buffer, w->pos, right, f.fill);
  w->pos += right;
  return 0;
}

namespace krait {

PyObject* unicode_format_method(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  Ref<> tuple = steal(PyTuple_New(nargs));
  if (!tuple) return nullptr;
  for (Py_ssize_t i = 0; i < nargs; i++) PyTuple_SET_ITEM(tuple.get(), i, Py_NewRef(args[i]));
  Ref<> kwargs;
  if (kwnames && PyTuple_GET_SIZE(kwnames) > 0) {
    kwargs = steal(PyDict_New());
    if (!kwargs) return nullptr;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kwnames); i++)
      if (PyDict_SetItem(kwargs.get(), PyTuple_GET_ITEM(kwnames, i), args[nargs + i]) < 0) return nullptr;
  }
  return do_format(self, tuple.get(), kwargs.get());
}

PyObject* unicode_format_map(PyObject* self, PyObject* mapping) {
  return do_format(self, nullptr, mapping);
}

PyObject* unicode_dunder_format(PyObject* self, PyObject* spec) {
  if (!PyUnicode_Check(spec)) {
    PyErr_Format(PyExc_TypeError, "__format__() argument must be str, not %.200s", Py_TYPE(spec)->tp_name);
    return nullptr;
  }
  _PyUnicodeWriter w;
  _PyUnicodeWriter_Init(&w);
  if (_PyUnicode_FormatAdvancedWriter(&w, self, spec, 0, PyUnicode_GET_LENGTH(spec)) < 0) {
    _PyUnicodeWriter_Dealloc(&w);
    return nullptr;
  }
  return _PyUnicodeWriter_Finish(&w);
}

PyObject* unicode_mod(PyObject* v, PyObject* w);

PyNumberMethods unicode_as_number = {.nb_remainder = unicode_mod};

}  // namespace krait
