// parser_impl.h — the recursive-descent parser (internal to src/parser).
//
// One method per grammar rule of CPython 3.11's python.gram, following its ordered
// choices.  Instead of parsing assignment targets with separate rules, most targets
// are parsed as expressions and converted (to_target), which yields the same nodes
// and positions; `for` targets, which must stop before `in`, use parse_target_list().
// The first pass returns nullptr on failure without messages; if it fails, a second
// pass runs with `invalid_` checks enabled (error_pass_), as CPython does.
#pragma once
#include <deque>
#include <unordered_map>
#include <string>
#include <vector>

#include "parser/ast.h"
#include "parser/parser.h"
#include "parser/tokenizer.h"

namespace krait::parser {

using namespace krait::ast;

// Thrown to unwind when an error has been recorded (a SyntaxError is final).
struct ParseAbort {};

class Parser {
 public:
  Parser(std::string_view buf, Arena& arena, Mode mode, int first_lineno = 1, int col_shift = 0,
         const std::string* parent_buf = nullptr);

  mod* parse_mod();
  // For f-string replacement fields: parses "(" expr ")" as fstring_input.
  expr* parse_fstring_expr();

  std::optional<SyntaxErrorInfo> error;
  bool error_pass_ = false;

  // Shared with strings.cpp.
  Arena& arena_;
  [[noreturn]] void raise_at(ErrorType type, const std::string& msg, int lineno, int col,
                             int end_lineno, int end_col);
  [[noreturn]] void raise_tok(const Token& t, const std::string& msg);
  // A warning located at token t (the SyntaxError it becomes when warnings are errors).
  void warn_tok(const Token& t, WarningCategory category, const std::string& msg);
  SyntaxErrorInfo error_info(ErrorType type, const std::string& msg, int lineno, int col,
                             int end_lineno, int end_col);
  [[noreturn]] void raise_node(const Located* a, const std::string& msg);
  [[noreturn]] void raise_range(const Located* a, const Located* b, const std::string& msg);
  std::string line_text(int lineno) const;

 private:
  friend struct StringParser;
  // -- tokens ------------------------------------------------------------------------
  const Token& tok(size_t i);
  const Token& cur() { return tok(pos_); }
  bool at(Op op) { return cur().type == TokType::OP || cur().type == TokType::NAME ? cur().op == op : false; }
  bool at_type(TokType t) { return cur().type == t; }
  bool at_soft(const char* kw);
  const Token* accept(Op op);
  const Token* accept_type(TokType t);
  std::string_view text(const Token& t) const { return buf_.substr(t.start, t.end - t.start); }
  // The last consumed token that is not NEWLINE/INDENT/DEDENT (CPython's EXTRA end).
  const Token& last() {
    size_t i = pos_ - 1;
    while (i > 0 && (tokens_[i].type == TokType::NEWLINE || tokens_[i].type == TokType::INDENT ||
                     tokens_[i].type == TokType::DEDENT || tokens_[i].type == TokType::ENDMARKER))
      i--;
    return tokens_[i];
  }
  void check_error_token();

  template <class T>
  T* node(const Token& start) {
    T* n = arena_.template make<T>();
    n->lineno = start.lineno;
    n->col_offset = start.col_offset;
    return n;
  }
  template <class T>
  T* node_span(const Located* start) {
    T* n = arena_.template make<T>();
    n->lineno = start->lineno;
    n->col_offset = start->col_offset;
    return n;
  }
  template <class T>
  void finish(T* n) {
    const Token& e = last();
    n->end_lineno = e.end_lineno;
    n->end_col_offset = e.end_col_offset;
  }
  template <class T>
  Seq<T> seq(const std::vector<T>& v) {
    return Seq<T>::from(arena_, v);
  }
  Identifier ident(const Token& t);

  // -- statements ----------------------------------------------------------------------
  std::vector<stmt*> statements();
  void statement(std::vector<stmt*>& out);
  void simple_stmts(std::vector<stmt*>& out);
  stmt* simple_stmt();
  stmt* compound_stmt();
  stmt* assignment_or_expr();
  Seq<stmt*> block(const Token& owner, const char* what);
  stmt* function_def(std::vector<expr*> decorators, const Token* async_tok);
  stmt* class_def(std::vector<expr*> decorators);
  stmt* if_stmt(bool elif);
  stmt* while_stmt();
  stmt* for_stmt(const Token* async_tok);
  stmt* with_stmt(const Token* async_tok);
  stmt* try_stmt();
  stmt* match_stmt();
  stmt* import_stmt();
  stmt* from_stmt();
  stmt* return_stmt();
  stmt* raise_stmt();
  stmt* global_stmt(bool nonlocal);
  stmt* del_stmt();
  stmt* assert_stmt();
  arguments* params(bool lambda, Op closing);
  arg* param(bool lambda, bool star);
  withitem* with_item();

  // -- patterns ------------------------------------------------------------------------
  pattern* patterns();
  pattern* pattern_();
  pattern* or_pattern();
  pattern* closed_pattern();
  pattern* maybe_star_pattern();
  expr* literal_expr(bool* is_singleton, ConstantValue* singleton);
  expr* signed_number();
  expr* name_or_attr();
  pattern* class_pattern_tail(expr* cls, const Located* start);
  std::vector<pattern*> maybe_sequence_pattern(Op closing);

  // -- expressions ---------------------------------------------------------------------
  expr* star_expressions();
  expr* star_expression();
  expr* star_named_expressions_seq(std::vector<expr*>& out, Op closing);
  expr* star_named_expression();
  expr* named_expression(bool invalid_rules = true);
  void invalid_named_expression(size_t start, expr* e);
  expr* expression();
  expr* expression_uncached();
  expr* expressions();
  expr* yield_expr();
  expr* lambdef();
  expr* disjunction();
  expr* conjunction();
  expr* inversion();
  expr* comparison();
  expr* bitwise_or();
  expr* bitwise_xor();
  expr* bitwise_and();
  expr* shift_expr();
  expr* sum();
  expr* term();
  expr* factor();
  expr* power();
  expr* await_primary();
  expr* primary();
  expr* atom();
  expr* paren_atom();
  expr* list_atom();
  expr* brace_atom();
  expr* slices();
  expr* slice();
  expr* call_tail(expr* func, const Token& start);
  Seq<comprehension*> for_if_clauses();
  expr* strings();
  expr* number(const Token& t);
  expr* target_list(const Token* start);
  expr* target_primary_elt();

  // -- targets -------------------------------------------------------------------------
  expr* to_target(expr* e, expr_context ctx, bool top = true);
  const char* invalid_target_kind(expr* e);
  enum class TargetsKind { Star, Del, For };
  expr* invalid_target(expr* e, TargetsKind k);  // _PyPegen_get_invalid_target
  void invalid_for_target(size_t target_pos);
  bool starts_with_display(size_t start);
  void invalid_comprehension(expr* first, const std::vector<expr*>& elts, bool comma);

  // -- errors ----------------------------------------------------------------------------
  void enter();
  void leave() { depth_--; }
  struct Guard {
    Parser* p;
    explicit Guard(Parser* p) : p(p) { p->enter(); }
    ~Guard() { p->leave(); }
  };

 public:
  Tokenizer tokenizer_;
  std::deque<Token> tokens_;  // deque: references stay valid as tokens are appended
  std::string_view buf_;
  size_t pos_ = 0;
  // Packrat memo for `expression` (CPython marks it `memo` in its grammar):
  // (token position, error pass) -> (result, end position). Without it,
  // the error pass's invalid_expression re-parse is exponential in nesting.
  std::unordered_map<uint64_t, std::pair<expr*, size_t>> expr_memo_;
  Mode mode_;
  int depth_ = 0;
  bool in_fstring_ = false;
  bool byte_offsets_ = false;  // see kFlagBytesInput
  int col_shift_ = 0;
  int shift_line_ = 0;
};

}  // namespace krait::parser
