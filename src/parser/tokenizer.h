// tokenizer.h — CPython 3.11's tokenizer, rewritten over an in-memory UTF-8 buffer.
//
// The buffer is already decoded (see source.h) with newlines translated to '\n'.  The
// structure mirrors tokenizer.c's tok_get (a `nextc`/`backup` cursor, indentation
// stacks, a parenthesis stack) because SyntaxError positions depend on exactly where
// the cursor stands when an error is detected.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parser/parser.h"
#include "parser/token.h"

namespace krait::parser {

// Number of characters in the first `nbytes` bytes of `line`, decoding UTF-8 the way
// CPython's "replace" handler counts (a truncated or invalid sequence counts as 1).
int char_count(std::string_view line, size_t nbytes);

class KRAIT_PARSER_API Tokenizer {
 public:
  static constexpr int kMaxIndent = 100;
  static constexpr int kMaxLevel = 200;

  // `buf` must outlive the tokenizer.  `line_offset`/`col_offset`/`start_line` shift
  // positions (used for f-string replacement fields, see strings.cpp).
  explicit Tokenizer(std::string_view buf);

  // Produces the next token.  On failure returns an ERRORTOKEN and error() is set.
  Token next();

  const std::optional<SyntaxErrorInfo>& error() const { return error_; }
  // True when the error was raised by the tokenizer itself (CPython's syntaxerror()),
  // as opposed to the E_DEDENT/E_TABSPACE/E_EOF states the parser turns into errors.
  bool error_is_raised() const { return raised_; }

  int level() const { return level_; }
  int lineno() const { return lineno_; }
  // Columns of the cursor relative to the current line (for col -1 tokens).
  int cursor_col() const { return static_cast<int>(cur_ - line_start_); }
  std::string_view current_line() const;
  std::string_view line_at(size_t start) const;
  // Innermost open bracket: (char, lineno, byte col).
  char paren_char(int i) const { return paren_[i]; }
  int paren_line(int i) const { return paren_line_[i]; }
  int paren_col(int i) const { return paren_col_[i]; }
  std::string_view buffer() const { return buf_; }
  // Where the last token's text began (for NEWLINE: the comment before it, if any).
  size_t token_start() const { return tok_start_; }
  // The text CPython's tok->buf..tok->inp holds: from the first line read since the last
  // token boundary (lines joined by a backslash or a multi-line string stay together)
  // through the end of the current line. _tokenize reports it as each token's `line`.
  std::string_view cpython_line() const;

  // Lines start at 1; this lets f-string sub-tokenizers report absolute line numbers.
  void set_first_lineno(int n) { lineno_ = n - 1; }

  // Where warnings go (dropped when unset).
  void set_warning_sink(std::vector<ParseWarning>* sink) { warnings_ = sink; }
  std::vector<ParseWarning>* warning_sink() const { return warnings_; }

 private:
  int nextc();
  void backup(int c);
  bool lookahead(const char* s);
  Token make_at(TokType t, size_t start, size_t end, int lineno, size_t line_start);
  Token fail_raised(const std::string& msg, int col = -1, int end_col = -1);
  // CPython's parser_warn(): located like fail_raised() at the cursor.
  void warn_here(const std::string& msg);
  Token fail_state(ErrorType type, const std::string& msg, int lineno, int offset,
                   int end_offset);
  int decimal_tail();
  bool verify_end_of_number(int c, const char* kind, Token* err);
  bool verify_identifier(size_t start, Token* err);

  std::string_view buf_;
  size_t cur_ = 0;
  size_t line_start_ = 0;
  size_t next_line_start_ = 0;
  int lineno_ = 0;
  size_t tok_start_ = 0;
  bool in_token_ = false;  // CPython's tok->start != NULL: reading a line keeps buf_start_
  size_t buf_start_ = 0;

  bool atbol_ = true;
  int pendin_ = 0;
  int indent_ = 0;
  int indstack_[kMaxIndent] = {0};
  int altindstack_[kMaxIndent] = {0};
  bool cont_line_ = false;
  bool eof_done_ = false;

  int level_ = 0;
  char paren_[kMaxLevel] = {0};
  int paren_line_[kMaxLevel] = {0};
  int paren_col_[kMaxLevel] = {0};

  std::optional<SyntaxErrorInfo> error_;
  bool raised_ = false;
  std::vector<ParseWarning>* warnings_ = nullptr;
};

}  // namespace krait::parser
