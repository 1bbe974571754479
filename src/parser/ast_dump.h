// ast_dump.h — the text of CPython 3.11's ast.dump() for a Krait AST.
#pragma once
#include <string>

#include "parser/ast.h"

namespace krait::ast {

// ast.dump(tree, include_attributes=...) of CPython 3.11: optional fields that are None
// are omitted, empty lists are printed as [], constants use Python's repr().
__attribute__((visibility("default"))) std::string dump(const Mod* tree,
                                                         bool include_attributes);

// Python's repr() of a constant (exposed for tests).
__attribute__((visibility("default"))) std::string repr_constant(const ConstantValue& v);

}  // namespace krait::ast
