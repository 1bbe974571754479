// sre_match.cpp — re.Match (the result of a successful match) and
// _sre.SRE_Scanner (the iterator-like object behind finditer and
// re.Scanner), with CPython 3.11's group lookup rules, reprs and errors.
#include "modules/sre/sre.h"

#include <structmember.h>

#include "support/ref.h"

using namespace krait;
using namespace krait::sre;

namespace {

MatchObject* M(PyObject* o) { return reinterpret_cast<MatchObject*>(o); }

// The slice [i, j) of the match's subject, as str or bytes.
PyObject* match_slice(MatchObject* m, Py_ssize_t i, Py_ssize_t j) {
  PyObject* s = m->string;
  if (PyUnicode_Check(s)) return PyUnicode_Substring(s, i, j);
  if (PyBytes_CheckExact(s)) {
    if (i == 0 && j == PyBytes_GET_SIZE(s)) return Py_NewRef(s);
    return PyBytes_FromStringAndSize(PyBytes_AS_STRING(s) + i, j - i);
  }
  Py_buffer v;
  if (PyObject_GetBuffer(s, &v, PyBUF_SIMPLE) < 0) return nullptr;
  // The buffer may have shrunk since the match.
  if (j > v.len) j = v.len;
  if (i > j) i = j;
  PyObject* r = PyBytes_FromStringAndSize(static_cast<const char*>(v.buf) + i, j - i);
  PyBuffer_Release(&v);
  return r;
}

// Resolves a group reference (index or name); -1 with IndexError if unknown.
Py_ssize_t match_index(MatchObject* m, PyObject* index) {
  Py_ssize_t i = -1;
  if (PyIndex_Check(index)) {
    i = PyNumber_AsSsize_t(index, nullptr);
    if (i == -1 && PyErr_Occurred()) return -1;
  } else if (m->pattern->groupindex) {
    PyObject* v = PyDict_GetItemWithError(m->pattern->groupindex, index);
    if (v && PyLong_Check(v)) i = PyLong_AsSsize_t(v);
    else if (!v && PyErr_Occurred()) return -1;
  }
  if (i < 0 || i >= m->groups) {
    PyErr_SetString(PyExc_IndexError, "no such group");
    return -1;
  }
  return i;
}

PyObject* group_by_index(MatchObject* m, Py_ssize_t i, PyObject* def) {
  if (m->mark[2 * i] < 0) return Py_NewRef(def);
  return match_slice(m, m->mark[2 * i], m->mark[2 * i + 1]);
}

PyObject* group_of(MatchObject* m, PyObject* index, PyObject* def) {
  Py_ssize_t i = match_index(m, index);
  if (i < 0) return nullptr;
  return group_by_index(m, i, def);
}

PyObject* match_group(PyObject* self, PyObject* args) {
  MatchObject* m = M(self);
  Py_ssize_t n = PyTuple_GET_SIZE(args);
  if (n == 0) return group_by_index(m, 0, Py_None);
  if (n == 1) return group_of(m, PyTuple_GET_ITEM(args, 0), Py_None);
  Ref<> t = steal(PyTuple_New(n));
  if (!t) return nullptr;
  for (Py_ssize_t k = 0; k < n; ++k) {
    PyObject* o = group_of(m, PyTuple_GET_ITEM(args, k), Py_None);
    if (!o) return nullptr;
    PyTuple_SET_ITEM(t.get(), k, o);
  }
  return t.release();
}

PyObject* match_getitem(PyObject* self, PyObject* key) { return group_of(M(self), key, Py_None); }

PyObject* match_groups(PyObject* self, PyObject* args, PyObject* kw) {
  static const char* kwlist[] = {"default", nullptr};
  PyObject* def = Py_None;
  if (!PyArg_ParseTupleAndKeywords(args, kw, "|O:groups", const_cast<char**>(kwlist), &def))
    return nullptr;
  MatchObject* m = M(self);
  Ref<> t = steal(PyTuple_New(m->groups - 1));
  if (!t) return nullptr;
  for (Py_ssize_t g = 1; g < m->groups; ++g) {
    PyObject* o = group_by_index(m, g, def);
    if (!o) return nullptr;
    PyTuple_SET_ITEM(t.get(), g - 1, o);
  }
  return t.release();
}

PyObject* match_groupdict(PyObject* self, PyObject* args, PyObject* kw) {
  static const char* kwlist[] = {"default", nullptr};
  PyObject* def = Py_None;
  if (!PyArg_ParseTupleAndKeywords(args, kw, "|O:groupdict", const_cast<char**>(kwlist), &def))
    return nullptr;
  MatchObject* m = M(self);
  Ref<> d = steal(PyDict_New());
  if (!d || !m->pattern->groupindex) return d.release();
  Py_ssize_t pos = 0;
  PyObject *key, *value;
  while (PyDict_Next(m->pattern->groupindex, &pos, &key, &value)) {
    Ref<> k = borrow(key);
    Ref<> v = steal(group_of(m, key, def));
    if (!v || PyDict_SetItem(d.get(), k.get(), v.get()) < 0) return nullptr;
  }
  return d.release();
}

Py_ssize_t index_arg(MatchObject* m, PyObject* args, const char* name) {
  PyObject* g = nullptr;
  if (!PyArg_UnpackTuple(args, name, 0, 1, &g)) return -1;
  if (!g) return 0;
  return match_index(m, g);
}

PyObject* match_start(PyObject* self, PyObject* args) {
  Py_ssize_t i = index_arg(M(self), args, "start");
  if (i < 0) return nullptr;
  return PyLong_FromSsize_t(M(self)->mark[2 * i]);
}
PyObject* match_end(PyObject* self, PyObject* args) {
  Py_ssize_t i = index_arg(M(self), args, "end");
  if (i < 0) return nullptr;
  return PyLong_FromSsize_t(M(self)->mark[2 * i + 1]);
}
PyObject* match_span(PyObject* self, PyObject* args) {
  Py_ssize_t i = index_arg(M(self), args, "span");
  if (i < 0) return nullptr;
  return Py_BuildValue("(nn)", M(self)->mark[2 * i], M(self)->mark[2 * i + 1]);
}

PyObject* match_expand(PyObject* self, PyObject* tmpl) {
  return call_re("_expand",
                 PyTuple_Pack(3, reinterpret_cast<PyObject*>(M(self)->pattern), self, tmpl));
}

PyObject* match_copy(PyObject* self, PyObject*) { return Py_NewRef(self); }

PyObject* match_regs(PyObject* self, void*) {
  MatchObject* m = M(self);
  if (m->regs) return Py_NewRef(m->regs);
  Ref<> t = steal(PyTuple_New(m->groups));
  if (!t) return nullptr;
  for (Py_ssize_t g = 0; g < m->groups; ++g) {
    PyObject* o = Py_BuildValue("(nn)", m->mark[2 * g], m->mark[2 * g + 1]);
    if (!o) return nullptr;
    PyTuple_SET_ITEM(t.get(), g, o);
  }
  m->regs = Py_NewRef(t.get());
  return t.release();
}

PyObject* match_lastindex(PyObject* self, void*) {
  if (M(self)->lastindex >= 0) return PyLong_FromSsize_t(M(self)->lastindex);
  Py_RETURN_NONE;
}

PyObject* match_lastgroup(PyObject* self, void*) {
  MatchObject* m = M(self);
  PyObject* ig = m->pattern->indexgroup;
  if (ig && m->lastindex >= 0 && m->lastindex < PyTuple_GET_SIZE(ig))
    return Py_NewRef(PyTuple_GET_ITEM(ig, m->lastindex));
  Py_RETURN_NONE;
}

PyObject* match_re(PyObject* self, void*) {
  return Py_NewRef(reinterpret_cast<PyObject*>(M(self)->pattern));
}

PyObject* match_repr(PyObject* self) {
  MatchObject* m = M(self);
  Ref<> g = steal(group_by_index(m, 0, Py_None));
  if (!g) return nullptr;
  Ref<> r = steal(PyObject_Repr(g.get()));
  if (!r) return nullptr;
  if (PyUnicode_GET_LENGTH(r.get()) > 50) {
    r = steal(PyUnicode_Substring(r.get(), 0, 50));
    if (!r) return nullptr;
  }
  return PyUnicode_FromFormat("<%s object; span=(%zd, %zd), match=%U>", Py_TYPE(self)->tp_name,
                              m->mark[0], m->mark[1], r.get());
}

int match_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(M(self)->string);
  Py_VISIT(M(self)->regs);
  Py_VISIT(reinterpret_cast<PyObject*>(M(self)->pattern));
  return 0;
}
int match_clear(PyObject* self) {
  Py_CLEAR(M(self)->string);
  Py_CLEAR(M(self)->regs);
  Py_CLEAR(M(self)->pattern);
  return 0;
}
void match_dealloc(PyObject* self) {
  PyObject_GC_UnTrack(self);
  match_clear(self);
  PyMem_Free(M(self)->mark);
  PyObject_GC_Del(self);
}

PyMappingMethods match_as_mapping = {
    .mp_subscript = match_getitem,
};

PyMethodDef match_methods[] = {
    {"group", match_group, METH_VARARGS,
     "group([group1, ...]) -> str or tuple.\n    Return subgroup(s) of the match by indices or "
     "names.\n    For 0 returns the entire match."},
    {"start", match_start, METH_VARARGS, "Return index of the start of the substring matched by group."},
    {"end", match_end, METH_VARARGS, "Return index of the end of the substring matched by group."},
    {"span", match_span, METH_VARARGS, "For match object m, return the 2-tuple (m.start(group), m.end(group))."},
    {"groups", (PyCFunction)(void (*)())match_groups, METH_VARARGS | METH_KEYWORDS,
     "Return a tuple containing all the subgroups of the match, from 1."},
    {"groupdict", (PyCFunction)(void (*)())match_groupdict, METH_VARARGS | METH_KEYWORDS,
     "Return a dictionary containing all the named subgroups of the match, keyed by the "
     "subgroup name."},
    {"expand", match_expand, METH_O,
     "Return the string obtained by doing backslash substitution on the string template, as "
     "done by the sub() method."},
    {"__copy__", match_copy, METH_NOARGS, nullptr},
    {"__deepcopy__", match_copy, METH_O, nullptr},
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS, "See PEP 585"},
    {nullptr, nullptr, 0, nullptr},
};

PyMemberDef match_members[] = {
    {"string", T_OBJECT, offsetof(MatchObject, string), READONLY,
     "The string passed to match() or search()."},
    {"pos", T_PYSSIZET, offsetof(MatchObject, pos), READONLY,
     "The index into the string at which the RE engine started looking for a match."},
    {"endpos", T_PYSSIZET, offsetof(MatchObject, endpos), READONLY,
     "The index into the string beyond which the RE engine will not go."},
    {nullptr, 0, 0, 0, nullptr},
};

PyGetSetDef match_getset[] = {
    {"lastindex", match_lastindex, nullptr,
     "The integer index of the last matched capturing group.", nullptr},
    {"lastgroup", match_lastgroup, nullptr,
     "The name of the last matched capturing group.", nullptr},
    {"regs", match_regs, nullptr, nullptr, nullptr},
    {"re", match_re, nullptr,
     "The regular expression object.", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

// ---------------------------------------------------------------- Scanner

ScannerObject* S(PyObject* o) { return reinterpret_cast<ScannerObject*>(o); }

PyObject* scanner_step(PyObject* self, bool search) {
  ScannerObject* sc = S(self);
  if (sc->exhausted) Py_RETURN_NONE;
  State& st = *sc->state;
  state_reset(st, sc->pattern);
  int r = search ? sre_search(st, sc->pattern->code, sc->pattern->codesize)
                 : sre_match(st, sc->pattern->code, sc->pattern->codesize);
  if (r < 0) return nullptr;
  if (r == 0) {
    sc->exhausted = true;
    Py_RETURN_NONE;
  }
  PyObject* m = new_match(sc->pattern, st, sc->string);
  st.must_advance = st.match_end == st.match_start;
  st.start = st.match_end;
  return m;
}

PyObject* scanner_match(PyObject* self, PyObject*) { return scanner_step(self, false); }
PyObject* scanner_search(PyObject* self, PyObject*) { return scanner_step(self, true); }

int scanner_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<PyObject*>(S(self)->pattern));
  Py_VISIT(S(self)->string);
  return 0;
}
int scanner_clear(PyObject* self) {
  ScannerObject* sc = S(self);
  if (sc->has_view) {
    PyBuffer_Release(&sc->view);
    sc->has_view = false;
  }
  Py_CLEAR(sc->pattern);
  Py_CLEAR(sc->string);
  return 0;
}
void scanner_dealloc(PyObject* self) {
  PyObject_GC_UnTrack(self);
  scanner_clear(self);
  delete S(self)->state;
  PyObject_GC_Del(self);
}

PyMethodDef scanner_methods[] = {
    {"match", scanner_match, METH_NOARGS, nullptr},
    {"search", scanner_search, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyMemberDef scanner_members[] = {
    {"pattern", T_OBJECT, offsetof(ScannerObject, pattern), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

}  // namespace

namespace krait::sre {

PyObject* scanner_new(PatternObject* p, PyObject* string, Py_ssize_t pos, Py_ssize_t endpos) {
  ScannerObject* sc = PyObject_GC_New(ScannerObject, &Scanner_Type);
  if (!sc) return nullptr;
  sc->pattern = reinterpret_cast<PatternObject*>(Py_NewRef(reinterpret_cast<PyObject*>(p)));
  sc->string = Py_NewRef(string);
  sc->has_view = false;
  sc->exhausted = false;
  sc->state = new State();
  PyObject_GC_Track(sc);
  Ref<> guard = steal(reinterpret_cast<PyObject*>(sc));
  if (state_init(*sc->state, p, string, pos, endpos, &sc->view, &sc->has_view) < 0)
    return nullptr;
  return guard.release();
}

PyTypeObject Match_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "re.Match",
    .tp_basicsize = sizeof(MatchObject),
    .tp_dealloc = match_dealloc,
    .tp_repr = match_repr,
    .tp_as_mapping = &match_as_mapping,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_doc = "The result of re.match() and re.search().\n"
              "Match objects always have a boolean value of True.",
    .tp_traverse = match_traverse,
    .tp_clear = match_clear,
    .tp_methods = match_methods,
    .tp_members = match_members,
    .tp_getset = match_getset,
};

PyTypeObject Scanner_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "_sre.SRE_Scanner",
    .tp_basicsize = sizeof(ScannerObject),
    .tp_dealloc = scanner_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_traverse = scanner_traverse,
    .tp_clear = scanner_clear,
    .tp_methods = scanner_methods,
    .tp_members = scanner_members,
};

}  // namespace krait::sre
