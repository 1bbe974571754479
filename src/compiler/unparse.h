// unparse.h — expression to source text, as CPython's C unparser writes it (for PEP 563).
#pragma once
#include <Python.h>

#include "parser/ast.h"
#include "support/ref.h"

namespace krait::compiler {

// The source text of an annotation (a new str), or null with an exception set. `forbidden`,
// when given, gets the first yield/await/walrus of the annotation outside nested scopes (null if
// none) and `what` its name for the SyntaxError ("'yield expression' can not be used within an
// annotation").
Ref<> unparse_annotation(const ast::expr* e, const ast::expr** forbidden = nullptr,
                         const char** what = nullptr);

}  // namespace krait::compiler
