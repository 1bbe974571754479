// parser.h — the public entry point of Krait's front end.
//
// parse() turns source bytes into an AST (ast.h) allocated in a caller-owned Arena, or
// into a SyntaxErrorInfo carrying exactly what CPython 3.11 would put in the
// SyntaxError.  The front end does not use the Python object runtime.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parser/ast.h"

#define KRAIT_PARSER_API __attribute__((visibility("default")))

namespace krait::parser {

enum class Mode { Exec, Eval, Single, FuncType };

// Flags (a subset of CPython's PyCF_* that matter to the parser).
enum Flags : unsigned {
  kFlagNone = 0,
  kFlagAllowIncompleteInput = 1u << 0,  // PyCF_ALLOW_INCOMPLETE_INPUT: "incomplete input"
  // The source is a bytes object given to compile()/ast.parse() (CPython's string
  // tokenizer).  With neither a coding declaration nor a BOM, CPython then reports the
  // columns of parser-detected errors in bytes, not characters; files and str sources
  // (the default) always use characters.
  kFlagBytesInput = 1u << 1,
  // PyCF_DONT_IMPLY_DEDENT (single mode): a last line without its newline does
  // not close the open indented blocks (codeop: "the statement goes on").
  kFlagDontImplyDedent = 1u << 2,
};

// MemoryError: the parser's nesting limit (CPython's MAXSTACK), raised with no message
// and no location, as CPython does for e.g. `-` repeated 100000 times.
enum class ErrorType { SyntaxError, IndentationError, TabError, MemoryError };

struct SyntaxErrorInfo {
  ErrorType type = ErrorType::SyntaxError;
  std::string msg;
  int lineno = 0;      // 1-based
  int offset = 0;      // 1-based, in characters (SyntaxError.offset)
  int end_lineno = 0;  // as SyntaxError.end_lineno
  int end_offset = 0;  // as SyntaxError.end_offset (may be 0 or -1 like CPython)
  bool has_end = true; // false: end_lineno/end_offset are None (source decoding errors)
  std::string text;    // the offending source line (UTF-8), as SyntaxError.text
};

// A compile-time warning found while parsing (CPython warns from the tokenizer and the
// string parser: "invalid decimal literal", "invalid escape sequence '\d'"). The caller
// issues it with warnings.warn_explicit(); if that raises the warning as an error, the
// SyntaxError described by `where` (whose msg is the warning text) replaces it.
enum class WarningCategory { SyntaxWarning, DeprecationWarning };
struct ParseWarning {
  WarningCategory category = WarningCategory::SyntaxWarning;
  SyntaxErrorInfo where;
};

struct ParseResult {
  ast::Mod* mod = nullptr;                // set on success
  std::optional<SyntaxErrorInfo> error;   // set on failure
  std::vector<ParseWarning> warnings;     // in source order, also set on failure
  bool ok() const { return mod != nullptr; }
};

// Parses `source` (raw bytes: PEP 263 coding declarations and a UTF-8 BOM honoured).
KRAIT_PARSER_API ParseResult parse(std::string_view source, std::string_view filename, Mode mode,
                                   unsigned flags, ast::Arena& arena);

// `krait -X dump-ast FILE`: prints ast.dump(tree, include_attributes=True) or
// "Type: msg (lineno:offset-end_lineno:end_offset)"; returns 0 or 1 (2 if unreadable).
KRAIT_PARSER_API int dump_ast_main(const char* path);

const char* error_type_name(ErrorType t);

}  // namespace krait::parser
