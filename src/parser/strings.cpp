// strings.cpp — string, bytes, f-string and number literals (CPython's string_parser.c
// semantics, 3.11).
//
// An f-string is one STRING token.  Its replacement fields are cut out here and each
// expression is parsed by a sub-parser over "(" + expr + ")", whose token positions are
// shifted so that nodes report their place in the real file — the same trick (and the
// same quirks) as 3.11's fstring_compile_expr/fstring_find_expr_location.  Literal
// pieces and FormattedValue nodes carry the span of the whole (concatenated) string.
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "parser/parser_impl.h"
#include "parser/source.h"
#include "parser/unicode_adapter.h"

namespace krait::parser {

namespace {

void put_utf8(std::string& out, char32_t cp) {
  // WTF-8: surrogates are encoded like any other code point.
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

struct Prefix {
  bool bytes = false, raw = false, fmt = false, u = false;
  size_t len = 0;  // prefix length
  size_t quote = 1;
};

Prefix read_prefix(std::string_view s) {
  Prefix p;
  size_t i = 0;
  while (i < s.size() && s[i] != '\'' && s[i] != '"') {
    char c = static_cast<char>(s[i] | 0x20);
    if (c == 'b') p.bytes = true;
    else if (c == 'r') p.raw = true;
    else if (c == 'f') p.fmt = true;
    else if (c == 'u') p.u = true;
    i++;
  }
  p.len = i;
  if (s.size() >= i + 6 && s[i] == s[i + 1] && s[i] == s[i + 2]) p.quote = 3;
  return p;
}

}  // namespace

// Position of byte `i` of a str literal body as CPython's decoder counts it: it first
// rewrites each non-ASCII character as a 10-byte \UXXXXXXXX escape.
static size_t escaped_pos(std::string_view s, size_t i) {
  size_t n = 0;
  for (size_t k = 0; k < i && k < s.size(); k++) {
    unsigned char b = static_cast<unsigned char>(s[k]);
    if (b < 0x80) n++;
    else if ((b & 0xC0) != 0x80) n += 10;
  }
  return n;
}

// Decodes escape sequences of a (non-raw) literal body.  Returns false with `msg` set
// on a malformed escape (CPython's codec message, with the failing byte range).  The
// first invalid escape ("\d", or an octal one above \377) is described in `invalid`
// (the DeprecationWarning text), which the caller reports.
static bool decode_escapes(std::string_view s, bool is_bytes, std::string& out,
                           std::string& msg, std::string& invalid) {
  auto fail = [&](size_t start, size_t end, const char* what) {
    // end is exclusive; CPython prints the inclusive range.
    msg = "(unicode error) 'unicodeescape' codec can't decode bytes in position " +
          std::to_string(escaped_pos(s, start)) + "-" + std::to_string(escaped_pos(s, end) - 1) +
          ": " + what;
    return false;
  };
  for (size_t i = 0; i < s.size(); i++) {
    char c = s[i];
    if (c != '\\') {
      out += c;
      continue;
    }
    size_t start = i;
    if (++i >= s.size()) {
      out += '\\';
      break;
    }
    c = s[i];
    switch (c) {
      case '\n': break;
      case '\\': out += '\\'; break;
      case '\'': out += '\''; break;
      case '"': out += '"'; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        unsigned v = c - '0';
        for (int k = 0; k < 2 && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '7'; k++)
          v = v * 8 + (s[++i] - '0');
        if (v > 0377 && invalid.empty())
          invalid = "invalid octal escape sequence '\\" + std::string(s.substr(start + 1, i - start)) + "'";
        if (is_bytes) out += static_cast<char>(v & 0xFF);
        else put_utf8(out, v);
        break;
      }
      case 'x': {
        int h1 = i + 1 < s.size() ? hexval(s[i + 1]) : -1;
        int h2 = i + 2 < s.size() ? hexval(s[i + 2]) : -1;
        if (h1 < 0 || h2 < 0) {
          if (is_bytes) {
            msg = "(value error) invalid \\x escape at position " + std::to_string(start);
            return false;
          }
          return fail(start, i + 1 + (h1 >= 0), "truncated \\xXX escape");
        }
        i += 2;
        unsigned v = h1 * 16 + h2;
        if (is_bytes) out += static_cast<char>(v);
        else put_utf8(out, v);
        break;
      }
      case 'u':
      case 'U':
        if (!is_bytes) {
          int n = c == 'u' ? 4 : 8;
          char32_t v = 0;
          for (int k = 1; k <= n; k++) {
            int h = i + k < s.size() ? hexval(s[i + k]) : -1;
            if (h < 0)
              return fail(start, i + k, c == 'u' ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape");
            v = v * 16 + h;
          }
          if (v > 0x10FFFF) return fail(start, i + n + 1, "illegal Unicode character");
          i += n;
          put_utf8(out, v);
          break;
        }
        if (invalid.empty()) invalid = std::string("invalid escape sequence '\\") + c + "'";
        out += '\\';
        out += c;
        break;
      case 'N':
        if (!is_bytes) {
          // CPython: "\N" must be followed by "{name}"; a missing brace or an empty
          // name is malformed, an unknown name is reported as such.
          size_t j = i + 1;
          if (j >= s.size() || s[j] != '{') return fail(start, j, "malformed \\N character escape");
          size_t close = s.find('}', j + 1);
          if (close == std::string_view::npos) return fail(start, s.size(), "malformed \\N character escape");
          if (close == j + 1) return fail(start, close, "malformed \\N character escape");
          char32_t cp;
          if (!uni::lookup_name(s.substr(j + 1, close - j - 1), &cp))
            return fail(start, close + 1, "unknown Unicode character name");
          put_utf8(out, cp);
          i = close;
          break;
        }
        if (invalid.empty()) invalid = std::string("invalid escape sequence '\\") + c + "'";
        out += '\\';
        out += c;
        break;
      default:
        if (invalid.empty()) {
          // The escaped character itself (a whole UTF-8 sequence when non-ASCII).
          size_t len = 1;
          while (i + len < s.size() && (static_cast<unsigned char>(s[i + len]) & 0xC0) == 0x80) len++;
          invalid = "invalid escape sequence '\\" + std::string(s.substr(i, len)) + "'";
        }
        out += '\\';
        out += c;
        break;
    }
  }
  return true;
}

// State for one concatenation of STRING tokens (CPython's FstringParser).
struct StringParser {
  Parser& p;
  const Token& first;
  const Token& last;
  std::string last_str;
  bool have_str = false;
  std::vector<expr*> values;
  bool fmode = false;

  StringParser(Parser& p, const Token& f, const Token& l) : p(p), first(f), last(l) {}

  Constant* make_str(const Token& a, const Token& b, std::string s) {
    auto* c = p.arena_.make<Constant>();
    c->value.kind = ConstantKind::Str;
    c->value.text = p.arena_.str(s);
    std::string_view ft = p.text(first);
    if (!ft.empty() && ft[0] == 'u') c->kind_ = p.arena_.str("u");
    c->lineno = a.lineno;
    c->col_offset = a.col_offset;
    c->end_lineno = b.end_lineno;
    c->end_col_offset = b.end_col_offset;
    return c;
  }

  void flush(const Token& a, const Token& b) {
    if (have_str && !last_str.empty()) values.push_back(make_str(a, b, last_str));
    last_str.clear();
    have_str = false;
  }

  void add_literal(std::string_view s, bool raw, const Token& t) {
    std::string out, msg, invalid;
    if (raw) out = std::string(s);
    else if (!decode_escapes(s, false, out, msg, invalid))
      p.raise_at(ErrorType::SyntaxError, msg, 0, -2, 0, -2);  // at the last token fetched, as CPython
    if (!invalid.empty()) p.warn_tok(t, WarningCategory::DeprecationWarning, invalid);
    last_str += out;
    have_str = true;
  }

  // Parses an f-string body [s, end) of token t.  Returns the position reached.
  size_t fstring(const Token& t, std::string_view tokbuf, size_t s, size_t end, bool raw,
               int recurse, std::vector<expr*>* out_values, const Token& ftok,
               const Token& ltok);
  expr* compile_expr(const Token& t, std::string_view tokbuf, size_t expr_start,
                     size_t expr_end);
};

expr* StringParser::compile_expr(const Token& t, std::string_view tokbuf, size_t lbrace,
                                 size_t expr_end) {
  std::string_view e = tokbuf.substr(lbrace + 1, expr_end - lbrace - 1);
  bool blank = true;
  for (char c : e)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\f' && c != '\r') blank = false;
  if (blank) {
    char next = expr_end < tokbuf.size() ? tokbuf[expr_end] : '\0';
    if (next == '!' || next == ':' || next == '=')
      p.raise_at(ErrorType::SyntaxError,
                 std::string("f-string: expression required before '") + next + "'", 0, -2, 0, -2);
    p.raise_at(ErrorType::SyntaxError, "f-string: empty expression not allowed", 0, -2, 0, -2);
  }
  // fstring_find_expr_location
  int lines = 0, cols = 0;
  bool newline_after_brace = true;
  for (size_t k = lbrace + 1; k < tokbuf.size() && tokbuf[k] != '}' && tokbuf[k] != '\n'; k++) {
    if (tokbuf[k] != ' ' && tokbuf[k] != '\t' && tokbuf[k] != '\f') {
      newline_after_brace = false;
      break;
    }
  }
  if (!newline_after_brace) {
    size_t k = lbrace;
    while (k > 0 && tokbuf[k] != '\n') k--;
    cols += static_cast<int>(lbrace - k);
    if (tokbuf[k] == '\n') cols -= 1;
  }
  for (size_t k = 0; k < lbrace; k++)
    if (tokbuf[k] == '\n') lines++;
  std::string sub = "(" + std::string(e) + ")";
  int start_line = t.lineno + lines;
  int shift = lines != 0 ? cols : t.col_offset + cols;
  Parser sp(sub, p.arena_, Mode::Eval, start_line, shift);
  sp.tokenizer_.set_warning_sink(p.tokenizer_.warning_sink());
  sp.error_pass_ = p.error_pass_;
  expr* r = sp.parse_fstring_expr();
  if (!r) {
    if (sp.error) {
      SyntaxErrorInfo err = *sp.error;
      if (err.msg.rfind("f-string: ", 0) != 0) err.msg = "f-string: " + err.msg;
      p.error = err;
      throw ParseAbort{};
    }
    p.raise_at(ErrorType::SyntaxError, "f-string: invalid syntax", 0, -2, 0, -2);
  }
  return r;
}

size_t StringParser::fstring(const Token& t, std::string_view tb, size_t s, size_t end, bool raw,
                           int recurse, std::vector<expr*>* out_values, const Token& ftok,
                           const Token& ltok) {
  (void)out_values;
  while (s < end) {
    // Literal part up to a single '{' or '}'.
    size_t lit_start = s;
    std::string lit;
    while (s < end) {
      char c = tb[s];
      if (!raw && c == '\\' && s + 1 < end) {
        char e = tb[s + 1];
        if (e == 'N') {
          // "\N{name}": its braces are not a replacement field (an unclosed one runs
          // to the end; the decoder reports it as malformed).
          s += 2;
          if (s < end && tb[s++] == '{')
            while (s < end && tb[s++] != '}') {
            }
          continue;
        }
        if (e != '{' && e != '}') {
          s += 2;
          continue;
        }
        // "\{" (deprecated) and "\}": the backslash is literal, the brace a brace.
        if (e == '{') p.warn_tok(t, WarningCategory::DeprecationWarning, "invalid escape sequence '\\{'");
        c = e;
        s++;
      }
      if (c == '{' || c == '}') {
        if (recurse == 0 && s + 1 < end && tb[s + 1] == c) {
          // Doubled brace: literal up to and including one brace.
          add_literal(tb.substr(lit_start, s + 1 - lit_start), raw, t);
          s += 2;
          lit_start = s;
          continue;
        }
        break;
      }
      s++;
    }
    if (s > lit_start) add_literal(tb.substr(lit_start, s - lit_start), raw, t);
    if (s >= end) break;
    if (tb[s] == '}') {
      if (recurse > 0) break;  // end of a format spec
      p.raise_at(ErrorType::SyntaxError, "f-string: single '}' is not allowed", 0, -2, 0, -2);
    }
    // Replacement field.
    size_t lbrace = s;
    s++;
    if (recurse >= 2) p.raise_at(ErrorType::SyntaxError, "f-string: expressions nested too deeply", 0, -2, 0, -2);
    char quote = 0;
    int nested = 0;
    char stack[200];
    size_t expr_end = 0;
    while (s < end) {
      char c = tb[s];
      if (c == '\\') p.raise_at(ErrorType::SyntaxError, "f-string expression part cannot include a backslash", 0, -2, 0, -2);
      if (quote) {
        // Inside a string in the expression.
        size_t ql = (s + 2 < end && tb[s] == quote && tb[s + 1] == quote && tb[s + 2] == quote) ? 3 : 1;
        (void)ql;
        if (c == quote) quote = 0;
        s++;
        continue;
      }
      if (c == '\'' || c == '"') {
        if (s + 2 < end && tb[s + 1] == c && tb[s + 2] == c) {
          size_t close = tb.find(std::string(3, c), s + 3);
          if (close == std::string_view::npos || close >= end)
            p.raise_at(ErrorType::SyntaxError, "f-string: unterminated string", 0, -2, 0, -2);
          s = close + 3;
          continue;
        }
        quote = c;
        s++;
        continue;
      }
      if (c == '[' || c == '(' || c == '{') {
        if (nested >= 200) p.raise_at(ErrorType::SyntaxError, "f-string: too many nested parenthesis", 0, -2, 0, -2);
        stack[nested++] = c;
        s++;
        continue;
      }
      if (c == '#') p.raise_at(ErrorType::SyntaxError, "f-string expression part cannot include '#'", 0, -2, 0, -2);
      if (nested == 0 && (c == '!' || c == ':' || c == '}' || c == '=' || c == '>' || c == '<')) {
        if (s + 1 < end && tb[s + 1] == '=' && (c == '!' || c == '=' || c == '<' || c == '>')) {
          s += 2;
          continue;
        }
        if (c == '>' || c == '<') {
          s++;
          continue;
        }
        break;
      }
      if (c == ']' || c == ')' || c == '}') {
        if (nested == 0) p.raise_at(ErrorType::SyntaxError, std::string("f-string: unmatched '") + c + "'", 0, -2, 0, -2);
        char open = stack[--nested];
        if (!((open == '(' && c == ')') || (open == '[' && c == ']') || (open == '{' && c == '}')))
          p.raise_at(ErrorType::SyntaxError, std::string("f-string: closing parenthesis '") + c +
                             "' does not match opening parenthesis '" + open + "'", 0, -2, 0, -2);
        s++;
        continue;
      }
      s++;
    }
    expr_end = s;
    if (quote) p.raise_at(ErrorType::SyntaxError, "f-string: unterminated string", 0, -2, 0, -2);
    if (nested) p.raise_at(ErrorType::SyntaxError, std::string("f-string: unmatched '") + stack[nested - 1] + "'", 0, -2, 0, -2);
    if (s >= end) p.raise_at(ErrorType::SyntaxError, "f-string: expecting '}'", 0, -2, 0, -2);
    expr* value = compile_expr(t, tb, lbrace, expr_end);
    bool equal = false;
    if (tb[s] == '=') {
      equal = true;
      s++;
      while (s < end && (tb[s] == ' ' || tb[s] == '\t' || tb[s] == '\n' || tb[s] == '\r' ||
                         tb[s] == '\f' || tb[s] == '\v'))
        s++;
      if (s >= end) p.raise_at(ErrorType::SyntaxError, "f-string: expecting '}'", 0, -2, 0, -2);
      // The expression text, '=' and surrounding whitespace become literal text.
      last_str += std::string(tb.substr(lbrace + 1, s - lbrace - 1));
      have_str = true;
    }
    int conversion = -1;
    if (tb[s] == '!') {
      s++;
      if (s >= end) p.raise_at(ErrorType::SyntaxError, "f-string: expecting '}'", 0, -2, 0, -2);
      char c = tb[s];
      if (c != 's' && c != 'r' && c != 'a')
        p.raise_at(ErrorType::SyntaxError, "f-string: invalid conversion character: expected 's', 'r', or 'a'", 0, -2, 0, -2);
      conversion = static_cast<unsigned char>(c);
      s++;
      if (s >= end) p.raise_at(ErrorType::SyntaxError, "f-string: expecting '}'", 0, -2, 0, -2);
    }
    expr* format_spec = nullptr;
    if (tb[s] == ':') {
      s++;
      StringParser spec(p, ftok, ltok);
      spec.fmode = true;
      s = spec.fstring(t, tb, s, end, raw, recurse + 1, nullptr, ftok, ltok);
      spec.flush(t, t);
      auto* js = p.arena_.make<JoinedStr>();
      js->values = p.seq(spec.values);
      js->lineno = t.lineno;
      js->col_offset = t.col_offset;
      js->end_lineno = t.end_lineno;
      js->end_col_offset = t.end_col_offset;
      format_spec = js;
    }
    if (s >= end || tb[s] != '}') p.raise_at(ErrorType::SyntaxError, "f-string: expecting '}'", 0, -2, 0, -2);
    s++;
    if (equal && conversion == -1 && !format_spec) conversion = 'r';
    flush(ftok, ltok);
    auto* fv = p.arena_.make<FormattedValue>();
    fv->value = value;
    fv->conversion = conversion;
    fv->format_spec = format_spec;
    fv->lineno = ftok.lineno;
    fv->col_offset = ftok.col_offset;
    fv->end_lineno = ltok.end_lineno;
    fv->end_col_offset = ltok.end_col_offset;
    values.push_back(fv);
  }
  return s;
}

expr* Parser::strings() {
  size_t first_i = pos_;
  while (cur().type == TokType::STRING) pos_++;
  const Token& first = tokens_[first_i];
  const Token& lastt = tokens_[pos_ - 1];
  bool any_bytes = false, any_str = false, any_f = false;
  for (size_t i = first_i; i < pos_; i++) {
    Prefix pr = read_prefix(text(tokens_[i]));
    if (pr.bytes) any_bytes = true;
    else any_str = true;
    if (pr.fmt) any_f = true;
  }
  if (any_bytes && any_str)
    raise_at(ErrorType::SyntaxError, "cannot mix bytes and nonbytes literals", 0, -2, 0, -2);
  // Undeclared source is UTF-8 checked lazily (as CPython's string tokenizer): a malformed
  // sequence in a str literal is reported when the literal is decoded.  Without escapes
  // the body is decoded at once; with them, each run of non-ASCII bytes separately.
  for (size_t i = first_i; i < pos_ && any_str; i++) {
    std::string_view s = text(tokens_[i]);
    Prefix pr = read_prefix(s);
    std::string_view body = s.substr(pr.len + pr.quote, s.size() - pr.len - 2 * pr.quote);
    size_t bad;
    const char* reason;
    size_t len;
    if (!utf8_first_error(body, &bad, &reason, &len)) continue;
    size_t base = 0;
    if (!pr.raw && body.find('\\') != std::string_view::npos) {
      base = bad;
      while (base > 0 && static_cast<unsigned char>(body[base - 1]) >= 0x80) base--;
    }
    raise_at(ErrorType::SyntaxError,
             "(unicode error) " +
                 utf8_decode_error_msg("utf-8", static_cast<unsigned char>(body[bad]),
                                       bad - base, reason, len),
             0, -2, 0, -2);
  }
  if (any_bytes) {
    std::string out;
    for (size_t i = first_i; i < pos_; i++) {
      const Token& t = tokens_[i];
      std::string_view s = text(t);
      Prefix pr = read_prefix(s);
      std::string_view body = s.substr(pr.len + pr.quote, s.size() - pr.len - 2 * pr.quote);
      for (char c : body)
        if (static_cast<unsigned char>(c) >= 0x80)
          raise_at(ErrorType::SyntaxError, "bytes can only contain ASCII literal characters", 0,
                   -2, 0, -2);
      std::string msg, invalid;
      if (pr.raw) out += body;
      else if (!decode_escapes(body, true, out, msg, invalid))
        raise_at(ErrorType::SyntaxError, msg, 0, -2, 0, -2);
      if (!invalid.empty()) warn_tok(t, WarningCategory::DeprecationWarning, invalid);
    }
    auto* c = node<Constant>(first);
    c->value.kind = ConstantKind::Bytes;
    c->value.text = arena_.str(out);
    finish(c);
    return c;
  }
  StringParser sp(*this, first, lastt);
  sp.fmode = any_f;
  for (size_t i = first_i; i < pos_; i++) {
    const Token& t = tokens_[i];
    std::string_view s = text(t);
    Prefix pr = read_prefix(s);
    size_t b = pr.len + pr.quote, e = s.size() - pr.quote;
    if (pr.fmt) {
      sp.fstring(t, s, b, e, pr.raw, 0, nullptr, first, lastt);
    } else {
      sp.add_literal(s.substr(b, e - b), pr.raw, t);
    }
  }
  if (!any_f) {
    auto* c = sp.make_str(first, lastt, sp.last_str);
    return c;
  }
  sp.flush(first, lastt);
  auto* js = node<JoinedStr>(first);
  js->values = seq(sp.values);
  finish(js);
  return js;
}

expr* Parser::number(const Token& t) {
  std::string s;
  for (char c : text(t))
    if (c != '_') s += c;
  auto* n = node<Constant>(t);
  finish(n);
  char last = s.back();
  bool radix = s.size() > 1 && s[0] == '0' &&
               (s[1] == 'x' || s[1] == 'X' || s[1] == 'o' || s[1] == 'O' || s[1] == 'b' || s[1] == 'B');
  if (last == 'j' || last == 'J') {
    s.pop_back();
    n->value.kind = ConstantKind::Complex;
    n->value.num = std::strtod(s.c_str(), nullptr);
  } else if (!radix && s.find_first_of(".eE") != std::string::npos) {
    n->value.kind = ConstantKind::Float;
    n->value.num = std::strtod(s.c_str(), nullptr);
  } else {
    if (radix) s[1] = static_cast<char>(s[1] | 0x20);
    n->value.kind = ConstantKind::Int;
    n->value.text = arena_.str(s);
  }
  return n;
}

}  // namespace krait::parser
