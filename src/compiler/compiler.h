// compiler.h — the public entry points of the bytecode compiler.
//
// Pipeline (CPython's stage split): parser -> SymbolTable (symtable.cpp) ->
// Codegen (codegen*.cpp: AST to a flat instruction list with labels and
// pseudo instructions) -> assembler (assembler.cpp: stack depths, exception
// table, position table, final code object).
#pragma once
#include <Python.h>

#include <string_view>

#include "parser/ast.h"
#include "support/ref.h"

namespace krait::compiler {

enum class Mode { Exec, Eval, Single };

// Compiles an AST. `filename` is a str. On error, returns NULL with
// SyntaxError (or MemoryError) raised. `optimize` is the -O level; -1 means
// the interpreter's (sys.flags.optimize).
// `future_flags` holds CPython's CO_FUTURE_* bits already in force (compile() inherits its
// caller's, or takes them from its flags); a `from __future__ import annotations` in the module
// adds CO_FUTURE_ANNOTATIONS. Every code object compiled carries them in co_flags.
Ref<PyCodeObject> compile_ast(ast::Mod* mod, PyObject* filename, Mode mode, int optimize = -1,
                              int future_flags = 0);

// Parses `source` (UTF-8) and compiles it; parse errors become SyntaxError
// with CPython's fields (msg, filename, lineno, offset, text, end_lineno,
// end_offset).
Ref<PyCodeObject> compile_source(std::string_view source, PyObject* filename, Mode mode,
                                 int optimize = -1, int future_flags = 0);

// Raises SyntaxError(msg, (filename, lineno, offset, text, end_lineno, end_offset)).
// Columns are 0-based UTF-8 byte offsets; `source` supplies the text line.
void raise_syntax_error(const char* type_name, std::string_view msg, PyObject* filename,
                        std::string_view source, int lineno, int col, int end_lineno,
                        int end_col);

}  // namespace krait::compiler
