// ast_dump.cpp — ast.dump() generated from ast_nodes.def, plus Python's repr() rules
// for constants (str quoting and escapes, shortest float repr, big ints in decimal).
#include "parser/ast_dump.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

#include "parser/unicode_adapter.h"

namespace krait::ast {

namespace {

bool g_attrs = true;

// -- repr of constants -------------------------------------------------------------

std::string repr_str(std::string_view s) {
  bool has_sq = s.find('\'') != std::string_view::npos;
  bool has_dq = s.find('"') != std::string_view::npos;
  char q = has_sq && !has_dq ? '"' : '\'';
  std::string out(1, q);
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    char32_t cp;
    size_t n;
    if (c < 0x80) {
      cp = c;
      n = 1;
    } else {
      n = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
      cp = n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
      for (size_t k = 1; k < n && i + k < s.size(); k++) cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    char buf[16];
    if (cp == static_cast<char32_t>(q) || cp == '\\') {
      out += '\\';
      out += static_cast<char>(cp);
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp < 0x20 || cp == 0x7f) {
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(cp));
      out += buf;
    } else if (cp < 0x7f) {
      out += static_cast<char>(cp);
    } else if (!krait::parser::uni::is_printable(cp)) {
      if (cp <= 0xff) std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(cp));
      else if (cp <= 0xffff) std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
      else std::snprintf(buf, sizeof buf, "\\U%08x", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out += s.substr(i, n);
    }
    i += n;
  }
  out += q;
  return out;
}

std::string repr_bytes(std::string_view s) {
  bool has_sq = s.find('\'') != std::string_view::npos;
  bool has_dq = s.find('"') != std::string_view::npos;
  char q = has_sq && !has_dq ? '"' : '\'';
  std::string out = "b";
  out += q;
  for (unsigned char c : s) {
    char buf[8];
    if (c == static_cast<unsigned char>(q) || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c < 0x20 || c >= 0x7f) {
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else out += static_cast<char>(c);
  }
  out += q;
  return out;
}

// float.__repr__: shortest round-tripping digits, exponent form outside [1e-4, 1e16).
std::string repr_double(double d, bool complex_part) {
  if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
  if (std::isnan(d)) return "nan";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  // sci: [-]D[.DDD]e[+-]XX
  bool neg = sci[0] == '-';
  if (neg) sci.erase(0, 1);
  size_t epos = sci.find('e');
  std::string mant = sci.substr(0, epos);
  int exp = std::atoi(sci.c_str() + epos + 1);
  std::string digits;
  for (char c : mant)
    if (c != '.') digits += c;
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  std::string out;
  if (exp < -4 || exp >= 16) {
    out = digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char eb[16];
    std::snprintf(eb, sizeof eb, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    out += eb;
  } else if (exp < 0) {
    out = "0." + std::string(-exp - 1, '0') + digits;
  } else {
    if (digits.size() <= static_cast<size_t>(exp) + 1) {
      out = digits + std::string(exp + 1 - digits.size(), '0');
      if (!complex_part) out += ".0";
    } else {
      out = digits.substr(0, exp + 1) + "." + digits.substr(exp + 1);
    }
  }
  return neg ? "-" + out : out;
}

// A normalized int literal ("0x1f", "0o7", "0b1", "123") in decimal.
std::string int_to_decimal(std::string_view lit) {
  int base = 10;
  if (lit.size() > 1 && lit[0] == '0') {
    if (lit[1] == 'x') base = 16;
    else if (lit[1] == 'o') base = 8;
    else if (lit[1] == 'b') base = 2;
    if (base != 10) lit.remove_prefix(2);
  }
  // Little-endian limbs in base 1e9.
  std::vector<uint32_t> limbs{0};
  for (char c : lit) {
    int v = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    uint64_t carry = v;
    for (auto& l : limbs) {
      uint64_t x = static_cast<uint64_t>(l) * base + carry;
      l = static_cast<uint32_t>(x % 1000000000u);
      carry = x / 1000000000u;
    }
    while (carry) {
      limbs.push_back(static_cast<uint32_t>(carry % 1000000000u));
      carry /= 1000000000u;
    }
  }
  std::string out = std::to_string(limbs.back());
  for (size_t i = limbs.size() - 1; i-- > 0;) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%09u", limbs[i]);
    out += buf;
  }
  return out;
}

// -- field printers ----------------------------------------------------------------

void put(std::string& out, int v) { out += std::to_string(v); }
void put(std::string& out, std::string_view s) {
  if (!s.data()) out += "None";
  else out += repr_str(s);
}
void put(std::string& out, const ConstantValue& v) { out += repr_constant(v); }

#define AST_ENUM(sum)                             \
  [[maybe_unused]] void put(std::string& out, sum v) { \
    switch (v) {
#define AST_ENUM_VALUE(sum, Name) \
  case sum::Name:                 \
    out += #Name "()";            \
    break;
#define AST_ENUM_END(sum) \
  }                       \
  }
#include "parser/ast_nodes.def"

#define AST_SUM(sum, attrs) void put(std::string& out, const sum* n);
#define AST_PRODUCT(Name, attrs) void put(std::string& out, const Name* n);
#include "parser/ast_nodes.def"

bool is_none(int) { return false; }
bool is_none(std::string_view s) { return s.data() == nullptr; }
template <class T>
bool is_none(const T* p) {
  return p == nullptr;
}

void field_name(std::string& out, bool& first, const char* name) {
  if (!first) out += ", ";
  first = false;
  size_t n = std::strlen(name);
  if (n && name[n - 1] == '_') n--;  // kind_ -> kind
  out.append(name, n);
  out += '=';
}

template <class T>
void field_ONE(std::string& out, bool& first, const char* name, const T& v) {
  field_name(out, first, name);
  put(out, v);
}
template <class T>
void field_OPT(std::string& out, bool& first, const char* name, const T& v) {
  if (is_none(v)) return;
  field_name(out, first, name);
  put(out, v);
}
template <class T>
void field_SEQ(std::string& out, bool& first, const char* name, const Seq<T>& v) {
  field_name(out, first, name);
  out += '[';
  for (size_t i = 0; i < v.size(); i++) {
    if (i) out += ", ";
    put(out, v[i]);
  }
  out += ']';
}

template <class T>
void attributes(std::string& out, bool& first, const T* n) {
  if constexpr (std::is_base_of_v<Located, T>) {
    if (!g_attrs) return;
    field_name(out, first, "lineno");
    put(out, n->lineno);
    field_name(out, first, "col_offset");
    put(out, n->col_offset);
    field_name(out, first, "end_lineno");
    put(out, n->end_lineno);
    field_name(out, first, "end_col_offset");
    put(out, n->end_col_offset);
  }
}

#define AST_SUM(sum, attrs)                          \
  void put(std::string& out, const sum* node) {      \
    if (!node) {                                     \
      out += "None";                                 \
      return;                                        \
    }                                                \
    switch (node->kind) {
#define AST_CTOR(sum, Name)                          \
  case sum##_kind::Name: {                           \
    [[maybe_unused]] auto* n = static_cast<const Name*>(node); \
    bool first = true;                               \
    out += #Name "(";
#define AST_FIELD(card, type, name) field_##card(out, first, #name, n->name);
#define AST_CTOR_END(sum, Name) \
  attributes(out, first, n);    \
  out += ')';                   \
  break;                        \
  }
#define AST_SUM_END(sum) \
  }                      \
  }
#define AST_PRODUCT(Name, attrs)                   \
  void put(std::string& out, const Name* n) {      \
    if (!n) {                                      \
      out += "None";                               \
      return;                                      \
    }                                              \
    bool first = true;                             \
    out += #Name "(";
#define AST_PRODUCT_END(Name) \
  attributes(out, first, n);  \
  out += ')';                 \
  }
#include "parser/ast_nodes.def"

}  // namespace

std::string repr_constant(const ConstantValue& v) {
  switch (v.kind) {
    case ConstantKind::None: return "None";
    case ConstantKind::True: return "True";
    case ConstantKind::False: return "False";
    case ConstantKind::Ellipsis: return "Ellipsis";
    case ConstantKind::Int: return int_to_decimal(v.text);
    case ConstantKind::Float: return repr_double(v.num, false);
    case ConstantKind::Complex: return repr_double(v.num, true) + "j";
    case ConstantKind::Str: return repr_str(v.text);
    case ConstantKind::Bytes: return repr_bytes(v.text);
    case ConstantKind::Object: return "<object>";  // only from Python-built trees
  }
  return "None";
}

std::string dump(const Mod* tree, bool include_attributes) {
  g_attrs = include_attributes;
  std::string out;
  put(out, tree);
  return out;
}

}  // namespace krait::ast
