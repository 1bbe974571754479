// source.cpp — see source.h.
#include "parser/source.h"

#include <iconv.h>

#include <cctype>
#include <cerrno>
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

// CPython's get_normal_name(): only "utf-8" and "latin-1" spellings (first 12
// characters, '_' read as '-') are recognised; anything else goes to the codec registry.
std::string normal_name(const std::string& s) {
  std::string low;
  for (size_t i = 0; i < s.size() && i < 12; i++)
    low += s[i] == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
  if (low == "utf-8" || low.rfind("utf-8-", 0) == 0) return "utf-8";
  if (low == "latin-1" || low == "iso-8859-1" || low == "iso-latin-1" ||
      low.rfind("latin-1-", 0) == 0 || low.rfind("iso-8859-1-", 0) == 0 ||
      low.rfind("iso-latin-1-", 0) == 0)
    return "iso-8859-1";
  return s;
}

// encodings.normalize_encoding + the aliases whose decoding Krait does natively.
std::string codec_key(const std::string& s) {
  std::string k;
  bool punct = false;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '.') {
      if (punct && !k.empty()) k += '_';
      k += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      punct = false;
    } else {
      punct = true;
    }
  }
  static const char* const kUtf8[] = {"utf_8", "utf8", "u8", "utf", "utf8_ucs2", "utf8_ucs4",
                                      "cp65001"};
  static const char* const kLatin1[] = {"latin_1", "latin1", "latin", "l1", "iso8859_1",
                                        "iso_8859_1", "8859", "cp819", "iso_ir_100",
                                        "csisolatin1", "iso_8859_1_1987", "ibm819"};
  static const char* const kAscii[] = {"ascii", "us_ascii", "646", "us", "ansi_x3.4_1968",
                                       "ansi_x3_4_1968", "ansi_x3.4_1986", "cp367", "csascii",
                                       "ibm367", "iso646_us", "iso_646.irv_1991", "iso_ir_6"};
  for (const char* a : kUtf8)
    if (k == a) return "utf-8";
  for (const char* a : kLatin1)
    if (k == a) return "latin-1";
  for (const char* a : kAscii)
    if (k == a) return "ascii";
  return k;
}

// Decodes `raw` from `spec` (anything but UTF-8/Latin-1/ASCII) with glibc's iconv.
bool iconv_decode(std::string_view raw, const std::string& spec, std::string& out,
                  std::string& err) {
  std::string upper;
  for (char c : spec)
    upper += c == '_' ? '-' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  iconv_t cd = iconv_open("UTF-8", spec.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) cd = iconv_open("UTF-8", upper.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    err = "unknown encoding: " + spec;
    return false;
  }
  out.assign(raw.size() * 4 + 16, '\0');
  char* in = const_cast<char*>(raw.data());
  size_t inleft = raw.size();
  char* o = out.data();
  size_t oleft = out.size();
  size_t r = iconv(cd, &in, &inleft, &o, &oleft);
  int saved = errno;
  if (r != static_cast<size_t>(-1)) r = iconv(cd, nullptr, nullptr, &o, &oleft);
  iconv_close(cd);
  if (r == static_cast<size_t>(-1)) {
    size_t pos = static_cast<size_t>(in - raw.data());
    std::string codec = codec_key(spec);
    for (char& c : codec)
      if (c == '_') c = '-';
    err = utf8_decode_error_msg(codec, pos < raw.size() ? static_cast<unsigned char>(raw[pos]) : 0,
                                pos, saved == EINVAL ? "incomplete multibyte sequence"
                                                     : "illegal multibyte sequence");
    return false;
  }
  out.resize(out.size() - oleft);
  return true;
}

}  // namespace

std::string utf8_decode_error_msg(const std::string& codec, unsigned char byte, size_t pos,
                                  const char* reason, size_t len) {
  char buf[200];
  if (len > 1)
    std::snprintf(buf, sizeof buf, "'%s' codec can't decode bytes in position %zu-%zu: %s",
                  codec.c_str(), pos, pos + len - 1, reason);
  else
    std::snprintf(buf, sizeof buf, "'%s' codec can't decode byte 0x%02x in position %zu: %s",
                  codec.c_str(), byte, pos, reason);
  return buf;
}

bool utf8_first_error(std::string_view s, size_t* pos, const char** reason, size_t* len) {
  size_t dummy;
  if (!len) len = &dummy;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    int n = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    *pos = i;
    if (n == 0) {
      *reason = "invalid start byte";
      *len = 1;
      return true;
    }
    for (int k = 1; k < n; k++) {
      if (i + k >= s.size()) {
        *reason = "unexpected end of data";
        *len = s.size() - i;
        return true;
      }
      unsigned char d = s[i + k];
      bool ok = (d & 0xC0) == 0x80;
      if (k == 1) {
        if (c == 0xE0) ok = d >= 0xA0 && d <= 0xBF;
        if (c == 0xED) ok = d >= 0x80 && d <= 0x9F;
        if (c == 0xF0) ok = d >= 0x90 && d <= 0xBF;
        if (c == 0xF4) ok = d >= 0x80 && d <= 0x8F;
      }
      if (!ok) {
        *reason = "invalid continuation byte";
        *len = k;
        return true;
      }
    }
    i += n;
  }
  return false;
}

std::optional<std::string> prepare_source(std::string_view raw, Mode mode,
                                          SyntaxErrorInfo& err, bool* declared) {
  err = SyntaxErrorInfo{};
  *declared = false;
  // Errors found here are raised by CPython before tokenizing: lineno 0, offset -1, no end.
  auto fail = [&](std::string msg) -> std::optional<std::string> {
    err.msg = std::move(msg);
    err.lineno = 0;
    err.offset = -1;
    err.has_end = false;
    return std::nullopt;
  };
  bool bom = raw.size() >= 3 && raw.substr(0, 3) == "\xEF\xBB\xBF";
  if (bom) {
    raw.remove_prefix(3);
    *declared = true;
  }
  if (raw.find('\0') != std::string_view::npos) {
    err.msg = "source code string cannot contain null bytes";
    return std::nullopt;
  }

  // PEP 263: line 1, or line 2 if line 1 is blank or a comment.
  size_t e1 = raw.find_first_of("\r\n");
  std::string_view l1 = raw.substr(0, e1);
  std::optional<std::string> spec = coding_spec(l1);
  if (!spec && blank_or_comment(l1) && e1 != std::string_view::npos) {
    size_t s2 = e1 + 1;
    if (raw[e1] == '\r' && s2 < raw.size() && raw[s2] == '\n') s2++;
    std::string_view rest = raw.substr(s2);
    spec = coding_spec(rest.substr(0, rest.find_first_of("\r\n")));
  }
  std::string text;
  // "utf-8": read as CPython's tokenizer reads undeclared (or "utf-8"-declared) input,
  // checked lazily; "*codec": decoded up front through the codec, as translate_into_utf8.
  std::string codec = "utf-8";
  if (spec) {
    *declared = true;
    std::string nn = normal_name(*spec);
    if (bom && nn != "utf-8") return fail("encoding problem: " + nn + " with BOM");
    codec = nn == "utf-8" ? "utf-8" : nn == "iso-8859-1" ? "latin-1" : "*" + codec_key(nn);
  }
  if (codec == "utf-8") {
    text = std::string(raw);
  } else if (codec == "*utf-8") {
    size_t bad;
    const char* reason;
    size_t len;
    if (utf8_first_error(raw, &bad, &reason, &len))
      return fail(utf8_decode_error_msg("utf-8", static_cast<unsigned char>(raw[bad]), bad, reason,
                                        len));
    text = std::string(raw);
  } else if (codec == "latin-1" || codec == "*latin-1" || codec == "*ascii") {
    for (size_t i = 0; i < raw.size(); i++) {
      unsigned char c = raw[i];
      if (c < 0x80) {
        text += static_cast<char>(c);
      } else if (codec == "*ascii") {
        return fail(utf8_decode_error_msg("ascii", c, i, "ordinal not in range(128)"));
      } else {
        text += static_cast<char>(0xC0 | (c >> 6));
        text += static_cast<char>(0x80 | (c & 0x3F));
      }
    }
  } else {
    std::string msg;
    if (!iconv_decode(raw, *spec, text, msg)) return fail(msg);
    if (text.find('\0') != std::string::npos)
      return fail("source code string cannot contain null bytes");
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
