// symtable_entry.cpp — the `symtable entry` type: one analyzed scope of Krait's
// compiler symbol table, shown with CPython's fields (id, name, type, lineno,
// nested, symbols, varnames, children).
//
// The whole tree is built eagerly when _symtable.symtable() returns, so the
// same child objects come back on every access (Lib/symtable.py memoizes its
// wrappers by entry identity). Krait's own flags and name scopes are mapped
// to CPython's bit values here; the compiler's internals keep their own.
#include "modules/symtable/symtable_entry.h"

#include <structmember.h>

#include "support/ref.h"

namespace krait::symtable_mod {
namespace {

struct EntryObject {
  PyObject_HEAD
  PyObject* id;
  PyObject* name;
  PyObject* symbols;   // dict: name -> flags | scope << SCOPE_OFF
  PyObject* varnames;  // list: parameter names in order
  PyObject* children;  // list of entries
  int type;
  int lineno;
  int nested;
};

using compiler::NameScope;
using compiler::Scope;
using compiler::ScopeKind;

int type_of(const Scope* s) {
  switch (s->kind) {
    case ScopeKind::Module: return kTypeModule;
    case ScopeKind::Class: return kTypeClass;
    default: return kTypeFunction;
  }
}

long own_flags(const Scope* s, const std::string& n, unsigned f) {
  long r = 0;
  if (f & compiler::kDefLocal) r |= kDefLocal;
  if (f & compiler::kDefParam) r |= kDefParam;
  if (f & compiler::kDefGlobal) r |= kDefGlobal;
  if (f & compiler::kDefNonlocal) r |= kDefNonlocal;
  if (f & compiler::kUse) r |= kUse;
  if (f & compiler::kDefFreeClass) r |= kDefFreeClass;
  if (f & compiler::kDefImport) r |= kDefImport;
  if (f & compiler::kDefAnnot) r |= kDefAnnot;
  if (s->kind == ScopeKind::Comprehension && s->comp_iter.count(n)) r |= kDefCompIter;
  return r;
}

long scope_code(const Scope* s, const std::string& n, unsigned f) {
  auto it = s->resolved.find(n);
  NameScope ns = it == s->resolved.end() ? NameScope::GlobalImplicit : it->second;
  switch (ns) {
    case NameScope::Local: return kLocal;
    case NameScope::Cell: return kCell;
    case NameScope::Free: return kFree;
    // Krait resolves a name declared global by an enclosing function as explicit (same
    // bytecode); CPython reports it as implicit unless this scope says `global`.
    case NameScope::GlobalExplicit: return (f & compiler::kDefGlobal) ? kGlobalExplicit : kGlobalImplicit;
    case NameScope::GlobalImplicit: return kGlobalImplicit;
  }
  return kGlobalImplicit;
}

int add_symbol(PyObject* dict, const std::string& n, long value) {
  Ref<> key = steal(PyUnicode_FromStringAndSize(n.data(), static_cast<Py_ssize_t>(n.size())));
  if (!key) return -1;
  Ref<> v = steal(PyLong_FromLong(value));
  if (!v) return -1;
  return PyDict_SetItem(dict, key.get(), v.get());
}

PyObject* build(const Scope* s, bool nested) {
  Ref<EntryObject> e = steal(PyObject_New(EntryObject, &Entry_Type));
  if (!e) return nullptr;
  e->id = e->name = e->symbols = e->varnames = e->children = nullptr;
  e->type = type_of(s);
  e->lineno = s->kind == ScopeKind::Module ? 0 : s->lineno;
  e->nested = nested;
  e->id = PyLong_FromVoidPtr(const_cast<void*>(s->node));
  const std::string& name = s->kind == ScopeKind::Lambda ? std::string("lambda") : s->name;
  e->name = PyUnicode_FromStringAndSize(name.data(), static_cast<Py_ssize_t>(name.size()));
  e->symbols = PyDict_New();
  e->varnames = PyList_New(0);
  e->children = PyList_New(0);
  if (!e->id || !e->name || !e->symbols || !e->varnames || !e->children) return nullptr;
  for (const std::string& n : s->order) {
    unsigned f = s->symbols.at(n);
    if (add_symbol(e->symbols, n, own_flags(s, n, f) | scope_code(s, n, f) << kScopeOffset) < 0)
      return nullptr;
  }
  // Free names only passed through to children are symbols of this scope too (FREE, no flags).
  for (const auto& [n, ns] : s->resolved) {
    if (s->symbols.count(n) || ns != NameScope::Free) continue;
    if (add_symbol(e->symbols, n, long{kFree} << kScopeOffset) < 0) return nullptr;
  }
  for (const std::string& v : s->varnames) {
    Ref<> str = steal(PyUnicode_FromStringAndSize(v.data(), static_cast<Py_ssize_t>(v.size())));
    if (!str || PyList_Append(e->varnames, str.get()) < 0) return nullptr;
  }
  bool child_nested = nested || e->type == kTypeFunction;
  for (const Scope* c : s->children) {
    Ref<> child = steal(build(c, child_nested));
    if (!child || PyList_Append(e->children, child.get()) < 0) return nullptr;
  }
  return reinterpret_cast<PyObject*>(e.release());
}

void entry_dealloc(PyObject* self) {
  auto* e = reinterpret_cast<EntryObject*>(self);
  Py_XDECREF(e->id);
  Py_XDECREF(e->name);
  Py_XDECREF(e->symbols);
  Py_XDECREF(e->varnames);
  Py_XDECREF(e->children);
  PyObject_Free(self);
}

PyObject* entry_repr(PyObject* self) {
  auto* e = reinterpret_cast<EntryObject*>(self);
  return PyUnicode_FromFormat("<symtable entry %U(%R), line %d>", e->name, e->id, e->lineno);
}

PyMemberDef entry_members[] = {
    {"id", T_OBJECT, offsetof(EntryObject, id), READONLY, nullptr},
    {"name", T_OBJECT, offsetof(EntryObject, name), READONLY, nullptr},
    {"symbols", T_OBJECT, offsetof(EntryObject, symbols), READONLY, nullptr},
    {"varnames", T_OBJECT, offsetof(EntryObject, varnames), READONLY, nullptr},
    {"children", T_OBJECT, offsetof(EntryObject, children), READONLY, nullptr},
    {"nested", T_INT, offsetof(EntryObject, nested), READONLY, nullptr},
    {"type", T_INT, offsetof(EntryObject, type), READONLY, nullptr},
    {"lineno", T_INT, offsetof(EntryObject, lineno), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

}  // namespace

PyTypeObject Entry_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "symtable entry",
    .tp_basicsize = sizeof(EntryObject),
    .tp_dealloc = entry_dealloc,
    .tp_repr = entry_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_members = entry_members,
};

PyObject* entry_from_scope(const Scope* scope) { return build(scope, false); }

}  // namespace krait::symtable_mod
