// unicode_adapter.h — the parser's window onto Unicode character data.
//
// Identifiers (XID_Start/XID_Continue, NFKC), \N{...} names and repr() printability
// come from krait::unicode (src/support/unicode_db.h, owned by another part of the
// tree).  Until it is available the adapter answers for ASCII only and reports
// non-ASCII identifiers as valid-as-written (no normalization).
#pragma once
#include <string>
#include <string_view>

#if __has_include("support/unicode_db.h")
#include "support/unicode_db.h"
#define KRAIT_PARSER_HAVE_UNICODE_DB 1
#else
#define KRAIT_PARSER_HAVE_UNICODE_DB 0
#endif

namespace krait::parser::uni {

inline bool is_xid_start(char32_t c) {
#if KRAIT_PARSER_HAVE_UNICODE_DB
  return krait::unicode::is_xid_start(c);
#else
  if (c < 128) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  return c >= 0xAA;  // approximation without the database
#endif
}

inline bool is_xid_continue(char32_t c) {
#if KRAIT_PARSER_HAVE_UNICODE_DB
  return krait::unicode::is_xid_continue(c);
#else
  if (c < 128) return is_xid_start(c) || (c >= '0' && c <= '9');
  return c >= 0xAA;
#endif
}

inline std::u32string normalize_nfkc(std::u32string_view s) {
#if KRAIT_PARSER_HAVE_UNICODE_DB
  return krait::unicode::normalize_nfkc(s);
#else
  return std::u32string(s);
#endif
}

inline bool lookup_name(std::string_view name, char32_t* out) {
#if KRAIT_PARSER_HAVE_UNICODE_DB
  return krait::unicode::lookup_name(name, out);
#else
  (void)name;
  (void)out;
  return false;
#endif
}

inline bool is_printable(char32_t c) {
#if KRAIT_PARSER_HAVE_UNICODE_DB
  return krait::unicode::is_printable(c);
#else
  if (c < 128) return c >= 0x20 && c < 0x7f;
  // Without the database: treat controls, separators and surrogates as non-printable.
  if (c <= 0xA0 || c == 0xAD) return false;
  if (c >= 0xD800 && c <= 0xDFFF) return false;
  if (c == 0x1680 || (c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) ||
      (c >= 0x205F && c <= 0x206F) || c == 0x3000)
    return false;
  if (c == 0xFEFF || (c >= 0xE000 && c <= 0xF8FF) || (c >= 0xFFF0 && c <= 0xFFFC) ||
      c == 0xFFFE || c == 0xFFFF)
    return false;
  return true;
#endif
}

}  // namespace krait::parser::uni
