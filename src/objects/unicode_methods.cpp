// unicode_methods.cpp — str methods (find/count/index, split/rsplit/
// splitlines/partition, join, strip family, replace, startswith/endswith,
// padding, zfill, expandtabs, translate/maketrans, encode, removeprefix/
// removesuffix) and the method table of PyUnicode_Type. Case conversion and
// predicates live in unicode_case.cpp, formatting in unicode_format*.cpp.
//
// Argument handling follows CPython 3.11's calling conventions for each method
// (METH_O / METH_NOARGS / positional FASTCALL / FASTCALL|KEYWORDS through
// _PyArg_UnpackKeywords), so error messages match.
#include "objects/unicode_methods.h"

#include "objects/unicode_object.h"

using namespace krait;

namespace {

// -- Argument helpers ---------------------------------------------------------------------

// A slice index as _PyEval_SliceIndex accepts it: None keeps *out; overflow clamps.
bool slice_index(PyObject* v, Py_ssize_t* out) {
  if (v == Py_None) return true;
  if (!PyIndex_Check(v)) {
    PyErr_SetString(PyExc_TypeError, "slice indices must be integers or None or have an __index__ method");
    return false;
  }
  Py_ssize_t x = PyNumber_AsSsize_t(v, nullptr);
  if (x == -1 && PyErr_Occurred()) return false;
  *out = x;
  return true;
}

// Parses (sub[, start[, end]]) as CPython's find-style methods do.
bool parse_sub_args(const char* name, PyObject* const* args, Py_ssize_t nargs, PyObject** sub, Py_ssize_t* start,
                    Py_ssize_t* end) {
  if (nargs < 1) {
    PyErr_Format(PyExc_TypeError, "%s() takes at least 1 argument (0 given)", name);
    return false;
  }
  if (nargs > 3) {
    PyErr_Format(PyExc_TypeError, "%s() takes at most 3 arguments (%zd given)", name, nargs);
    return false;
  }
  *sub = args[0];
  *start = 0;
  *end = PY_SSIZE_T_MAX;
  if (nargs > 1 && !slice_index(args[1], start)) return false;
  if (nargs > 2 && !slice_index(args[2], end)) return false;
  return true;
}

bool ensure_str_arg(PyObject* o) {
  if (PyUnicode_Check(o)) return true;
  PyErr_Format(PyExc_TypeError, "must be str, not %.100s", Py_TYPE(o)->tp_name);
  return false;
}

Py_ssize_t ssize_arg(PyObject* o) { return PyNumber_AsSsize_t(o, PyExc_OverflowError); }

PyObject* return_self(PyObject* self) { return unicode_exact(self); }

// -- find / rfind / index / rindex / count -------------------------------------------------

Py_ssize_t find_impl(const char* name, PyObject* self, PyObject* const* args, Py_ssize_t nargs, int direction) {
  PyObject* sub;
  Py_ssize_t start, end;
  if (!parse_sub_args(name, args, nargs, &sub, &start, &end)) return -2;
  if (!ensure_str_arg(sub)) return -2;
  adjust_indices(&start, &end, ulen(self));
  if (end - start < ulen(sub)) return -1;
  return unicode_find(self, sub, start, end, direction);
}

PyObject* unicode_find_m(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  Py_ssize_t r = find_impl("find", self, args, nargs, 1);
  return r == -2 ? nullptr : PyLong_FromSsize_t(r);
}
PyObject* unicode_rfind_m(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  Py_ssize_t r = find_impl("rfind", self, args, nargs, -1);
  return r == -2 ? nullptr : PyLong_FromSsize_t(r);
}
PyObject* unicode_index_m(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  Py_ssize_t r = find_impl("index", self, args, nargs, 1);
  if (r == -2) return nullptr;
  if (r == -1) {
    PyErr_SetString(PyExc_ValueError, "substring not found");
    return nullptr;
  }
  return PyLong_FromSsize_t(r);
}
PyObject* unicode_rindex_m(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  Py_ssize_t r = find_impl("rindex", self, args, nargs, -1);
  if (r == -2) return nullptr;
  if (r == -1) {
    PyErr_SetString(PyExc_ValueError, "substring not found");
    return nullptr;
  }
  return PyLong_FromSsize_t(r);
}

PyObject* unicode_count_m(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  PyObject* sub;
  Py_ssize_t start, end;
  if (!parse_sub_args("count", args, nargs, &sub, &start, &end)) return nullptr;
  if (!ensure_str_arg(sub)) return nullptr;
  adjust_indices(&start, &end, ulen(self));
  if (end - start < ulen(sub)) return PyLong_FromLong(0);
  Py_ssize_t r = unicode_count(self, sub, start, end, PY_SSIZE_T_MAX);
  return r < 0 ? nullptr : PyLong_FromSsize_t(r);
}

// -- startswith / endswith ------------------------------------------------------------------

PyObject* tailmatch_m(const char* name, PyObject* self, PyObject* const* args, Py_ssize_t nargs, int direction) {
  PyObject* sub;
  Py_ssize_t start, end;
  if (!parse_sub_args(name, args, nargs, &sub, &start, &end)) return nullptr;
  if (PyTuple_Check(sub)) {
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(sub); ++i) {
      PyObject* item = PyTuple_GET_ITEM(sub, i);
      if (!PyUnicode_Check(item)) {
        PyErr_Format(PyExc_TypeError, "tuple for %s must only contain str, not %.100s", name,
                     Py_TYPE(item)->tp_name);
        return nullptr;
      }
      if (unicode_tailmatch(self, item, start, end, direction)) Py_RETURN_TRUE;
    }
    Py_RETURN_FALSE;
  }
  if (!PyUnicode_Check(sub)) {
    PyErr_Format(PyExc_TypeError, "%s first arg must be str or a tuple of str, not %.100s", name,
                 Py_TYPE(sub)->tp_name);
    return nullptr;
  }
  return PyBool_FromLong(unicode_tailmatch(self, sub, start, end, direction));
}

PyObject* unicode_startswith_m(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  return tailmatch_m("startswith", self, args, nargs, -1);
}
PyObject* unicode_endswith_m(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  return tailmatch_m("endswith", self, args, nargs, 1);
}

// -- split family -------------------------------------------------------------------------

inline bool space_at(int kind, const void* d, Py_ssize_t i) {
  return unicode_isspace_char(PyUnicode_READ(kind, d, i));
}

bool list_append_sub(PyObject* list, PyObject* self, Py_ssize_t start, Py_ssize_t end) {
  PyObject* s = unicode_substring(self, start, end);
  if (s == nullptr) return false;
  int r = PyList_Append(list, s);
  Py_DECREF(s);
  return r == 0;
}

PyObject* split_impl(PyObject* self, PyObject* sep, Py_ssize_t maxcount) {
  Py_ssize_t n = ulen(self);
  if (maxcount < 0) maxcount = PY_SSIZE_T_MAX;
  Ref<> list = steal(PyList_New(0));
  if (!list) return nullptr;
  int kind = ukind(self);
  const void* d = udata(self);
  if (sep == nullptr) {
    Py_ssize_t i = 0;
    while (maxcount-- > 0) {
      while (i < n && space_at(kind, d, i)) ++i;
      if (i == n) break;
      Py_ssize_t j = i;
      while (i < n && !space_at(kind, d, i)) ++i;
      if (j == 0 && i == n && PyUnicode_CheckExact(self)) {
        if (PyList_Append(list.get(), self) < 0) return nullptr;
        return list.release();
      }
      if (!list_append_sub(list.get(), self, j, i)) return nullptr;
    }
    if (i < n) {
      while (i < n && space_at(kind, d, i)) ++i;
      if (i != n && !list_append_sub(list.get(), self, i, n)) return nullptr;
    }
    return list.release();
  }
  Py_ssize_t m = ulen(sep);
  if (m == 0) {
    PyErr_SetString(PyExc_ValueError, "empty separator");
    return nullptr;
  }
  Py_ssize_t i = 0;
  while (maxcount-- > 0) {
    Py_ssize_t pos = unicode_find(self, sep, i, n, 1);
    if (pos == -2) return nullptr;
    if (pos < 0) break;
    if (!list_append_sub(list.get(), self, i, pos)) return nullptr;
    i = pos + m;
  }
  if (i == 0 && PyUnicode_CheckExact(self)) {
    if (PyList_Append(list.get(), self) < 0) return nullptr;
  } else if (!list_append_sub(list.get(), self, i, n)) {
    return nullptr;
  }
  return list.release();
}

PyObject* rsplit_impl(PyObject* self, PyObject* sep, Py_ssize_t maxcount) {
  Py_ssize_t n = ulen(self);
  if (maxcount < 0) maxcount = PY_SSIZE_T_MAX;
  Ref<> list = steal(PyList_New(0));
  if (!list) return nullptr;
  int kind = ukind(self);
  const void* d = udata(self);
  if (sep == nullptr) {
    Py_ssize_t i = n - 1;
    while (maxcount-- > 0) {
      while (i >= 0 && space_at(kind, d, i)) --i;
      if (i < 0) break;
      Py_ssize_t j = i;
      while (i >= 0 && !space_at(kind, d, i)) --i;
      if (j == n - 1 && i < 0 && PyUnicode_CheckExact(self)) {
        if (PyList_Append(list.get(), self) < 0) return nullptr;
        return list.release();
      }
      if (!list_append_sub(list.get(), self, i + 1, j + 1)) return nullptr;
    }
    if (i >= 0) {
      while (i >= 0 && space_at(kind, d, i)) --i;
      if (i >= 0 && !list_append_sub(list.get(), self, 0, i + 1)) return nullptr;
    }
  } else {
    Py_ssize_t m = ulen(sep);
    if (m == 0) {
      PyErr_SetString(PyExc_ValueError, "empty separator");
      return nullptr;
    }
    Py_ssize_t j = n;
    while (maxcount-- > 0) {
      Py_ssize_t pos = unicode_find(self, sep, 0, j, -1);
      if (pos == -2) return nullptr;
      if (pos < 0) break;
      if (!list_append_sub(list.get(), self, pos + m, j)) return nullptr;
      j = pos;
    }
    if (j == n && PyUnicode_CheckExact(self)) {
      if (PyList_Append(list.get(), self) < 0) return nullptr;
    } else if (!list_append_sub(list.get(), self, 0, j)) {
      return nullptr;
    }
  }
  if (PyList_Reverse(list.get()) < 0) return nullptr;
  return list.release();
}

bool parse_split_args(const char* fname, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames,
                      PyObject** sep, Py_ssize_t* maxsplit) {
  static const char* const kwlist_split[] = {"sep", "maxsplit", nullptr};
  static _PyArg_Parser parser_split = {.keywords = kwlist_split, .fname = "split"};
  static _PyArg_Parser parser_rsplit = {.keywords = kwlist_split, .fname = "rsplit"};
  PyObject* buf[2] = {};  // unpacking leaves absent optionals unset
  _PyArg_Parser* parser = fname[0] == 'r' ? &parser_rsplit : &parser_split;
  PyObject* const* a = _PyArg_UnpackKeywords(args, nargs, nullptr, kwnames, parser, 0, 2, 0, buf);
  if (a == nullptr) return false;
  if (a != buf) {  // no keywords: only the first nargs of the caller's array exist
    buf[0] = nargs > 0 ? a[0] : nullptr;
    buf[1] = nargs > 1 ? a[1] : nullptr;
    a = buf;
  }
  Py_ssize_t total = nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0);
  *sep = nullptr;
  *maxsplit = -1;
  if (total > 0 && a[0] != nullptr && a[0] != Py_None) {
    if (!PyUnicode_Check(a[0])) {
      PyErr_Format(PyExc_TypeError, "must be str or None, not %.100s", Py_TYPE(a[0])->tp_name);
      return false;
    }
    *sep = a[0];
  }
  if (total > 0 && a[1] != nullptr) {
    *maxsplit = ssize_arg(a[1]);
    if (*maxsplit == -1 && PyErr_Occurred()) return false;
  }
  return true;
}

PyObject* unicode_split_m(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  PyObject* sep;
  Py_ssize_t maxsplit;
  if (!parse_split_args("split", args, nargs, kwnames, &sep, &maxsplit)) return nullptr;
  return split_impl(self, sep, maxsplit);
}

PyObject* unicode_rsplit_m(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  PyObject* sep;
  Py_ssize_t maxsplit;
  if (!parse_split_args("rsplit", args, nargs, kwnames, &sep, &maxsplit)) return nullptr;
  return rsplit_impl(self, sep, maxsplit);
}

PyObject* unicode_splitlines_m(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"keepends", nullptr};
  static _PyArg_Parser parser = {.keywords = kwlist, .fname = "splitlines"};
  PyObject* buf[1] = {};  // unpacking leaves absent optionals unset
  PyObject* const* a = _PyArg_UnpackKeywords(args, nargs, nullptr, kwnames, &parser, 0, 1, 0, buf);
  if (a == nullptr) return nullptr;
  int keepends = 0;
  if (nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0) > 0 && a[0] != nullptr) {
    keepends = _PyLong_AsInt(a[0]);
    if (keepends == -1 && PyErr_Occurred()) return nullptr;
  }
  return PyUnicode_Splitlines(self, keepends);
}

}  // namespace

extern "C" PyObject* PyUnicode_Splitlines(PyObject* string, int keepends) {
  if (!PyUnicode_Check(string)) {
    PyErr_Format(PyExc_TypeError, "must be str, not %.100s", Py_TYPE(string)->tp_name);
    return nullptr;
  }
  Py_ssize_t n = ulen(string);
  int kind = ukind(string);
  const void* d = udata(string);
  Ref<> list = steal(PyList_New(0));
  if (!list) return nullptr;
  Py_ssize_t i = 0;
  while (i < n) {
    Py_ssize_t j = i;
    while (i < n && !unicode::is_linebreak(PyUnicode_READ(kind, d, i))) ++i;
    Py_ssize_t eol = i;
    if (i < n) {
      if (PyUnicode_READ(kind, d, i) == '\r' && i + 1 < n && PyUnicode_READ(kind, d, i + 1) == '\n')
        i += 2;
      else
        ++i;
      if (keepends) eol = i;
    }
    if (j == 0 && eol == n && PyUnicode_CheckExact(string)) {
      if (PyList_Append(list.get(), string) < 0) return nullptr;
      break;
    }
    if (!list_append_sub(list.get(), string, j, eol)) return nullptr;
  }
  return list.release();
}

extern "C" PyObject* PyUnicode_Split(PyObject* s, PyObject* sep, Py_ssize_t maxsplit) {
  if (!PyUnicode_Check(s)) {
    PyErr_Format(PyExc_TypeError, "must be str, not %.100s", Py_TYPE(s)->tp_name);
    return nullptr;
  }
  if (sep != nullptr && sep != Py_None && !PyUnicode_Check(sep)) {
    PyErr_Format(PyExc_TypeError, "must be str or None, not %.100s", Py_TYPE(sep)->tp_name);
    return nullptr;
  }
  return split_impl(s, sep == Py_None ? nullptr : sep, maxsplit);
}

extern "C" PyObject* PyUnicode_RSplit(PyObject* s, PyObject* sep, Py_ssize_t maxsplit) {
  if (!PyUnicode_Check(s)) {
    PyErr_Format(PyExc_TypeError, "must be str, not %.100s", Py_TYPE(s)->tp_name);
    return nullptr;
  }
  if (sep != nullptr && sep != Py_None && !PyUnicode_Check(sep)) {
    PyErr_Format(PyExc_TypeError, "must be str or None, not %.100s", Py_TYPE(sep)->tp_name);
    return nullptr;
  }
  return rsplit_impl(s, sep == Py_None ? nullptr : sep, maxsplit);
}

// -- partition ---------------------------------------------------------------------------

namespace {

PyObject* partition_impl(PyObject* self, PyObject* sep, bool reverse) {
  if (!ensure_str_arg(sep)) return nullptr;
  Py_ssize_t m = ulen(sep), n = ulen(self);
  if (m == 0) {
    PyErr_SetString(PyExc_ValueError, "empty separator");
    return nullptr;
  }
  Py_ssize_t pos = unicode_find(self, sep, 0, n, reverse ? -1 : 1);
  if (pos == -2) return nullptr;
  if (pos < 0) {
    Ref<> whole = steal(unicode_exact(self));
    if (!whole) return nullptr;
    PyObject* e = unicode_empty();
    return reverse ? PyTuple_Pack(3, e, e, whole.get()) : PyTuple_Pack(3, whole.get(), e, e);
  }
  Ref<> head = steal(unicode_substring(self, 0, pos));
  Ref<> tail = steal(unicode_substring(self, pos + m, n));
  Ref<> mid = steal(unicode_exact(sep));
  if (!head || !tail || !mid) return nullptr;
  return PyTuple_Pack(3, head.get(), mid.get(), tail.get());
}

PyObject* unicode_partition_m(PyObject* self, PyObject* sep) { return partition_impl(self, sep, false); }
PyObject* unicode_rpartition_m(PyObject* self, PyObject* sep) { return partition_impl(self, sep, true); }

}  // namespace

extern "C" PyObject* PyUnicode_Partition(PyObject* s, PyObject* sep) { return partition_impl(s, sep, false); }
extern "C" PyObject* PyUnicode_RPartition(PyObject* s, PyObject* sep) { return partition_impl(s, sep, true); }

// -- join --------------------------------------------------------------------------------

extern "C" PyObject* _PyUnicode_JoinArray(PyObject* separator, PyObject* const* items, Py_ssize_t seqlen) {
  if (seqlen == 0) return unicode_empty();
  if (seqlen == 1 && PyUnicode_CheckExact(items[0])) return Py_NewRef(items[0]);
  PyObject* sep = separator;
  if (sep == nullptr) {
    sep = PyUnicode_FromOrdinal(' ');  // a singleton: no reference to drop
  } else if (!PyUnicode_Check(sep)) {
    PyErr_Format(PyExc_TypeError, "separator: expected str instance, %.80s found", Py_TYPE(sep)->tp_name);
    return nullptr;
  }
  Py_ssize_t seplen = ulen(sep);
  Py_UCS4 maxchar = seplen ? PyUnicode_MAX_CHAR_VALUE(sep) : 0;
  Py_ssize_t total = 0;
  for (Py_ssize_t i = 0; i < seqlen; ++i) {
    PyObject* item = items[i];
    if (!PyUnicode_Check(item)) {
      PyErr_Format(PyExc_TypeError, "sequence item %zd: expected str instance, %.80s found", i,
                   Py_TYPE(item)->tp_name);
      return nullptr;
    }
    Py_ssize_t add = ulen(item) + (i ? seplen : 0);
    if (total > PY_SSIZE_T_MAX - add) {
      PyErr_SetString(PyExc_OverflowError, "join() result is too long for a Python string");
      return nullptr;
    }
    total += add;
    Py_UCS4 m = PyUnicode_MAX_CHAR_VALUE(item);
    if (m > maxchar) maxchar = m;
  }
  PyObject* r = PyUnicode_New(total, maxchar);
  if (r == nullptr) return nullptr;
  Py_ssize_t pos = 0;
  int rk = ukind(r);
  char* rd = static_cast<char*>(udata(r));
  for (Py_ssize_t i = 0; i < seqlen; ++i) {
    if (i && seplen) {
      if (ukind(sep) == rk)
        std::memcpy(rd + pos * rk, udata(sep), seplen * rk);
      else
        _PyUnicode_FastCopyCharacters(r, pos, sep, 0, seplen);
      pos += seplen;
    }
    PyObject* item = items[i];
    Py_ssize_t len = ulen(item);
    if (ukind(item) == rk)
      std::memcpy(rd + pos * rk, udata(item), len * rk);
    else
      _PyUnicode_FastCopyCharacters(r, pos, item, 0, len);
    pos += len;
  }
  return r;
}

extern "C" PyObject* PyUnicode_Join(PyObject* separator, PyObject* seq) {
  Ref<> fseq = steal(PySequence_Fast(seq, "can only join an iterable"));
  if (!fseq) return nullptr;
  return _PyUnicode_JoinArray(separator, PySequence_Fast_ITEMS(fseq.get()), PySequence_Fast_GET_SIZE(fseq.get()));
}

// -- strip -------------------------------------------------------------------------------

namespace {

enum { kLeft = 1, kRight = 2, kBoth = 3 };

PyObject* strip_impl(PyObject* self, int type, PyObject* chars) {
  Py_ssize_t n = ulen(self);
  int kind = ukind(self);
  const void* d = udata(self);
  Py_ssize_t i = 0, j = n;
  if (chars == nullptr) {
    if (type & kLeft)
      while (i < j && space_at(kind, d, i)) ++i;
    if (type & kRight)
      while (j > i && space_at(kind, d, j - 1)) --j;
  } else {
    auto in_set = [&](Py_UCS4 c) { return unicode_find_char(chars, c, 0, ulen(chars), 1) >= 0; };
    if (type & kLeft)
      while (i < j && in_set(PyUnicode_READ(kind, d, i))) ++i;
    if (type & kRight)
      while (j > i && in_set(PyUnicode_READ(kind, d, j - 1))) --j;
  }
  return unicode_substring(self, i, j);
}

PyObject* strip_m(const char* name, int type, PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional(name, nargs, 0, 1)) return nullptr;
  PyObject* chars = nargs ? args[0] : Py_None;
  if (chars == Py_None) return strip_impl(self, type, nullptr);
  if (!PyUnicode_Check(chars)) {
    PyErr_Format(PyExc_TypeError, "%s arg must be None or str", name);
    return nullptr;
  }
  return strip_impl(self, type, chars);
}

PyObject* unicode_strip_m(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  return strip_m("strip", kBoth, self, args, nargs);
}
PyObject* unicode_lstrip_m(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  return strip_m("lstrip", kLeft, self, args, nargs);
}
PyObject* unicode_rstrip_m(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  return strip_m("rstrip", kRight, self, args, nargs);
}

}  // namespace

extern "C" PyObject* _PyUnicode_XStrip(PyObject* self, int striptype, PyObject* sepobj) {
  // CPython's striptype: 0 left, 1 right, 2 both.
  int type = striptype == 0 ? kLeft : (striptype == 1 ? kRight : kBoth);
  return strip_impl(self, type, sepobj == Py_None ? nullptr : sepobj);
}

// -- replace -----------------------------------------------------------------------------

namespace {

PyObject* replace_impl(PyObject* self, PyObject* old, PyObject* repl, Py_ssize_t maxcount) {
  Py_ssize_t n = ulen(self), m = ulen(old), rl = ulen(repl);
  if (maxcount < 0) maxcount = PY_SSIZE_T_MAX;
  if (maxcount == 0 || n < m) return return_self(self);
  if (m == 0) {
    // Insert repl before every character and at the end (up to maxcount times).
    Py_ssize_t count = n + 1 < maxcount ? n + 1 : maxcount;
    _PyUnicodeWriter w;
    _PyUnicodeWriter_Init(&w);
    w.min_length = n + count * rl;
    for (Py_ssize_t i = 0; i < count; ++i) {
      if (_PyUnicodeWriter_WriteStr(&w, repl) < 0) goto fail0;
      if (i < n && _PyUnicodeWriter_WriteSubstring(&w, self, i, i + 1) < 0) goto fail0;
    }
    if (count <= n && _PyUnicodeWriter_WriteSubstring(&w, self, count, n) < 0) goto fail0;
    return _PyUnicodeWriter_Finish(&w);
  fail0:
    _PyUnicodeWriter_Dealloc(&w);
    return nullptr;
  }
  Py_ssize_t count = unicode_count(self, old, 0, n, maxcount);
  if (count < 0) return nullptr;
  if (count == 0) return return_self(self);
  if (rl > m && (rl - m) > (PY_SSIZE_T_MAX - n) / count) {
    PyErr_SetString(PyExc_OverflowError, "replace string is too long");
    return nullptr;
  }
  Py_ssize_t newlen = n + count * (rl - m);
  Py_UCS4 maxchar = PyUnicode_MAX_CHAR_VALUE(self);
  Py_UCS4 rm = PyUnicode_MAX_CHAR_VALUE(repl);
  if (rm > maxchar) maxchar = rm;
  PyObject* r = PyUnicode_New(newlen, maxchar);
  if (r == nullptr) return nullptr;
  Py_ssize_t i = 0, o = 0;
  for (Py_ssize_t k = 0; k < count; ++k) {
    Py_ssize_t pos = m == 1 ? unicode_find_char(self, PyUnicode_READ_CHAR(old, 0), i, n, 1)
                            : unicode_find(self, old, i, n, 1);
    if (pos < 0) break;
    _PyUnicode_FastCopyCharacters(r, o, self, i, pos - i);
    o += pos - i;
    _PyUnicode_FastCopyCharacters(r, o, repl, 0, rl);
    o += rl;
    i = pos + m;
  }
  _PyUnicode_FastCopyCharacters(r, o, self, i, n - i);
  // Replacing the only wide characters may allow a narrower kind.
  return unicode_canonical(r);
}

PyObject* unicode_replace_m(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("replace", nargs, 2, 3)) return nullptr;
  for (int k = 0; k < 2; ++k) {
    if (!PyUnicode_Check(args[k])) {
      _PyArg_BadArgument("replace", k == 0 ? "argument 1" : "argument 2", "str", args[k]);
      return nullptr;
    }
  }
  Py_ssize_t count = -1;
  if (nargs > 2) {
    count = ssize_arg(args[2]);
    if (count == -1 && PyErr_Occurred()) return nullptr;
  }
  return replace_impl(self, args[0], args[1], count);
}

}  // namespace

extern "C" PyObject* PyUnicode_Replace(PyObject* str, PyObject* substr, PyObject* replstr, Py_ssize_t maxcount) {
  if (!ensure_str_arg(str) || !ensure_str_arg(substr) || !ensure_str_arg(replstr)) return nullptr;
  return replace_impl(str, substr, replstr, maxcount);
}

// -- padding -----------------------------------------------------------------------------

namespace {

PyObject* pad(PyObject* self, Py_ssize_t left, Py_ssize_t right, Py_UCS4 fill) {
  if (left < 0) left = 0;
  if (right < 0) right = 0;
  if (left == 0 && right == 0) return return_self(self);
  Py_ssize_t n = ulen(self);
  if (left > PY_SSIZE_T_MAX - n || right > PY_SSIZE_T_MAX - (left + n)) {
    PyErr_SetString(PyExc_OverflowError, "padded string is too long");
    return nullptr;
  }
  Py_UCS4 maxchar = PyUnicode_MAX_CHAR_VALUE(self);
  if (fill > maxchar) maxchar = fill;
  PyObject* r = PyUnicode_New(left + n + right, maxchar);
  if (r == nullptr) return nullptr;
  if (left) _PyUnicode_FastFill(r, 0, left, fill);
  if (right) _PyUnicode_FastFill(r, left + n, right, fill);
  _PyUnicode_FastCopyCharacters(r, left, self, 0, n);
  return r;
}

bool parse_pad_args(const char* name, PyObject* const* args, Py_ssize_t nargs, Py_ssize_t* width, Py_UCS4* fill) {
  if (!_PyArg_CheckPositional(name, nargs, 1, 2)) return false;
  *width = ssize_arg(args[0]);
  if (*width == -1 && PyErr_Occurred()) return false;
  *fill = ' ';
  if (nargs > 1) {
    PyObject* f = args[1];
    if (!PyUnicode_Check(f)) {
      PyErr_Format(PyExc_TypeError, "The fill character must be a unicode character, not %.100s",
                   Py_TYPE(f)->tp_name);
      return false;
    }
    if (ulen(f) != 1) {
      PyErr_SetString(PyExc_TypeError, "The fill character must be exactly one character long");
      return false;
    }
    *fill = PyUnicode_READ_CHAR(f, 0);
  }
  return true;
}

PyObject* unicode_center_m(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  Py_ssize_t width;
  Py_UCS4 fill;
  if (!parse_pad_args("center", args, nargs, &width, &fill)) return nullptr;
  Py_ssize_t n = ulen(self);
  if (n >= width) return return_self(self);
  Py_ssize_t marg = width - n;
  Py_ssize_t left = marg / 2 + (marg & width & 1);
  return pad(self, left, marg - left, fill);
}

PyObject* unicode_ljust_m(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  Py_ssize_t width;
  Py_UCS4 fill;
  if (!parse_pad_args("ljust", args, nargs, &width, &fill)) return nullptr;
  if (ulen(self) >= width) return return_self(self);
  return pad(self, 0, width - ulen(self), fill);
}

PyObject* unicode_rjust_m(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  Py_ssize_t width;
  Py_UCS4 fill;
  if (!parse_pad_args("rjust", args, nargs, &width, &fill)) return nullptr;
  if (ulen(self) >= width) return return_self(self);
  return pad(self, width - ulen(self), 0, fill);
}

PyObject* unicode_zfill_m(PyObject* self, PyObject* arg) {
  Py_ssize_t width = ssize_arg(arg);
  if (width == -1 && PyErr_Occurred()) return nullptr;
  Py_ssize_t n = ulen(self);
  if (n >= width) return return_self(self);
  Py_ssize_t fill = width - n;
  PyObject* r = pad(self, fill, 0, '0');
  if (r == nullptr) return nullptr;
  int kind = ukind(r);
  void* d = udata(r);
  Py_UCS4 c = PyUnicode_READ(kind, d, fill);
  if (c == '+' || c == '-') {
    PyUnicode_WRITE(kind, d, 0, c);
    PyUnicode_WRITE(kind, d, fill, '0');
  }
  return r;
}

PyObject* unicode_expandtabs_m(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"tabsize", nullptr};
  static _PyArg_Parser parser = {.keywords = kwlist, .fname = "expandtabs"};
  PyObject* buf[1] = {};  // unpacking leaves absent optionals unset
  PyObject* const* a = _PyArg_UnpackKeywords(args, nargs, nullptr, kwnames, &parser, 0, 1, 0, buf);
  if (a == nullptr) return nullptr;
  int tabsize = 8;
  if (nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0) > 0 && a[0] != nullptr) {
    tabsize = _PyLong_AsInt(a[0]);
    if (tabsize == -1 && PyErr_Occurred()) return nullptr;
  }
  Py_ssize_t n = ulen(self);
  int kind = ukind(self);
  const void* d = udata(self);
  // Pass 1: result length (and whether there is a tab at all).
  Py_ssize_t j = 0, line = 0;
  bool found = false;
  for (Py_ssize_t i = 0; i < n; ++i) {
    Py_UCS4 c = PyUnicode_READ(kind, d, i);
    if (c == '\t') {
      found = true;
      if (tabsize > 0) {
        Py_ssize_t incr = tabsize - (line % tabsize);
        if (line > PY_SSIZE_T_MAX - incr) goto overflow;
        line += incr;
      }
    } else {
      if (line > PY_SSIZE_T_MAX - 1) goto overflow;
      line++;
      if (c == '\n' || c == '\r') {
        if (j > PY_SSIZE_T_MAX - line) goto overflow;
        j += line;
        line = 0;
      }
    }
  }
  if (j > PY_SSIZE_T_MAX - line) goto overflow;
  j += line;
  if (!found) return return_self(self);
  {
    PyObject* r = PyUnicode_New(j, PyUnicode_MAX_CHAR_VALUE(self));
    if (r == nullptr) return nullptr;
    int rk = ukind(r);
    void* rd = udata(r);
    Py_ssize_t o = 0, col = 0;
    for (Py_ssize_t i = 0; i < n; ++i) {
      Py_UCS4 c = PyUnicode_READ(kind, d, i);
      if (c == '\t') {
        if (tabsize > 0) {
          Py_ssize_t incr = tabsize - (col % tabsize);
          col += incr;
          _PyUnicode_FastFill(r, o, incr, ' ');
          o += incr;
        }
      } else {
        ++col;
        PyUnicode_WRITE(rk, rd, o++, c);
        if (c == '\n' || c == '\r') col = 0;
      }
    }
    return r;
  }
overflow:
  PyErr_SetString(PyExc_OverflowError, "result too long");
  return nullptr;
}

// -- removeprefix / removesuffix -----------------------------------------------------------

PyObject* unicode_removeprefix_m(PyObject* self, PyObject* prefix) {
  if (!PyUnicode_Check(prefix)) {
    _PyArg_BadArgument("removeprefix", "argument", "str", prefix);
    return nullptr;
  }
  if (unicode_tailmatch(self, prefix, 0, PY_SSIZE_T_MAX, -1))
    return unicode_substring(self, ulen(prefix), ulen(self));
  return return_self(self);
}

PyObject* unicode_removesuffix_m(PyObject* self, PyObject* suffix) {
  if (!PyUnicode_Check(suffix)) {
    _PyArg_BadArgument("removesuffix", "argument", "str", suffix);
    return nullptr;
  }
  if (ulen(suffix) && unicode_tailmatch(self, suffix, 0, PY_SSIZE_T_MAX, 1))
    return unicode_substring(self, 0, ulen(self) - ulen(suffix));
  return return_self(self);
}

// -- encode --------------------------------------------------------------------------------

bool str_arg_cstr(const char* fname, const char* argname, PyObject* o, const char** out) {
  if (!PyUnicode_Check(o)) {
    _PyArg_BadArgument(fname, argname, "str", o);
    return false;
  }
  Py_ssize_t len;
  const char* s = PyUnicode_AsUTF8AndSize(o, &len);
  if (s == nullptr) return false;
  if (std::strlen(s) != static_cast<size_t>(len)) {
    PyErr_SetString(PyExc_ValueError, "embedded null character");
    return false;
  }
  *out = s;
  return true;
}

PyObject* unicode_encode_m(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"encoding", "errors", nullptr};
  static _PyArg_Parser parser = {.keywords = kwlist, .fname = "encode"};
  PyObject* buf[2] = {};  // unpacking leaves absent optionals unset
  PyObject* const* a = _PyArg_UnpackKeywords(args, nargs, nullptr, kwnames, &parser, 0, 2, 0, buf);
  if (a == nullptr) return nullptr;
  const char* encoding = nullptr;
  const char* errors = nullptr;
  // Without keywords `a` is the caller's array: read only the slots given.
  Py_ssize_t remaining = nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0);
  if (remaining > 0 && a[0] != nullptr) {
    if (!str_arg_cstr("encode", "argument 'encoding'", a[0], &encoding)) return nullptr;
    remaining--;
  }
  if (remaining > 0 && a[1] != nullptr &&
      !str_arg_cstr("encode", "argument 'errors'", a[1], &errors))
    return nullptr;
  return PyUnicode_AsEncodedString(self, encoding ? encoding : "utf-8", errors);
}

// -- translate / maketrans ---------------------------------------------------------------------

// Looks up ch in table: 1 = mapped (*out set: NULL means delete),
// 0 = unmapped (LookupError), -1 = error.
int translate_lookup(PyObject* table, Py_UCS4 ch, PyObject** out) {
  Ref<> key = steal(PyLong_FromLong(static_cast<long>(ch)));
  if (!key) return -1;
  PyObject* v = PyObject_GetItem(table, key.get());
  if (v == nullptr) {
    if (PyErr_ExceptionMatches(PyExc_LookupError)) {
      PyErr_Clear();
      return 0;
    }
    return -1;
  }
  if (v == Py_None) {
    Py_DECREF(v);
    *out = nullptr;
    return 1;
  }
  if (PyLong_Check(v)) {
    long value = PyLong_AsLong(v);
    Py_DECREF(v);
    if (value == -1 && PyErr_Occurred()) return -1;
    if (value < 0 || value > 0x10FFFF) {
      PyErr_SetString(PyExc_ValueError, "character mapping must be in range(0x110000)");
      return -1;
    }
    *out = unicode_char(static_cast<Py_UCS4>(value));
    return *out ? 1 : -1;
  }
  if (PyUnicode_Check(v)) {
    *out = v;
    return 1;
  }
  Py_DECREF(v);
  PyErr_SetString(PyExc_TypeError, "character mapping must return integer, None or str");
  return -1;
}

PyObject* unicode_translate_m(PyObject* self, PyObject* table) {
  Py_ssize_t n = ulen(self);
  int kind = ukind(self);
  const void* d = udata(self);
  // Per-call cache for ASCII characters: tables are usually small dicts and
  // strings repeat characters.
  PyObject* cache[128] = {};
  bool cached[128] = {};
  _PyUnicodeWriter w;
  _PyUnicodeWriter_Init(&w);
  w.min_length = n;
  w.overallocate = 1;
  PyObject* result = nullptr;
  for (Py_ssize_t i = 0; i < n; ++i) {
    Py_UCS4 c = PyUnicode_READ(kind, d, i);
    PyObject* rep = nullptr;
    int found;
    if (c < 128 && cached[c]) {
      found = cache[c] != reinterpret_cast<PyObject*>(&cache);  // sentinel: unmapped
      rep = found ? cache[c] : nullptr;
      if (found) Py_XINCREF(rep);
    } else {
      found = translate_lookup(table, c, &rep);
      if (found < 0) goto done;
      if (c < 128) {
        cached[c] = true;
        cache[c] = found ? rep : reinterpret_cast<PyObject*>(&cache);
        if (found) Py_XINCREF(rep);
      }
    }
    if (!found) {
      if (_PyUnicodeWriter_WriteChar(&w, c) < 0) goto done;
      continue;
    }
    if (rep != nullptr) {
      int r = _PyUnicodeWriter_WriteStr(&w, rep);
      Py_DECREF(rep);
      if (r < 0) goto done;
    }
  }
  w.overallocate = 0;
  result = _PyUnicodeWriter_Finish(&w);
  w.buffer = nullptr;
done:
  for (int c = 0; c < 128; ++c)
    if (cached[c] && cache[c] != reinterpret_cast<PyObject*>(&cache)) Py_XDECREF(cache[c]);
  if (result == nullptr) _PyUnicodeWriter_Dealloc(&w);
  return result;
}

PyObject* unicode_maketrans_m(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("maketrans", nargs, 1, 3)) return nullptr;
  PyObject* x = args[0];
  PyObject* y = nargs > 1 ? args[1] : nullptr;
  PyObject* z = nargs > 2 ? args[2] : nullptr;
  if (y != nullptr && !PyUnicode_Check(y)) {
    _PyArg_BadArgument("maketrans", "argument 2", "str", y);
    return nullptr;
  }
  if (z != nullptr && !PyUnicode_Check(z)) {
    _PyArg_BadArgument("maketrans", "argument 3", "str", z);
    return nullptr;
  }
  Ref<> result = steal(PyDict_New());
  if (!result) return nullptr;
  if (y != nullptr) {
    if (!PyUnicode_Check(x)) {
      PyErr_SetString(PyExc_TypeError, "first maketrans argument must be a string if there is a second argument");
      return nullptr;
    }
    if (ulen(x) != ulen(y)) {
      PyErr_SetString(PyExc_ValueError, "the first two maketrans arguments must have equal length");
      return nullptr;
    }
    for (Py_ssize_t i = 0; i < ulen(x); ++i) {
      Ref<> k = steal(PyLong_FromLong(PyUnicode_READ_CHAR(x, i)));
      Ref<> v = steal(PyLong_FromLong(PyUnicode_READ_CHAR(y, i)));
      if (!k || !v || PyDict_SetItem(result.get(), k.get(), v.get()) < 0) return nullptr;
    }
    if (z != nullptr) {
      for (Py_ssize_t i = 0; i < ulen(z); ++i) {
        Ref<> k = steal(PyLong_FromLong(PyUnicode_READ_CHAR(z, i)));
        if (!k || PyDict_SetItem(result.get(), k.get(), Py_None) < 0) return nullptr;
      }
    }
    return result.release();
  }
  if (!PyDict_CheckExact(x)) {
    PyErr_SetString(PyExc_TypeError, "if you give only one argument to maketrans it must be a dict");
    return nullptr;
  }
  Py_ssize_t pos = 0;
  PyObject *key, *value;
  while (PyDict_Next(x, &pos, &key, &value)) {
    if (PyUnicode_Check(key)) {
      if (ulen(key) != 1) {
        PyErr_SetString(PyExc_ValueError, "string keys in translate table must be of length 1");
        return nullptr;
      }
      Ref<> k = steal(PyLong_FromLong(PyUnicode_READ_CHAR(key, 0)));
      if (!k || PyDict_SetItem(result.get(), k.get(), value) < 0) return nullptr;
    } else if (PyLong_Check(key)) {
      if (PyDict_SetItem(result.get(), key, value) < 0) return nullptr;
    } else {
      PyErr_SetString(PyExc_TypeError, "keys in translate table must be strings or integers");
      return nullptr;
    }
  }
  return result.release();
}

// -- Misc dunders ----------------------------------------------------------------------------

#define FASTCALL(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)(void)>(f))

}  // namespace

extern "C" PyObject* PyUnicode_Translate(PyObject* str, PyObject* table, const char* errors) {
  if (!ensure_str_arg(str)) return nullptr;
  return unicode_translate_m(str, table);
}

namespace krait {

PyMethodDef unicode_methods[] = {
    {"encode", FASTCALL(unicode_encode_m), METH_FASTCALL | METH_KEYWORDS,
     "encode($self, /, encoding='utf-8', errors='strict')\n--\n\nEncode the string using the codec registered for encoding."},
    {"replace", FASTCALL(unicode_replace_m), METH_FASTCALL,
     "replace($self, old, new, count=-1, /)\n--\n\nReturn a copy with all occurrences of substring old replaced by new."},
    {"split", FASTCALL(unicode_split_m), METH_FASTCALL | METH_KEYWORDS,
     "split($self, /, sep=None, maxsplit=-1)\n--\n\nReturn a list of the substrings in the string, using sep as the separator string."},
    {"rsplit", FASTCALL(unicode_rsplit_m), METH_FASTCALL | METH_KEYWORDS,
     "rsplit($self, /, sep=None, maxsplit=-1)\n--\n\nReturn a list of the substrings in the string, using sep as the separator string."},
    {"join", PyUnicode_Join, METH_O, "join($self, iterable, /)\n--\n\nConcatenate any number of strings."},
    {"capitalize", unicode_capitalize, METH_NOARGS, "capitalize($self, /)\n--\n\nReturn a capitalized version of the string."},
    {"casefold", unicode_casefold, METH_NOARGS, "casefold($self, /)\n--\n\nReturn a version of the string suitable for caseless comparisons."},
    {"title", unicode_title, METH_NOARGS, "title($self, /)\n--\n\nReturn a version of the string where each word is titlecased."},
    {"center", FASTCALL(unicode_center_m), METH_FASTCALL,
     "center($self, width, fillchar=' ', /)\n--\n\nReturn a centered string of length width."},
    {"count", FASTCALL(unicode_count_m), METH_FASTCALL,
     "S.count(sub[, start[, end]]) -> int\n\nReturn the number of non-overlapping occurrences of substring sub in\nstring S[start:end]."},
    {"expandtabs", FASTCALL(unicode_expandtabs_m), METH_FASTCALL | METH_KEYWORDS,
     "expandtabs($self, /, tabsize=8)\n--\n\nReturn a copy where all tab characters are expanded using spaces."},
    {"find", FASTCALL(unicode_find_m), METH_FASTCALL,
     "S.find(sub[, start[, end]]) -> int\n\nReturn the lowest index in S where substring sub is found."},
    {"partition", unicode_partition_m, METH_O, "partition($self, sep, /)\n--\n\nPartition the string into three parts using the given separator."},
    {"index", FASTCALL(unicode_index_m), METH_FASTCALL,
     "S.index(sub[, start[, end]]) -> int\n\nReturn the lowest index in S where substring sub is found."},
    {"ljust", FASTCALL(unicode_ljust_m), METH_FASTCALL,
     "ljust($self, width, fillchar=' ', /)\n--\n\nReturn a left-justified string of length width."},
    {"lower", unicode_lower, METH_NOARGS, "lower($self, /)\n--\n\nReturn a copy of the string converted to lowercase."},
    {"lstrip", FASTCALL(unicode_lstrip_m), METH_FASTCALL,
     "lstrip($self, chars=None, /)\n--\n\nReturn a copy of the string with leading whitespace removed."},
    {"rfind", FASTCALL(unicode_rfind_m), METH_FASTCALL,
     "S.rfind(sub[, start[, end]]) -> int\n\nReturn the highest index in S where substring sub is found."},
    {"rindex", FASTCALL(unicode_rindex_m), METH_FASTCALL,
     "S.rindex(sub[, start[, end]]) -> int\n\nReturn the highest index in S where substring sub is found."},
    {"rjust", FASTCALL(unicode_rjust_m), METH_FASTCALL,
     "rjust($self, width, fillchar=' ', /)\n--\n\nReturn a right-justified string of length width."},
    {"rstrip", FASTCALL(unicode_rstrip_m), METH_FASTCALL,
     "rstrip($self, chars=None, /)\n--\n\nReturn a copy of the string with trailing whitespace removed."},
    {"rpartition", unicode_rpartition_m, METH_O,
     "rpartition($self, sep, /)\n--\n\nPartition the string into three parts using the given separator."},
    {"splitlines", FASTCALL(unicode_splitlines_m), METH_FASTCALL | METH_KEYWORDS,
     "splitlines($self, /, keepends=False)\n--\n\nReturn a list of the lines in the string, breaking at line boundaries."},
    {"strip", FASTCALL(unicode_strip_m), METH_FASTCALL,
     "strip($self, chars=None, /)\n--\n\nReturn a copy of the string with leading and trailing whitespace removed."},
    {"swapcase", unicode_swapcase, METH_NOARGS,
     "swapcase($self, /)\n--\n\nConvert uppercase characters to lowercase and lowercase characters to uppercase."},
    {"translate", unicode_translate_m, METH_O,
     "translate($self, table, /)\n--\n\nReplace each character in the string using the given translation table."},
    {"upper", unicode_upper, METH_NOARGS, "upper($self, /)\n--\n\nReturn a copy of the string converted to uppercase."},
    {"startswith", FASTCALL(unicode_startswith_m), METH_FASTCALL,
     "S.startswith(prefix[, start[, end]]) -> bool\n\nReturn True if S starts with the specified prefix, False otherwise."},
    {"endswith", FASTCALL(unicode_endswith_m), METH_FASTCALL,
     "S.endswith(suffix[, start[, end]]) -> bool\n\nReturn True if S ends with the specified suffix, False otherwise."},
    {"removeprefix", unicode_removeprefix_m, METH_O,
     "removeprefix($self, prefix, /)\n--\n\nReturn a str with the given prefix string removed if present."},
    {"removesuffix", unicode_removesuffix_m, METH_O,
     "removesuffix($self, suffix, /)\n--\n\nReturn a str with the given suffix string removed if present."},
    {"isascii", unicode_isascii, METH_NOARGS, "isascii($self, /)\n--\n\nReturn True if all characters in the string are ASCII, False otherwise."},
    {"islower", unicode_islower, METH_NOARGS, "islower($self, /)\n--\n\nReturn True if the string is a lowercase string, False otherwise."},
    {"isupper", unicode_isupper, METH_NOARGS, "isupper($self, /)\n--\n\nReturn True if the string is an uppercase string, False otherwise."},
    {"istitle", unicode_istitle, METH_NOARGS, "istitle($self, /)\n--\n\nReturn True if the string is a title-cased string, False otherwise."},
    {"isspace", unicode_isspace, METH_NOARGS, "isspace($self, /)\n--\n\nReturn True if the string is a whitespace string, False otherwise."},
    {"isdecimal", unicode_isdecimal, METH_NOARGS, "isdecimal($self, /)\n--\n\nReturn True if the string is a decimal string, False otherwise."},
    {"isdigit", unicode_isdigit, METH_NOARGS, "isdigit($self, /)\n--\n\nReturn True if the string is a digit string, False otherwise."},
    {"isnumeric", unicode_isnumeric, METH_NOARGS, "isnumeric($self, /)\n--\n\nReturn True if the string is a numeric string, False otherwise."},
    {"isalpha", unicode_isalpha, METH_NOARGS, "isalpha($self, /)\n--\n\nReturn True if the string is an alphabetic string, False otherwise."},
    {"isalnum", unicode_isalnum, METH_NOARGS, "isalnum($self, /)\n--\n\nReturn True if the string is an alpha-numeric string, False otherwise."},
    {"isidentifier", unicode_isidentifier, METH_NOARGS,
     "isidentifier($self, /)\n--\n\nReturn True if the string is a valid Python identifier, False otherwise."},
    {"isprintable", unicode_isprintable, METH_NOARGS,
     "isprintable($self, /)\n--\n\nReturn True if the string is printable, False otherwise."},
    {"zfill", unicode_zfill_m, METH_O, "zfill($self, width, /)\n--\n\nPad a numeric string with zeros on the left, to fill a field of the given width."},
    {"format", FASTCALL(unicode_format_method), METH_FASTCALL | METH_KEYWORDS,
     "S.format(*args, **kwargs) -> str\n\nReturn a formatted version of S, using substitutions from args and kwargs.\nThe substitutions are identified by braces ('{' and '}')."},
    {"format_map", unicode_format_map, METH_O,
     "S.format_map(mapping) -> str\n\nReturn a formatted version of S, using substitutions from mapping.\nThe substitutions are identified by braces ('{' and '}')."},
    {"__format__", unicode_dunder_format, METH_O,
     "__format__($self, format_spec, /)\n--\n\nReturn a formatted version of the string as described by format_spec."},
    {"maketrans", FASTCALL(unicode_maketrans_m), METH_FASTCALL | METH_STATIC,
     "maketrans(x, y=<unrepresentable>, z=<unrepresentable>, /)\n--\n\nReturn a translation table usable for str.translate()."},
    {"__sizeof__", unicode_sizeof, METH_NOARGS, "__sizeof__($self, /)\n--\n\nReturn the size of the string in memory, in bytes."},
    {"__getnewargs__", unicode_getnewargs, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace krait
