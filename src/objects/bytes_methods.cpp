// bytes_methods.cpp — the methods bytes and bytearray share (find/count/index,
// startswith/endswith, split/rsplit/splitlines/partition, join, strip
// family, replace, case conversion, is*, padding, hex/fromhex, decode,
// translate/maketrans, removeprefix/removesuffix). Each works on the raw
// bytes of self and builds its result with the same type as self (bytes for
// bytes, bytearray for bytearray), as CPython's stringlib does.
#define PY_SSIZE_T_CLEAN  // Py_BuildValue("y#"): Py_ssize_t lengths
#include <Python.h>

#include <cctype>

#include "objects/bytes_object.h"

using namespace krait;

namespace {

struct Data {
  const char* p;
  Py_ssize_t n;
};

inline Data data_of(PyObject* self) {
  if (PyByteArray_Check(self)) return {PyByteArray_AS_STRING(self), PyByteArray_GET_SIZE(self)};
  return {PyBytes_AS_STRING(self), PyBytes_GET_SIZE(self)};
}

inline PyObject* make(PyObject* self, const char* p, Py_ssize_t n) {
  if (PyByteArray_Check(self)) return PyByteArray_FromStringAndSize(p, n);
  return PyBytes_FromStringAndSize(p, n);
}

// Returns self unchanged for exact bytes, a copy otherwise (bytearray results
// are always new objects).
inline PyObject* same(PyObject* self) {
  if (PyBytes_CheckExact(self)) return Py_NewRef(self);
  Data d = data_of(self);
  return make(self, d.p, d.n);
}

// A contiguous buffer view that releases itself.
struct View {
  Py_buffer b{};
  bool ok = false;
  bool get(PyObject* o, const char* errfmt) {
    if (PyObject_GetBuffer(o, &b, PyBUF_SIMPLE) != 0) {
      PyErr_Format(PyExc_TypeError, errfmt, Py_TYPE(o)->tp_name);
      return false;
    }
    ok = true;
    return true;
  }
  ~View() {
    if (ok) PyBuffer_Release(&b);
  }
  const char* p() const { return static_cast<const char*>(b.buf); }
  Py_ssize_t n() const { return b.len; }
};

const char* const kBytesLike = "a bytes-like object is required, not '%.100s'";

Py_ssize_t find_bytes(const char* s, Py_ssize_t n, const char* p, Py_ssize_t m, Py_ssize_t start, Py_ssize_t end,
                      int dir) {
  if (end - start < m) return -1;
  if (m == 0) return dir > 0 ? start : end;
  if (dir > 0) {
    const void* r = memmem(s + start, end - start, p, m);
    return r ? static_cast<const char*>(r) - s : -1;
  }
  for (Py_ssize_t i = end - m; i >= start; --i)
    if (s[i] == p[0] && std::memcmp(s + i, p, m) == 0) return i;
  return -1;
}

void adjust(Py_ssize_t* start, Py_ssize_t* end, Py_ssize_t len) {
  if (*end > len) *end = len;
  else if (*end < 0) { *end += len; if (*end < 0) *end = 0; }
  if (*start < 0) { *start += len; if (*start < 0) *start = 0; }
}

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

// (sub[, start[, end]]) where sub is a bytes-like object or an int.
struct SubArgs {
  View view;
  char byte;
  const char* p = nullptr;
  Py_ssize_t m = 0;
  Py_ssize_t start = 0, end = PY_SSIZE_T_MAX;
};

bool parse_sub(const char* name, PyObject* const* args, Py_ssize_t nargs, SubArgs* a) {
  if (nargs < 1 || nargs > 3) {
    if (nargs < 1)
      PyErr_Format(PyExc_TypeError, "%s() takes at least 1 argument (0 given)", name);
    else
      PyErr_Format(PyExc_TypeError, "%s() takes at most 3 arguments (%zd given)", name, nargs);
    return false;
  }
  if (nargs > 1 && !slice_index(args[1], &a->start)) return false;
  if (nargs > 2 && !slice_index(args[2], &a->end)) return false;
  PyObject* sub = args[0];
  if (!PyObject_CheckBuffer(sub) && PyIndex_Check(sub)) {
    Py_ssize_t v = PyNumber_AsSsize_t(sub, nullptr);
    if (v == -1 && PyErr_Occurred()) return false;
    if (v < 0 || v > 255) {
      PyErr_SetString(PyExc_ValueError, "byte must be in range(0, 256)");
      return false;
    }
    a->byte = static_cast<char>(v);
    a->p = &a->byte;
    a->m = 1;
    return true;
  }
  if (!a->view.get(sub, "argument should be integer or bytes-like object, not '%.200s'")) return false;
  a->p = a->view.p();
  a->m = a->view.n();
  return true;
}

Py_ssize_t find_common(const char* name, PyObject* self, PyObject* const* args, Py_ssize_t nargs, int dir) {
  SubArgs a;
  if (!parse_sub(name, args, nargs, &a)) return -2;
  Data d = data_of(self);
  adjust(&a.start, &a.end, d.n);
  return find_bytes(d.p, d.n, a.p, a.m, a.start, a.end, dir);
}

PyObject* b_find(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  Py_ssize_t r = find_common("find", self, args, nargs, 1);
  return r == -2 ? nullptr : PyLong_FromSsize_t(r);
}
PyObject* b_rfind(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  Py_ssize_t r = find_common("rfind", self, args, nargs, -1);
  return r == -2 ? nullptr : PyLong_FromSsize_t(r);
}
PyObject* index_result(Py_ssize_t r) {
  if (r == -2) return nullptr;
  if (r == -1) {
    PyErr_SetString(PyExc_ValueError, "subsection not found");
    return nullptr;
  }
  return PyLong_FromSsize_t(r);
}
PyObject* b_index(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  return index_result(find_common("index", self, args, nargs, 1));
}
PyObject* b_rindex(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  return index_result(find_common("rindex", self, args, nargs, -1));
}

PyObject* b_count(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  SubArgs a;
  if (!parse_sub("count", args, nargs, &a)) return nullptr;
  Data d = data_of(self);
  adjust(&a.start, &a.end, d.n);
  if (a.end - a.start < a.m) return PyLong_FromLong(0);
  if (a.m == 0) return PyLong_FromSsize_t(a.end - a.start + 1);
  Py_ssize_t count = 0, i = a.start;
  for (;;) {
    Py_ssize_t pos = find_bytes(d.p, d.n, a.p, a.m, i, a.end, 1);
    if (pos < 0) break;
    ++count;
    i = pos + a.m;
  }
  return PyLong_FromSsize_t(count);
}

// -- startswith / endswith -------------------------------------------------------------

int tailmatch(Data d, PyObject* sub, Py_ssize_t start, Py_ssize_t end, int dir, const char* name) {
  View v;
  if (!v.get(sub, "")) {
    PyErr_Format(PyExc_TypeError, "%s first arg must be bytes or a tuple of bytes, not %.100s", name,
                 Py_TYPE(sub)->tp_name);
    return -1;
  }
  adjust(&start, &end, d.n);
  if (end - start < v.n()) return 0;
  Py_ssize_t off = dir > 0 ? end - v.n() : start;
  return v.n() == 0 || std::memcmp(d.p + off, v.p(), v.n()) == 0;
}

PyObject* tailmatch_m(const char* name, PyObject* self, PyObject* const* args, Py_ssize_t nargs, int dir) {
  if (nargs < 1 || nargs > 3) {
    if (nargs < 1)
      PyErr_Format(PyExc_TypeError, "%s() takes at least 1 argument (0 given)", name);
    else
      PyErr_Format(PyExc_TypeError, "%s() takes at most 3 arguments (%zd given)", name, nargs);
    return nullptr;
  }
  Py_ssize_t start = 0, end = PY_SSIZE_T_MAX;
  if (nargs > 1 && !slice_index(args[1], &start)) return nullptr;
  if (nargs > 2 && !slice_index(args[2], &end)) return nullptr;
  Data d = data_of(self);
  PyObject* sub = args[0];
  if (PyTuple_Check(sub)) {
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(sub); ++i) {
      int r = tailmatch(d, PyTuple_GET_ITEM(sub, i), start, end, dir, name);
      if (r < 0) return nullptr;
      if (r) Py_RETURN_TRUE;
    }
    Py_RETURN_FALSE;
  }
  int r = tailmatch(d, sub, start, end, dir, name);
  return r < 0 ? nullptr : PyBool_FromLong(r);
}
PyObject* b_startswith(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  return tailmatch_m("startswith", self, args, nargs, -1);
}
PyObject* b_endswith(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  return tailmatch_m("endswith", self, args, nargs, 1);
}

// -- split family ------------------------------------------------------------------------

inline bool bspace(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

bool append_piece(PyObject* list, PyObject* self, const char* p, Py_ssize_t n) {
  PyObject* s = make(self, p, n);
  if (s == nullptr) return false;
  int r = PyList_Append(list, s);
  Py_DECREF(s);
  return r == 0;
}

bool parse_split(const char* fname, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames, PyObject** sep,
                 Py_ssize_t* maxsplit) {
  static const char* const kw[] = {"sep", "maxsplit", nullptr};
  static _PyArg_Parser p_split = {.keywords = kw, .fname = "split"};
  static _PyArg_Parser p_rsplit = {.keywords = kw, .fname = "rsplit"};
  PyObject* buf[2] = {};  // unpacking leaves absent optionals unset
  PyObject* const* a =
      _PyArg_UnpackKeywords(args, nargs, nullptr, kwnames, fname[0] == 'r' ? &p_rsplit : &p_split, 0, 2, 0, buf);
  a = all_slots(a, nargs, buf, 2);
  if (a == nullptr) return false;
  Py_ssize_t total = nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0);
  *sep = (total > 0 && a[0] != nullptr && a[0] != Py_None) ? a[0] : nullptr;
  *maxsplit = -1;
  if (total > 0 && a[1] != nullptr) {
    *maxsplit = PyNumber_AsSsize_t(a[1], PyExc_OverflowError);
    if (*maxsplit == -1 && PyErr_Occurred()) return false;
  }
  return true;
}

PyObject* split_impl(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames, bool rev) {
  PyObject* sepobj;
  Py_ssize_t maxcount;
  if (!parse_split(rev ? "rsplit" : "split", args, nargs, kwnames, &sepobj, &maxcount)) return nullptr;
  if (maxcount < 0) maxcount = PY_SSIZE_T_MAX;
  Data d = data_of(self);
  Ref<> list = steal(PyList_New(0));
  if (!list) return nullptr;
  if (sepobj == nullptr) {
    if (!rev) {
      Py_ssize_t i = 0;
      while (maxcount-- > 0) {
        while (i < d.n && bspace(d.p[i])) ++i;
        if (i == d.n) break;
        Py_ssize_t j = i;
        while (i < d.n && !bspace(d.p[i])) ++i;
        if (!append_piece(list.get(), self, d.p + j, i - j)) return nullptr;
      }
      while (i < d.n && bspace(d.p[i])) ++i;
      if (i < d.n && !append_piece(list.get(), self, d.p + i, d.n - i)) return nullptr;
    } else {
      Py_ssize_t i = d.n;
      while (maxcount-- > 0) {
        while (i > 0 && bspace(d.p[i - 1])) --i;
        if (i == 0) break;
        Py_ssize_t j = i;
        while (i > 0 && !bspace(d.p[i - 1])) --i;
        if (!append_piece(list.get(), self, d.p + i, j - i)) return nullptr;
      }
      while (i > 0 && bspace(d.p[i - 1])) --i;
      if (i > 0 && !append_piece(list.get(), self, d.p, i)) return nullptr;
      if (PyList_Reverse(list.get()) < 0) return nullptr;
    }
    return list.release();
  }
  View sep;
  if (!sep.get(sepobj, kBytesLike)) return nullptr;
  Py_ssize_t m = sep.n();
  if (m == 0) {
    PyErr_SetString(PyExc_ValueError, "empty separator");
    return nullptr;
  }
  if (!rev) {
    Py_ssize_t i = 0;
    while (maxcount-- > 0) {
      Py_ssize_t pos = find_bytes(d.p, d.n, sep.p(), m, i, d.n, 1);
      if (pos < 0) break;
      if (!append_piece(list.get(), self, d.p + i, pos - i)) return nullptr;
      i = pos + m;
    }
    if (!append_piece(list.get(), self, d.p + i, d.n - i)) return nullptr;
  } else {
    Py_ssize_t j = d.n;
    while (maxcount-- > 0) {
      Py_ssize_t pos = find_bytes(d.p, d.n, sep.p(), m, 0, j, -1);
      if (pos < 0) break;
      if (!append_piece(list.get(), self, d.p + pos + m, j - pos - m)) return nullptr;
      j = pos;
    }
    if (!append_piece(list.get(), self, d.p, j)) return nullptr;
    if (PyList_Reverse(list.get()) < 0) return nullptr;
  }
  return list.release();
}

PyObject* b_split(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  return split_impl(self, args, nargs, kwnames, false);
}
PyObject* b_rsplit(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  return split_impl(self, args, nargs, kwnames, true);
}

PyObject* b_splitlines(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kw[] = {"keepends", nullptr};
  static _PyArg_Parser parser = {.keywords = kw, .fname = "splitlines"};
  PyObject* buf[1] = {};  // unpacking leaves absent optionals unset
  PyObject* const* a = _PyArg_UnpackKeywords(args, nargs, nullptr, kwnames, &parser, 0, 1, 0, buf);
  a = all_slots(a, nargs, buf, 1);
  if (a == nullptr) return nullptr;
  int keepends = 0;
  if (nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0) > 0 && a[0] != nullptr) {
    keepends = _PyLong_AsInt(a[0]);
    if (keepends == -1 && PyErr_Occurred()) return nullptr;
  }
  Data d = data_of(self);
  Ref<> list = steal(PyList_New(0));
  if (!list) return nullptr;
  Py_ssize_t i = 0;
  while (i < d.n) {
    Py_ssize_t j = i;
    while (i < d.n && d.p[i] != '\n' && d.p[i] != '\r') ++i;
    Py_ssize_t eol = i;
    if (i < d.n) {
      i += (d.p[i] == '\r' && i + 1 < d.n && d.p[i + 1] == '\n') ? 2 : 1;
      if (keepends) eol = i;
    }
    if (!append_piece(list.get(), self, d.p + j, eol - j)) return nullptr;
  }
  return list.release();
}

PyObject* partition_impl(PyObject* self, PyObject* sepobj, bool rev) {
  View sep;
  if (!sep.get(sepobj, kBytesLike)) return nullptr;
  if (sep.n() == 0) {
    PyErr_SetString(PyExc_ValueError, "empty separator");
    return nullptr;
  }
  Data d = data_of(self);
  Py_ssize_t pos = find_bytes(d.p, d.n, sep.p(), sep.n(), 0, d.n, rev ? -1 : 1);
  Ref<> e1 = steal(make(self, "", 0)), e2 = steal(make(self, "", 0));
  if (!e1 || !e2) return nullptr;
  if (pos < 0) {
    Ref<> whole = steal(same(self));
    if (!whole) return nullptr;
    return rev ? PyTuple_Pack(3, e1.get(), e2.get(), whole.get()) : PyTuple_Pack(3, whole.get(), e1.get(), e2.get());
  }
  Ref<> head = steal(make(self, d.p, pos));
  Ref<> mid = steal(make(self, sep.p(), sep.n()));
  Ref<> tail = steal(make(self, d.p + pos + sep.n(), d.n - pos - sep.n()));
  if (!head || !mid || !tail) return nullptr;
  return PyTuple_Pack(3, head.get(), mid.get(), tail.get());
}
PyObject* b_partition(PyObject* self, PyObject* sep) { return partition_impl(self, sep, false); }
PyObject* b_rpartition(PyObject* self, PyObject* sep) { return partition_impl(self, sep, true); }

// -- join -------------------------------------------------------------------------------

PyObject* b_join(PyObject* self, PyObject* iterable) {
  Ref<> seq = steal(PySequence_Fast(iterable, "can only join an iterable"));
  if (!seq) return nullptr;
  Py_ssize_t count = PySequence_Fast_GET_SIZE(seq.get());
  PyObject** items = PySequence_Fast_ITEMS(seq.get());
  if (count == 1 && PyBytes_CheckExact(items[0]) && PyBytes_CheckExact(self)) return Py_NewRef(items[0]);
  Data sep = data_of(self);
  ByteVec out;
  for (Py_ssize_t i = 0; i < count; ++i) {
    Py_buffer b;
    if (PyObject_GetBuffer(items[i], &b, PyBUF_SIMPLE) != 0) {
      PyErr_Format(PyExc_TypeError, "sequence item %zd: expected a bytes-like object, %.80s found", i,
                   Py_TYPE(items[i])->tp_name);
      return nullptr;
    }
    bool ok = (i == 0 || out.append(sep.p, sep.n)) && out.append(static_cast<const char*>(b.buf), b.len);
    PyBuffer_Release(&b);
    if (!ok) return nullptr;
  }
  return make(self, out.data(), out.size());
}

// -- strip -----------------------------------------------------------------------------

PyObject* strip_impl(const char* name, int type, PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional(name, nargs, 0, 1)) return nullptr;
  Data d = data_of(self);
  View chars;
  bool have = nargs > 0 && args[0] != Py_None;
  if (have && !chars.get(args[0], kBytesLike)) return nullptr;
  auto strip_it = [&](unsigned char c) {
    return have ? std::memchr(chars.p(), c, chars.n()) != nullptr : bspace(c);
  };
  Py_ssize_t i = 0, j = d.n;
  if (type & 1)
    while (i < j && strip_it(d.p[i])) ++i;
  if (type & 2)
    while (j > i && strip_it(d.p[j - 1])) --j;
  if (i == 0 && j == d.n) return same(self);
  return make(self, d.p + i, j - i);
}
PyObject* b_strip(PyObject* self, PyObject* const* args, Py_ssize_t nargs) { return strip_impl("strip", 3, self, args, nargs); }
PyObject* b_lstrip(PyObject* self, PyObject* const* args, Py_ssize_t nargs) { return strip_impl("lstrip", 1, self, args, nargs); }
PyObject* b_rstrip(PyObject* self, PyObject* const* args, Py_ssize_t nargs) { return strip_impl("rstrip", 2, self, args, nargs); }

// -- replace ---------------------------------------------------------------------------

PyObject* b_replace(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("replace", nargs, 2, 3)) return nullptr;
  View from, to;
  if (!from.get(args[0], kBytesLike) || !to.get(args[1], kBytesLike)) return nullptr;
  Py_ssize_t maxcount = -1;
  if (nargs > 2) {
    maxcount = PyNumber_AsSsize_t(args[2], PyExc_OverflowError);
    if (maxcount == -1 && PyErr_Occurred()) return nullptr;
  }
  if (maxcount < 0) maxcount = PY_SSIZE_T_MAX;
  Data d = data_of(self);
  ByteVec out;
  Py_ssize_t m = from.n();
  if (m == 0) {
    Py_ssize_t i = 0;
    for (Py_ssize_t k = 0; k < maxcount && k <= d.n; ++k) {
      if (!out.append(to.p(), to.n())) return nullptr;
      if (i < d.n && !out.append(d.p + i++, 1)) return nullptr;
    }
    if (!out.append(d.p + i, d.n - i)) return nullptr;
    return make(self, out.data(), out.size());
  }
  Py_ssize_t i = 0, done = 0;
  while (done < maxcount) {
    Py_ssize_t pos = find_bytes(d.p, d.n, from.p(), m, i, d.n, 1);
    if (pos < 0) break;
    if (!out.append(d.p + i, pos - i) || !out.append(to.p(), to.n())) return nullptr;
    i = pos + m;
    ++done;
  }
  if (done == 0) return same(self);
  if (!out.append(d.p + i, d.n - i)) return nullptr;
  return make(self, out.data(), out.size());
}

// -- case and predicates -----------------------------------------------------------------

template <class F>
PyObject* map_bytes(PyObject* self, F f) {
  Data d = data_of(self);
  PyObject* r = make(self, nullptr, d.n);
  if (r == nullptr) return nullptr;
  char* o = PyByteArray_Check(r) ? PyByteArray_AS_STRING(r) : PyBytes_AS_STRING(r);
  Data src = data_of(self);  // re-read: make() cannot move self, but be explicit
  f(src.p, o, src.n);
  return r;
}

inline char lo(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
inline char up(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; }
inline bool isup(char c) { return c >= 'A' && c <= 'Z'; }
inline bool islo(char c) { return c >= 'a' && c <= 'z'; }

PyObject* b_lower(PyObject* self, PyObject*) {
  return map_bytes(self, [](const char* s, char* o, Py_ssize_t n) { for (Py_ssize_t i = 0; i < n; ++i) o[i] = lo(s[i]); });
}
PyObject* b_upper(PyObject* self, PyObject*) {
  return map_bytes(self, [](const char* s, char* o, Py_ssize_t n) { for (Py_ssize_t i = 0; i < n; ++i) o[i] = up(s[i]); });
}
PyObject* b_swapcase(PyObject* self, PyObject*) {
  return map_bytes(self, [](const char* s, char* o, Py_ssize_t n) {
    for (Py_ssize_t i = 0; i < n; ++i) o[i] = isup(s[i]) ? lo(s[i]) : up(s[i]);
  });
}
PyObject* b_capitalize(PyObject* self, PyObject*) {
  return map_bytes(self, [](const char* s, char* o, Py_ssize_t n) {
    for (Py_ssize_t i = 0; i < n; ++i) o[i] = i == 0 ? up(s[i]) : lo(s[i]);
  });
}
PyObject* b_title(PyObject* self, PyObject*) {
  return map_bytes(self, [](const char* s, char* o, Py_ssize_t n) {
    bool prev = false;
    for (Py_ssize_t i = 0; i < n; ++i) {
      o[i] = prev ? lo(s[i]) : up(s[i]);
      prev = isup(s[i]) || islo(s[i]);
    }
  });
}

template <class P>
PyObject* all_bytes(PyObject* self, P pred) {
  Data d = data_of(self);
  if (d.n == 0) Py_RETURN_FALSE;
  for (Py_ssize_t i = 0; i < d.n; ++i)
    if (!pred(static_cast<unsigned char>(d.p[i]))) Py_RETURN_FALSE;
  Py_RETURN_TRUE;
}
PyObject* b_isalpha(PyObject* s, PyObject*) { return all_bytes(s, [](unsigned char c) { return isup(c) || islo(c); }); }
PyObject* b_isdigit(PyObject* s, PyObject*) { return all_bytes(s, [](unsigned char c) { return c >= '0' && c <= '9'; }); }
PyObject* b_isalnum(PyObject* s, PyObject*) {
  return all_bytes(s, [](unsigned char c) { return isup(c) || islo(c) || (c >= '0' && c <= '9'); });
}
PyObject* b_isspace(PyObject* s, PyObject*) { return all_bytes(s, [](unsigned char c) { return bspace(c); }); }
PyObject* b_isascii(PyObject* self, PyObject*) {
  Data d = data_of(self);
  for (Py_ssize_t i = 0; i < d.n; ++i)
    if (static_cast<unsigned char>(d.p[i]) >= 128) Py_RETURN_FALSE;
  Py_RETURN_TRUE;
}
PyObject* cased_check(PyObject* self, bool upper) {
  Data d = data_of(self);
  bool cased = false;
  for (Py_ssize_t i = 0; i < d.n; ++i) {
    char c = d.p[i];
    if (upper ? islo(c) : isup(c)) Py_RETURN_FALSE;
    if (upper ? isup(c) : islo(c)) cased = true;
  }
  return PyBool_FromLong(cased);
}
PyObject* b_isupper(PyObject* s, PyObject*) { return cased_check(s, true); }
PyObject* b_islower(PyObject* s, PyObject*) { return cased_check(s, false); }
PyObject* b_istitle(PyObject* self, PyObject*) {
  Data d = data_of(self);
  bool cased = false, prev = false;
  for (Py_ssize_t i = 0; i < d.n; ++i) {
    char c = d.p[i];
    if (isup(c)) {
      if (prev) Py_RETURN_FALSE;
      prev = cased = true;
    } else if (islo(c)) {
      if (!prev) Py_RETURN_FALSE;
      prev = cased = true;
    } else {
      prev = false;
    }
  }
  return PyBool_FromLong(cased);
}

// -- padding -----------------------------------------------------------------------------

PyObject* pad_impl(const char* name, PyObject* self, PyObject* const* args, Py_ssize_t nargs, int where) {
  if (!_PyArg_CheckPositional(name, nargs, 1, 2)) return nullptr;
  Py_ssize_t width = PyNumber_AsSsize_t(args[0], PyExc_OverflowError);
  if (width == -1 && PyErr_Occurred()) return nullptr;
  char fill = ' ';
  if (nargs > 1) {
    PyObject* f = args[1];
    if (PyBytes_Check(f) && PyBytes_GET_SIZE(f) == 1) {
      fill = PyBytes_AS_STRING(f)[0];
    } else if (PyByteArray_Check(f) && PyByteArray_GET_SIZE(f) == 1) {
      fill = PyByteArray_AS_STRING(f)[0];
    } else {
      PyErr_Format(PyExc_TypeError,
                   "%s() argument 2 must be a byte string of length 1, not %.50s", name,
                   PyBytes_Check(f) || PyByteArray_Check(f) ? (PyBytes_Check(f) ? "bytes" : "bytearray")
                                                             : Py_TYPE(f)->tp_name);
      return nullptr;
    }
  }
  Data d = data_of(self);
  if (d.n >= width) return same(self);
  Py_ssize_t marg = width - d.n, left;
  if (where < 0) left = 0;
  else if (where > 0) left = marg;
  else left = marg / 2 + (marg & width & 1);
  PyObject* r = make(self, nullptr, width);
  if (r == nullptr) return nullptr;
  char* o = PyByteArray_Check(r) ? PyByteArray_AS_STRING(r) : PyBytes_AS_STRING(r);
  std::memset(o, fill, left);
  std::memcpy(o + left, d.p, d.n);
  std::memset(o + left + d.n, fill, marg - left);
  return r;
}
PyObject* b_ljust(PyObject* s, PyObject* const* a, Py_ssize_t n) { return pad_impl("ljust", s, a, n, -1); }
PyObject* b_rjust(PyObject* s, PyObject* const* a, Py_ssize_t n) { return pad_impl("rjust", s, a, n, 1); }
PyObject* b_center(PyObject* s, PyObject* const* a, Py_ssize_t n) { return pad_impl("center", s, a, n, 0); }

PyObject* b_zfill(PyObject* self, PyObject* arg) {
  Py_ssize_t width = PyNumber_AsSsize_t(arg, PyExc_OverflowError);
  if (width == -1 && PyErr_Occurred()) return nullptr;
  Data d = data_of(self);
  if (d.n >= width) return same(self);
  Py_ssize_t fill = width - d.n;
  PyObject* r = make(self, nullptr, width);
  if (r == nullptr) return nullptr;
  char* o = PyByteArray_Check(r) ? PyByteArray_AS_STRING(r) : PyBytes_AS_STRING(r);
  std::memset(o, '0', fill);
  std::memcpy(o + fill, d.p, d.n);
  if (d.n > 0 && (o[fill] == '+' || o[fill] == '-')) {
    o[0] = o[fill];
    o[fill] = '0';
  }
  return r;
}

// expandtabs(tabsize=8): tabs become spaces up to the next multiple of
// tabsize; the column restarts after \n and \r.
PyObject* b_expandtabs(PyObject* self, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"tabsize", nullptr};
  int tabsize = 8;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|i:expandtabs", const_cast<char**>(kwlist), &tabsize))
    return nullptr;
  Data d = data_of(self);
  Py_ssize_t total = 0, col = 0;
  for (Py_ssize_t i = 0; i < d.n; i++) {
    char c = d.p[i];
    Py_ssize_t add = 1;
    if (c == '\t') {
      add = tabsize > 0 ? tabsize - col % tabsize : 0;
      col += add;
    } else {
      col = (c == '\n' || c == '\r') ? 0 : col + 1;
    }
    if (total > PY_SSIZE_T_MAX - add) {
      PyErr_SetString(PyExc_OverflowError, "result too long");
      return nullptr;
    }
    total += add;
  }
  PyObject* r = make(self, nullptr, total);
  if (r == nullptr) return nullptr;
  char* o = PyByteArray_Check(r) ? PyByteArray_AS_STRING(r) : PyBytes_AS_STRING(r);
  col = 0;
  for (Py_ssize_t i = 0; i < d.n; i++) {
    char c = d.p[i];
    if (c == '\t') {
      if (tabsize > 0) {
        Py_ssize_t k = tabsize - col % tabsize;
        std::memset(o, ' ', k);
        o += k;
        col += k;
      }
    } else {
      *o++ = c;
      col = (c == '\n' || c == '\r') ? 0 : col + 1;
    }
  }
  return r;
}

// -- prefix / suffix ----------------------------------------------------------------------

PyObject* b_removeprefix(PyObject* self, PyObject* arg) {
  View v;
  if (!v.get(arg, kBytesLike)) return nullptr;
  Data d = data_of(self);
  if (v.n() <= d.n && std::memcmp(d.p, v.p(), v.n()) == 0 && v.n() > 0) return make(self, d.p + v.n(), d.n - v.n());
  return same(self);
}
PyObject* b_removesuffix(PyObject* self, PyObject* arg) {
  View v;
  if (!v.get(arg, kBytesLike)) return nullptr;
  Data d = data_of(self);
  if (v.n() <= d.n && v.n() > 0 && std::memcmp(d.p + d.n - v.n(), v.p(), v.n()) == 0)
    return make(self, d.p, d.n - v.n());
  return same(self);
}

// -- hex / fromhex -----------------------------------------------------------------------

PyObject* b_hex(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kw[] = {"sep", "bytes_per_sep", nullptr};
  static _PyArg_Parser parser = {.keywords = kw, .fname = "hex"};
  PyObject* buf[2] = {};  // unpacking leaves absent optionals unset
  PyObject* const* a = _PyArg_UnpackKeywords(args, nargs, nullptr, kwnames, &parser, 0, 2, 0, buf);
  a = all_slots(a, nargs, buf, 2);
  if (a == nullptr) return nullptr;
  Py_ssize_t total = nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0);
  PyObject* sep = total > 0 ? a[0] : nullptr;
  int per = 1;
  if (total > 1 && a[1] != nullptr) {
    per = _PyLong_AsInt(a[1]);
    if (per == -1 && PyErr_Occurred()) return nullptr;
  }
  Data d = data_of(self);
  return hex_with_sep(reinterpret_cast<const unsigned char*>(d.p), d.n, sep, per);
}

int hexdigit(Py_UCS4 c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

PyObject* fromhex_impl(PyTypeObject* type, PyObject* string) {
  if (!PyUnicode_Check(string)) {
    _PyArg_BadArgument("fromhex", "argument", "str", string);
    return nullptr;
  }
  Py_ssize_t n = PyUnicode_GET_LENGTH(string);
  int kind = PyUnicode_KIND(string);
  const void* dd = PyUnicode_DATA(string);
  ByteVec out;
  Py_ssize_t i = 0;
  while (i < n) {
    Py_UCS4 c = PyUnicode_READ(kind, dd, i);
    if (c == ' ' || (c >= '\t' && c <= '\r')) {
      ++i;
      continue;
    }
    int hi = hexdigit(c);
    if (hi < 0 || i + 1 >= n || hexdigit(PyUnicode_READ(kind, dd, i + 1)) < 0) {
      Py_ssize_t at = hi < 0 ? i : i + 1;
      if (hi >= 0 && i + 1 >= n) {
        PyErr_Format(PyExc_ValueError, "non-hexadecimal number found in fromhex() arg at position %zd", at);
      } else {
        PyErr_Format(PyExc_ValueError, "non-hexadecimal number found in fromhex() arg at position %zd", at);
      }
      return nullptr;
    }
    int lo4 = hexdigit(PyUnicode_READ(kind, dd, i + 1));
    if (!out.push(static_cast<char>((hi << 4) | lo4))) return nullptr;
    i += 2;
  }
  PyObject* r = type == &PyByteArray_Type || PyType_IsSubtype(type, &PyByteArray_Type)
                    ? PyByteArray_FromStringAndSize(out.data(), out.size())
                    : PyBytes_FromStringAndSize(out.data(), out.size());
  if (r == nullptr || type == &PyBytes_Type || type == &PyByteArray_Type) return r;
  PyObject* sub = PyObject_CallOneArg(reinterpret_cast<PyObject*>(type), r);
  Py_DECREF(r);
  return sub;
}

PyObject* b_fromhex(PyObject* cls, PyObject* string) {
  return fromhex_impl(reinterpret_cast<PyTypeObject*>(cls), string);
}

// -- decode -----------------------------------------------------------------------------

PyObject* b_decode(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kw[] = {"encoding", "errors", nullptr};
  static _PyArg_Parser parser = {.keywords = kw, .fname = "decode"};
  PyObject* buf[2] = {};  // unpacking leaves absent optionals unset
  PyObject* const* a = _PyArg_UnpackKeywords(args, nargs, nullptr, kwnames, &parser, 0, 2, 0, buf);
  a = all_slots(a, nargs, buf, 2);
  if (a == nullptr) return nullptr;
  const char* enc[2] = {nullptr, nullptr};
  if (nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0) > 0) {
    for (int k = 0; k < 2; ++k) {
      if (a[k] == nullptr) continue;
      if (!PyUnicode_Check(a[k])) {
        _PyArg_BadArgument("decode", k == 0 ? "argument 'encoding'" : "argument 'errors'", "str", a[k]);
        return nullptr;
      }
      Py_ssize_t len;
      enc[k] = PyUnicode_AsUTF8AndSize(a[k], &len);
      if (enc[k] == nullptr) return nullptr;
      if (std::strlen(enc[k]) != static_cast<size_t>(len)) {
        PyErr_SetString(PyExc_ValueError, "embedded null character");
        return nullptr;
      }
    }
  }
  Data d = data_of(self);
  // Empty data decodes to '' without looking the codec up (outside -X dev), as
  // PyUnicode_FromEncodedObject does in CPython.
  if (d.n == 0) return PyUnicode_FromEncodedObject(self, enc[0] ? enc[0] : "utf-8", enc[1]);
  return PyUnicode_Decode(d.p, d.n, enc[0] ? enc[0] : "utf-8", enc[1]);
}

// -- translate / maketrans ----------------------------------------------------------------

PyObject* b_translate(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kw[] = {"", "delete", nullptr};
  static _PyArg_Parser parser = {.keywords = kw, .fname = "translate"};
  PyObject* buf[2] = {};  // unpacking leaves absent optionals unset
  PyObject* const* a = _PyArg_UnpackKeywords(args, nargs, nullptr, kwnames, &parser, 1, 2, 0, buf);
  a = all_slots(a, nargs, buf, 2);
  if (a == nullptr) return nullptr;
  View table, del;
  bool have_table = a[0] != Py_None;
  if (have_table) {
    if (!table.get(a[0], kBytesLike)) return nullptr;
    if (table.n() != 256) {
      PyErr_SetString(PyExc_ValueError, "translation table must be 256 characters long");
      return nullptr;
    }
  }
  bool have_del = nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0) > 1 && a[1] != nullptr;
  if (have_del && !del.get(a[1], kBytesLike)) return nullptr;
  bool drop[256] = {};
  if (have_del)
    for (Py_ssize_t i = 0; i < del.n(); ++i) drop[static_cast<unsigned char>(del.p()[i])] = true;
  Data d = data_of(self);
  ByteVec out;
  bool changed = false;
  for (Py_ssize_t i = 0; i < d.n; ++i) {
    unsigned char c = d.p[i];
    if (drop[c]) {
      changed = true;
      continue;
    }
    char o = have_table ? table.p()[c] : static_cast<char>(c);
    changed |= o != static_cast<char>(c);
    if (!out.push(o)) return nullptr;
  }
  if (!changed) return same(self);
  return make(self, out.data(), out.size());
}

PyObject* b_maketrans(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("maketrans", nargs, 2, 2)) return nullptr;
  View from, to;
  if (!from.get(args[0], kBytesLike) || !to.get(args[1], kBytesLike)) return nullptr;
  if (from.n() != to.n()) {
    PyErr_SetString(PyExc_ValueError, "maketrans arguments must have same length");
    return nullptr;
  }
  PyObject* r = PyBytes_FromStringAndSize(nullptr, 256);
  if (r == nullptr) return nullptr;
  char* t = PyBytes_AS_STRING(r);
  for (int i = 0; i < 256; ++i) t[i] = static_cast<char>(i);
  for (Py_ssize_t i = 0; i < from.n(); ++i) t[static_cast<unsigned char>(from.p()[i])] = to.p()[i];
  return r;
}

PyObject* b_getnewargs(PyObject* self, PyObject*) {
  Data d = data_of(self);
  return Py_BuildValue("(y#)", d.p, d.n);
}

PyObject* bytes_dunder_bytes(PyObject* self, PyObject*) {
  if (PyBytes_CheckExact(self)) return Py_NewRef(self);
  return PyBytes_FromStringAndSize(PyBytes_AS_STRING(self), PyBytes_GET_SIZE(self));
}

PyObject* bytes_mod(PyObject* a, PyObject* b) {
  if (!PyBytes_Check(a)) Py_RETURN_NOTIMPLEMENTED;
  return _PyBytes_FormatEx(PyBytes_AS_STRING(a), PyBytes_GET_SIZE(a), b, 0);
}

#define FC(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)(void)>(f))

}  // namespace

int krait::bytes_contains_data(const char* data, Py_ssize_t n, PyObject* arg) {
  if (!PyObject_CheckBuffer(arg) && PyIndex_Check(arg)) {
    Py_ssize_t v = PyNumber_AsSsize_t(arg, nullptr);
    if (v == -1 && PyErr_Occurred()) return -1;
    if (v < 0 || v > 255) {
      PyErr_SetString(PyExc_ValueError, "byte must be in range(0, 256)");
      return -1;
    }
    return std::memchr(data, static_cast<int>(v), n) != nullptr;
  }
  View v;
  if (!v.get(arg, kBytesLike)) return -1;
  return find_bytes(data, n, v.p(), v.n(), 0, n, 1) >= 0;
}

#define SHARED_METHODS                                                                                      \
  {"capitalize", b_capitalize, METH_NOARGS, nullptr},                                                      \
  {"center", FC(b_center), METH_FASTCALL, "center($self, width, fillchar=b' ', /)\n--\n\nReturn a copy centred in a field of the given width, padded with fillchar."},                                                        \
  {"count", FC(b_count), METH_FASTCALL, nullptr},                                                          \
  {"decode", FC(b_decode), METH_FASTCALL | METH_KEYWORDS, "decode($self, /, encoding='utf-8', errors='strict')\n--\n\nDecode the bytes with the codec registered for encoding and return the text."},                                        \
  {"endswith", FC(b_endswith), METH_FASTCALL, nullptr},                                                    \
  {"expandtabs", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(b_expandtabs)),                 \
   METH_VARARGS | METH_KEYWORDS, "expandtabs($self, /, tabsize=8)\n--\n\nReturn a copy whose tab characters are replaced by spaces up to the next multiple of tabsize."},                                                                 \
  {"find", FC(b_find), METH_FASTCALL, nullptr},                                                            \
  {"fromhex", b_fromhex, METH_O | METH_CLASS, "fromhex($type, string, /)\n--\n\nBuild an object from hexadecimal digit pairs; whitespace between pairs is ignored."},                                                    \
  {"hex", FC(b_hex), METH_FASTCALL | METH_KEYWORDS, "hex($self, /, sep=<unrepresentable>, bytes_per_sep=1)\n--\n\nReturn the data as hexadecimal digits, optionally with sep between groups of bytes_per_sep bytes."},                                              \
  {"index", FC(b_index), METH_FASTCALL, nullptr},                                                          \
  {"isalnum", b_isalnum, METH_NOARGS, nullptr},                                                            \
  {"isalpha", b_isalpha, METH_NOARGS, nullptr},                                                            \
  {"isascii", b_isascii, METH_NOARGS, nullptr},                                                            \
  {"isdigit", b_isdigit, METH_NOARGS, nullptr},                                                            \
  {"islower", b_islower, METH_NOARGS, nullptr},                                                            \
  {"isspace", b_isspace, METH_NOARGS, nullptr},                                                            \
  {"istitle", b_istitle, METH_NOARGS, nullptr},                                                            \
  {"isupper", b_isupper, METH_NOARGS, nullptr},                                                            \
  {"join", b_join, METH_O, "join($self, iterable_of_bytes, /)\n--\n\nConcatenate the bytes-like objects of the iterable with this object between them."},                                                                       \
  {"ljust", FC(b_ljust), METH_FASTCALL, "ljust($self, width, fillchar=b' ', /)\n--\n\nReturn a copy left-justified in a field of the given width, padded with fillchar."},                                                          \
  {"lower", b_lower, METH_NOARGS, nullptr},                                                                \
  {"lstrip", FC(b_lstrip), METH_FASTCALL, "lstrip($self, bytes=None, /)\n--\n\nReturn a copy without the leading bytes found in the argument (ASCII whitespace by default)."},                                                        \
  {"maketrans", FC(b_maketrans), METH_FASTCALL | METH_STATIC, nullptr},                                    \
  {"partition", b_partition, METH_O, "partition($self, sep, /)\n--\n\nSplit at the first occurrence of sep into (head, sep, tail); without one, (whole, empty, empty)."},                                                             \
  {"replace", FC(b_replace), METH_FASTCALL, "replace($self, old, new, count=-1, /)\n--\n\nReturn a copy with occurrences of old replaced by new (at most count of them when count >= 0)."},                                                      \
  {"removeprefix", b_removeprefix, METH_O, "removeprefix($self, prefix, /)\n--\n\nReturn a copy without the given prefix if it starts with it."},                                                       \
  {"removesuffix", b_removesuffix, METH_O, "removesuffix($self, suffix, /)\n--\n\nReturn a copy without the given suffix if it ends with it."},                                                       \
  {"rfind", FC(b_rfind), METH_FASTCALL, nullptr},                                                          \
  {"rindex", FC(b_rindex), METH_FASTCALL, nullptr},                                                        \
  {"rjust", FC(b_rjust), METH_FASTCALL, "rjust($self, width, fillchar=b' ', /)\n--\n\nReturn a copy right-justified in a field of the given width, padded with fillchar."},                                                          \
  {"rpartition", b_rpartition, METH_O, "rpartition($self, sep, /)\n--\n\nSplit at the last occurrence of sep into (head, sep, tail); without one, (empty, empty, whole)."},                                                           \
  {"rsplit", FC(b_rsplit), METH_FASTCALL | METH_KEYWORDS, "rsplit($self, /, sep=None, maxsplit=-1)\n--\n\nSplit from the right at sep (runs of ASCII whitespace by default), at most maxsplit times."},                                        \
  {"rstrip", FC(b_rstrip), METH_FASTCALL, "rstrip($self, bytes=None, /)\n--\n\nReturn a copy without the trailing bytes found in the argument (ASCII whitespace by default)."},                                                        \
  {"split", FC(b_split), METH_FASTCALL | METH_KEYWORDS, "split($self, /, sep=None, maxsplit=-1)\n--\n\nSplit at sep (runs of ASCII whitespace by default), at most maxsplit times, into a list."},                                          \
  {"splitlines", FC(b_splitlines), METH_FASTCALL | METH_KEYWORDS, "splitlines($self, /, keepends=False)\n--\n\nSplit at line boundaries into a list of lines, keeping the line ends when keepends is true."},                                \
  {"startswith", FC(b_startswith), METH_FASTCALL, nullptr},                                                \
  {"strip", FC(b_strip), METH_FASTCALL, "strip($self, bytes=None, /)\n--\n\nReturn a copy without the leading and trailing bytes found in the argument (ASCII whitespace by default)."},                                                          \
  {"swapcase", b_swapcase, METH_NOARGS, nullptr},                                                          \
  {"title", b_title, METH_NOARGS, nullptr},                                                                \
  {"translate", FC(b_translate), METH_FASTCALL | METH_KEYWORDS, "translate($self, table, /, delete=b'')\n--\n\nMap every byte through the 256-byte table (None: identity) after dropping the bytes in delete."},                                  \
  {"upper", b_upper, METH_NOARGS, nullptr},                                                                \
  {"zfill", b_zfill, METH_O, "zfill($self, width, /)\n--\n\nPad with zeros on the left to the given width, after a leading sign if there is one."},

namespace krait {

// bytes.hex()-style formatting with an optional one-character separator
// every |bytes_per_sep| bytes, counted from the right when positive (bytes,
// bytearray and memoryview .hex()).
PyObject* hex_with_sep(const unsigned char* data, Py_ssize_t n, PyObject* sep, int bytes_per_sep) {
  char sep_char = 0;
  if (sep != nullptr) {
    Py_ssize_t seplen = PyObject_Length(sep);
    if (seplen < 0) return nullptr;
    if (seplen != 1) {
      PyErr_SetString(PyExc_ValueError, "sep must be length 1.");
      return nullptr;
    }
    Py_UCS4 c;
    if (PyUnicode_Check(sep)) {
      if (PyUnicode_READY(sep) < 0) return nullptr;
      if (PyUnicode_KIND(sep) != PyUnicode_1BYTE_KIND) {
        PyErr_SetString(PyExc_ValueError, "sep must be ASCII.");
        return nullptr;
      }
      c = PyUnicode_READ_CHAR(sep, 0);
    } else if (PyBytes_Check(sep)) {
      c = static_cast<unsigned char>(PyBytes_AS_STRING(sep)[0]);
    } else {
      PyErr_SetString(PyExc_TypeError, "sep must be str or bytes.");
      return nullptr;
    }
    if (c > 127) {
      PyErr_SetString(PyExc_ValueError, "sep must be ASCII.");
      return nullptr;
    }
    sep_char = static_cast<char>(c);
  } else {
    bytes_per_sep = 0;
  }
  Py_ssize_t group = bytes_per_sep < 0 ? -static_cast<Py_ssize_t>(bytes_per_sep) : bytes_per_sep;
  if (group >= n) group = 0;
  Py_ssize_t nseps = group != 0 ? (n - 1) / group : 0;
  if (n >= PY_SSIZE_T_MAX / 2 - nseps) return PyErr_NoMemory();
  PyObject* result = PyUnicode_New(2 * n + nseps, 127);
  if (result == nullptr) return nullptr;
  auto* out = static_cast<char*>(PyUnicode_DATA(result));
  static const char kHex[] = "0123456789abcdef";
  for (Py_ssize_t i = 0; i < n; ++i) {
    if (group != 0 && i > 0) {
      bool boundary = bytes_per_sep > 0 ? (n - i) % group == 0 : i % group == 0;
      if (boundary) *out++ = sep_char;
    }
    *out++ = kHex[data[i] >> 4];
    *out++ = kHex[data[i] & 0xf];
  }
  return result;
}


PyMethodDef bytes_methods[] = {
    SHARED_METHODS
    {"__getnewargs__", b_getnewargs, METH_NOARGS, nullptr},
    {"__bytes__", bytes_dunder_bytes, METH_NOARGS,
     "__bytes__($self, /)\n--\n\nConvert this value to exact type bytes."},
    {nullptr, nullptr, 0, nullptr},
};

PyMethodDef bytearray_shared_methods[] = {
    SHARED_METHODS
    {nullptr, nullptr, 0, nullptr},
};

PyNumberMethods bytes_as_number = {.nb_remainder = bytes_mod};

}  // namespace krait

// sep.join(x) for a bytes separator (used by C code that builds bytes).
extern "C" PyObject* _PyBytes_Join(PyObject* sep, PyObject* x) {
  if (sep == nullptr || !PyBytes_Check(sep) || x == nullptr) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  return b_join(sep, x);
}
