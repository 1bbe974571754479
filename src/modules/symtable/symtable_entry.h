// symtable_entry.h — the `symtable entry` objects of the `_symtable` module.
#pragma once
#include <Python.h>

#include "compiler/symtable.h"

namespace krait::symtable_mod {

// CPython 3.11's symbol flags and scope codes (Include/internal/pycore_symtable.h values).
enum : long {
  kDefGlobal = 1,
  kDefLocal = 2,
  kDefParam = 4,
  kDefNonlocal = 8,
  kUse = 16,
  kDefFree = 32,
  kDefFreeClass = 64,
  kDefImport = 128,
  kDefAnnot = 256,
  kDefCompIter = 512,
  kDefBound = kDefLocal | kDefParam | kDefImport,
  kScopeOffset = 11,
  kScopeMask = kDefGlobal | kDefLocal | kDefParam | kDefNonlocal,
  kLocal = 1,
  kGlobalExplicit = 2,
  kGlobalImplicit = 3,
  kFree = 4,
  kCell = 5,
  kTypeFunction = 0,
  kTypeClass = 1,
  kTypeModule = 2,
};

extern PyTypeObject Entry_Type;

// Builds the entry tree for `scope` (and its children) from an analyzed table.
PyObject* entry_from_scope(const compiler::Scope* scope);

}  // namespace krait::symtable_mod
