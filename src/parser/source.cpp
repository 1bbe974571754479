// source.cpp — see source.h.
#include "parser/source.h"

#include <cctype>
#include <cstdio>

namespace krait::parser {

namespace {

// The coding spec of one line: `^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`.
std::optional<std::string> coding_spec(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\f')) i++;
  if (i >= line.size() || line[i] != '#') return std::nullopt;
  size_t p = line.find("coding", i);
  while (p != std::string_view::npos) {
    size_t q = p + 6;
    if (q < line.size() && (line[q] == ':' || line[q] == '=')) {
      q++;
      while (q < line.size() && (line[q] == ' ' || line[q] == '\t')) q++;
      size_t s = q;
      while (q < line.size() &&
             (std::isalnum(static_cast<unsigned char>(line[q])) || line[q] == '-' ||
              line[q] == '_' || line[q] == '.'))
        q++;
      if (q > s) return std::string(line.substr(s, q - s));
    }
    p = line.find("coding", p + 1);
  }
  return std::nullopt;
}

bool blank_or_comment(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\f')) i++;
  return i == line.size() || line[i] == '#' || line[i] == '\r' || line[i] == '\n';
}

// CPython's get_normal_name(): "utf-8" and "iso-8859-1" families.
std::string normal_name(std::string s) {
  std::string low;
  for (char c : s) low += c == '_' ? '-' : static_cast<char>(std::tolower(c));
  if (low == "utf-8" || low.rfind("utf-8-", 0) == 0 || low == "utf8") return "utf-8";
  if (low == "latin-1" || low == "iso-8859-1" || low == "iso-latin-1" ||
      low.rfind("latin-1-", 0) == 0 || low.rfind("iso-8859-1-", 0) == 0 ||
      low.rfind("iso-latin-1-", 0) == 0 || low == "latin1" || low == "l1" ||
      low == "iso8859-1" || low == "8859" || low == "cp819" || low == "latin")
    return "latin-1";
  if (low == "ascii" || low == "us-ascii" || low == "646") return "ascii";
  return low;
}

bool valid_utf8(std::string_view s, size_t* bad) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    int n = c < 0x80 ? 1 : (c >> 5) == 6 && c >= 0xC2 ? 2 : (c >> 4) == 14 ? 3
            : (c >> 3) == 30 && c <= 0xF4 ? 4 : 0;
    if (n == 0 || i + n > s.size()) {
      *bad = i;
      return false;
    }
    for (int k = 1; k < n; k++) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
        *bad = i;
        return false;
      }
    }
    if (n == 3) {
      unsigned char d = s[i + 1];
      if ((c == 0xE0 && d < 0xA0) || (c == 0xED && d >= 0xA0)) {
        *bad = i;
        return false;
      }
    }
    if (n == 4) {
      unsigned char d = s[i + 1];
      if ((c == 0xF0 && d < 0x90) || (c == 0xF4 && d >= 0x90)) {
        *bad = i;
        return false;
      }
    }
    i += n;
  }
  return true;
}

}  // namespace

std::optional<std::string> prepare_source(std::string_view raw, Mode mode,
                                          SyntaxErrorInfo& err) {
  err = SyntaxErrorInfo{};
  bool bom = raw.size() >= 3 && raw.substr(0, 3) == "\xEF\xBB\xBF";
  if (bom) raw.remove_prefix(3);
  if (raw.find('\0') != std::string_view::npos) {
    err.msg = "source code string cannot contain null bytes";
    return std::nullopt;
  }

  // PEP 263: line 1, or line 2 if line 1 is blank or a comment.
  std::string encoding = "utf-8";
  size_t e1 = raw.find_first_of("\r\n");
  std::string_view l1 = raw.substr(0, e1);
  std::optional<std::string> spec = coding_spec(l1);
  if (!spec && blank_or_comment(l1) && e1 != std::string_view::npos) {
    size_t s2 = e1 + 1;
    if (raw[e1] == '\r' && s2 < raw.size() && raw[s2] == '\n') s2++;
    std::string_view rest = raw.substr(s2);
    spec = coding_spec(rest.substr(0, rest.find_first_of("\r\n")));
  }
  if (spec) {
    encoding = normal_name(*spec);
    if (bom && encoding != "utf-8") {
      err.msg = "encoding problem: " + *spec + " with BOM";
      return std::nullopt;
    }
  }

  std::string text;
  if (encoding == "utf-8") {
    size_t bad = 0;
    if (!valid_utf8(raw, &bad)) {
      char buf[160];
      std::snprintf(buf, sizeof buf,
                    "(unicode error) 'utf-8' codec can't decode byte 0x%02x in position %zu: "
                    "invalid start byte",
                    static_cast<unsigned char>(raw[bad]), bad);
      err.msg = buf;
      return std::nullopt;
    }
    text = std::string(raw);
  } else if (encoding == "latin-1" || encoding == "ascii") {
    for (unsigned char c : raw) {
      if (c < 0x80) {
        text += static_cast<char>(c);
      } else if (encoding == "ascii") {
        err.msg = "(unicode error) 'ascii' codec can't decode byte";
        return std::nullopt;
      } else {
        text += static_cast<char>(0xC0 | (c >> 6));
        text += static_cast<char>(0x80 | (c & 0x3F));
      }
    }
  } else {
    err.msg = "unknown encoding: " + *spec;
    return std::nullopt;
  }

  // Newline translation, plus the trailing newline CPython adds to exec input.
  std::string out;
  out.reserve(text.size() + 1);
  for (size_t i = 0; i < text.size(); i++) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') i++;
    } else {
      out += text[i];
    }
  }
  if (mode != Mode::Eval && !out.empty() && out.back() != '\n') out += '\n';
  return out;
}

}  // namespace krait::parser
