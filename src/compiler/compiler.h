// compiler.h — the public entry points of the bytecode compiler.
//
// Pipeline (CPython's stage split): parser -> SymbolTable (symtable.cpp) ->
// Codegen (codegen*.cpp: AST to a flat instruction list with labels and
// pseudo instructions) -> assembler (assembler.cpp: stack depths, exception
// table, position table, final code object).
#pragma once
#include <Python.h>

#include <string_view>
#include <vector>

#include "parser/ast.h"
#include "support/ref.h"

namespace krait::parser {
struct SyntaxErrorInfo;
struct ParseWarning;
}  // namespace krait::parser

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

// compile_source() for the text of a source file (the script, PyRun_File): as CPython's
// file tokenizer, undeclared non-UTF-8 text is "Non-UTF-8 code starting with ...".
Ref<PyCodeObject> compile_file_source(std::string_view source, PyObject* filename, Mode mode);

// A constant of an AST (ast::ConstantValue) as a new Python object, or null with an exception.
PyObject* constant_object(const ast::ConstantValue& v);

// Raises SyntaxError(msg, (filename, lineno, offset, text, end_lineno, end_offset)).
// Columns are 0-based UTF-8 byte offsets; `source` supplies the text line.
void raise_syntax_error(const char* type_name, std::string_view msg, PyObject* filename,
                        std::string_view source, int lineno, int col, int end_lineno,
                        int end_col);

// Parse results (parser/parser.h): raising the reported SyntaxError, and issuing the
// parse-time warnings (false with an exception set if one was raised as an error).
void raise_parse_error(const parser::SyntaxErrorInfo& e, PyObject* filename);
bool issue_parse_warnings(const std::vector<parser::ParseWarning>& warnings, PyObject* filename);

}  // namespace krait::compiler
