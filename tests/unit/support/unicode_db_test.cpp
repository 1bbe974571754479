// Spot checks of krait::unicode against facts printed by CPython 3.11.
// The exhaustive differential check (every code point, live against
// /usr/bin/python3.11) is tests/unicode/run.sh.
#include "support/unicode_db.h"

#include <gtest/gtest.h>

#include <string>

namespace u = krait::unicode;

namespace {

std::string cat(char32_t c) { return u::category_name(u::category(c)); }

std::u32string lower(char32_t c) {
  char32_t buf[3];
  return std::u32string(buf, u::to_lower_full(c, buf));
}
std::u32string upper(char32_t c) {
  char32_t buf[3];
  return std::u32string(buf, u::to_upper_full(c, buf));
}
std::u32string title(char32_t c) {
  char32_t buf[3];
  return std::u32string(buf, u::to_title_full(c, buf));
}
std::u32string fold(char32_t c) {
  char32_t buf[3];
  return std::u32string(buf, u::to_fold_full(c, buf));
}

std::u32string str_lower(std::u32string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char32_t buf[3];
    out.append(buf, u::to_lower_full_in_context(s.data(), s.size(), i, buf));
  }
  return out;
}

std::string name_of(char32_t c) {
  std::string n;
  return u::name(c, &n) ? n : "<none>";
}

char32_t lookup(std::string_view n) {
  char32_t c;
  return u::lookup_name(n, &c) ? c : 0xFFFFFFFF;
}

}  // namespace

TEST(UnicodeDb, Version) { EXPECT_STREQ(u::kUnicodeVersion, "14.0.0"); }

TEST(UnicodeDb, Category) {
  EXPECT_EQ(cat(U'A'), "Lu");
  EXPECT_EQ(cat(U'a'), "Ll");
  EXPECT_EQ(cat(0x01C5), "Lt");
  EXPECT_EQ(cat(U'0'), "Nd");
  EXPECT_EQ(cat(0x0301), "Mn");
  EXPECT_EQ(cat(U' '), "Zs");
  EXPECT_EQ(cat(0x2028), "Zl");
  EXPECT_EQ(cat(0), "Cc");
  EXPECT_EQ(cat(0xD800), "Cs");
  EXPECT_EQ(cat(0xE000), "Co");
  EXPECT_EQ(cat(0x0378), "Cn");
  EXPECT_EQ(cat(0x4E00), "Lo");
  EXPECT_EQ(cat(0x1F600), "So");
  EXPECT_EQ(cat(0x110000), "Cn");  // beyond the code space: unassigned
  EXPECT_EQ(u::category(U'A'), static_cast<uint8_t>(u::Category::Lu));
  EXPECT_STREQ(u::category_name(200), "");
}

TEST(UnicodeDb, OtherProperties) {
  EXPECT_STREQ(u::bidirectional(0x05D0), "R");
  EXPECT_STREQ(u::bidirectional(0x0870), "AL");
  EXPECT_STREQ(u::bidirectional(0x50000), "");
  EXPECT_EQ(u::combining(0x0301), 230);
  EXPECT_EQ(u::combining(U'a'), 0);
  EXPECT_TRUE(u::mirrored(U'('));
  EXPECT_FALSE(u::mirrored(U'a'));
  EXPECT_STREQ(u::east_asian_width(U'A'), "Na");
  EXPECT_STREQ(u::east_asian_width(0x3042), "W");
  EXPECT_STREQ(u::east_asian_width(0x3FFFD), "F");
}

TEST(UnicodeDb, Numeric) {
  double v;
  EXPECT_TRUE(u::numeric(0x00BD, &v));
  EXPECT_EQ(v, 0.5);
  EXPECT_TRUE(u::numeric(0x216B, &v));
  EXPECT_EQ(v, 12.0);
  EXPECT_TRUE(u::numeric(0x4E07, &v));
  EXPECT_EQ(v, 10000.0);
  EXPECT_TRUE(u::numeric(0x0F33, &v));
  EXPECT_EQ(v, -0.5);
  EXPECT_TRUE(u::numeric(0x2153, &v));
  EXPECT_EQ(v, 1.0 / 3.0);
  EXPECT_FALSE(u::numeric(U'x', &v));
  EXPECT_EQ(u::decimal(0x0663), 3);
  EXPECT_EQ(u::decimal(0x00B2), -1);
  EXPECT_EQ(u::digit(0x00B2), 2);
  EXPECT_EQ(u::digit(0x00BD), -1);
}

TEST(UnicodeDb, Predicates) {
  EXPECT_TRUE(u::is_alpha(0x00E9));
  EXPECT_FALSE(u::is_alpha(U'1'));
  EXPECT_TRUE(u::is_decimal(0x0663));
  EXPECT_TRUE(u::is_digit(0x00B2));
  EXPECT_FALSE(u::is_decimal(0x00B2));
  EXPECT_TRUE(u::is_numeric(0x00BD));
  EXPECT_TRUE(u::is_alnum(0x00BD));
  EXPECT_TRUE(u::is_lower(0x00AA));  // Other_Lowercase
  EXPECT_TRUE(u::is_upper(0x2160));  // Other_Uppercase
  EXPECT_TRUE(u::is_title(0x01C5));
  EXPECT_FALSE(u::is_title(U'A'));
  EXPECT_TRUE(u::is_space(0x1C));  // bidi B
  EXPECT_TRUE(u::is_space(0x3000));
  EXPECT_FALSE(u::is_space(0x200B));
  EXPECT_TRUE(u::is_printable(U' '));
  EXPECT_FALSE(u::is_printable(0x00A0));
  EXPECT_FALSE(u::is_printable(0x00AD));
  EXPECT_TRUE(u::is_linebreak(0x1E));
  EXPECT_TRUE(u::is_linebreak(0x2029));
  EXPECT_FALSE(u::is_linebreak(0x1F));
  EXPECT_TRUE(u::is_cased(0x02B0));
  EXPECT_TRUE(u::is_case_ignorable(0x02B0));
  EXPECT_TRUE(u::is_case_ignorable(U'\''));
  EXPECT_TRUE(u::is_identifier_start(U'_'));
  EXPECT_FALSE(u::is_xid_start(U'_'));
  EXPECT_FALSE(u::is_identifier_start(U'1'));
  EXPECT_TRUE(u::is_identifier_continue(U'1'));
  EXPECT_TRUE(u::is_identifier_continue(0x0301));
  EXPECT_FALSE(u::is_xid_start(0x2118) && !u::is_xid_continue(0x2118));
  EXPECT_TRUE(u::is_xid_start(0x2118));  // Other_ID_Start
  EXPECT_FALSE(u::is_xid_start(0x309B));  // NFKC-unstable, excluded from XID
}

TEST(UnicodeDb, CaseMappings) {
  EXPECT_EQ(upper(0x00DF), U"SS");
  EXPECT_EQ(title(0xFB01), U"Fi");
  EXPECT_EQ(title(0x01C6), U"\u01C5");
  EXPECT_EQ(lower(0x0130), U"i\u0307");
  EXPECT_EQ(fold(0x00DF), U"ss");
  EXPECT_EQ(upper(0x1F80), U"\u1F08\u0399");
  EXPECT_EQ(title(0x1F80), U"\u1F88");
  EXPECT_EQ(upper(0x0390), U"\u0399\u0308\u0301");
  EXPECT_EQ(lower(0x03A3), U"\u03C3");  // no context: not final
  EXPECT_EQ(fold(U'A'), U"a");
  EXPECT_EQ(u::to_lower(0x0130), U'i');  // one-to-one mappings, CPython's flavour:
  EXPECT_EQ(u::to_upper(0x00DF), U'S');   // the first code point of the full mapping
  EXPECT_EQ(u::to_upper(0x1F80), 0x1F08u);
  EXPECT_EQ(u::to_title(0x1F80), 0x1F88u);
  EXPECT_EQ(u::to_title(0x01C4), 0x01C5u);
  EXPECT_EQ(u::to_upper(U'a'), U'A');
}

TEST(UnicodeDb, FinalSigma) {
  EXPECT_EQ(str_lower(U"ΑΣ"), U"ας");
  EXPECT_EQ(str_lower(U"Σ"), U"σ");
  EXPECT_EQ(str_lower(U"ΑΣ Α"), U"ας α");
  EXPECT_EQ(str_lower(U"ΑΣΑ"), U"ασα");
  EXPECT_EQ(str_lower(U"Α'Σ'"), U"α'ς'");  // apostrophe is case-ignorable
  EXPECT_EQ(str_lower(U"1Σ"), U"1σ");
  const uint8_t latin1[] = {'1', 'x', 'A', 'x'};  // any code unit width
  EXPECT_FALSE(u::is_final_sigma_context(latin1, 2, 1));
  EXPECT_TRUE(u::is_final_sigma_context(latin1, 4, 3));
}

TEST(UnicodeDb, Decomposition) {
  EXPECT_EQ(u::decomposition(0x00E9), "0065 0301");
  EXPECT_EQ(u::decomposition(0xFB01), "<compat> 0066 0069");
  EXPECT_EQ(u::decomposition(0x2460), "<circle> 0031");
  EXPECT_EQ(u::decomposition(0x212B), "00C5");
  EXPECT_EQ(u::decomposition(0xAC00), "");  // Hangul: algorithmic, not printed
  EXPECT_EQ(u::decomposition(U'a'), "");
  EXPECT_EQ(u::decomposition(0x2F800), "4E3D");
}

TEST(UnicodeDb, Normalize) {
  using F = u::Form;
  EXPECT_EQ(u::normalize(F::NFC, U"e\u0301"), U"\u00E9");
  EXPECT_EQ(u::normalize(F::NFD, U"\u00E9"), U"e\u0301");
  EXPECT_EQ(u::normalize(F::NFKC, U"\uFB01"), U"fi");
  EXPECT_EQ(u::normalize(F::NFKD, U"\u2460"), U"1");
  EXPECT_EQ(u::normalize(F::NFC, U"\u1100\u1161\u11A8"), U"\uAC01");
  EXPECT_EQ(u::normalize(F::NFD, U"\uAC01"), U"\u1100\u1161\u11A8");
  EXPECT_EQ(u::normalize(F::NFC, U"\u212B"), U"\u00C5");  // singleton
  EXPECT_EQ(u::normalize(F::NFC, U"\u0958"), U"\u0915\u093C");  // composition exclusion
  EXPECT_EQ(u::normalize(F::NFD, U"a\u0301\u0323"), U"a\u0323\u0301");  // reordering
  EXPECT_EQ(u::normalize(F::NFC, U"a\u0323\u0301"), U"\u1EA1\u0301");
  EXPECT_EQ(u::normalize(F::NFC, U""), U"");
  EXPECT_EQ(u::normalize_nfkc(U"\u210C"), U"H");
  EXPECT_TRUE(u::is_normalized(F::NFC, U"\u00E9"));
  EXPECT_FALSE(u::is_normalized(F::NFD, U"\u00E9"));
  EXPECT_FALSE(u::is_normalized(F::NFKC, U"\uFB01"));
  u::Form f;
  EXPECT_TRUE(u::parse_form("NFKD", &f));
  EXPECT_EQ(f, F::NFKD);
  EXPECT_FALSE(u::parse_form("nfc", &f));
}

TEST(UnicodeDb, Names) {
  EXPECT_EQ(name_of(0x00E9), "LATIN SMALL LETTER E WITH ACUTE");
  EXPECT_EQ(name_of(0x1F600), "GRINNING FACE");
  EXPECT_EQ(name_of(U' '), "SPACE");
  EXPECT_EQ(name_of(0xAC00), "HANGUL SYLLABLE GA");
  EXPECT_EQ(name_of(0xD7A3), "HANGUL SYLLABLE HIH");
  EXPECT_EQ(name_of(0x4E00), "CJK UNIFIED IDEOGRAPH-4E00");
  EXPECT_EQ(name_of(0x2A6DF), "CJK UNIFIED IDEOGRAPH-2A6DF");
  EXPECT_EQ(name_of(0xF900), "CJK COMPATIBILITY IDEOGRAPH-F900");
  EXPECT_EQ(name_of(0x18B00), "KHITAN SMALL SCRIPT CHARACTER-18B00");
  EXPECT_EQ(name_of(0x0000), "<none>");  // controls have no name, only aliases
  EXPECT_EQ(name_of(0x0378), "<none>");
  EXPECT_EQ(name_of(0x17000), "<none>");  // Tangut: CPython 3.11 has no name
  EXPECT_EQ(name_of(0x10FFFF), "<none>");
}

TEST(UnicodeDb, Lookup) {
  EXPECT_EQ(lookup("LATIN SMALL LETTER E WITH ACUTE"), 0x00E9u);
  EXPECT_EQ(lookup("latin small letter e with acute"), 0x00E9u);
  EXPECT_EQ(lookup("BYTE ORDER MARK"), 0xFEFFu);  // alias
  EXPECT_EQ(lookup("nul"), 0x0000u);                // abbreviation alias
  EXPECT_EQ(lookup("LINE FEED"), 0x000Au);
  EXPECT_EQ(lookup("HANGUL SYLLABLE GAG"), 0xAC01u);
  EXPECT_EQ(lookup("hangul syllable ga"), 0xFFFFFFFFu);  // CPython: case-sensitive
  EXPECT_EQ(lookup("CJK UNIFIED IDEOGRAPH-4E00"), 0x4E00u);
  EXPECT_EQ(lookup("CJK UNIFIED IDEOGRAPH-04E00"), 0x4E00u);  // 5 digits accepted
  EXPECT_EQ(lookup("CJK UNIFIED IDEOGRAPH-4e00"), 0xFFFFFFFFu);
  EXPECT_EQ(lookup("CJK UNIFIED IDEOGRAPH-2A6E0"), 0xFFFFFFFFu);
  EXPECT_EQ(lookup("cjk compatibility ideograph-f900"), 0xF900u);
  EXPECT_EQ(lookup("CJK COMPATIBILITY IDEOGRAPH-0F900"), 0xFFFFFFFFu);
  EXPECT_EQ(lookup("LATIN CAPITAL LETTER A WITH MACRON AND GRAVE"), 0xFFFFFFFFu);  // sequence
  EXPECT_EQ(lookup("NOT A CHARACTER NAME"), 0xFFFFFFFFu);
  EXPECT_EQ(lookup(""), 0xFFFFFFFFu);
  EXPECT_EQ(lookup(std::string(300, 'A')), 0xFFFFFFFFu);
  std::u32string seq;
  EXPECT_TRUE(u::lookup_named_sequence("latin capital letter a with macron and grave", &seq));
  EXPECT_EQ(seq, U"\u0100\u0300");
  EXPECT_FALSE(u::lookup_named_sequence("LATIN SMALL LETTER A", &seq));
}

TEST(UnicodeDb, NameRoundTrip) {
  // Every named character in the BMP: lookup_name(name(c)) == c.
  std::string n;
  int named = 0;
  for (char32_t c = 0; c < 0x10000; ++c) {
    if (!u::name(c, &n)) continue;
    ++named;
    char32_t back;
    ASSERT_TRUE(u::lookup_name(n, &back)) << n;
    ASSERT_EQ(back, c) << n;
  }
  EXPECT_EQ(named, 55567);
}

TEST(UnicodeDb, Ucd320View) {
  namespace v = u::ucd_3_2_0;
  EXPECT_EQ(u::category_name(v::category(0x0221)), std::string("Cn"));  // added in 4.0
  EXPECT_EQ(u::category_name(u::category(0x0221)), std::string("Ll"));
  EXPECT_EQ(u::category_name(v::category(0x00A7)), std::string("So"));  // changed since
  EXPECT_STREQ(v::bidirectional(U'+'), "ET");
  EXPECT_STREQ(v::bidirectional(0x0221), "");
  EXPECT_STREQ(v::east_asian_width(0x0221), "F");
  EXPECT_EQ(v::decimal(0x00B2), 2);
  EXPECT_EQ(u::decimal(0x00B2), -1);
  EXPECT_EQ(v::combining(0x0350), 0);
  EXPECT_EQ(v::decomposition(0x03F9), "");
  std::string n;
  EXPECT_FALSE(v::name(0x0221, &n));
  EXPECT_FALSE(v::name(0x9FA6, &n));
  EXPECT_TRUE(v::name(0x9FA5, &n));
  char32_t c;
  EXPECT_FALSE(v::lookup_name("LATIN SMALL LETTER D WITH CURL", &c));
  EXPECT_FALSE(v::lookup_name("BYTE ORDER MARK", &c));  // no aliases in 3.2.0
  EXPECT_TRUE(v::lookup_name("CJK UNIFIED IDEOGRAPH-9FA6", &c));  // not version-checked
  EXPECT_EQ(c, 0x9FA6u);
  // A 3.2.0 normalization correction, and a character 3.2.0 did not decompose.
  EXPECT_EQ(v::normalize(u::Form::NFD, U"\U0002F868"), U"\U0002136A");
  EXPECT_EQ(u::normalize(u::Form::NFD, U"\U0002F868"), U"\u36FC");
  EXPECT_EQ(v::normalize(u::Form::NFKC, U"\u03F9"), U"\u03F9");
  EXPECT_FALSE(v::is_normalized(u::Form::NFD, U"e\u0301\u0323"));
}
