// unicode_case.cpp — str case conversion (lower, upper, casefold, capitalize,
// title, swapcase) and the character-class predicates (isalpha ... isascii).
//
// Full case mappings (one character may become up to three) and the
// final-sigma rule come from support/unicode_db.h; ASCII strings take a
// table-free fast path. Results are built wide enough for any mapping and
// canonicalized at the end (e.g. 'ß'.upper() == 'SS' narrows back to ASCII).
#include <Python.h>

#include "objects/unicode_methods.h"
#include "objects/unicode_object.h"
#include "support/unicode_db.h"

using namespace krait;

namespace {

enum class CaseOp { Lower, Upper, Fold, Capitalize, Title, Swap };

inline char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
inline char ascii_upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; }
inline bool ascii_isupper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool ascii_islower(char c) { return c >= 'a' && c <= 'z'; }
inline bool ascii_isalpha(char c) { return ascii_isupper(c) || ascii_islower(c); }

PyObject* ascii_case(PyObject* self, CaseOp op) {
  Py_ssize_t n = ulen(self);
  PyObject* r = PyUnicode_New(n, 127);
  if (r == nullptr) return nullptr;
  const char* s = static_cast<const char*>(udata(self));
  char* d = static_cast<char*>(udata(r));
  bool prev_cased = false;
  for (Py_ssize_t i = 0; i < n; ++i) {
    char c = s[i];
    switch (op) {
      case CaseOp::Lower:
      case CaseOp::Fold:
        d[i] = ascii_lower(c);
        break;
      case CaseOp::Upper:
        d[i] = ascii_upper(c);
        break;
      case CaseOp::Capitalize:
        d[i] = i == 0 ? ascii_upper(c) : ascii_lower(c);
        break;
      case CaseOp::Title:
        d[i] = prev_cased ? ascii_lower(c) : ascii_upper(c);
        prev_cased = ascii_isalpha(c);
        break;
      case CaseOp::Swap:
        d[i] = ascii_isupper(c) ? ascii_lower(c) : ascii_upper(c);
        break;
    }
  }
  return r;
}

template <class T>
int map_char(CaseOp op, const T* s, Py_ssize_t n, Py_ssize_t i, bool* prev_cased, char32_t out[3]) {
  char32_t c = s[i];
  auto lower = [&]() { return unicode::to_lower_full_in_context(s, static_cast<size_t>(n), static_cast<size_t>(i), out); };
  switch (op) {
    case CaseOp::Lower:
      return lower();
    case CaseOp::Upper:
      return unicode::to_upper_full(c, out);
    case CaseOp::Fold:
      return unicode::to_fold_full(c, out);
    case CaseOp::Capitalize:
      return i == 0 ? unicode::to_title_full(c, out) : lower();
    case CaseOp::Title: {
      int k = *prev_cased ? lower() : unicode::to_title_full(c, out);
      *prev_cased = unicode::is_cased(c);
      return k;
    }
    case CaseOp::Swap:
      if (unicode::is_upper(c)) return lower();
      if (unicode::is_lower(c)) return unicode::to_upper_full(c, out);
      out[0] = c;
      return 1;
  }
  return 0;
}

PyObject* do_case(PyObject* self, CaseOp op) {
  Py_ssize_t n = ulen(self);
  if (n == 0) return unicode_empty();
  if (uascii(self)) return ascii_case(self, op);
  if (n > PY_SSIZE_T_MAX / 3) return PyErr_NoMemory();
  // Worst case: every character expands to three, each up to U+10FFFF.
  auto* buf = static_cast<Py_UCS4*>(PyMem_Malloc(sizeof(Py_UCS4) * 3 * n));
  if (buf == nullptr) return PyErr_NoMemory();
  Py_ssize_t o = 0;
  bool prev_cased = false;
  visit_kind(ukind(self), udata(self), [&](auto* s) {
    char32_t out[3];
    for (Py_ssize_t i = 0; i < n; ++i) {
      int k = map_char(op, s, n, i, &prev_cased, out);
      for (int j = 0; j < k; ++j) buf[o++] = out[j];
    }
  });
  PyObject* r = unicode_from_ucs4(buf, o);
  PyMem_Free(buf);
  return r;
}

}  // namespace

PyObject* krait::unicode_lower(PyObject* self, PyObject*) { return do_case(self, CaseOp::Lower); }
PyObject* krait::unicode_upper(PyObject* self, PyObject*) { return do_case(self, CaseOp::Upper); }
PyObject* krait::unicode_casefold(PyObject* self, PyObject*) { return do_case(self, CaseOp::Fold); }
PyObject* krait::unicode_capitalize(PyObject* self, PyObject*) { return do_case(self, CaseOp::Capitalize); }
PyObject* krait::unicode_title(PyObject* self, PyObject*) { return do_case(self, CaseOp::Title); }
PyObject* krait::unicode_swapcase(PyObject* self, PyObject*) { return do_case(self, CaseOp::Swap); }

// -- Predicates -----------------------------------------------------------------------------

namespace {

template <class Pred>
PyObject* all_chars(PyObject* self, Pred pred) {
  Py_ssize_t n = ulen(self);
  if (n == 0) Py_RETURN_FALSE;
  bool ok = visit_kind(ukind(self), udata(self), [&](auto* s) {
    for (Py_ssize_t i = 0; i < n; ++i)
      if (!pred(static_cast<char32_t>(s[i]))) return false;
    return true;
  });
  return PyBool_FromLong(ok);
}

}  // namespace

PyObject* krait::unicode_isascii(PyObject* self, PyObject*) { return PyBool_FromLong(uascii(self)); }

PyObject* krait::unicode_isalpha(PyObject* self, PyObject*) {
  return all_chars(self, [](char32_t c) { return unicode::is_alpha(c); });
}
PyObject* krait::unicode_isdecimal(PyObject* self, PyObject*) {
  return all_chars(self, [](char32_t c) { return unicode::is_decimal(c); });
}
PyObject* krait::unicode_isdigit(PyObject* self, PyObject*) {
  return all_chars(self, [](char32_t c) { return unicode::is_digit(c); });
}
PyObject* krait::unicode_isnumeric(PyObject* self, PyObject*) {
  return all_chars(self, [](char32_t c) { return unicode::is_numeric(c); });
}
PyObject* krait::unicode_isalnum(PyObject* self, PyObject*) {
  return all_chars(self, [](char32_t c) { return unicode::is_alnum(c); });
}
PyObject* krait::unicode_isspace(PyObject* self, PyObject*) {
  return all_chars(self, [](char32_t c) { return unicode_isspace_char(c); });
}

PyObject* krait::unicode_isprintable(PyObject* self, PyObject*) {
  Py_ssize_t n = ulen(self);
  bool ok = visit_kind(ukind(self), udata(self), [&](auto* s) {
    for (Py_ssize_t i = 0; i < n; ++i)
      if (!unicode::is_printable(s[i])) return false;
    return true;
  });
  return PyBool_FromLong(ok);
}

PyObject* krait::unicode_isupper(PyObject* self, PyObject*) {
  Py_ssize_t n = ulen(self);
  bool cased = false;
  bool ok = visit_kind(ukind(self), udata(self), [&](auto* s) {
    for (Py_ssize_t i = 0; i < n; ++i) {
      char32_t c = s[i];
      if (unicode::is_lower(c) || unicode::is_title(c)) return false;
      if (!cased && unicode::is_upper(c)) cased = true;
    }
    return true;
  });
  return PyBool_FromLong(ok && cased);
}

PyObject* krait::unicode_islower(PyObject* self, PyObject*) {
  Py_ssize_t n = ulen(self);
  bool cased = false;
  bool ok = visit_kind(ukind(self), udata(self), [&](auto* s) {
    for (Py_ssize_t i = 0; i < n; ++i) {
      char32_t c = s[i];
      if (unicode::is_upper(c) || unicode::is_title(c)) return false;
      if (!cased && unicode::is_lower(c)) cased = true;
    }
    return true;
  });
  return PyBool_FromLong(ok && cased);
}

PyObject* krait::unicode_istitle(PyObject* self, PyObject*) {
  Py_ssize_t n = ulen(self);
  bool cased = false, prev_cased = false;
  bool ok = visit_kind(ukind(self), udata(self), [&](auto* s) {
    for (Py_ssize_t i = 0; i < n; ++i) {
      char32_t c = s[i];
      if (unicode::is_upper(c) || unicode::is_title(c)) {
        if (prev_cased) return false;
        prev_cased = cased = true;
      } else if (unicode::is_lower(c)) {
        if (!prev_cased) return false;
        prev_cased = cased = true;
      } else {
        prev_cased = false;
      }
    }
    return true;
  });
  return PyBool_FromLong(ok && cased);
}

Py_ssize_t krait::unicode_scan_identifier(PyObject* self) {
  Py_ssize_t n = ulen(self);
  if (n == 0) return 0;
  int kind = ukind(self);
  const void* d = udata(self);
  if (!unicode::is_identifier_start(PyUnicode_READ(kind, d, 0))) return 0;
  Py_ssize_t i = 1;
  while (i < n && unicode::is_identifier_continue(PyUnicode_READ(kind, d, i))) ++i;
  return i;
}

PyObject* krait::unicode_isidentifier(PyObject* self, PyObject*) {
  Py_ssize_t n = ulen(self);
  return PyBool_FromLong(n > 0 && unicode_scan_identifier(self) == n);
}

extern "C" int PyUnicode_IsIdentifier(PyObject* self) {
  Py_ssize_t n = ulen(self);
  return n > 0 && unicode_scan_identifier(self) == n;
}

extern "C" Py_ssize_t _PyUnicode_ScanIdentifier(PyObject* self) { return unicode_scan_identifier(self); }

// -- Numeric-text normalisation ---------------------------------------------------

// For int()/float()/complex() parsing: non-ASCII decimal digits become ASCII
// digits and Unicode whitespace becomes ' '. At the first other non-ASCII
// character (or DEL) the result ends with '?', which no number parser
// accepts, so the caller reports the original text. ASCII input is returned
// as is.
extern "C" PyObject* _PyUnicode_TransformDecimalAndSpaceToASCII(PyObject* unicode) {
  if (!PyUnicode_Check(unicode)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  if (uascii(unicode)) return Py_NewRef(unicode);
  Py_ssize_t len = ulen(unicode);
  PyObject* result = PyUnicode_New(len, 127);
  if (result == nullptr) return nullptr;
  auto* out = static_cast<Py_UCS1*>(PyUnicode_DATA(result));
  int kind = ukind(unicode);
  const void* data = udata(unicode);
  for (Py_ssize_t i = 0; i < len; i++) {
    Py_UCS4 ch = PyUnicode_READ(kind, data, i);
    if (ch < 127) {
      out[i] = Py_UCS1(ch);
    } else if (unicode::is_space(ch)) {
      out[i] = ' ';
    } else {
      int d = unicode::decimal(ch);
      if (d < 0) {
        out[i] = '?';
        return unicode_resize_fresh(result, i + 1);
      }
      out[i] = Py_UCS1('0' + d);
    }
  }
  return result;
}
