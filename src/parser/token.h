// token.h — token kinds of the 3.11 tokenizer.
//
// Operators and keywords share one enum, `Op`, so the parser compares a single small
// integer.  NAME tokens that spell a hard keyword carry its Op; soft keywords
// (match, case, _) stay plain NAMEs and are matched by text.
#pragma once
#include <cstdint>
#include <string_view>

namespace krait::parser {

enum class TokType : uint8_t { ENDMARKER, NAME, NUMBER, STRING, NEWLINE, INDENT, DEDENT, OP, ERRORTOKEN };

// X(enumerator, spelling).  Longest operators are matched first by the tokenizer.
#define KRAIT_PARSER_OPS(X)                                                              \
  X(LPAR, "(") X(RPAR, ")") X(LSQB, "[") X(RSQB, "]") X(COLON, ":") X(COMMA, ",")      \
  X(SEMI, ";") X(PLUS, "+") X(MINUS, "-") X(STAR, "*") X(SLASH, "/") X(VBAR, "|")      \
  X(AMPER, "&") X(LESS, "<") X(GREATER, ">") X(EQUAL, "=") X(DOT, ".") X(PERCENT, "%") \
  X(LBRACE, "{") X(RBRACE, "}") X(EQEQUAL, "==") X(NOTEQUAL, "!=") X(LESSEQUAL, "<=")  \
  X(GREATEREQUAL, ">=") X(TILDE, "~") X(CIRCUMFLEX, "^") X(LEFTSHIFT, "<<")           \
  X(RIGHTSHIFT, ">>") X(DOUBLESTAR, "**") X(PLUSEQUAL, "+=") X(MINEQUAL, "-=")         \
  X(STAREQUAL, "*=") X(SLASHEQUAL, "/=") X(PERCENTEQUAL, "%=") X(AMPEREQUAL, "&=")    \
  X(VBAREQUAL, "|=") X(CIRCUMFLEXEQUAL, "^=") X(LEFTSHIFTEQUAL, "<<=")                \
  X(RIGHTSHIFTEQUAL, ">>=") X(DOUBLESTAREQUAL, "**=") X(DOUBLESLASH, "//")             \
  X(DOUBLESLASHEQUAL, "//=") X(AT, "@") X(ATEQUAL, "@=") X(RARROW, "->")              \
  X(ELLIPSIS, "...") X(COLONEQUAL, ":=")

#define KRAIT_PARSER_KEYWORDS(X)                                                          \
  X(KW_False, "False") X(KW_None, "None") X(KW_True, "True") X(KW_and, "and")          \
  X(KW_as, "as") X(KW_assert, "assert") X(KW_async, "async") X(KW_await, "await")      \
  X(KW_break, "break") X(KW_class, "class") X(KW_continue, "continue") X(KW_def, "def") \
  X(KW_del, "del") X(KW_elif, "elif") X(KW_else, "else") X(KW_except, "except")        \
  X(KW_finally, "finally") X(KW_for, "for") X(KW_from, "from") X(KW_global, "global")  \
  X(KW_if, "if") X(KW_import, "import") X(KW_in, "in") X(KW_is, "is")                  \
  X(KW_lambda, "lambda") X(KW_nonlocal, "nonlocal") X(KW_not, "not") X(KW_or, "or")    \
  X(KW_pass, "pass") X(KW_raise, "raise") X(KW_return, "return") X(KW_try, "try")      \
  X(KW_while, "while") X(KW_with, "with") X(KW_yield, "yield")

enum class Op : uint8_t {
  None,
#define X(e, s) e,
  KRAIT_PARSER_OPS(X) KRAIT_PARSER_KEYWORDS(X)
#undef X
  Unknown,  // a one-character OP CPython's tokenizer passes through ('$', '?', '!', ...)
};

const char* op_spelling(Op op);

struct Token {
  TokType type = TokType::ENDMARKER;
  Op op = Op::None;
  uint32_t start = 0, end = 0;  // byte offsets into the decoded source
  int lineno = 0, col_offset = 0, end_lineno = 0, end_col_offset = 0;  // col -1: unknown
  int level = 0;  // parenthesis nesting level after this token
};

}  // namespace krait::parser
