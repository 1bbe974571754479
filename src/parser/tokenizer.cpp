// tokenizer.cpp — see tokenizer.h.  Follows the control flow of CPython 3.11's
// tok_get() so that error messages and positions coincide.
#include "parser/tokenizer.h"
#include "parser/source.h"

#include <cstdio>
#include <cstring>

#include "parser/unicode_adapter.h"

namespace krait::parser {

namespace {
constexpr int kEOF = -1;

bool is_digit(int c) { return c >= '0' && c <= '9'; }
bool is_xdigit(int c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool is_id_start(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 128;
}
bool is_id_char(int c) { return is_id_start(c) || is_digit(c); }

// Decodes one UTF-8 sequence at s[i]; returns the code point (or 0xFFFD) and advances i.
char32_t decode_one(std::string_view s, size_t& i) {
  unsigned char c = s[i];
  int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (n == 0 || i + n > s.size()) {
    i++;
    return 0xFFFD;
  }
  char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < n; k++) {
    unsigned char d = s[i + k];
    if ((d & 0xC0) != 0x80) {
      i++;
      return 0xFFFD;
    }
    cp = (cp << 6) | (d & 0x3F);
  }
  i += n;
  return cp;
}
}  // namespace

int char_count(std::string_view line, size_t nbytes) {
  if (nbytes > line.size()) nbytes = line.size();
  std::string_view s = line.substr(0, nbytes);
  int n = 0;
  size_t i = 0;
  while (i < s.size()) {
    decode_one(s, i);
    n++;
  }
  return n;
}

const char* op_spelling(Op op) {
  switch (op) {
#define X(e, s) \
  case Op::e:   \
    return s;
    KRAIT_PARSER_OPS(X) KRAIT_PARSER_KEYWORDS(X)
#undef X
    default:
      return "";
  }
}

Tokenizer::Tokenizer(std::string_view buf) : buf_(buf) {}

std::string_view Tokenizer::line_at(size_t start) const {
  size_t e = buf_.find('\n', start);
  if (e == std::string_view::npos) e = buf_.size();
  return buf_.substr(start, e - start);
}

std::string_view Tokenizer::current_line() const { return line_at(line_start_); }

std::string_view Tokenizer::cpython_line() const {
  size_t end = next_line_start_ > buf_.size() ? buf_.size() : next_line_start_;
  if (buf_start_ > end) return {};
  return buf_.substr(buf_start_, end - buf_start_);
}

int Tokenizer::nextc() {
  if (cur_ >= buf_.size()) {
    cur_ = buf_.size();
    return kEOF;
  }
  if (cur_ == next_line_start_) {
    line_start_ = cur_;
    if (!in_token_) buf_start_ = cur_;
    lineno_++;
    size_t e = buf_.find('\n', cur_);
    next_line_start_ = e == std::string_view::npos ? buf_.size() + 1 : e + 1;
  }
  return static_cast<unsigned char>(buf_[cur_++]);
}

void Tokenizer::backup(int c) {
  if (c != kEOF) cur_--;
}

bool Tokenizer::lookahead(const char* s) {
  // Like CPython's lookahead(): checks the following characters without consuming.
  size_t save = cur_;
  bool ok = true;
  for (const char* p = s; *p; p++) {
    if (cur_ >= buf_.size() || buf_[cur_] != *p) {
      ok = false;
      break;
    }
    cur_++;
  }
  cur_ = save;
  return ok;
}

Token Tokenizer::make_at(TokType t, size_t start, size_t end, int lineno, size_t line_start) {
  Token tok;
  tok.type = t;
  tok.start = static_cast<uint32_t>(start);
  tok.end = static_cast<uint32_t>(end);
  tok.lineno = lineno;
  tok.col_offset = static_cast<int>(start - line_start);
  tok.end_lineno = lineno_;
  tok.end_col_offset = static_cast<int>(end - line_start_);
  tok.level = level_;
  return tok;
}

Token Tokenizer::fail_raised(const std::string& msg, int col, int end_col) {
  // CPython's _syntaxerror_range(): the location is the cursor unless given.
  SyntaxErrorInfo e;
  e.type = ErrorType::SyntaxError;
  e.msg = msg;
  e.lineno = e.end_lineno = lineno_;
  std::string_view line = line_at(line_start_);
  if (col == -1) col = char_count(buf_.substr(line_start_), cur_ - line_start_);
  if (end_col == -1) end_col = col;
  e.offset = col;
  e.end_offset = end_col;
  e.text = std::string(line);
  error_ = e;
  raised_ = true;
  Token t;
  t.type = TokType::ERRORTOKEN;
  t.lineno = t.end_lineno = lineno_;
  t.col_offset = t.end_col_offset = -1;
  return t;
}

void Tokenizer::warn_here(const std::string& msg) {
  if (!warnings_) return;
  ParseWarning w;
  w.category = WarningCategory::SyntaxWarning;
  w.where.msg = msg;
  w.where.lineno = w.where.end_lineno = lineno_;
  w.where.offset = w.where.end_offset = char_count(buf_.substr(line_start_), cur_ - line_start_);
  w.where.text = std::string(line_at(line_start_));
  warnings_->push_back(std::move(w));
}

Token Tokenizer::fail_state(ErrorType type, const std::string& msg, int lineno, int offset,
                            int end_offset) {
  SyntaxErrorInfo e;
  e.type = type;
  e.msg = msg;
  e.lineno = e.end_lineno = lineno;
  e.offset = offset;
  e.end_offset = end_offset;
  e.text = std::string(line_at(line_start_)) + "\n";
  error_ = e;
  raised_ = false;
  Token t;
  t.type = TokType::ERRORTOKEN;
  t.lineno = t.end_lineno = lineno_;
  t.col_offset = t.end_col_offset = -1;
  return t;
}

int Tokenizer::decimal_tail() {
  int c;
  while (true) {
    do {
      c = nextc();
    } while (is_digit(c));
    if (c != '_') break;
    c = nextc();
    if (!is_digit(c)) {
      backup(c);
      fail_raised("invalid decimal literal");
      return 0;
    }
  }
  return c;
}

bool Tokenizer::verify_end_of_number(int c, const char* kind, Token* err) {
  // Keywords that may legally follow a number ("1if x else y") only warn in 3.11.
  bool r = false;
  if (c == 'a') r = lookahead("nd");
  else if (c == 'e') r = lookahead("lse");
  else if (c == 'f') r = lookahead("or");
  else if (c == 'i') {
    int c2 = cur_ < buf_.size() ? static_cast<unsigned char>(buf_[cur_]) : kEOF;
    r = c2 == 'f' || c2 == 'n' || c2 == 's';
  } else if (c == 'o') r = lookahead("r");
  else if (c == 'n') r = lookahead("ot");
  if (r) {
    // Located before the keyword, as CPython backs up over it to warn.
    backup(c);
    warn_here(std::string("invalid ") + kind + " literal");
    nextc();
    return true;
  }
  if (c != kEOF && is_id_char(c)) {
    backup(c);
    *err = fail_raised(std::string("invalid ") + kind + " literal");
    return false;
  }
  return true;
}

bool Tokenizer::verify_identifier(size_t start, Token* err) {
  std::string_view s = buf_.substr(start, cur_ - start);
  size_t bad;
  const char* reason;
  size_t len;
  if (utf8_first_error(s, &bad, &reason, &len)) {
    // E_DECODE: reported at the cursor (a byte column, not shifted by one), no end.
    *err = fail_raised("(unicode error) " + utf8_decode_error_msg(
                                                "utf-8", static_cast<unsigned char>(s[bad]),
                                                bad, reason, len),
                       static_cast<int>(cur_ - line_start_), 0);
    error_->end_offset = -1;
    return false;
  }
  size_t i = 0;
  bool first = true;
  while (i < s.size()) {
    size_t before = i;
    char32_t c = decode_one(s, i);
    bool ok = first ? (c == '_' || uni::is_xid_start(c)) : uni::is_xid_continue(c);
    if (c == 0xFFFD && !(s[before] == '\xEF')) ok = false;
    if (!ok) {
      cur_ = start + i;
      char buf[96];
      if (uni::is_printable(c)) {
        std::string ch(s.substr(before, i - before));
        std::snprintf(buf, sizeof buf, "invalid character '%s' (U+%04X)", ch.c_str(),
                      static_cast<unsigned>(c));
      } else {
        std::snprintf(buf, sizeof buf, "invalid non-printable character U+%04X",
                      static_cast<unsigned>(c));
      }
      *err = fail_raised(buf);
      return false;
    }
    first = false;
  }
  return true;
}

Token Tokenizer::next() {
  if (error_) {
    Token t;
    t.type = TokType::ERRORTOKEN;
    t.lineno = t.end_lineno = lineno_;
    t.col_offset = t.end_col_offset = -1;
    return t;
  }
  int c;
  bool blankline = false;
  Token err;
nextline:
  blankline = false;
  in_token_ = false;
  // -- indentation at the beginning of a line ---------------------------------
  if (atbol_) {
    int col = 0, altcol = 0;
    atbol_ = false;
    int cont_line_col = 0;
    for (;;) {
      c = nextc();
      if (c == ' ') {
        col++, altcol++;
      } else if (c == '\t') {
        col = (col / 8 + 1) * 8;
        altcol = (altcol / 1 + 1) * 1;
      } else if (c == '\014') {
        col = altcol = 0;
      } else if (c == '\\') {
        // Indentation cannot be split over lines with a backslash.
        cont_line_col = cont_line_col ? cont_line_col : col;
        c = nextc();
        if (c != '\n') {
          backup(c);
          c = '\\';
          break;
        }
        // A continuation with nothing after it (bpo-2180).
        c = nextc();
        if (c == kEOF) {
          cur_ = buf_.size();
          int off = char_count(buf_.substr(line_start_), cur_ - line_start_);
          return fail_state(ErrorType::SyntaxError, "unexpected EOF while parsing", lineno_, off,
                            -1);
        }
        backup(c);
      } else {
        break;
      }
    }
    backup(c);
    if (c == '#' || c == '\n') {
      blankline = true;
    }
    if (!blankline && level_ == 0) {
      if (cont_line_col) col = altcol = cont_line_col;
      if (col == indstack_[indent_]) {
        if (altcol != altindstack_[indent_]) {
          return fail_state(ErrorType::TabError,
                            "inconsistent use of tabs and spaces in indentation", lineno_, 1,
                            0);
        }
      } else if (col > indstack_[indent_]) {
        if (indent_ + 1 >= kMaxIndent) {
          return fail_state(ErrorType::IndentationError, "too many levels of indentation",
                            lineno_, 1, 0);
        }
        if (altcol <= altindstack_[indent_]) {
          return fail_state(ErrorType::TabError,
                            "inconsistent use of tabs and spaces in indentation", lineno_, 1,
                            0);
        }
        pendin_++;
        indstack_[++indent_] = col;
        altindstack_[indent_] = altcol;
      } else {
        while (indent_ > 0 && col < indstack_[indent_]) {
          pendin_--;
          indent_--;
        }
        if (col != indstack_[indent_]) {
          // E_DEDENT: the cursor jumps to the end of the line.
          size_t e = buf_.find('\n', cur_);
          cur_ = e == std::string_view::npos ? buf_.size() : e + 1;
          int off = char_count(buf_.substr(line_start_), cur_ - line_start_);
          return fail_state(ErrorType::IndentationError,
                            "unindent does not match any outer indentation level", lineno_,
                            off, -1);
        }
        if (altcol != altindstack_[indent_]) {
          return fail_state(ErrorType::TabError,
                            "inconsistent use of tabs and spaces in indentation", lineno_, 1,
                            0);
        }
      }
    }
  }

  tok_start_ = cur_;
  in_token_ = true;
  // -- pending INDENT/DEDENT tokens ------------------------------------------------
  if (pendin_ != 0) {
    Token t;
    t.type = pendin_ < 0 ? TokType::DEDENT : TokType::INDENT;
    if (pendin_ < 0) pendin_++;
    else pendin_--;
    t.lineno = t.end_lineno = lineno_;
    t.col_offset = t.end_col_offset = -1;
    t.start = t.end = static_cast<uint32_t>(cur_);
    t.level = level_;
    return t;
  }

again:
  in_token_ = false;
  // -- skip spaces ----------------------------------------------------------------------
  do {
    c = nextc();
  } while (c == ' ' || c == '\t' || c == '\014');
  tok_start_ = cur_ == 0 ? 0 : cur_ - 1;
  in_token_ = true;

  // -- comments -----------------------------------------------------------------------
  if (c == '#') {
    while (c != kEOF && c != '\n') c = nextc();
  }

  // -- end of input ----------------------------------------------------------------
  if (c == kEOF) {
    Token t;
    t.type = level_ ? TokType::ERRORTOKEN : TokType::ENDMARKER;
    t.lineno = t.end_lineno = lineno_;
    t.col_offset = t.end_col_offset = -1;
    t.start = t.end = static_cast<uint32_t>(cur_);
    t.level = level_;
    if (level_) {
      // E_EOF with open brackets: "'(' was never closed".
      int pl = paren_line_[level_ - 1];
      size_t ls = 0;
      for (int l = 1; l < pl; l++) ls = buf_.find('\n', ls) + 1;
      std::string_view line = line_at(ls);
      SyntaxErrorInfo e;
      e.type = ErrorType::SyntaxError;
      e.msg = std::string("'") + paren_[level_ - 1] + "' was never closed";
      e.lineno = e.end_lineno = pl;
      e.offset = char_count(line, paren_col_[level_ - 1] + 1);
      e.end_offset = 0;
      e.text = std::string(line) + "\n";
      error_ = e;
      raised_ = false;
    }
    return t;
  }

  // -- identifiers and string prefixes -------------------------------------------------
  if (is_id_start(c)) {
    bool saw_b = false, saw_r = false, saw_u = false, saw_f = false;
    while (true) {
      if (!(saw_b || saw_u || saw_f) && (c == 'b' || c == 'B')) saw_b = true;
      else if (!(saw_b || saw_u || saw_r || saw_f) && (c == 'u' || c == 'U')) saw_u = true;
      else if (!(saw_r || saw_u) && (c == 'r' || c == 'R')) saw_r = true;
      else if (!(saw_f || saw_b || saw_u) && (c == 'f' || c == 'F')) saw_f = true;
      else break;
      c = nextc();
      if (c == '"' || c == '\'') goto letter_quote;
    }
    bool nonascii = false;
    while (is_id_char(c)) {
      if (c >= 128) nonascii = true;
      c = nextc();
    }
    backup(c);
    if (nonascii) {
      if (!verify_identifier(tok_start_, &err)) return err;
    }
    Token t = make_at(TokType::NAME, tok_start_, cur_, lineno_, line_start_);
    std::string_view s = buf_.substr(tok_start_, cur_ - tok_start_);
#define X(e, sp) \
  if (s == sp) t.op = Op::e;
    KRAIT_PARSER_KEYWORDS(X)
#undef X
    return t;
  }

  // -- newline --------------------------------------------------------------------------
  if (c == '\n') {
    atbol_ = true;
    if (blankline || level_ > 0) goto nextline;
    cont_line_ = false;
    Token t = make_at(TokType::NEWLINE, cur_ - 1, cur_ - 1, lineno_, line_start_);
    return t;
  }

  // -- period or number starting with a period ---------------------------------------------
  if (c == '.') {
    c = nextc();
    if (is_digit(c)) goto fraction;
    if (c == '.') {
      c = nextc();
      if (c == '.') {
        Token t = make_at(TokType::OP, tok_start_, cur_, lineno_, line_start_);
        t.op = Op::ELLIPSIS;
        return t;
      }
      backup(c);
      backup('.');
    } else {
      backup(c);
    }
    Token t = make_at(TokType::OP, tok_start_, cur_, lineno_, line_start_);
    t.op = Op::DOT;
    return t;
  }

  // -- numbers ----------------------------------------------------------------------------
  if (is_digit(c)) {
    if (c == '0') {
      c = nextc();
      if (c == 'x' || c == 'X') {
        c = nextc();
        do {
          if (c == '_') c = nextc();
          if (!is_xdigit(c)) {
            backup(c);
            return fail_raised("invalid hexadecimal literal");
          }
          do {
            c = nextc();
          } while (is_xdigit(c));
        } while (c == '_');
        if (!verify_end_of_number(c, "hexadecimal", &err)) return err;
      } else if (c == 'o' || c == 'O') {
        c = nextc();
        do {
          if (c == '_') c = nextc();
          if (c < '0' || c >= '8') {
            if (is_digit(c)) {
              return fail_raised(std::string("invalid digit '") + char(c) +
                                 "' in octal literal");
            }
            backup(c);
            return fail_raised("invalid octal literal");
          }
          do {
            c = nextc();
          } while ('0' <= c && c < '8');
        } while (c == '_');
        if (is_digit(c)) {
          return fail_raised(std::string("invalid digit '") + char(c) + "' in octal literal");
        }
        if (!verify_end_of_number(c, "octal", &err)) return err;
      } else if (c == 'b' || c == 'B') {
        c = nextc();
        do {
          if (c == '_') c = nextc();
          if (c != '0' && c != '1') {
            if (is_digit(c)) {
              return fail_raised(std::string("invalid digit '") + char(c) +
                                 "' in binary literal");
            }
            backup(c);
            return fail_raised("invalid binary literal");
          }
          do {
            c = nextc();
          } while (c == '0' || c == '1');
        } while (c == '_');
        if (is_digit(c)) {
          return fail_raised(std::string("invalid digit '") + char(c) + "' in binary literal");
        }
        if (!verify_end_of_number(c, "binary", &err)) return err;
      } else {
        bool nonzero = false;
        while (true) {
          if (c == '_') {
            c = nextc();
            if (!is_digit(c)) {
              backup(c);
              return fail_raised("invalid decimal literal");
            }
          }
          if (c != '0') break;
          c = nextc();
        }
        size_t zeros_end = cur_;
        if (is_digit(c)) {
          nonzero = true;
          c = decimal_tail();
          if (c == 0) return Tokenizer::next();
        }
        if (c == '.') {
          c = nextc();
          goto fraction;
        } else if (c == 'e' || c == 'E') {
          goto exponent;
        } else if (c == 'j' || c == 'J') {
          goto imaginary;
        } else if (nonzero) {
          backup(c);
          std::string_view line = buf_.substr(line_start_);
          return fail_raised(
              "leading zeros in decimal integer literals are not permitted; use an 0o "
              "prefix for octal integers",
              char_count(line, tok_start_ + 1 - line_start_),
              char_count(line, zeros_end - line_start_));
        }
        if (!verify_end_of_number(c, "decimal", &err)) return err;
      }
    } else {
      c = decimal_tail();
      if (c == 0) return Tokenizer::next();
      if (c == '.') {
        c = nextc();
      fraction:
        if (is_digit(c)) {
          c = decimal_tail();
          if (c == 0) return Tokenizer::next();
        }
      }
      if (c == 'e' || c == 'E') {
        int e;
      exponent:
        e = c;
        c = nextc();
        if (c == '+' || c == '-') {
          c = nextc();
          if (!is_digit(c)) {
            backup(c);
            return fail_raised("invalid decimal literal");
          }
        } else if (!is_digit(c)) {
          backup(c);
          if (!verify_end_of_number(e, "decimal", &err)) return err;
          backup(e);
          Token t = make_at(TokType::NUMBER, tok_start_, cur_, lineno_, line_start_);
          return t;
        }
        c = decimal_tail();
        if (c == 0) return Tokenizer::next();
      }
      if (c == 'j' || c == 'J') {
      imaginary:
        c = nextc();
        if (!verify_end_of_number(c, "imaginary", &err)) return err;
      } else if (!verify_end_of_number(c, "decimal", &err)) {
        return err;
      }
    }
    backup(c);
    return make_at(TokType::NUMBER, tok_start_, cur_, lineno_, line_start_);
  }

letter_quote:
  // -- strings ------------------------------------------------------------------------------
  if (c == '\'' || c == '"') {
    int quote = c;
    int quote_size = 1, end_quote_size = 0;
    int first_lineno = lineno_;
    size_t multi_line_start = line_start_;
    c = nextc();
    if (c == quote) {
      c = nextc();
      if (c == quote) quote_size = 3;
      else end_quote_size = 1;
    }
    if (c != quote) backup(c);
    while (end_quote_size != quote_size) {
      c = nextc();
      if (c == kEOF || (quote_size == 1 && c == '\n')) {
        int detected = lineno_;
        cur_ = tok_start_ + 1;
        line_start_ = multi_line_start;
        lineno_ = first_lineno;
        char buf[96];
        std::snprintf(buf, sizeof buf,
                      quote_size == 3
                          ? "unterminated triple-quoted string literal (detected at line %d)"
                          : "unterminated string literal (detected at line %d)",
                      detected);
        return fail_raised(buf);
      }
      if (c == quote) {
        end_quote_size++;
      } else {
        end_quote_size = 0;
        if (c == '\\') nextc();
      }
    }
    return make_at(TokType::STRING, tok_start_, cur_, first_lineno, multi_line_start);
  }

  // -- line continuation ----------------------------------------------------------------
  if (c == '\\') {
    c = nextc();
    if (c != '\n') {
      // E_LINECONT
      int off = char_count(buf_.substr(line_start_), cur_ - line_start_);
      return fail_state(ErrorType::SyntaxError,
                        "unexpected character after line continuation character", lineno_,
                        off, 0);
    }
    c = nextc();
    if (c == kEOF) {
      cur_ = buf_.size();
      if (level_) {
        // Reported like an unclosed bracket at EOF.
        cur_ = buf_.size();
        return Tokenizer::next();
      }
      int off = char_count(buf_.substr(line_start_), cur_ - line_start_);
      return fail_state(ErrorType::SyntaxError, "unexpected EOF while parsing", lineno_, off,
                        -1);
    }
    backup(c);
    cont_line_ = true;
    goto again;
  }

  // -- operators ----------------------------------------------------------------------------
  {
    if (c < 128 && !(c >= 0x20 && c < 0x7f) && c != '\r') {
      char buf[64];
      std::snprintf(buf, sizeof buf, "invalid non-printable character U+%04X", c);
      return fail_raised(buf);
    }
    // Longest match among 3-, 2- and 1-character operators.
    static const struct {
      const char* s;
      Op op;
    } kOps[] = {
#define X(e, s) {s, Op::e},
        KRAIT_PARSER_OPS(X)
#undef X
    };
    std::string_view rest = buf_.substr(tok_start_);
    Op best = Op::Unknown;
    size_t best_len = 0;
    for (const auto& o : kOps) {
      size_t n = std::strlen(o.s);
      if (n > best_len && rest.substr(0, n) == o.s) {
        best = o.op;
        best_len = n;
      }
    }
    if (best_len == 0) best_len = 1;
    cur_ = tok_start_ + best_len;
    if (best == Op::LPAR || best == Op::LSQB || best == Op::LBRACE) {
      if (level_ >= kMaxLevel) return fail_raised("too many nested parentheses");
      paren_[level_] = static_cast<char>(c);
      paren_line_[level_] = lineno_;
      paren_col_[level_] = static_cast<int>(tok_start_ - line_start_);
      level_++;
    } else if (best == Op::RPAR || best == Op::RSQB || best == Op::RBRACE) {
      if (!level_) return fail_raised(std::string("unmatched '") + char(c) + "'");
      level_--;
      int opening = paren_[level_];
      if (!((opening == '(' && c == ')') || (opening == '[' && c == ']') ||
            (opening == '{' && c == '}'))) {
        std::string msg = std::string("closing parenthesis '") + char(c) +
                          "' does not match opening parenthesis '" + char(opening) + "'";
        if (paren_line_[level_] != lineno_) msg += " on line " + std::to_string(paren_line_[level_]);
        return fail_raised(msg);
      }
    }
    Token t = make_at(TokType::OP, tok_start_, cur_, lineno_, line_start_);
    t.op = best;
    return t;
  }
}

}  // namespace krait::parser
