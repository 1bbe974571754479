# unicodedata API: lookup/name incl. aliases and named sequences, normalize
# and is_normalized, errors, the UCD type, "\N{...}" via the capsule, and
# the users of ucd_3_2_0 (stringprep, idna).
import codecs
import encodings.idna
import stringprep
import unicodedata as ud


def show(f):
    try:
        r = f()
    except Exception as e:
        print(type(e).__name__, e)
    else:
        print(ascii(r))


print(sorted(n for n in dir(ud) if not n.startswith("__")))
print(ud.unidata_version, ud.ucd_3_2_0.unidata_version, type(ud.ucd_3_2_0), ud.UCD)
print(type(ud._ucnhash_CAPI).__name__)
for name in ["LATIN SMALL LETTER A", "latin small letter a", "EURO SIGN",
             "HANGUL SYLLABLE GAG", "hangul syllable gag", "CJK UNIFIED IDEOGRAPH-4E00",
             "CJK UNIFIED IDEOGRAPH-4e00", "CJK COMPATIBILITY IDEOGRAPH-F900",
             "LATIN CAPITAL LETTER GHA", "BOM", "LATIN SMALL LETTER A WITH MACRON AND GRAVE",
             "TANGUT IDEOGRAPH-17000", "KHITAN SMALL SCRIPT CHARACTER-18B00",
             "NUSHU CHARACTER-1B170", "nonesuch", "", "x" * 257, "LATIN SMALL LETTER A\0",
             b"EURO SIGN", "HANGUL SYLLABLE", "CJK UNIFIED IDEOGRAPH-110000"]:
    show(lambda: ud.lookup(name))
    show(lambda: ud.ucd_3_2_0.lookup(name))
show(lambda: ud.lookup(3))
show(lambda: ud.lookup())
for ch in ["a", "\u20ac", "\uac00", "\ud7a3", "\u4e00", "\U00017000", "\x00", "\ue000",
           "\U0001F600", "\u0378", "\U000E0001", "\uf900"]:
    print(ascii(ch), ud.name(ch, None), ud.ucd_3_2_0.name(ch, None), ud.category(ch),
          ud.ucd_3_2_0.category(ch), ud.bidirectional(ch), ud.east_asian_width(ch),
          ud.ucd_3_2_0.east_asian_width(ch), ud.combining(ch), ud.mirrored(ch),
          ascii(ud.decomposition(ch)))
for ch in ["7", "\u00bd", "\u2155", "\u0663", "\u2460", "\u4e07", "a", "\U0001F10C"]:
    print(ascii(ch), ud.decimal(ch, -1), ud.digit(ch, -1), ud.numeric(ch, -1),
          ud.ucd_3_2_0.numeric(ch, -1))
show(lambda: ud.decimal("a"))
show(lambda: ud.digit("a"))
show(lambda: ud.numeric("a"))
show(lambda: ud.name("\x00"))
show(lambda: ud.name("ab"))
show(lambda: ud.name(""))
show(lambda: ud.name(97))
show(lambda: ud.category("ab"))
show(lambda: ud.category(None))
show(lambda: ud.category())
show(lambda: ud.category("a", "b"))
show(lambda: ud.decimal("1", 2, 3))
show(lambda: ud.decimal())
show(lambda: ud.UCD())
show(lambda: ud.ucd_3_2_0.foo)

samples = ["", "abc", "\u00e9", "e\u0301", "\u1e9b\u0323", "\ufb01", "\u2126",
           "\uac00\u11a8", "\u1100\u1161\u11a8", "\u0041\u030a\u0301", "\U0001D400",
           "\u0958", "\u2fa1d", "\u00c5\u212b", "\u0f73\u0f75", "\u0344\u0301"]
for s in samples:
    for form in ("NFC", "NFD", "NFKC", "NFKD"):
        print(form, ascii(s), ascii(ud.normalize(form, s)), ud.is_normalized(form, s),
              ascii(ud.ucd_3_2_0.normalize(form, s)), ud.ucd_3_2_0.is_normalized(form, s))
show(lambda: ud.normalize("nfc", "a"))
show(lambda: ud.normalize("NFC", b"a"))
show(lambda: ud.normalize(1, "a"))
show(lambda: ud.is_normalized("X", "a"))
show(lambda: ud.normalize("NFC"))
s = "already"
print(ud.normalize("NFC", s) is s)

# "\N{...}" in source and through the unicode_escape codec
print(ascii("\N{EURO SIGN}\N{latin small letter a}\N{BOM}"))
print(ascii(codecs.decode(b"\\N{EURO SIGN}x", "unicode_escape")))
show(lambda: codecs.decode(b"\\N{NO SUCH NAME}", "unicode_escape"))
show(lambda: codecs.decode(b"\\N{LATIN SMALL LETTER A WITH MACRON AND GRAVE}",
                           "unicode_escape"))
print(ascii(codecs.decode(b"\\N{NO SUCH}y", "unicode_escape", "replace")))
print(ascii("\u20ac\x00".encode("ascii", "namereplace")))

# users of ucd_3_2_0
print("b\u00fccher.example".encode("idna"), b"xn--bcher-kva.example".decode("idna"))
print(ascii("ma\u00dfe.de".encode("idna")))
show(lambda: "\u0221.com".encode("idna"))
print(stringprep.in_table_a1("\u0221"), stringprep.in_table_b1("\u00ad"),
      ascii(stringprep.map_table_b2("\u00c5")), ascii(stringprep.map_table_b3("\u1e9e")),
      stringprep.in_table_c12("\u3000"), stringprep.in_table_d1("\u05d0"))
