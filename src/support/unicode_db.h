// unicode_db.h — Krait's Unicode character database (Unicode 14.0.0, as CPython 3.11).
//
// Every fact here — general category, bidi class, numeric values, case mappings,
// decompositions, names — is extracted from /usr/bin/python3.11 by
// tools/gen_unicode_db.py into unicode_db_tables.inc (generated, never hand-edited),
// so that str methods, the tokenizer, repr() and the unicodedata module agree
// with CPython 3.11 character for character. docs/internals/unicode.md describes
// the table layout and how to regenerate.
//
// All functions accept any char32_t; values above 0x10FFFF behave like an
// unassigned code point. Nothing here allocates except the functions returning
// std::string / std::u32string, and lookup_name (which builds its hash index
// once, on first use, thread-safely).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#define KRAIT_UNICODE_API __attribute__((visibility("default")))

namespace krait::unicode {

inline constexpr const char* kUnicodeVersion = "14.0.0";  // unicodedata.unidata_version
inline constexpr char32_t kMaxCodePoint = 0x10FFFF;
inline constexpr int kMaxCaseExpansion = 3;  // longest full case mapping / case folding
inline constexpr size_t kMaxNameLength = 256;  // unicodedata.lookup rejects longer names

// -- General category --------------------------------------------------------

// The 30 general categories, declared once. The order is Krait's own (Cn = 0,
// the category of unassigned code points); only the two-letter names are public.
#define KRAIT_UNICODE_CATEGORIES(_)                                                     \
  _(Cn) _(Lu) _(Ll) _(Lt) _(Lm) _(Lo) _(Mn) _(Mc) _(Me) _(Nd) _(Nl) _(No) _(Pc) _(Pd) \
  _(Ps) _(Pe) _(Pi) _(Pf) _(Po) _(Sm) _(Sc) _(Sk) _(So) _(Zs) _(Zl) _(Zp) _(Cc) _(Cf) \
  _(Cs) _(Co)

enum class Category : uint8_t {
#define KRAIT_UNICODE_CAT_ENUM(name) name,
  KRAIT_UNICODE_CATEGORIES(KRAIT_UNICODE_CAT_ENUM)
#undef KRAIT_UNICODE_CAT_ENUM
};
inline constexpr int kNumCategories = 30;

// static_cast<uint8_t>(Category::Xx) of the code point's category.
KRAIT_UNICODE_API uint8_t category(char32_t c);
// "Lu", "Ll", ... for a Category value; "" if out of range.
KRAIT_UNICODE_API const char* category_name(uint8_t cat);

// -- Other unicodedata properties ---------------------------------------------

KRAIT_UNICODE_API const char* bidirectional(char32_t c);     // "L", "AL", ...; "" if none
KRAIT_UNICODE_API int combining(char32_t c);                 // canonical combining class
KRAIT_UNICODE_API bool mirrored(char32_t c);
KRAIT_UNICODE_API const char* east_asian_width(char32_t c);  // "N","Na","A","W","H","F"

// -- Numeric values -------------------------------------------------------------

KRAIT_UNICODE_API int decimal(char32_t c);  // unicodedata.decimal; -1 if none
KRAIT_UNICODE_API int digit(char32_t c);    // unicodedata.digit; -1 if none
// unicodedata.numeric: true and *out = the value (exactly CPython's double), or false.
KRAIT_UNICODE_API bool numeric(char32_t c, double* out);

// -- Predicates: exactly Python's str methods applied to chr(c) ------------------
//
// Exceptions to "chr(c).isX()": is_title is CPython's per-character titlecase flag
// (category Lt); chr(c).istitle() == is_upper(c) || is_title(c). is_lower / is_upper
// are the Lowercase / Uppercase properties (chr(c).islower() / isupper()).
// is_linebreak is "c splits a line in str.splitlines"; is_cased / is_case_ignorable
// are the Unicode Cased / Case_Ignorable properties that str.lower uses for final
// sigma; is_identifier_start/continue are what str.isidentifier demands of the
// first / later characters (XID_Start or '_' / XID_Continue).

KRAIT_UNICODE_API bool is_alpha(char32_t c);
KRAIT_UNICODE_API bool is_decimal(char32_t c);
KRAIT_UNICODE_API bool is_digit(char32_t c);
KRAIT_UNICODE_API bool is_numeric(char32_t c);
KRAIT_UNICODE_API bool is_lower(char32_t c);
KRAIT_UNICODE_API bool is_upper(char32_t c);
KRAIT_UNICODE_API bool is_title(char32_t c);
KRAIT_UNICODE_API bool is_space(char32_t c);
KRAIT_UNICODE_API bool is_printable(char32_t c);
KRAIT_UNICODE_API bool is_linebreak(char32_t c);
KRAIT_UNICODE_API bool is_alnum(char32_t c);
KRAIT_UNICODE_API bool is_cased(char32_t c);
KRAIT_UNICODE_API bool is_case_ignorable(char32_t c);
KRAIT_UNICODE_API bool is_xid_start(char32_t c);
KRAIT_UNICODE_API bool is_xid_continue(char32_t c);
KRAIT_UNICODE_API bool is_identifier_start(char32_t c);     // is_xid_start(c) || c == '_'
KRAIT_UNICODE_API bool is_identifier_continue(char32_t c);  // is_xid_continue(c)

// -- Case mappings ---------------------------------------------------------------
//
// Full mappings (SpecialCasing included, context-free) as chr(c).lower(), .upper(),
// .title() and .casefold() produce them: write up to kMaxCaseExpansion code points
// to out, return how many (>= 1; a character without mapping maps to itself).
KRAIT_UNICODE_API int to_lower_full(char32_t c, char32_t out[3]);
KRAIT_UNICODE_API int to_upper_full(char32_t c, char32_t out[3]);
KRAIT_UNICODE_API int to_title_full(char32_t c, char32_t out[3]);
KRAIT_UNICODE_API int to_fold_full(char32_t c, char32_t out[3]);
// One-to-one mappings exactly as CPython's _PyUnicode_ToLowercase / ToUppercase /
// ToTitlecase (Py_UNICODE_TOLOWER etc.; re's IGNORECASE): the UnicodeData.txt simple
// mapping, except that where a full mapping differs CPython answers its first code
// point (to_upper(U+00DF) == 'S', to_upper(U+1F80) == U+1F08, not U+1F88).
KRAIT_UNICODE_API char32_t to_lower(char32_t c);
KRAIT_UNICODE_API char32_t to_upper(char32_t c);
KRAIT_UNICODE_API char32_t to_title(char32_t c);

// Final sigma. str.lower(), str.title(), str.capitalize() and str.swapcase() — but
// not str.casefold() — lowercase U+03A3 GREEK CAPITAL LETTER SIGMA to U+03C2 (ς)
// instead of U+03C3 (σ) when it ends a word: preceded by a cased character and not
// followed by one, skipping case-ignorable characters in both directions.
// s[0..len) is the string in any PEP 393 width (uint8_t, uint16_t, char32_t, ...);
// i is the index of the sigma. Use to_lower_full_in_context in those str methods.
template <class CharT>
bool is_final_sigma_context(const CharT* s, size_t len, size_t i) {
  size_t j = i;
  char32_t c = 0;
  bool found = false;
  while (j > 0) {
    c = static_cast<char32_t>(s[--j]);
    if (!is_case_ignorable(c)) {
      found = true;
      break;
    }
  }
  if (!found || !is_cased(c)) return false;
  for (j = i + 1; j < len; ++j) {
    c = static_cast<char32_t>(s[j]);
    if (!is_case_ignorable(c)) return !is_cased(c);
  }
  return true;
}

// to_lower_full(s[i]) with the final-sigma rule applied.
template <class CharT>
int to_lower_full_in_context(const CharT* s, size_t len, size_t i, char32_t out[3]) {
  char32_t c = static_cast<char32_t>(s[i]);
  if (c == 0x03A3) {
    out[0] = is_final_sigma_context(s, len, i) ? 0x03C2 : 0x03C3;
    return 1;
  }
  return to_lower_full(c, out);
}

// -- Decomposition and normalization ---------------------------------------------

// unicodedata.decomposition(chr(c)): "<compat> 0020 0308", "0041 0300", or "".
KRAIT_UNICODE_API std::string decomposition(char32_t c);

enum class Form : uint8_t { NFC, NFD, NFKC, NFKD };
// "NFC" / "NFD" / "NFKC" / "NFKD" (exact, as unicodedata accepts them).
KRAIT_UNICODE_API bool parse_form(std::string_view name, Form* out);

// unicodedata.normalize / is_normalized: canonical ordering, Hangul syllable
// (de)composition, composition exclusions, as Unicode 14.0 UAX #15.
KRAIT_UNICODE_API std::u32string normalize(Form form, std::u32string_view s);
KRAIT_UNICODE_API bool is_normalized(Form form, std::u32string_view s);
// normalize(Form::NFKC, s): what the tokenizer applies to non-ASCII identifiers.
KRAIT_UNICODE_API std::u32string normalize_nfkc(std::u32string_view s);

// -- Names -----------------------------------------------------------------------

// unicodedata.name(chr(c)): false if the character has no name. Hangul syllables
// and CJK unified ideographs are named algorithmically. Aliases are never returned.
KRAIT_UNICODE_API bool name(char32_t c, std::string* out);
// "\N{name}" / unicodedata.lookup for single characters: case-insensitive
// (algorithmic names as CPython accepts them), character names and name aliases.
KRAIT_UNICODE_API bool lookup_name(std::string_view name, char32_t* out);
// Named sequences (NamedSequences.txt), which unicodedata.lookup accepts but
// "\N{...}" does not. Case-insensitive like lookup_name.
KRAIT_UNICODE_API bool lookup_named_sequence(std::string_view name, std::u32string* out);

// -- The Unicode 3.2.0 view ----------------------------------------------------------
//
// unicodedata.ucd_3_2_0, which stringprep and the "idna" codec use: the database as
// of Unicode 3.2.0, with CPython 3.11's own behaviour (e.g. characters added after
// 3.2.0 answer category "Cn", bidirectional "", east_asian_width "F" and have no
// name or decomposition, yet digit() still answers from 14.0.0). The functions
// mirror the unicodedata methods of the same names.
namespace ucd_3_2_0 {

inline constexpr const char* kUnicodeVersion = "3.2.0";

KRAIT_UNICODE_API uint8_t category(char32_t c);
KRAIT_UNICODE_API const char* bidirectional(char32_t c);
KRAIT_UNICODE_API int combining(char32_t c);
KRAIT_UNICODE_API bool mirrored(char32_t c);
KRAIT_UNICODE_API const char* east_asian_width(char32_t c);
KRAIT_UNICODE_API int decimal(char32_t c);
KRAIT_UNICODE_API int digit(char32_t c);
KRAIT_UNICODE_API bool numeric(char32_t c, double* out);
KRAIT_UNICODE_API std::string decomposition(char32_t c);
KRAIT_UNICODE_API std::u32string normalize(Form form, std::u32string_view s);
KRAIT_UNICODE_API bool is_normalized(Form form, std::u32string_view s);
KRAIT_UNICODE_API bool name(char32_t c, std::string* out);
// ucd_3_2_0.lookup: character names only (no aliases, no named sequences).
KRAIT_UNICODE_API bool lookup_name(std::string_view name, char32_t* out);

}  // namespace ucd_3_2_0
}  // namespace krait::unicode
