// sre_module.cpp — the `_sre` module: compile() and the character helpers
// re/_compiler.py needs, and the Pattern type (re.Pattern) with match,
// fullmatch, search, findall, finditer, scanner, split, sub and subn.
//
// Replacement templates are handled as CPython 3.11 does: a str/bytes
// template without a backslash is used literally, anything else goes through
// re._subx (which parses the template with re/_parser.py), and
// Match.expand calls re._expand.
#include "modules/sre/sre.h"

#include <cstring>
#include <string>

#include <structmember.h>

#include "support/ref.h"

using namespace krait;

namespace krait::sre {

PyObject* call_re(const char* name, PyObject* args) {
  if (!args) return nullptr;
  Ref<> a = steal(args);
  Ref<> mod = steal(PyImport_ImportModule("re"));
  if (!mod) return nullptr;
  Ref<> fn = steal(PyObject_GetAttrString(mod.get(), name));
  if (!fn) return nullptr;
  return PyObject_Call(fn.get(), a.get(), nullptr);
}

// Finds the characters of `string`; *isbytes tells which kind it was.
static int get_subject(PyObject* string, State& st, Py_buffer* view, bool* has_view,
                       bool* isbytes) {
  *has_view = false;
  if (PyUnicode_Check(string)) {
    if (PyUnicode_READY(string) < 0) return -1;
    st.data = PyUnicode_DATA(string);
    st.length = PyUnicode_GET_LENGTH(string);
    st.charsize = PyUnicode_KIND(string);
    *isbytes = false;
    return 0;
  }
  if (PyObject_CheckBuffer(string) && PyObject_GetBuffer(string, view, PyBUF_SIMPLE) == 0) {
    *has_view = true;
    st.data = view->buf;
    st.length = view->len;
    st.charsize = 1;
    *isbytes = true;
    return 0;
  }
  PyErr_Clear();
  PyErr_Format(PyExc_TypeError, "expected string or bytes-like object, got '%.200s'",
               Py_TYPE(string)->tp_name);
  return -1;
}

int state_init(State& st, PatternObject* p, PyObject* string, Py_ssize_t pos,
               Py_ssize_t endpos, Py_buffer* view, bool* has_view) {
  bool isbytes;
  if (get_subject(string, st, view, has_view, &isbytes) < 0) return -1;
  if (p->isbytes == 0 && isbytes) {
    PyErr_SetString(PyExc_TypeError, "cannot use a string pattern on a bytes-like object");
  } else if (p->isbytes == 1 && !isbytes) {
    PyErr_SetString(PyExc_TypeError, "cannot use a bytes pattern on a string-like object");
  } else {
    if (pos < 0) pos = 0;
    else if (pos > st.length) pos = st.length;
    if (endpos < 0) endpos = 0;
    else if (endpos > st.length) endpos = st.length;
    st.pos = pos;
    st.endpos = endpos;
    st.start = pos;
    st.must_advance = false;
    st.match_all = false;
    state_reset(st, p);
    return 0;
  }
  if (*has_view) {
    PyBuffer_Release(view);
    *has_view = false;
  }
  return -1;
}

void state_reset(State& st, PatternObject* p) {
  st.marks.assign(2 * (size_t)p->groups, -1);
  st.lastmark = -1;
  st.lastindex = -1;
}

PyObject* get_slice(bool isbytes, const State& st, PyObject* string, Py_ssize_t i, Py_ssize_t j) {
  if (!isbytes) return PyUnicode_Substring(string, i, j);
  if (PyBytes_CheckExact(string) && i == 0 && j == PyBytes_GET_SIZE(string))
    return Py_NewRef(string);
  return PyBytes_FromStringAndSize(static_cast<const char*>(st.data) + i, j - i);
}

PyObject* state_group(const State& st, bool isbytes, PyObject* string, Py_ssize_t g,
                      PyObject* def) {
  Py_ssize_t j = 2 * (g - 1);
  if (j + 1 > st.lastmark || st.marks[j] < 0 || st.marks[j + 1] < 0) return Py_NewRef(def);
  return get_slice(isbytes, st, string, st.marks[j], st.marks[j + 1]);
}

PyObject* new_match(PatternObject* p, State& st, PyObject* string) {
  MatchObject* m = PyObject_GC_New(MatchObject, &Match_Type);
  if (!m) return nullptr;
  m->groups = p->groups + 1;
  m->mark = static_cast<Py_ssize_t*>(PyMem_Malloc(sizeof(Py_ssize_t) * 2 * m->groups));
  m->string = Py_NewRef(string);
  m->pattern = reinterpret_cast<PatternObject*>(Py_NewRef(reinterpret_cast<PyObject*>(p)));
  m->regs = nullptr;
  m->pos = st.pos;
  m->endpos = st.endpos;
  m->lastindex = st.lastindex;
  if (!m->mark) {
    PyObject_GC_Track(m);
    Py_DECREF(m);
    return PyErr_NoMemory();
  }
  m->mark[0] = st.match_start;
  m->mark[1] = st.match_end;
  for (Py_ssize_t g = 0, j = 0; g < p->groups; ++g, j += 2) {
    if (j + 1 <= st.lastmark && st.marks[j] >= 0 && st.marks[j + 1] >= 0) {
      m->mark[j + 2] = st.marks[j];
      m->mark[j + 3] = st.marks[j + 1];
    } else {
      m->mark[j + 2] = m->mark[j + 3] = -1;
    }
  }
  PyObject_GC_Track(m);
  return reinterpret_cast<PyObject*>(m);
}

}  // namespace krait::sre

using namespace krait::sre;

namespace {

// RAII holder of one call's state and buffer.
struct Subject {
  State st;
  Py_buffer view{};
  bool has_view = false;
  ~Subject() {
    if (has_view) PyBuffer_Release(&view);
  }
};

PatternObject* P(PyObject* o) { return reinterpret_cast<PatternObject*>(o); }
bool is_bytes_state(const Subject& s) { return s.has_view; }

// ---------------------------------------------------------------- Pattern

PyObject* pattern_do_match(PyObject* self, PyObject* args, PyObject* kw, const char* fmt,
                           int mode) {
  static const char* kwlist[] = {"string", "pos", "endpos", nullptr};
  PyObject* string;
  Py_ssize_t pos = 0, endpos = PY_SSIZE_T_MAX;
  if (!PyArg_ParseTupleAndKeywords(args, kw, fmt, const_cast<char**>(kwlist), &string, &pos,
                                   &endpos))
    return nullptr;
  Subject s;
  if (state_init(s.st, P(self), string, pos, endpos, &s.view, &s.has_view) < 0) return nullptr;
  s.st.match_all = mode == 1;
  int r = mode == 2 ? sre_search(s.st, P(self)->code, P(self)->codesize)
                    : sre_match(s.st, P(self)->code, P(self)->codesize);
  if (r < 0) return nullptr;
  if (r == 0) Py_RETURN_NONE;
  return new_match(P(self), s.st, string);
}

PyObject* pattern_match(PyObject* self, PyObject* args, PyObject* kw) {
  return pattern_do_match(self, args, kw, "O|nn:match", 0);
}
PyObject* pattern_fullmatch(PyObject* self, PyObject* args, PyObject* kw) {
  return pattern_do_match(self, args, kw, "O|nn:fullmatch", 1);
}
PyObject* pattern_search(PyObject* self, PyObject* args, PyObject* kw) {
  return pattern_do_match(self, args, kw, "O|nn:search", 2);
}

PyObject* pattern_findall(PyObject* self, PyObject* args, PyObject* kw) {
  static const char* kwlist[] = {"string", "pos", "endpos", nullptr};
  PyObject* string;
  Py_ssize_t pos = 0, endpos = PY_SSIZE_T_MAX;
  if (!PyArg_ParseTupleAndKeywords(args, kw, "O|nn:findall", const_cast<char**>(kwlist),
                                   &string, &pos, &endpos))
    return nullptr;
  PatternObject* p = P(self);
  Subject s;
  if (state_init(s.st, p, string, pos, endpos, &s.view, &s.has_view) < 0) return nullptr;
  bool isbytes = is_bytes_state(s);
  Ref<> list = steal(PyList_New(0));
  if (!list) return nullptr;
  State& st = s.st;
  while (st.start <= st.endpos) {
    state_reset(st, p);
    int r = sre_search(st, p->code, p->codesize);
    if (r < 0) return nullptr;
    if (r == 0) break;
    Ref<> item;
    if (p->groups == 0) {
      item = steal(get_slice(isbytes, st, string, st.match_start, st.match_end));
    } else if (p->groups == 1) {
      Ref<> empty = steal(get_slice(isbytes, st, string, 0, 0));
      if (!empty) return nullptr;
      item = steal(state_group(st, isbytes, string, 1, empty.get()));
    } else {
      item = steal(PyTuple_New(p->groups));
      if (!item) return nullptr;
      Ref<> empty = steal(get_slice(isbytes, st, string, 0, 0));
      if (!empty) return nullptr;
      for (Py_ssize_t g = 0; g < p->groups; ++g) {
        PyObject* o = state_group(st, isbytes, string, g + 1, empty.get());
        if (!o) return nullptr;
        PyTuple_SET_ITEM(item.get(), g, o);
      }
    }
    if (!item || PyList_Append(list.get(), item.get()) < 0) return nullptr;
    st.must_advance = st.match_end == st.match_start;
    st.start = st.match_end;
  }
  return list.release();
}

PyObject* pattern_scanner(PyObject* self, PyObject* args, PyObject* kw) {
  static const char* kwlist[] = {"string", "pos", "endpos", nullptr};
  PyObject* string;
  Py_ssize_t pos = 0, endpos = PY_SSIZE_T_MAX;
  if (!PyArg_ParseTupleAndKeywords(args, kw, "O|nn:scanner", const_cast<char**>(kwlist),
                                   &string, &pos, &endpos))
    return nullptr;
  return scanner_new(P(self), string, pos, endpos);
}

PyObject* pattern_finditer(PyObject* self, PyObject* args, PyObject* kw) {
  static const char* kwlist[] = {"string", "pos", "endpos", nullptr};
  PyObject* string;
  Py_ssize_t pos = 0, endpos = PY_SSIZE_T_MAX;
  if (!PyArg_ParseTupleAndKeywords(args, kw, "O|nn:finditer", const_cast<char**>(kwlist),
                                   &string, &pos, &endpos))
    return nullptr;
  Ref<> sc = steal(scanner_new(P(self), string, pos, endpos));
  if (!sc) return nullptr;
  Ref<> search = steal(PyObject_GetAttrString(sc.get(), "search"));
  if (!search) return nullptr;
  return PyCallIter_New(search.get(), Py_None);
}

PyObject* pattern_split(PyObject* self, PyObject* args, PyObject* kw) {
  static const char* kwlist[] = {"string", "maxsplit", nullptr};
  PyObject* string;
  Py_ssize_t maxsplit = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kw, "O|n:split", const_cast<char**>(kwlist), &string,
                                   &maxsplit))
    return nullptr;
  PatternObject* p = P(self);
  Subject s;
  if (state_init(s.st, p, string, 0, PY_SSIZE_T_MAX, &s.view, &s.has_view) < 0) return nullptr;
  bool isbytes = is_bytes_state(s);
  State& st = s.st;
  Ref<> list = steal(PyList_New(0));
  if (!list) return nullptr;
  Py_ssize_t last = st.start, n = 0;
  while (!maxsplit || n < maxsplit) {
    state_reset(st, p);
    int r = sre_search(st, p->code, p->codesize);
    if (r < 0) return nullptr;
    if (r == 0) break;
    Ref<> item = steal(get_slice(isbytes, st, string, last, st.match_start));
    if (!item || PyList_Append(list.get(), item.get()) < 0) return nullptr;
    for (Py_ssize_t g = 0; g < p->groups; ++g) {
      item = steal(state_group(st, isbytes, string, g + 1, Py_None));
      if (!item || PyList_Append(list.get(), item.get()) < 0) return nullptr;
    }
    ++n;
    st.must_advance = st.match_end == st.match_start;
    last = st.start = st.match_end;
  }
  Ref<> item = steal(get_slice(isbytes, st, string, last, st.endpos));
  if (!item || PyList_Append(list.get(), item.get()) < 0) return nullptr;
  return list.release();
}

PyObject* pattern_subx(PatternObject* p, PyObject* repl, PyObject* string, Py_ssize_t count,
                       bool want_n) {
  Ref<> filter;
  bool callable = false;
  if (PyCallable_Check(repl)) {
    filter = borrow(repl);
    callable = true;
  } else {
    bool literal = false;
    if (PyUnicode_Check(repl)) {
      literal = PyUnicode_FindChar(repl, '\\', 0, PyUnicode_GET_LENGTH(repl), 1) == -1;
    } else if (PyObject_CheckBuffer(repl)) {
      Py_buffer v;
      if (PyObject_GetBuffer(repl, &v, PyBUF_SIMPLE) == 0) {
        literal = std::memchr(v.buf, '\\', v.len) == nullptr;
        PyBuffer_Release(&v);
      } else {
        PyErr_Clear();
      }
    }
    if (literal) {
      filter = borrow(repl);
    } else {
      filter = steal(call_re("_subx", PyTuple_Pack(2, reinterpret_cast<PyObject*>(p), repl)));
      if (!filter) return nullptr;
      callable = PyCallable_Check(filter.get());
    }
  }
  Subject s;
  if (state_init(s.st, p, string, 0, PY_SSIZE_T_MAX, &s.view, &s.has_view) < 0) return nullptr;
  bool isbytes = is_bytes_state(s);
  State& st = s.st;
  Ref<> list = steal(PyList_New(0));
  if (!list) return nullptr;
  Py_ssize_t i = 0, n = 0;
  while (!count || n < count) {
    state_reset(st, p);
    int r = sre_search(st, p->code, p->codesize);
    if (r < 0) return nullptr;
    if (r == 0) break;
    Py_ssize_t b = st.match_start, e = st.match_end;
    if (i < b) {
      Ref<> item = steal(get_slice(isbytes, st, string, i, b));
      if (!item || PyList_Append(list.get(), item.get()) < 0) return nullptr;
    }
    if (callable) {
      Ref<> m = steal(new_match(p, st, string));
      if (!m) return nullptr;
      Ref<> item = steal(PyObject_CallOneArg(filter.get(), m.get()));
      if (!item) return nullptr;
      if (item.get() != Py_None && PyList_Append(list.get(), item.get()) < 0) return nullptr;
    } else if (filter.get() != Py_None) {
      if (PyList_Append(list.get(), filter.get()) < 0) return nullptr;
    }
    i = e;
    ++n;
    st.must_advance = e == b;
    st.start = e;
  }
  if (i < st.endpos) {
    Ref<> item = steal(get_slice(isbytes, st, string, i, st.endpos));
    if (!item || PyList_Append(list.get(), item.get()) < 0) return nullptr;
  }
  Ref<> joiner = steal(get_slice(isbytes, st, string, 0, 0));
  if (!joiner) return nullptr;
  Ref<> result;
  if (PyList_GET_SIZE(list.get()) == 0) {
    result = std::move(joiner);
  } else if (isbytes) {
    result = steal(PyObject_CallMethod(joiner.get(), "join", "O", list.get()));
  } else {
    result = steal(PyUnicode_Join(joiner.get(), list.get()));
  }
  if (!result) return nullptr;
  if (want_n) return Py_BuildValue("(On)", result.get(), n);
  return result.release();
}

PyObject* pattern_sub_common(PyObject* self, PyObject* args, PyObject* kw, const char* fmt,
                             bool want_n) {
  static const char* kwlist[] = {"repl", "string", "count", nullptr};
  PyObject *repl, *string;
  Py_ssize_t count = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kw, fmt, const_cast<char**>(kwlist), &repl, &string,
                                   &count))
    return nullptr;
  return pattern_subx(P(self), repl, string, count, want_n);
}
PyObject* pattern_sub(PyObject* self, PyObject* args, PyObject* kw) {
  return pattern_sub_common(self, args, kw, "OO|n:sub", false);
}
PyObject* pattern_subn(PyObject* self, PyObject* args, PyObject* kw) {
  return pattern_sub_common(self, args, kw, "OO|n:subn", true);
}

PyObject* pattern_copy(PyObject* self, PyObject*) { return Py_NewRef(self); }
PyObject* pattern_deepcopy(PyObject* self, PyObject*) { return Py_NewRef(self); }

PyObject* pattern_repr(PyObject* self) {
  static const struct {
    const char* name;
    long value;
  } names[] = {
      {"re.TEMPLATE", 1},   {"re.IGNORECASE", 2}, {"re.LOCALE", 4},
      {"re.MULTILINE", 8},  {"re.DOTALL", 16},    {"re.UNICODE", 32},
      {"re.VERBOSE", 64},   {"re.DEBUG", 128},    {"re.ASCII", 256},
  };
  PatternObject* p = P(self);
  long flags = p->flags;
  if ((flags & (FLAG_LOCALE | FLAG_UNICODE | 256)) == FLAG_UNICODE) flags &= ~FLAG_UNICODE;
  Ref<> prepr = steal(PyObject_Repr(p->pattern));
  if (!prepr) return nullptr;
  if (PyUnicode_GET_LENGTH(prepr.get()) > 200) {
    prepr = steal(PyUnicode_Substring(prepr.get(), 0, 200));
    if (!prepr) return nullptr;
  }
  if (flags == 0) return PyUnicode_FromFormat("re.compile(%U)", prepr.get());
  std::string fl;
  for (auto& n : names) {
    if (flags & n.value) {
      if (!fl.empty()) fl += '|';
      fl += n.name;
      flags &= ~n.value;
    }
  }
  if (flags) {
    if (!fl.empty()) fl += '|';
    char buf[32];
    snprintf(buf, sizeof buf, "0x%lx", (unsigned long)flags);
    fl += buf;
  }
  return PyUnicode_FromFormat("re.compile(%U, %s)", prepr.get(), fl.c_str());
}

PyObject* pattern_richcompare(PyObject* a, PyObject* b, int op) {
  if (op != Py_EQ && op != Py_NE) Py_RETURN_NOTIMPLEMENTED;
  if (!PyObject_TypeCheck(b, &Pattern_Type)) Py_RETURN_NOTIMPLEMENTED;
  bool eq;
  if (a == b) {
    eq = true;
  } else {
    PatternObject *x = P(a), *y = P(b);
    eq = x->flags == y->flags && x->isbytes == y->isbytes && x->codesize == y->codesize &&
         std::memcmp(x->code, y->code, sizeof(Code) * x->codesize) == 0;
    if (eq) {
      int r = PyObject_RichCompareBool(x->pattern, y->pattern, Py_EQ);
      if (r < 0) return nullptr;
      eq = r;
    }
  }
  if (op == Py_NE) eq = !eq;
  return PyBool_FromLong(eq);
}

Py_hash_t pattern_hash(PyObject* self) {
  PatternObject* p = P(self);
  Py_hash_t h = PyObject_Hash(p->pattern);
  if (h == -1) return -1;
  Py_uhash_t x = (Py_uhash_t)h;
  for (Py_ssize_t i = 0; i < p->codesize; ++i) x = x * 1000003u ^ p->code[i];
  x ^= (Py_uhash_t)p->flags;
  Py_hash_t r = (Py_hash_t)x;
  return r == -1 ? -2 : r;
}

PyObject* pattern_groupindex(PyObject* self, void*) {
  PatternObject* p = P(self);
  if (!p->groupindex) return PyDict_New();
  return PyDictProxy_New(p->groupindex);
}

int pattern_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(P(self)->groupindex);
  Py_VISIT(P(self)->indexgroup);
  Py_VISIT(P(self)->pattern);
  return 0;
}
int pattern_clear(PyObject* self) {
  Py_CLEAR(P(self)->groupindex);
  Py_CLEAR(P(self)->indexgroup);
  Py_CLEAR(P(self)->pattern);
  return 0;
}
void pattern_dealloc(PyObject* self) {
  PyObject_GC_UnTrack(self);
  if (P(self)->weakreflist) PyObject_ClearWeakRefs(self);
  pattern_clear(self);
  PyMem_Free(P(self)->code);
  PyObject_GC_Del(self);
}

PyMethodDef pattern_methods[] = {
    {"match", (PyCFunction)(void (*)())pattern_match, METH_VARARGS | METH_KEYWORDS,
     "Matches zero or more characters at the beginning of the string."},
    {"fullmatch", (PyCFunction)(void (*)())pattern_fullmatch, METH_VARARGS | METH_KEYWORDS,
     "Matches against all of the string."},
    {"search", (PyCFunction)(void (*)())pattern_search, METH_VARARGS | METH_KEYWORDS,
     "Scan through string looking for a match, and return a corresponding match object "
     "instance.\n\nReturn None if no position in the string matches."},
    {"sub", (PyCFunction)(void (*)())pattern_sub, METH_VARARGS | METH_KEYWORDS,
     "Return the string obtained by replacing the leftmost non-overlapping occurrences of "
     "pattern in string by the replacement repl."},
    {"subn", (PyCFunction)(void (*)())pattern_subn, METH_VARARGS | METH_KEYWORDS,
     "Return the tuple (new_string, number_of_subs_made) found by replacing the leftmost "
     "non-overlapping occurrences of pattern with the replacement repl."},
    {"findall", (PyCFunction)(void (*)())pattern_findall, METH_VARARGS | METH_KEYWORDS,
     "Return a list of all non-overlapping matches of pattern in string."},
    {"split", (PyCFunction)(void (*)())pattern_split, METH_VARARGS | METH_KEYWORDS,
     "Split string by the occurrences of pattern."},
    {"finditer", (PyCFunction)(void (*)())pattern_finditer, METH_VARARGS | METH_KEYWORDS,
     "Return an iterator over all non-overlapping matches for the RE pattern in string.\n\n"
     "For each match, the iterator returns a match object."},
    {"scanner", (PyCFunction)(void (*)())pattern_scanner, METH_VARARGS | METH_KEYWORDS,
     nullptr},
    {"__copy__", pattern_copy, METH_NOARGS, nullptr},
    {"__deepcopy__", pattern_deepcopy, METH_O, nullptr},
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS,
     "See PEP 585"},
    {nullptr, nullptr, 0, nullptr},
};

PyMemberDef pattern_members[] = {
    {"pattern", T_OBJECT, offsetof(PatternObject, pattern), READONLY,
     "The pattern string from which the RE object was compiled."},
    {"flags", T_LONG, offsetof(PatternObject, flags), READONLY,
     "The regex matching flags."},
    {"groups", T_PYSSIZET, offsetof(PatternObject, groups), READONLY,
     "The number of capturing groups in the pattern."},
    {"__weaklistoffset__", T_PYSSIZET, offsetof(PatternObject, weakreflist), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyGetSetDef pattern_getset[] = {
    {"groupindex", pattern_groupindex, nullptr,
     "A dictionary mapping group names to group numbers.", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

// ---------------------------------------------------------------- module functions

PyObject* sre_compile(PyObject*, PyObject* args, PyObject* kw) {
  static const char* kwlist[] = {"pattern", "flags", "code", "groups", "groupindex",
                                 "indexgroup", nullptr};
  PyObject *pattern, *code, *groupindex, *indexgroup;
  int flags;
  Py_ssize_t groups;
  if (!PyArg_ParseTupleAndKeywords(args, kw, "OiO!nO!O!:compile", const_cast<char**>(kwlist),
                                   &pattern, &flags, &PyList_Type, &code, &groups,
                                   &PyDict_Type, &groupindex, &PyTuple_Type, &indexgroup))
    return nullptr;
  Py_ssize_t n = PyList_GET_SIZE(code);
  PatternObject* p = PyObject_GC_New(PatternObject, &Pattern_Type);
  if (!p) return nullptr;
  p->groupindex = p->indexgroup = p->pattern = nullptr;
  p->weakreflist = nullptr;
  p->code = static_cast<Code*>(PyMem_Malloc(sizeof(Code) * (n ? n : 1)));
  p->codesize = n;
  p->groups = groups;
  p->flags = flags;
  p->pattern = Py_NewRef(pattern);
  PyObject_GC_Track(p);
  Ref<> guard = steal(reinterpret_cast<PyObject*>(p));
  if (!p->code) return PyErr_NoMemory();
  for (Py_ssize_t i = 0; i < n; ++i) {
    unsigned long v = PyLong_AsUnsignedLong(PyList_GET_ITEM(code, i));
    if (v == (unsigned long)-1 && PyErr_Occurred()) return nullptr;
    if (v > 0xFFFFFFFFul) {
      PyErr_SetString(PyExc_OverflowError, "regular expression code size limit exceeded");
      return nullptr;
    }
    p->code[i] = (Code)v;
  }
  if (pattern == Py_None) {
    p->isbytes = -1;
  } else if (PyUnicode_Check(pattern)) {
    p->isbytes = 0;
  } else {
    Py_buffer v;
    if (PyObject_GetBuffer(pattern, &v, PyBUF_SIMPLE) < 0) {
      PyErr_Clear();
      PyErr_Format(PyExc_TypeError, "expected string or bytes-like object, got '%.200s'",
                   Py_TYPE(pattern)->tp_name);
      return nullptr;
    }
    PyBuffer_Release(&v);
    p->isbytes = 1;
  }
  if (PyDict_GET_SIZE(groupindex) > 0) {
    p->groupindex = Py_NewRef(groupindex);
    if (PyTuple_GET_SIZE(indexgroup) > 0) p->indexgroup = Py_NewRef(indexgroup);
  }
  return guard.release();
}

PyObject* sre_getcodesize(PyObject*, PyObject*) { return PyLong_FromLong(sizeof(Code)); }

template <typename F>
PyObject* char_fn(PyObject* arg, F f) {
  long ch = PyLong_AsLong(arg);
  if (ch == -1 && PyErr_Occurred()) return nullptr;
  return f((uint32_t)ch);
}

PyObject* sre_ascii_iscased(PyObject*, PyObject* a) {
  return char_fn(a, [](uint32_t c) {
    return PyBool_FromLong(c < 128 && ((c | 32) >= 'a' && (c | 32) <= 'z'));
  });
}
PyObject* sre_unicode_iscased(PyObject*, PyObject* a) {
  return char_fn(a, [](uint32_t c) {
    return PyBool_FromLong(c != lower_unicode(c) || c != upper_unicode(c));
  });
}
PyObject* sre_ascii_tolower(PyObject*, PyObject* a) {
  return char_fn(a, [](uint32_t c) { return PyLong_FromLong((long)lower_ascii(c)); });
}
PyObject* sre_unicode_tolower(PyObject*, PyObject* a) {
  return char_fn(a, [](uint32_t c) { return PyLong_FromLong((long)lower_unicode(c)); });
}

PyMethodDef sre_functions[] = {
    {"compile", (PyCFunction)(void (*)())sre_compile, METH_VARARGS | METH_KEYWORDS, nullptr},
    {"getcodesize", sre_getcodesize, METH_NOARGS, nullptr},
    {"ascii_iscased", sre_ascii_iscased, METH_O, nullptr},
    {"unicode_iscased", sre_unicode_iscased, METH_O, nullptr},
    {"ascii_tolower", sre_ascii_tolower, METH_O, nullptr},
    {"unicode_tolower", sre_unicode_tolower, METH_O, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef sre_module = {
    PyModuleDef_HEAD_INIT, "_sre", nullptr, -1, sre_functions, nullptr, nullptr, nullptr, nullptr,
};

}  // namespace

namespace krait::sre {

PyTypeObject Pattern_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "re.Pattern",
    .tp_basicsize = sizeof(PatternObject),
    .tp_dealloc = pattern_dealloc,
    .tp_repr = pattern_repr,
    .tp_hash = pattern_hash,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_doc = "Compiled regular expression object.",
    .tp_traverse = pattern_traverse,
    .tp_clear = pattern_clear,
    .tp_richcompare = pattern_richcompare,
    .tp_weaklistoffset = offsetof(PatternObject, weakreflist),
    .tp_methods = pattern_methods,
    .tp_members = pattern_members,
    .tp_getset = pattern_getset,
};

}  // namespace krait::sre

extern "C" PyObject* PyInit__sre(void) {
  for (PyTypeObject* t : {&Pattern_Type, &Match_Type, &Scanner_Type})
    if (PyType_Ready(t) < 0) return nullptr;
  Ref<> m = steal(PyModule_Create(&sre_module));
  if (!m) return nullptr;
  if (PyModule_AddIntConstant(m.get(), "MAGIC", kMagic) < 0 ||
      PyModule_AddIntConstant(m.get(), "CODESIZE", sizeof(Code)) < 0 ||
      PyModule_AddObject(m.get(), "MAXREPEAT", PyLong_FromUnsignedLong(kMaxRepeat)) < 0 ||
      PyModule_AddObject(m.get(), "MAXGROUPS", PyLong_FromSsize_t(kMaxGroups)) < 0)
    return nullptr;
  return m.release();
}
