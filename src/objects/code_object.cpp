// code_object.cpp — PyCode_Type: Krait code objects.
//
// The struct is CPython's public PyCodeObject (see src/bytecode/code.h for
// which fields carry Krait-specific contents). This file owns creation,
// the position and exception tables, and the Python-visible attributes.
#include "bytecode/code.h"
#include "bytecode/clean_code.h"

#include <structmember.h>

#include <cctype>
#include <cstring>

namespace krait::bytecode {

// -- Position table -------------------------------------------------------------
//
// One record per *run* of code units sharing a position:
//   varint(units) zigzag(line - prev_line) varint(end_line - line + 1)
//   varint(col + 1) varint(end_col + 1)
// A value of 0 in the last three means "unknown" (-1). Runs make cache units
// free and keep the table near 5 bytes per instruction; lookups decode
// linearly, which is fine because they only happen for tracebacks, frame
// line numbers and co_positions().

static void put_varint(std::string& out, uint32_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}
static uint32_t get_varint(const unsigned char*& p) {
  uint32_t v = 0;
  int shift = 0;
  while (*p & 0x80) {
    v |= static_cast<uint32_t>(*p++ & 0x7F) << shift;
    shift += 7;
  }
  v |= static_cast<uint32_t>(*p++) << shift;
  return v;
}
static uint32_t zigzag(int v) { return v < 0 ? (static_cast<uint32_t>(-(v + 1)) << 1) | 1 : static_cast<uint32_t>(v) << 1; }
static int unzigzag(uint32_t v) { return (v & 1) ? -static_cast<int>(v >> 1) - 1 : static_cast<int>(v >> 1); }

static bool same(const Position& a, const Position& b) {
  return a.line == b.line && a.end_line == b.end_line && a.col == b.col && a.end_col == b.end_col;
}

std::string encode_positions(const std::vector<Position>& pos) {
  std::string out;
  int prev_line = 0;
  size_t i = 0;
  while (i < pos.size()) {
    size_t j = i + 1;
    while (j < pos.size() && same(pos[i], pos[j])) j++;
    const Position& p = pos[i];
    put_varint(out, static_cast<uint32_t>(j - i));
    int line = p.line < 0 ? prev_line : p.line;
    put_varint(out, zigzag(line - prev_line));
    // A negative line is encoded as end_line field 0 ("no position at all").
    put_varint(out, p.line < 0 ? 0 : (p.end_line < 0 ? 1 : static_cast<uint32_t>(p.end_line - p.line + 2)));
    put_varint(out, static_cast<uint32_t>(p.col + 1));
    put_varint(out, static_cast<uint32_t>(p.end_col + 1));
    prev_line = line;
    i = j;
  }
  return out;
}

template <class F>
static void walk_positions(PyCodeObject* co, F&& f) {
  if (!co->co_linetable || !PyBytes_Check(co->co_linetable)) return;
  auto* p = reinterpret_cast<const unsigned char*>(PyBytes_AS_STRING(co->co_linetable));
  auto* end = p + PyBytes_GET_SIZE(co->co_linetable);
  int line = 0, index = 0;
  while (p < end) {
    uint32_t units = get_varint(p);
    line += unzigzag(get_varint(p));
    uint32_t el = get_varint(p);
    Position pos;
    if (el != 0) {
      pos.line = line;
      pos.end_line = el == 1 ? -1 : line + static_cast<int>(el) - 2;
    }
    pos.col = static_cast<int>(get_varint(p)) - 1;
    pos.end_col = static_cast<int>(get_varint(p)) - 1;
    if (!f(index, static_cast<int>(units), pos)) return;
    index += static_cast<int>(units);
  }
}

Position position_at(PyCodeObject* co, int index) {
  Position result;
  walk_positions(co, [&](int start, int n, const Position& p) {
    if (index < start + n) {
      result = p;
      return false;
    }
    return true;
  });
  return result;
}

std::vector<Position> decode_positions(PyCodeObject* co) {
  std::vector<Position> out;
  walk_positions(co, [&](int, int n, const Position& p) {
    out.insert(out.end(), static_cast<size_t>(n), p);
    return true;
  });
  out.resize(static_cast<size_t>(code_len(co)));
  return out;
}

// -- Exception table --------------------------------------------------------------
//
// Fixed-width records sorted by start, so the unwinder can binary-search. The
// compiler emits entries for nested regions innermost-first in coverage: each
// code unit is covered by at most one record (the innermost handler), exactly
// like CPython 3.11's table.

bool find_handler(PyCodeObject* co, int index, ExceptionEntry* out) {
  if (index < 0) return false;  // a generator thrown into before its first instruction
  if (!co->co_exceptiontable || !PyBytes_Check(co->co_exceptiontable)) return false;
  size_t n = static_cast<size_t>(PyBytes_GET_SIZE(co->co_exceptiontable)) / sizeof(ExceptionEntry);
  if (n == 0) return false;
  const char* base = PyBytes_AS_STRING(co->co_exceptiontable);
  size_t lo = 0, hi = n;
  auto at = [&](size_t i) {
    ExceptionEntry e;
    std::memcpy(&e, base + i * sizeof(ExceptionEntry), sizeof e);
    return e;
  };
  while (lo < hi) {  // first record with start > index
    size_t mid = (lo + hi) / 2;
    if (at(mid).start <= static_cast<uint32_t>(index)) lo = mid + 1; else hi = mid;
  }
  if (lo == 0) return false;
  ExceptionEntry e = at(lo - 1);
  if (static_cast<uint32_t>(index) >= e.end) return false;
  *out = e;
  return true;
}

// -- Creation -----------------------------------------------------------------------

static PyObject* empty_tuple() { return PyTuple_New(0); }

// CPython interns every str constant made only of ASCII letters, digits and '_' (and those inside
// constant tuples): such strings are likely attribute or key names, and programs see the effect
// (`mod_a.X is mod_b.X` for two modules both saying X = 'ROUND_UP'; a C extension's interned
// 'ROUND_UP' is the same object too).
static bool all_name_chars(PyObject* s) {
  if (!PyUnicode_IS_ASCII(s)) return false;
  const Py_UCS1* p = PyUnicode_1BYTE_DATA(s);
  for (Py_ssize_t i = 0, n = PyUnicode_GET_LENGTH(s); i < n; ++i)
    if (!(std::isalnum(p[i]) || p[i] == '_')) return false;
  return true;
}

static void intern_string_constants(PyObject* tuple) {
  for (Py_ssize_t i = PyTuple_GET_SIZE(tuple); --i >= 0;) {
    PyObject* v = PyTuple_GET_ITEM(tuple, i);
    if (PyUnicode_CheckExact(v)) {
      if (!PyUnicode_CHECK_INTERNED(v) && all_name_chars(v)) {
        PyObject* w = Py_NewRef(v);  // InternInPlace consumes a reference, gives one back
        PyUnicode_InternInPlace(&w);
        PyTuple_SET_ITEM(tuple, i, w);
        Py_DECREF(v);  // the tuple's old reference
      }
    } else if (PyTuple_CheckExact(v)) {
      intern_string_constants(v);
    }
  }
}

Ref<PyCodeObject> make_code(CodeSpec& s) {
  Py_ssize_t units16 = static_cast<Py_ssize_t>(s.code.size()) * 2;
  auto* co = PyObject_NewVar(PyCodeObject, &PyCode_Type, units16);
  if (!co) return nullptr;
  // Zero everything past the header so a partially built object deallocs safely.
  std::memset(reinterpret_cast<char*>(co) + sizeof(PyVarObject), 0,
              offsetof(PyCodeObject, co_code_adaptive) - sizeof(PyVarObject));
  std::memcpy(co->co_code_adaptive, s.code.data(), s.code.size() * sizeof(CodeUnit));
  Ref<PyCodeObject> ref = steal(co);
  co->co_consts = s.consts ? s.consts.release() : empty_tuple();
  if (co->co_consts && PyTuple_Check(co->co_consts)) intern_string_constants(co->co_consts);
  co->co_names = s.names ? s.names.release() : empty_tuple();
  co->co_localsplusnames = s.localsplusnames ? s.localsplusnames.release() : empty_tuple();
  co->co_localspluskinds =
      s.localspluskinds ? s.localspluskinds.release() : PyBytes_FromStringAndSize("", 0);
  co->co_filename = s.filename.release();
  co->co_name = s.name.release();
  co->co_qualname = s.qualname ? s.qualname.release() : Py_NewRef(co->co_name);
  std::string lt = encode_positions(s.positions);
  co->co_linetable = PyBytes_FromStringAndSize(lt.data(), static_cast<Py_ssize_t>(lt.size()));
  co->co_exceptiontable = PyBytes_FromStringAndSize(
      reinterpret_cast<const char*>(s.exceptions.data()),
      static_cast<Py_ssize_t>(s.exceptions.size() * sizeof(ExceptionEntry)));
  if (!co->co_consts || !co->co_names || !co->co_localsplusnames || !co->co_localspluskinds ||
      !co->co_filename || !co->co_name || !co->co_linetable || !co->co_exceptiontable)
    return nullptr;
  co->co_flags = s.flags;
  co->co_argcount = s.argcount;
  co->co_posonlyargcount = s.posonlyargcount;
  co->co_kwonlyargcount = s.kwonlyargcount;
  co->co_stacksize = s.stacksize;
  co->co_firstlineno = s.firstlineno;
  // Derived counts, as CPython defines them (extensions read co_nfreevars).
  Py_ssize_t n = PyTuple_GET_SIZE(co->co_localsplusnames);
  const char* kinds = PyBytes_AS_STRING(co->co_localspluskinds);
  co->co_nlocalsplus = static_cast<int>(n);
  for (Py_ssize_t i = 0; i < n; i++) {
    uint8_t k = static_cast<uint8_t>(kinds[i]);
    if (k & kFastLocal) co->co_nlocals++;
    if (k & kFastCell) {
      co->co_ncellvars++;
      if (!(k & kFastLocal)) co->co_nplaincellvars++;
    }
    if (k & kFastFree) co->co_nfreevars++;
  }
  return ref;
}

}  // namespace krait::bytecode

// ==== The Python type ==============================================================

using namespace krait;
using namespace krait::bytecode;

namespace {

// Names of localsplus slots whose kind has `mask` set (co_varnames etc.).
PyObject* names_of_kind(PyCodeObject* co, uint8_t mask) {
  Py_ssize_t n = co->co_nlocalsplus;
  const char* kinds = PyBytes_AS_STRING(co->co_localspluskinds);
  PyObject* out = PyList_New(0);
  if (!out) return nullptr;
  for (Py_ssize_t i = 0; i < n; i++) {
    if (static_cast<uint8_t>(kinds[i]) & mask) {
      if (PyList_Append(out, PyTuple_GET_ITEM(co->co_localsplusnames, i)) < 0) {
        Py_DECREF(out);
        return nullptr;
      }
    }
  }
  PyObject* t = PyList_AsTuple(out);
  Py_DECREF(out);
  return t;
}

PyObject* code_get_varnames(PyObject* self, void*) {
  return names_of_kind(reinterpret_cast<PyCodeObject*>(self), kFastLocal);
}
PyObject* code_get_cellvars(PyObject* self, void*) {
  return names_of_kind(reinterpret_cast<PyCodeObject*>(self), kFastCell);
}
PyObject* code_get_freevars(PyObject* self, void*) {
  return names_of_kind(reinterpret_cast<PyCodeObject*>(self), kFastFree);
}
PyObject* code_get_nlocals(PyObject* self, void*) {
  return PyLong_FromLong(reinterpret_cast<PyCodeObject*>(self)->co_nlocals);
}
PyObject* code_get_code(PyObject* self, void*) {
  auto* co = reinterpret_cast<PyCodeObject*>(self);
  std::vector<CodeUnit> units = clean_code_units(co);  // inline caches read as zeros
  return PyBytes_FromStringAndSize(reinterpret_cast<const char*>(units.data()), code_len(co) * 4);
}

// co_lines(): (start, end, line) byte ranges, merged where the line repeats.
PyObject* code_co_lines(PyObject* self, PyObject*) {
  auto* co = reinterpret_cast<PyCodeObject*>(self);
  Ref<> list = steal(PyList_New(0));
  if (!list) return nullptr;
  std::vector<Position> pos = decode_positions(co);
  size_t i = 0;
  while (i < pos.size()) {
    size_t j = i + 1;
    while (j < pos.size() && pos[j].line == pos[i].line) j++;
    Ref<> line = pos[i].line < 0 ? Ref<>::borrow(Py_None) : steal(PyLong_FromLong(pos[i].line));
    Ref<> item = steal(Py_BuildValue("(nnO)", static_cast<Py_ssize_t>(i * kAddrPerUnit),
                                     static_cast<Py_ssize_t>(j * kAddrPerUnit), line.obj()));
    if (!item || PyList_Append(list.obj(), item.obj()) < 0) return nullptr;
    i = j;
  }
  return PyObject_GetIter(list.obj());
}

PyObject* opt_int(int v) { return v < 0 ? Py_NewRef(Py_None) : PyLong_FromLong(v); }

// co_positions(): one (line, end_line, col, end_col) per code unit.
PyObject* code_co_positions(PyObject* self, PyObject*) {
  auto* co = reinterpret_cast<PyCodeObject*>(self);
  Ref<> list = steal(PyList_New(0));
  if (!list) return nullptr;
  for (const Position& p : decode_positions(co)) {
    Ref<> item = steal(PyTuple_New(4));
    if (!item) return nullptr;
    PyTuple_SET_ITEM(item.obj(), 0, opt_int(p.line));
    PyTuple_SET_ITEM(item.obj(), 1, opt_int(p.end_line));
    PyTuple_SET_ITEM(item.obj(), 2, opt_int(p.col));
    PyTuple_SET_ITEM(item.obj(), 3, opt_int(p.end_col));
    if (PyList_Append(list.obj(), item.obj()) < 0) return nullptr;
  }
  return PyObject_GetIter(list.obj());
}

void code_dealloc(PyObject* self) {
  auto* co = reinterpret_cast<PyCodeObject*>(self);
  if (co->co_weakreflist) PyObject_ClearWeakRefs(self);
  Py_XDECREF(co->co_consts);
  Py_XDECREF(co->co_names);
  Py_XDECREF(co->co_exceptiontable);
  Py_XDECREF(co->co_localsplusnames);
  Py_XDECREF(co->co_localspluskinds);
  Py_XDECREF(co->co_filename);
  Py_XDECREF(co->co_name);
  Py_XDECREF(co->co_qualname);
  Py_XDECREF(co->co_linetable);
  Py_XDECREF(co->_co_code);
  PyObject_Free(self);
}

PyObject* code_repr(PyObject* self) {
  auto* co = reinterpret_cast<PyCodeObject*>(self);
  return PyUnicode_FromFormat("<code object %U at %p, file \"%U\", line %d>", co->co_name, self,
                              co->co_filename, co->co_firstlineno);
}

// co_lnotab (deprecated, still read by old tools): (address delta, line delta) byte pairs built
// from co_lines(), each delta split into the ranges a signed/unsigned byte holds, as CPython
// 3.11 derives it from its line table. Addresses are f_lasti units.
PyObject* code_get_lnotab(PyObject* self, void*) {
  auto* co = reinterpret_cast<PyCodeObject*>(self);
  Ref<> lines = steal(PyObject_CallMethod(self, "co_lines", nullptr));
  if (!lines) return nullptr;
  Ref<> it = steal(PyObject_GetIter(lines.get()));
  if (!it) return nullptr;
  std::string out;
  auto pair = [&out](int a, int b) {
    out.push_back(static_cast<char>(a));
    out.push_back(static_cast<char>(b));
  };
  long addr = 0, line = co->co_firstlineno;
  while (Ref<> entry = steal(PyIter_Next(it.get()))) {
    long start = PyLong_AsLong(PyTuple_GET_ITEM(entry.get(), 0));
    PyObject* l = PyTuple_GET_ITEM(entry.get(), 2);
    if (l == Py_None) continue;  // no line: the computed line does not change
    long cur = PyLong_AsLong(l);
    if (cur == line) continue;
    long bdelta = start - addr, ldelta = cur - line;
    for (; bdelta > 255; bdelta -= 255) pair(255, 0);
    for (; ldelta > 127; ldelta -= 127, bdelta = 0) pair(static_cast<int>(bdelta), 127);
    for (; ldelta < -128; ldelta += 128, bdelta = 0) pair(static_cast<int>(bdelta), -128);
    pair(static_cast<int>(bdelta), static_cast<int>(ldelta));
    addr = start;
    line = cur;
  }
  if (PyErr_Occurred()) return nullptr;
  return PyBytes_FromStringAndSize(out.data(), static_cast<Py_ssize_t>(out.size()));
}

// code._varname_from_oparg(i): the name of local slot i (dis uses it for LOAD_FAST & co).
PyObject* code_varname_from_oparg(PyObject* self, PyObject* const* args, Py_ssize_t nargs,
                                  PyObject* kwnames) {
  static const char* const kwlist[] = {"oparg", nullptr};
  static _PyArg_Parser parser = {"i:_varname_from_oparg", kwlist, 0};
  int oparg;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, &oparg)) return nullptr;
  auto* co = reinterpret_cast<PyCodeObject*>(self);
  if (oparg < 0 || oparg >= PyTuple_GET_SIZE(co->co_localsplusnames)) {
    PyErr_SetString(PyExc_IndexError, "tuple index out of range");
    return nullptr;
  }
  return Py_NewRef(PyTuple_GET_ITEM(co->co_localsplusnames, oparg));
}

PyMemberDef code_members[] = {
    {"co_argcount", T_INT, offsetof(PyCodeObject, co_argcount), READONLY, nullptr},
    {"co_posonlyargcount", T_INT, offsetof(PyCodeObject, co_posonlyargcount), READONLY, nullptr},
    {"co_kwonlyargcount", T_INT, offsetof(PyCodeObject, co_kwonlyargcount), READONLY, nullptr},
    {"co_stacksize", T_INT, offsetof(PyCodeObject, co_stacksize), READONLY, nullptr},
    {"co_flags", T_INT, offsetof(PyCodeObject, co_flags), READONLY, nullptr},
    {"co_firstlineno", T_INT, offsetof(PyCodeObject, co_firstlineno), READONLY, nullptr},
    {"co_consts", T_OBJECT, offsetof(PyCodeObject, co_consts), READONLY, nullptr},
    {"co_names", T_OBJECT, offsetof(PyCodeObject, co_names), READONLY, nullptr},
    {"co_filename", T_OBJECT, offsetof(PyCodeObject, co_filename), READONLY, nullptr},
    {"co_name", T_OBJECT, offsetof(PyCodeObject, co_name), READONLY, nullptr},
    {"co_qualname", T_OBJECT, offsetof(PyCodeObject, co_qualname), READONLY, nullptr},
    {"co_linetable", T_OBJECT, offsetof(PyCodeObject, co_linetable), READONLY, nullptr},
    {"co_exceptiontable", T_OBJECT, offsetof(PyCodeObject, co_exceptiontable), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyGetSetDef code_getset[] = {
    {"co_varnames", code_get_varnames, nullptr, nullptr, nullptr},
    {"co_cellvars", code_get_cellvars, nullptr, nullptr, nullptr},
    {"co_freevars", code_get_freevars, nullptr, nullptr, nullptr},
    {"co_nlocals", code_get_nlocals, nullptr, nullptr, nullptr},
    {"co_code", code_get_code, nullptr, nullptr, nullptr},
    {"_co_code_adaptive", code_get_code, nullptr, nullptr, nullptr},
    {"co_lnotab", code_get_lnotab, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

// A code object made by empty_code() (foreign code: PyCode_New*, Cython).
bool is_foreign_stub(PyCodeObject* co) {
  if (size_t(Py_SIZE(co)) * sizeof(uint16_t) != 2 * sizeof(CodeUnit) || co->co_nlocalsplus != 0) {
    return false;
  }
  auto* units = reinterpret_cast<const CodeUnit*>(co->co_code_adaptive);
  return units[0] == encode(Op::LOAD_CONST, 0) && units[1] == encode(Op::RETURN_VALUE, 0);
}

bool is_foreign_layout_field(const std::string& k) {
  return k == "co_code" || k == "co_nlocals" || k == "co_varnames" || k == "co_freevars" ||
         k == "co_cellvars" || k == "co_linetable" || k == "co_exceptiontable" ||
         k == "co_lnotab";
}

// code.replace(**changes): a copy with some fields changed. Krait bytecode
// (co_code) and the localsplus layout cannot be replaced from Python code.
PyObject* code_replace(PyObject* self, PyObject* args, PyObject* kwargs) {
  auto* co = reinterpret_cast<PyCodeObject*>(self);
  if (PyTuple_GET_SIZE(args) != 0) {
    PyErr_SetString(PyExc_TypeError, "replace() takes no positional arguments");
    return nullptr;
  }
  Py_ssize_t n = Py_SIZE(co);
  auto* nc = PyObject_NewVar(PyCodeObject, &PyCode_Type, n);
  if (!nc) return nullptr;
  std::memcpy(reinterpret_cast<char*>(nc) + sizeof(PyVarObject), reinterpret_cast<char*>(co) + sizeof(PyVarObject),
              offsetof(PyCodeObject, co_code_adaptive) - sizeof(PyVarObject) + static_cast<size_t>(n) * 2);
  nc->co_weakreflist = nullptr;
  nc->_co_code = nullptr;
  nc->co_extra = nullptr;
  nc->_co_linearray = nullptr;
  for (PyObject* o : {nc->co_consts, nc->co_names, nc->co_exceptiontable, nc->co_localsplusnames,
                      nc->co_localspluskinds, nc->co_filename, nc->co_name, nc->co_qualname, nc->co_linetable})
    Py_XINCREF(o);
  Ref<> result = steal(reinterpret_cast<PyObject*>(nc));
  if (!kwargs) return result.release();
  PyObject *key, *value;
  Py_ssize_t pos = 0;
  while (PyDict_Next(kwargs, &pos, &key, &value)) {
    std::string k = PyUnicode_AsUTF8(key);
    struct IntField { const char* name; int* slot; };
    IntField ints[] = {{"co_argcount", &nc->co_argcount}, {"co_posonlyargcount", &nc->co_posonlyargcount},
                       {"co_kwonlyargcount", &nc->co_kwonlyargcount}, {"co_stacksize", &nc->co_stacksize},
                       {"co_flags", &nc->co_flags}, {"co_firstlineno", &nc->co_firstlineno}};
    bool done = false;
    for (auto& f : ints) {
      if (k == f.name) {
        long v = PyLong_AsLong(value);
        if (v == -1 && PyErr_Occurred()) return nullptr;
        *f.slot = static_cast<int>(v);
        done = true;
      }
    }
    struct ObjField { const char* name; PyObject** slot; PyTypeObject* type; };
    ObjField objs[] = {{"co_consts", &nc->co_consts, &PyTuple_Type}, {"co_names", &nc->co_names, &PyTuple_Type},
                       {"co_filename", &nc->co_filename, &PyUnicode_Type}, {"co_name", &nc->co_name, &PyUnicode_Type},
                       {"co_qualname", &nc->co_qualname, &PyUnicode_Type}};
    for (auto& f : objs) {
      if (k == f.name) {
        if (!PyObject_TypeCheck(value, f.type)) {
          PyErr_Format(PyExc_TypeError, "replace() argument '%s' must be %s, not %.200s", f.name, f.type->tp_name,
                       Py_TYPE(value)->tp_name);
          return nullptr;
        }
        Py_XSETREF(*f.slot, Py_NewRef(value));
        done = true;
      }
    }
    if (!done && is_foreign_stub(co) && is_foreign_layout_field(k)) {
      // Cython (0.29, for 3.11) builds its traceback code objects as
      // PyCode_NewEmpty(...).replace(co_code=b"", co_nlocals=..., co_varnames=...).
      // Krait never runs CPython bytecode: the stub keeps its own, and the
      // CPython-specific layout fields are accepted without effect.
      done = true;
    }
    if (!done) {
      PyErr_Format(PyExc_ValueError, "Krait: code.replace() cannot change %s", k.c_str());
      return nullptr;
    }
  }
  return result.release();
}

PyMethodDef code_methods[] = {
    {"replace", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(code_replace)), METH_VARARGS | METH_KEYWORDS, nullptr},
    {"co_lines", code_co_lines, METH_NOARGS, nullptr},
    {"co_positions", code_co_positions, METH_NOARGS, nullptr},
    {"_varname_from_oparg", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(code_varname_from_oparg)),
     METH_FASTCALL | METH_KEYWORDS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

// A code object with no instructions, used for foreign code (PyCode_New with
// CPython bytecode, which Krait cannot run) and Cython's traceback frames.
PyCodeObject* empty_code(PyObject* filename, PyObject* name, PyObject* qualname, int firstlineno) {
  CodeSpec s;
  s.filename = Ref<>::borrow(filename);
  s.name = Ref<>::borrow(name);
  s.qualname = Ref<>::borrow(qualname ? qualname : name);
  s.firstlineno = firstlineno;
  s.code.push_back(encode(Op::LOAD_CONST, 0));
  s.code.push_back(encode(Op::RETURN_VALUE, 0));
  s.positions.assign(2, Position{firstlineno, firstlineno, -1, -1});
  s.consts = steal(PyTuple_Pack(1, Py_None));
  s.stacksize = 1;
  return make_code(s).release();
}

}  // namespace

extern "C" {

PyTypeObject PyCode_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "code",
    .tp_basicsize = offsetof(PyCodeObject, co_code_adaptive),
    .tp_itemsize = sizeof(uint16_t),
    .tp_dealloc = code_dealloc,
    .tp_repr = code_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "code(argcount, posonlyargcount, kwonlyargcount, nlocals, stacksize,\n     flags, codestring, constants, names, varnames, filename, name,\n     qualname, firstlineno, linetable, exceptiontable, freevars=(),\n     cellvars=(), /)\n--\n\nCreate a code object.",
    .tp_weaklistoffset = offsetof(PyCodeObject, co_weakreflist),
    .tp_methods = code_methods,
    .tp_members = code_members,
    .tp_getset = code_getset,
};

PyCodeObject* PyCode_NewEmpty(const char* filename, const char* funcname, int firstlineno) {
  Ref<> f = steal(PyUnicode_FromString(filename));
  Ref<> n = steal(PyUnicode_FromString(funcname));
  if (!f || !n) return nullptr;
  return empty_code(f.obj(), n.obj(), nullptr, firstlineno);
}

PyCodeObject* PyCode_NewWithPosOnlyArgs(int argcount, int posonlyargcount, int kwonlyargcount,
                                        int nlocals, int stacksize, int flags, PyObject* code,
                                        PyObject* consts, PyObject* names, PyObject* varnames,
                                        PyObject* freevars, PyObject* cellvars,
                                        PyObject* filename, PyObject* name, PyObject* qualname,
                                        int firstlineno, PyObject* linetable,
                                        PyObject* exceptiontable) {
  // CPython bytecode cannot run on Krait; keep the metadata so tracebacks
  // and introspection work (Cython builds such objects for its tracebacks).
  PyCodeObject* co = empty_code(filename, name, qualname, firstlineno);
  if (co) {
    co->co_argcount = argcount;
    co->co_posonlyargcount = posonlyargcount;
    co->co_kwonlyargcount = kwonlyargcount;
    co->co_flags = flags;
  }
  return co;
}

PyCodeObject* PyCode_New(int argcount, int kwonlyargcount, int nlocals, int stacksize, int flags,
                         PyObject* code, PyObject* consts, PyObject* names, PyObject* varnames,
                         PyObject* freevars, PyObject* cellvars, PyObject* filename,
                         PyObject* name, PyObject* qualname, int firstlineno, PyObject* linetable,
                         PyObject* exceptiontable) {
  return PyCode_NewWithPosOnlyArgs(argcount, 0, kwonlyargcount, nlocals, stacksize, flags, code,
                                   consts, names, varnames, freevars, cellvars, filename, name,
                                   qualname, firstlineno, linetable, exceptiontable);
}

// `addr` counts kAddrPerUnit per code unit, as f_lasti does.
int PyCode_Addr2Line(PyCodeObject* co, int addr) {
  if (addr < 0) return co->co_firstlineno;
  return position_at(co, addr / kAddrPerUnit).line;
}

int PyCode_Addr2Location(PyCodeObject* co, int addr, int* line, int* col, int* end_line,
                         int* end_col) {
  Position p = position_at(co, addr / kAddrPerUnit);
  *line = p.line;
  *col = p.col;
  *end_line = p.end_line;
  *end_col = p.end_col;
  return 1;
}

}  // extern "C"
