// tests/unicode/driver.cpp — prints krait::unicode's answers for check.py to compare
// with /usr/bin/python3.11's. Built and run by tests/unicode/run.sh.
//
//   driver props       one line per code point 0..0x10FFFF (format: check.py)
//   driver props320    the same for the Unicode 3.2.0 view (unicodedata.ucd_3_2_0)
//   driver cases       reads test cases from stdin, one answer line per case:
//                        L<TAB>name   lookup_name
//                        K<TAB>name   ucd_3_2_0::lookup_name
//                        Q<TAB>name   lookup_named_sequence
//                        N<TAB>hex..  NFC NFD NFKC NFKD and is_normalized of the string
//                        M<TAB>hex..  the same in the Unicode 3.2.0 view
//                        S<TAB>hex..  the string lowered as str.lower does (final sigma)
#include "support/unicode_db.h"

#include <cstdio>
#include <cstring>
#include <iostream>
#include <sstream>
#include <string>

namespace u = krait::unicode;

namespace {

std::string out;

void hex(char32_t c) {
  char buf[16];
  snprintf(buf, sizeof buf, "%X", static_cast<unsigned>(c));
  out += buf;
}

void hex_string(std::u32string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (i) out += ' ';
    hex(s[i]);
  }
}

void mapping(int (*fn)(char32_t, char32_t*), char32_t c) {
  char32_t buf[3];
  int n = fn(c, buf);
  hex_string(std::u32string_view(buf, n));
}

void flush() {
  fwrite(out.data(), 1, out.size(), stdout);
  out.clear();
}

void props() {
  for (char32_t c = 0; c <= u::kMaxCodePoint; ++c) {
    hex(c);
    out += ';';
    out += u::category_name(u::category(c));
    out += ';';
    out += u::bidirectional(c);
    out += ';' + std::to_string(u::combining(c)) + ';' + (u::mirrored(c) ? "1" : "0") + ';';
    out += u::east_asian_width(c);
    out += ';' + std::to_string(u::decimal(c)) + ';' + std::to_string(u::digit(c)) + ';';
    double v;
    if (u::numeric(c, &v)) {
      uint64_t bits;
      memcpy(&bits, &v, 8);
      char buf[32];
      snprintf(buf, sizeof buf, "%016llX", static_cast<unsigned long long>(bits));
      out += buf;
    } else {
      out += '-';
    }
    out += ';';
    bool flags[] = {u::is_alpha(c), u::is_decimal(c), u::is_digit(c), u::is_numeric(c),
                    u::is_lower(c), u::is_upper(c), u::is_title(c),
                    u::is_upper(c) || u::is_title(c), u::is_space(c), u::is_printable(c),
                    u::is_linebreak(c), u::is_alnum(c), u::is_cased(c),
                    u::is_case_ignorable(c), u::is_xid_start(c), u::is_xid_continue(c),
                    u::is_identifier_start(c), u::is_identifier_continue(c)};
    for (bool f : flags) out += f ? '1' : '0';
    out += ';';
    mapping(u::to_lower_full, c);
    out += ';';
    mapping(u::to_upper_full, c);
    out += ';';
    mapping(u::to_title_full, c);
    out += ';';
    mapping(u::to_fold_full, c);
    out += ';';
    hex(u::to_lower(c));
    out += ' ';
    hex(u::to_upper(c));
    out += ' ';
    hex(u::to_title(c));
    out += ';';
    // Final sigma: the last/second sigma of A c Σ, 1 c Σ, c Σ, A Σ c.
    const char32_t contexts[4][3] = {{U'A', c, 0x3A3}, {U'1', c, 0x3A3}, {c, 0x3A3, 0},
                                     {U'A', 0x3A3, c}};
    const size_t lens[4] = {3, 3, 2, 3}, at[4] = {2, 2, 1, 1};
    for (int k = 0; k < 4; ++k) {
      char32_t m[3];
      u::to_lower_full_in_context(contexts[k], lens[k], at[k], m);
      out += m[0] == 0x3C2 ? 'f' : 'n';
    }
    out += ';';
    out += u::decomposition(c);
    out += ';';
    std::string nm;
    if (u::name(c, &nm)) {
      out += nm;
      out += ';';
      char32_t got;
      if (u::lookup_name(nm, &got)) hex(got); else out += '-';
      out += ';';
      for (char& ch : nm) ch = static_cast<char>(tolower(static_cast<unsigned char>(ch)));
      if (u::lookup_name(nm, &got)) hex(got); else out += '-';
    } else {
      out += "-;-;-";
    }
    std::u32string s(1, c);
    for (u::Form f : {u::Form::NFC, u::Form::NFD, u::Form::NFKC, u::Form::NFKD}) {
      out += ';';
      hex_string(u::normalize(f, s));
      out += u::is_normalized(f, s) ? " y" : " n";
    }
    out += '\n';
    if (out.size() > (1 << 20)) flush();
  }
  flush();
}

// The unicodedata.ucd_3_2_0 view, one line per code point.
void props320() {
  namespace v = u::ucd_3_2_0;
  for (char32_t c = 0; c <= u::kMaxCodePoint; ++c) {
    hex(c);
    out += ';';
    out += u::category_name(v::category(c));
    out += ';';
    out += v::bidirectional(c);
    out += ';' + std::to_string(v::combining(c)) + ';' + (v::mirrored(c) ? "1" : "0") + ';';
    out += v::east_asian_width(c);
    out += ';' + std::to_string(v::decimal(c)) + ';' + std::to_string(v::digit(c)) + ';';
    double d;
    if (v::numeric(c, &d)) {
      uint64_t bits;
      memcpy(&bits, &d, 8);
      char buf[32];
      snprintf(buf, sizeof buf, "%016llX", static_cast<unsigned long long>(bits));
      out += buf;
    } else {
      out += '-';
    }
    out += ';';
    out += v::decomposition(c);
    out += ';';
    std::string nm;
    if (v::name(c, &nm)) {
      out += nm;
      out += ';';
      char32_t got;
      if (v::lookup_name(nm, &got)) hex(got); else out += '-';
    } else {
      out += "-;-";
    }
    std::u32string s(1, c);
    for (u::Form f : {u::Form::NFC, u::Form::NFD, u::Form::NFKC, u::Form::NFKD}) {
      out += ';';
      hex_string(v::normalize(f, s));
      out += v::is_normalized(f, s) ? " y" : " n";
    }
    out += '\n';
    if (out.size() > (1 << 20)) flush();
  }
  flush();
}

std::u32string parse_hex_string(const std::string& s) {
  std::u32string r;
  std::istringstream in(s);
  std::string tok;
  while (in >> tok) r.push_back(static_cast<char32_t>(std::stoul(tok, nullptr, 16)));
  return r;
}

void cases() {
  std::string line;
  while (std::getline(std::cin, line)) {
    char op = line[0];
    std::string arg = line.substr(2);
    if (op == 'L') {
      char32_t c;
      if (u::lookup_name(arg, &c)) hex(c); else out += '-';
    } else if (op == 'Q') {
      std::u32string seq;
      if (u::lookup_named_sequence(arg, &seq)) hex_string(seq); else out += '-';
    } else if (op == 'K') {
      char32_t c;
      if (u::ucd_3_2_0::lookup_name(arg, &c)) hex(c); else out += '-';
    } else if (op == 'N') {
      std::u32string s = parse_hex_string(arg);
      for (u::Form f : {u::Form::NFC, u::Form::NFD, u::Form::NFKC, u::Form::NFKD}) {
        hex_string(u::normalize(f, s));
        out += u::is_normalized(f, s) ? " y;" : " n;";
      }
    } else if (op == 'M') {
      std::u32string s = parse_hex_string(arg);
      for (u::Form f : {u::Form::NFC, u::Form::NFD, u::Form::NFKC, u::Form::NFKD}) {
        hex_string(u::ucd_3_2_0::normalize(f, s));
        out += u::ucd_3_2_0::is_normalized(f, s) ? " y;" : " n;";
      }
    } else if (op == 'S') {
      std::u32string s = parse_hex_string(arg);
      std::u32string lowered;
      for (size_t i = 0; i < s.size(); ++i) {
        char32_t m[3];
        int n = u::to_lower_full_in_context(s.data(), s.size(), i, m);
        lowered.append(m, n);
      }
      hex_string(lowered);
    }
    out += '\n';
  }
  flush();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && strcmp(argv[1], "props") == 0) {
    props();
  } else if (argc == 2 && strcmp(argv[1], "props320") == 0) {
    props320();
  } else if (argc == 2 && strcmp(argv[1], "cases") == 0) {
    cases();
  } else {
    fprintf(stderr, "usage: driver props|props320|cases\n");
    return 2;
  }
  return 0;
}
