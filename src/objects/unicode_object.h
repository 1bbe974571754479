// unicode_object.h — Krait-internal helpers for str (PEP 393 PyUnicodeObject).
//
// The C API (PyUnicode_*) is declared by <Python.h>; this header adds what the
// str implementation files share: kind dispatch, canonical constructors,
// singletons, substring search, and small utilities other runtime areas may
// use for speed (equality, hashing). Canonical form everywhere: a str's kind
// is the narrowest that holds its largest character, and a compact ASCII
// string has state.ascii set; equality is therefore length+kind+memcmp.
#pragma once
#include <Python.h>

#include <cstdint>
#include <cstring>

#include "support/ref.h"

namespace krait {

// -- Access ---------------------------------------------------------------------

inline int ukind(PyObject* s) { return PyUnicode_KIND(s); }
inline void* udata(PyObject* s) { return PyUnicode_DATA(s); }
inline Py_ssize_t ulen(PyObject* s) { return PyUnicode_GET_LENGTH(s); }
inline bool uascii(PyObject* s) { return reinterpret_cast<PyASCIIObject*>(s)->state.ascii; }

// Calls f with the data pointer typed by kind (const Py_UCS1*, Py_UCS2*, Py_UCS4*).
template <class F>
inline decltype(auto) visit_kind(int kind, const void* data, F&& f) {
  switch (kind) {
    case PyUnicode_1BYTE_KIND:
      return f(static_cast<const Py_UCS1*>(data));
    case PyUnicode_2BYTE_KIND:
      return f(static_cast<const Py_UCS2*>(data));
    default:
      return f(static_cast<const Py_UCS4*>(data));
  }
}

inline int kind_for_maxchar(Py_UCS4 maxchar) {
  return maxchar < 256 ? PyUnicode_1BYTE_KIND
                       : (maxchar < 65536 ? PyUnicode_2BYTE_KIND : PyUnicode_4BYTE_KIND);
}

// Largest code point in data[start:end] (127 for an all-ASCII or empty range).
Py_UCS4 find_max_char(int kind, const void* data, Py_ssize_t start, Py_ssize_t end);

// -- Construction (new references; NULL + exception on failure) --------------------

PyObject* unicode_empty();                    // the "" singleton
PyObject* unicode_char(Py_UCS4 ch);           // one character; Latin-1 ones are singletons
PyObject* unicode_from_ascii(const char* s, Py_ssize_t n);  // s must be ASCII
PyObject* unicode_from_ucs1(const Py_UCS1* s, Py_ssize_t n);
PyObject* unicode_from_ucs2(const Py_UCS2* s, Py_ssize_t n);
PyObject* unicode_from_ucs4(const Py_UCS4* s, Py_ssize_t n);
// s[start:end] of a str (start/end already clipped); shares s when whole and exact.
PyObject* unicode_substring(PyObject* s, Py_ssize_t start, Py_ssize_t end);
// A fresh exact-str copy (also of subclass instances).
PyObject* unicode_copy(PyObject* s);
// Returns s when it is an exact str (new reference), otherwise an exact copy.
PyObject* unicode_exact(PyObject* s);
// Shrinks a freshly built compact str that nobody else references to `len`
// characters, possibly moving it. Returns the object or NULL.
PyObject* unicode_resize_fresh(PyObject* s, Py_ssize_t len);
// Narrows a freshly built str to canonical form (kind and singletons). Steals s.
PyObject* unicode_canonical(PyObject* s);

// -- Comparison and hashing --------------------------------------------------------

// Both exact-or-subclass str; canonical form makes this a memcmp.
inline bool unicode_eq(PyObject* a, PyObject* b) {
  if (a == b) return true;
  Py_ssize_t n = ulen(a);
  if (n != ulen(b)) return false;
  int k = ukind(a);
  if (k != ukind(b)) return false;
  return std::memcmp(udata(a), udata(b), static_cast<size_t>(n) * k) == 0;
}
// <0, 0, >0 by code points.
int unicode_compare(PyObject* a, PyObject* b);
// Equality with a NUL-terminated ASCII C string.
bool unicode_eq_ascii(PyObject* s, const char* ascii);
Py_hash_t unicode_hash(PyObject* s);

// -- Search ------------------------------------------------------------------------

// Index of sub in s[start:end] (direction > 0: first, < 0: last), -1 if absent.
// start/end must be clipped to [0, len(s)]. Both arguments are str.
Py_ssize_t unicode_find(PyObject* s, PyObject* sub, Py_ssize_t start, Py_ssize_t end,
                        int direction);
Py_ssize_t unicode_count(PyObject* s, PyObject* sub, Py_ssize_t start, Py_ssize_t end,
                         Py_ssize_t maxcount);
// 1 if s[start:end] (Python-style indices) starts (direction < 0) or ends
// (direction > 0) with sub, else 0.
Py_ssize_t unicode_tailmatch(PyObject* s, PyObject* sub, Py_ssize_t start, Py_ssize_t end, int direction);
Py_ssize_t unicode_find_char(PyObject* s, Py_UCS4 ch, Py_ssize_t start, Py_ssize_t end,
                             int direction);

// Clips Python-style start/end (negative from the end) to [0, len].
inline void adjust_indices(Py_ssize_t* start, Py_ssize_t* end, Py_ssize_t len) {
  if (*end > len) {
    *end = len;
  } else if (*end < 0) {
    *end += len;
    if (*end < 0) *end = 0;
  }
  if (*start < 0) {
    *start += len;
    if (*start < 0) *start = 0;
  }
}

// -- Misc --------------------------------------------------------------------------

// The UTF-8 bytes of s, cached in the object for non-ASCII strings (may fail
// on lone surrogates, then NULL + UnicodeEncodeError).
const char* unicode_utf8(PyObject* s, Py_ssize_t* size);

// "abc" -> the interned, immortal str; never fails except for memory.
PyObject* unicode_intern_ascii(const char* s);

// The str iterator types (str_iterator, str_ascii_iterator).
extern PyTypeObject UnicodeASCIIIter_Type;
// The charmap codec's compact encoding table (PyUnicode_BuildEncodingMap).
extern PyTypeObject EncodingMap_Type;

}  // namespace krait
