// parser.cpp — parse(): source preparation, the two-pass driver and error reporting.
//
// Pass 1 parses without any `invalid_*` checks.  If it fails, pass 2 re-parses the
// same tokens with error_pass_ set, so that rules may raise CPython's specific
// messages; if none does, the generic "invalid syntax" (or "unexpected indent") is
// reported at the furthest token pass 1 reached.  As in CPython, a tokenizer error
// later in the file takes priority over a parser error (tokenize_full_source check).
#include <algorithm>

#include "parser/parser.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "parser/ast_dump.h"
#include "parser/parser_impl.h"
#include "parser/source.h"

namespace krait::parser {

const char* error_type_name(ErrorType t) {
  switch (t) {
    case ErrorType::SyntaxError: return "SyntaxError";
    case ErrorType::IndentationError: return "IndentationError";
    case ErrorType::TabError: return "TabError";
    case ErrorType::MemoryError: return "MemoryError";
  }
  return "SyntaxError";
}

Parser::Parser(std::string_view buf, Arena& arena, Mode mode, int first_lineno, int col_shift,
               const std::string*)
    : arena_(arena), tokenizer_(buf), buf_(buf), mode_(mode) {
  if (first_lineno != 1 || col_shift != 0) {
    tokenizer_.set_first_lineno(first_lineno);
    shift_line_ = first_lineno;
    col_shift_ = col_shift;
  }
}

std::string Parser::line_text(int lineno) const {
  if (shift_line_) lineno = lineno - shift_line_ + 1;  // an f-string sub-parser's buffer
  int l = 1;
  size_t s = 0;
  while (l < lineno) {
    size_t e = buf_.find('\n', s);
    if (e == std::string_view::npos) return "";
    s = e + 1;
    l++;
  }
  size_t e = buf_.find('\n', s);
  if (e == std::string_view::npos) return std::string(buf_.substr(s));
  return std::string(buf_.substr(s, e + 1 - s));
}

namespace {
// byte_offset_to_character_offset() over a line that (in CPython) is NUL-terminated.
int to_chars(const std::string& line, int bytes) {
  if (bytes <= 0) return bytes;
  size_t n = static_cast<size_t>(bytes);
  if (n > line.size() + 1) n = line.size() + 1;
  if (n > line.size()) return char_count(line, line.size()) + 1;
  return char_count(line, n);
}
}  // namespace

void Parser::raise_at(ErrorType type, const std::string& msg, int lineno, int col,
                      int end_lineno, int end_col) {
  error = error_info(type, msg, lineno, col, end_lineno, end_col);
  throw ParseAbort{};
}

void Parser::warn_tok(const Token& t, WarningCategory category, const std::string& msg) {
  std::vector<ParseWarning>* sink = tokenizer_.warning_sink();
  // The error pass and backtracking may decode a literal again: warn once.
  if (!sink || error_pass_) return;
  ParseWarning w;
  w.category = category;
  w.where = error_info(ErrorType::SyntaxError, msg, t.lineno, t.col_offset, t.end_lineno, t.end_col_offset);
  for (const ParseWarning& o : *sink)
    if (o.where.lineno == w.where.lineno && o.where.offset == w.where.offset && o.where.msg == msg) return;
  sink->push_back(std::move(w));
}

SyntaxErrorInfo Parser::error_info(ErrorType type, const std::string& msg, int lineno, int col,
                                   int end_lineno, int end_col) {
  SyntaxErrorInfo e;
  e.type = type;
  e.msg = msg;
  int col_number, end_col_number;
  if (col == -2) {
    // _PyPegen_raise_error(use_mark=0): the last token fetched.
    const Token& t = tokens_.back();
    lineno = t.lineno;
    end_lineno = t.end_lineno;
    col_number = t.col_offset == -1 ? tokenizer_.cursor_col() : t.col_offset + 1;
    end_col_number = t.end_col_offset == -1 ? -1 : t.end_col_offset + 1;
  } else {
    col_number = col + 1;
    end_col_number = end_col + 1;
  }
  if (shift_line_) {
    // fstring_input: CPython reports columns in the "(expr)" sub-buffer.
    col_number -= col_shift_;
    if (end_col_number > 0) end_col_number -= col_shift_;
  }
  std::string line = line_text(lineno);
  e.lineno = lineno;
  e.end_lineno = end_lineno;
  if (byte_offsets_) {
    e.offset = col_number;
    e.end_offset = end_col_number;
  } else {
    e.offset = to_chars(line, col_number);
    e.end_offset = end_col_number > 0 ? to_chars(line, end_col_number) : end_col_number;
  }
  e.text = line;
  return e;
}

void Parser::raise_tok(const Token& t, const std::string& msg) {
  raise_at(ErrorType::SyntaxError, msg, t.lineno, t.col_offset, t.end_lineno, t.end_col_offset);
}

void Parser::raise_node(const Located* a, const std::string& msg) {
  raise_at(ErrorType::SyntaxError, msg, a->lineno, a->col_offset, a->end_lineno,
           a->end_col_offset);
}

void Parser::raise_range(const Located* a, const Located* b, const std::string& msg) {
  raise_at(ErrorType::SyntaxError, msg, a->lineno, a->col_offset, b->end_lineno,
           b->end_col_offset);
}

mod* Parser::parse_mod() {
  pos_ = 0;
  depth_ = 0;
  switch (mode_) {
    case Mode::Exec: {
      std::vector<stmt*> body = statements();
      if (!at_type(TokType::ENDMARKER)) return nullptr;
      auto* m = arena_.make<Module>();
      m->body = seq(body);
      return m;
    }
    case Mode::Eval: {
      expr* e = expressions();
      if (!e) return nullptr;
      while (accept_type(TokType::NEWLINE)) {
      }
      if (!at_type(TokType::ENDMARKER)) return nullptr;
      auto* m = arena_.make<Expression>();
      m->body = e;
      return m;
    }
    case Mode::Single: {
      std::vector<stmt*> body;
      size_t start = pos_;
      if (stmt* s = compound_stmt()) {
        body.push_back(s);
        if (!accept_type(TokType::NEWLINE) && !at_type(TokType::ENDMARKER)) return nullptr;
        if (!at_type(TokType::ENDMARKER)) return nullptr;  // one statement only
      } else if (pos_ = start; !accept_type(TokType::NEWLINE) && !at_type(TokType::ENDMARKER)) {
        simple_stmts(body);
        if (body.empty()) return nullptr;
        // Anything but blank lines after it: CPython's bad_single_statement.
        size_t end = pos_;
        while (accept_type(TokType::NEWLINE)) {
        }
        if (!at_type(TokType::ENDMARKER)) {
          const Token& nl = tok(end > 0 ? end - 1 : 0);
          raise_at(ErrorType::SyntaxError, "multiple statements found while compiling a single statement",
                   nl.lineno, nl.col_offset, nl.lineno, nl.col_offset);
        }
      }
      auto* m = arena_.make<Interactive>();
      m->body = seq(body);
      return m;
    }
    case Mode::FuncType: {
      if (!accept(Op::LPAR)) return nullptr;
      std::vector<expr*> argtypes;
      while (!at(Op::RPAR)) {
        const Token& s = cur();
        expr* e;
        if (accept(Op::STAR) || accept(Op::DOUBLESTAR)) {
          e = expression();
          if (!e) return nullptr;
          if (s.op == Op::STAR) {
            auto* st = node<Starred>(s);
            st->value = e;
            st->ctx = expr_context::Load;
            finish(st);
            e = st;
          }
        } else {
          e = expression();
        }
        if (!e) return nullptr;
        argtypes.push_back(e);
        if (!accept(Op::COMMA)) break;
      }
      if (!accept(Op::RPAR) || !accept(Op::RARROW)) return nullptr;
      expr* r = expression();
      if (!r) return nullptr;
      while (accept_type(TokType::NEWLINE)) {
      }
      if (!at_type(TokType::ENDMARKER)) return nullptr;
      auto* m = arena_.make<FunctionType>();
      m->argtypes = seq(argtypes);
      m->returns = r;
      return m;
    }
  }
  return nullptr;
}

expr* Parser::parse_fstring_expr() {
  // The two-pass driver, for the fstring start rule (star_expressions).
  auto run = [&]() -> expr* {
    pos_ = 0;
    depth_ = 0;
    return star_expressions();
  };
  try {
    expr* e = run();
    if (e) return e;
    if (error) return nullptr;
    size_t last_i = tokens_.size() - 1;
    error_pass_ = true;
    run();
    const Token& lt = tokens_[last_i];
    raise_at(ErrorType::SyntaxError, "invalid syntax", lt.lineno, lt.col_offset, lt.end_lineno,
             lt.end_col_offset);
  } catch (ParseAbort&) {
  }
  return nullptr;
}

namespace {

// CPython's _PyPegen_tokenize_full_source_to_check_for_errors.
void check_rest_of_source(Parser& p) {
  if (p.tokenizer_.error()) return;
  int err_line = p.tokens_.empty() ? 0 : p.tokens_.back().lineno;
  for (;;) {
    Token t = p.tokenizer_.next();
    if (t.type == TokType::ERRORTOKEN) {
      if (p.tokenizer_.error_is_raised()) {
        p.error = p.tokenizer_.error();
      } else if (p.tokenizer_.level() != 0) {
        int pl = p.tokenizer_.paren_line(p.tokenizer_.level() - 1);
        if (err_line > pl) p.error = p.tokenizer_.error();
      }
      return;
    }
    if (t.type == TokType::ENDMARKER) return;
  }
}


// Single mode with PyCF_DONT_IMPLY_DEDENT: when the text does not end with a
// newline and its last non-blank line is indented, the block is still open.
// Returns that last line's number, or 0.
int open_block_at_end(std::string_view source) {
  if (source.empty() || source.back() == '\n') return 0;
  int line = 1, last_nonblank = 0;
  bool indented = false;
  size_t i = 0;
  while (i <= source.size()) {
    size_t nl = source.find('\n', i);
    std::string_view l = source.substr(i, nl == std::string_view::npos ? std::string_view::npos : nl - i);
    size_t first = l.find_first_not_of(" \t\f\r");
    if (first != std::string_view::npos && l[first] != '#') {
      last_nonblank = line;
      indented = first > 0;
    }
    if (nl == std::string_view::npos) break;
    i = nl + 1;
    line++;
  }
  return last_nonblank && indented ? line : 0;
}

// Tokenizer errors that mean "the input stopped early" (CPython's E_EOF /
// E_EOFS cases), reported as "incomplete input" under
// PyCF_ALLOW_INCOMPLETE_INPUT.
bool is_eof_error(const std::string& msg) {
  return msg.find("was never closed") != std::string::npos ||
         msg.rfind("unterminated triple-quoted string literal", 0) == 0 ||
         msg == "unexpected EOF while parsing";
}

// "incomplete input" located as CPython does: on the last line of the
// source, offset just past its text (its newline included when present).
SyntaxErrorInfo incomplete_input_error(std::string_view source) {
  SyntaxErrorInfo e;
  e.msg = "incomplete input";
  // The last line: after the last newline that is not the final character.
  size_t end = source.size();
  size_t body_end = (end > 0 && source[end - 1] == '\n') ? end - 1 : end;
  size_t nl = body_end == 0 ? std::string_view::npos : source.rfind('\n', body_end - 1);
  size_t start = nl == std::string_view::npos ? 0 : nl + 1;
  e.text = std::string(source.substr(start));
  e.lineno = e.end_lineno = 1 + static_cast<int>(std::count(source.begin(), source.begin() + start, '\n'));
  e.offset = static_cast<int>(e.text.size());
  e.end_offset = -1;
  return e;
}

ParseResult parse_impl(std::string_view source, Mode mode, unsigned flags, ast::Arena& arena);

}  // namespace

ParseResult parse(std::string_view source, std::string_view filename, Mode mode, unsigned flags,
                  ast::Arena& arena) {
  (void)filename;
  if (mode == Mode::Single && (flags & kFlagDontImplyDedent)) {
    if (int line = open_block_at_end(source)) {
      ParseResult r;
      SyntaxErrorInfo e = incomplete_input_error(source);
      if (!(flags & kFlagAllowIncompleteInput)) {
        e.msg = "invalid syntax";
        e.lineno = e.end_lineno = line;
        e.offset = e.end_offset = 0;
      }
      r.error = e;
      return r;
    }
  }
  ParseResult r = parse_impl(source, mode, flags, arena);
  if (!r.mod && r.error && (flags & kFlagAllowIncompleteInput) && is_eof_error(r.error->msg)) {
    r.error = incomplete_input_error(source);
  }
  return r;
}

namespace {

ParseResult parse_impl(std::string_view source, Mode mode, unsigned flags, ast::Arena& arena) {
  ParseResult r;
  SyntaxErrorInfo serr;
  bool declared = false;
  std::optional<std::string> prepared = prepare_source(source, mode, serr, &declared);
  if (!prepared) {
    r.error = serr;
    return r;
  }
  // The buffer must outlive the parser only; nodes copy what they keep.
  std::string buf = std::move(*prepared);
  Parser p(buf, arena, mode);
  p.tokenizer_.set_warning_sink(&r.warnings);
  p.byte_offsets_ = (flags & kFlagBytesInput) && !declared;
  mod* m = nullptr;
  try {
    m = p.parse_mod();
  } catch (ParseAbort&) {
    r.error = p.error;
    return r;
  }
  if (m) {
    r.mod = m;
    return r;
  }
  if ((flags & kFlagAllowIncompleteInput) && p.tokens_.back().type == TokType::ENDMARKER) {
    r.error = incomplete_input_error(source);
    return r;
  }
  // Second pass with the invalid_ rules.
  Token last_token = p.tokens_.back();
  p.error_pass_ = true;
  bool raised = false;
  try {
    p.parse_mod();
  } catch (ParseAbort&) {
    raised = true;
  }
  if (raised && p.error) {
    if (!p.tokenizer_.error()) check_rest_of_source(p);
    r.error = p.error;
    return r;
  }
  try {
    if (last_token.type == TokType::INDENT) {
      p.raise_at(ErrorType::IndentationError, "unexpected indent", 0, -2, 0, -2);
    }
    if (last_token.type == TokType::DEDENT) {
      p.raise_at(ErrorType::IndentationError, "unexpected unindent", 0, -2, 0, -2);
    }
    p.raise_at(ErrorType::SyntaxError, "invalid syntax", last_token.lineno, last_token.col_offset,
               last_token.end_lineno, last_token.end_col_offset);
  } catch (ParseAbort&) {
  }
  if (last_token.type != TokType::INDENT && last_token.type != TokType::DEDENT)
    check_rest_of_source(p);
  r.error = p.error;
  return r;
}

}  // namespace

int dump_ast_main(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot open %s\n", path);
    return 2;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  std::string src = ss.str();
  ast::Arena arena;
  // The differential tests compare with ast.parse(<bytes>), hence kFlagBytesInput.
  ParseResult r = parse(src, path, Mode::Exec, kFlagBytesInput, arena);
  if (r.ok()) {
    std::string out = ast::dump(r.mod, true);
    out += '\n';
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
  }
  const SyntaxErrorInfo& e = *r.error;
  if (!e.has_end) {
    std::printf("%s: %s (%d:%d-None:None)\n", error_type_name(e.type), e.msg.c_str(), e.lineno,
                e.offset);
    return 1;
  }
  std::printf("%s: %s (%d:%d-%d:%d)\n", error_type_name(e.type), e.msg.c_str(), e.lineno,
              e.offset, e.end_lineno, e.end_offset);
  return 1;
}

}  // namespace krait::parser
