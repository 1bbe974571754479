#!/usr/bin/python3.11
"""Generate src/support/unicode_db_tables.inc — Krait's Unicode 14.0.0 tables.

Run with /usr/bin/python3.11 (the oracle: CPython 3.11, unidata_version 14.0.0):

    /usr/bin/python3.11 tools/gen_unicode_db.py [OUTPUT]

OUTPUT defaults to src/support/unicode_db_tables.inc next to this tree.

Every fact comes from the running CPython 3.11: the unicodedata module, str
methods on chr(c), and — for the few per-character facts that CPython uses but
does not expose in Python (simple case mappings, Cased, Case_Ignorable, XID) —
the interpreter's own exported _PyUnicode_* functions called through ctypes.
Name aliases and named sequences cannot be enumerated from Python; their
*candidates* are read from Perl's copy of the same UCD version
(/usr/share/perl/5.36.0/unicore, Unicode 14.0.0) and each is kept only if
unicodedata.lookup() accepts it with the same result.

The layout of the output is described in docs/internals/unicode.md.
"""

import ctypes
import os
import re
import sys
import unicodedata as ud

assert ud.unidata_version == "14.0.0", ud.unidata_version
assert sys.version_info[:2] == (3, 11), sys.version

MAX_CP = 0x110000
PERL_UNICORE = "/usr/share/perl/5.36.0/unicore"

# Must match KRAIT_UNICODE_CATEGORIES in unicode_db.h (static_asserts in the
# output check it).
CATEGORIES = ("Cn Lu Ll Lt Lm Lo Mn Mc Me Nd Nl No Pc Pd Ps Pe Pi Pf Po Sm Sc Sk So "
              "Zs Zl Zp Cc Cf Cs Co").split()

# Per-character boolean properties, one bit each in Record::flags.
FLAGS = ["alpha", "decimal", "digit", "numeric", "lower", "upper", "title", "space",
         "printable", "linebreak", "cased", "case_ignorable", "xid_start",
         "xid_continue", "mirrored", "has_table_name",
         # Normalization quick check (UAX #15): "no" = the character cannot occur in
         # the form, "maybe" = it may compose with what precedes it.
         "nfd_qc_no", "nfkd_qc_no", "nfc_qc_no", "nfkc_qc_no", "nfc_qc_maybe"]

# -- CPython internals reached through ctypes (facts only) -------------------

_api = ctypes.pythonapi


def _cfunc(name, restype):
    f = getattr(_api, name)
    f.argtypes = [ctypes.c_uint32]
    f.restype = restype
    return f


c_to_lower = _cfunc("_PyUnicode_ToLowercase", ctypes.c_uint32)
c_to_upper = _cfunc("_PyUnicode_ToUppercase", ctypes.c_uint32)
c_to_title = _cfunc("_PyUnicode_ToTitlecase", ctypes.c_uint32)
c_is_title = _cfunc("_PyUnicode_IsTitlecase", ctypes.c_int)
c_is_cased = _cfunc("_PyUnicode_IsCased", ctypes.c_int)
c_is_case_ignorable = _cfunc("_PyUnicode_IsCaseIgnorable", ctypes.c_int)
c_is_xid_start = _cfunc("_PyUnicode_IsXidStart", ctypes.c_int)
c_is_xid_continue = _cfunc("_PyUnicode_IsXidContinue", ctypes.c_int)
c_is_linebreak = _cfunc("_PyUnicode_IsLinebreak", ctypes.c_int)

# -- Algorithmic names ----------------------------------------------------------

HANGUL_BASE, HANGUL_COUNT = 0xAC00, 11172
HANGUL_V_COUNT, HANGUL_T_COUNT = 21, 28
HANGUL_N_COUNT = HANGUL_V_COUNT * HANGUL_T_COUNT  # 588
HANGUL_PREFIX = "HANGUL SYLLABLE "


def hangul_jamo_names():
    """The short jamo names, recovered from the syllable names themselves."""
    def syl(l, v, t):
        return ud.name(chr(HANGUL_BASE + l * HANGUL_N_COUNT + v * HANGUL_T_COUNT + t))[
            len(HANGUL_PREFIX):]
    ieung = 11  # L index of the silent initial (its short name is empty)
    v_names = [syl(ieung, v, 0) for v in range(HANGUL_V_COUNT)]
    t_names = [syl(ieung, 0, t)[len(v_names[0]):] for t in range(HANGUL_T_COUNT)]
    l_names = [syl(l, 0, 0)[:-len(v_names[0])] for l in range(19)]
    assert l_names[ieung] == "" and t_names[0] == ""
    for l in range(19):
        for v in range(HANGUL_V_COUNT):
            for t in range(HANGUL_T_COUNT):
                assert syl(l, v, t) == l_names[l] + v_names[v] + t_names[t]
    return l_names, v_names, t_names


def is_hex_patterned(cp, name):
    """Names like 'CJK UNIFIED IDEOGRAPH-4E00': a prefix ending in '-' plus %04X."""
    h = "%04X" % cp
    return name.endswith("-" + h) and not name.startswith(HANGUL_PREFIX)


# -- Helpers for emitting C++ --------------------------------------------------

def ctype_for(values):
    lo, hi = min(values), max(values)
    for t, a, b in (("uint8_t", 0, 255), ("uint16_t", 0, 65535), ("uint32_t", 0, 2**32 - 1),
                    ("int8_t", -128, 127), ("int16_t", -32768, 32767),
                    ("int32_t", -2**31, 2**31 - 1)):
        if a <= lo and hi <= b:
            return t
    raise ValueError("no C type for range %d..%d" % (lo, hi))


def ctype_size(t):
    return {"uint8_t": 1, "int8_t": 1, "uint16_t": 2, "int16_t": 2, "uint32_t": 4,
            "int32_t": 4, "char32_t": 4, "uint64_t": 8, "double": 8}[t]


class Out:
    def __init__(self):
        self.parts = []
        self.data_bytes = 0

    def w(self, s=""):
        self.parts.append(s + "\n")

    def array(self, name, values, ctype=None, comment=None, fmt=str):
        ctype = ctype or ctype_for(values)
        self.data_bytes += ctype_size(ctype) * len(values)
        if comment:
            self.w("// " + comment)
        self.w("static constexpr %s %s[%d] = {" % (ctype, name, len(values)))
        line = ""
        for v in values:
            item = fmt(v) + ","
            if len(line) + len(item) > 110:
                self.w(line)
                line = ""
            line += item
        if line:
            self.w(line)
        self.w("};")

    def string(self, name, data, comment=None):
        """A byte blob as a string literal (printable bytes literally)."""
        self.data_bytes += len(data)
        if comment:
            self.w("// " + comment)
        self.w("static constexpr char %s[%d + 1] =" % (name, len(data)))
        line = ""
        for b in data:
            if 0x20 <= b < 0x7F and b not in b'"\\?':
                item = chr(b)
            else:
                item = "\\%03o" % b
            if len(line) + len(item) > 110:
                self.w('    "%s"' % line)
                line = ""
            line += item
        self.w('    "%s";' % line)

    def text(self):
        return "".join(self.parts)


def two_stage(values, name, out, comment):
    """Split values into stage1[cp >> shift] -> block, stage2[block << shift | low]."""
    best = None
    for shift in range(3, 11):
        bs = 1 << shift
        blocks = {}
        s1, s2 = [], []
        for i in range(0, len(values), bs):
            blk = tuple(values[i:i + bs])
            idx = blocks.get(blk)
            if idx is None:
                idx = len(blocks)
                blocks[blk] = idx
                s2.extend(blk)
            s1.append(idx)
        size = ctype_size(ctype_for(s1)) * len(s1) + ctype_size(ctype_for(s2)) * len(s2)
        if best is None or size < best[0]:
            best = (size, shift, s1, s2)
    size, shift, s1, s2 = best
    out.w("// %s: two-stage table, %d bytes." % (comment, size))
    out.w("static constexpr int %s_SHIFT = %d;" % (name, shift))
    out.array(name + "_STAGE1", s1)
    out.array(name + "_STAGE2", s2)
    out.w()


# -- Gathering the facts ------------------------------------------------------------

def gather():
    l_names, v_names, t_names = hangul_jamo_names()
    cat_index = {c: i for i, c in enumerate(CATEGORIES)}
    bidi_names, eaw_names = [""], []
    bidi_index, eaw_index = {"": 0}, {}
    numeric_values, numeric_index = [], {}
    special_cases, special_index = [], {}
    records, record_index = [], {}
    record_of = [0] * MAX_CP

    decomp_tags, decomp_tag_index = [""], {"": 0}
    decomp_data = [0]  # index 0: "no decomposition"
    decomp_of = [0] * MAX_CP

    patterned = []  # [start, end, prefix] runs of hex-patterned names
    table_names = []  # (cp, name)

    # Second characters of primary composites (NFC_QC / NFKC_QC = Maybe): the pairs
    # are found below; here only their second halves are needed, so collect them
    # first from the canonical two-character decompositions that NFC keeps.
    maybe = set(range(0x1161, 0x1176)) | set(range(0x11A8, 0x11C3))  # Hangul V, T
    for cp in range(MAX_CP):
        d = ud.decomposition(chr(cp))
        if d and not d.startswith("<") and len(d.split()) == 2:
            if ud.normalize("NFC", chr(cp)) == chr(cp):
                maybe.add(int(d.split()[1], 16))

    for cp in range(MAX_CP):
        ch = chr(cp)
        cat = ud.category(ch)
        bidi = ud.bidirectional(ch)
        if bidi not in bidi_index:
            bidi_index[bidi] = len(bidi_names)
            bidi_names.append(bidi)
        eaw = ud.east_asian_width(ch)
        if eaw not in eaw_index:
            eaw_index[eaw] = len(eaw_names)
            eaw_names.append(eaw)

        name = ud.name(ch, None)
        has_table_name = False
        if name is not None:
            if name.startswith(HANGUL_PREFIX):
                assert HANGUL_BASE <= cp < HANGUL_BASE + HANGUL_COUNT
            elif is_hex_patterned(cp, name):
                prefix = name[:-len("%04X" % cp)]
                if patterned and patterned[-1][2] == prefix and patterned[-1][1] == cp - 1:
                    patterned[-1][1] = cp
                else:
                    patterned.append([cp, cp, prefix])
            else:
                has_table_name = True
                table_names.append((cp, name))

        flags = {
            "alpha": ch.isalpha(), "decimal": ch.isdecimal(), "digit": ch.isdigit(),
            "numeric": ch.isnumeric(), "lower": ch.islower(), "upper": ch.isupper(),
            "title": bool(c_is_title(cp)), "space": ch.isspace(),
            "printable": ch.isprintable(), "linebreak": bool(c_is_linebreak(cp)),
            "cased": bool(c_is_cased(cp)), "case_ignorable": bool(c_is_case_ignorable(cp)),
            "xid_start": bool(c_is_xid_start(cp)),
            "xid_continue": bool(c_is_xid_continue(cp)),
            "mirrored": bool(ud.mirrored(ch)), "has_table_name": has_table_name,
            "nfd_qc_no": ud.normalize("NFD", ch) != ch,
            "nfkd_qc_no": ud.normalize("NFKD", ch) != ch,
            "nfc_qc_no": ud.normalize("NFC", ch) != ch,
            "nfkc_qc_no": ud.normalize("NFKC", ch) != ch,
            "nfc_qc_maybe": cp in maybe,
        }
        fbits = sum(1 << i for i, f in enumerate(FLAGS) if flags[f])

        num = ud.numeric(ch, None)
        num_idx = 0
        if num is not None:
            key = num.hex()
            if key not in numeric_index:
                numeric_values.append(num)
                numeric_index[key] = len(numeric_values)
            num_idx = numeric_index[key]

        lo, up, ti = c_to_lower(cp), c_to_upper(cp), c_to_title(cp)
        full = (ch.lower(), ch.upper(), ch.title(), ch.casefold())
        if full != (chr(lo), chr(up), chr(ti), chr(lo)):
            assert all(1 <= len(s) <= 3 for s in full), (hex(cp), full)
            if full not in special_index:
                special_cases.append(full)
                special_index[full] = len(special_cases)
            sp = special_index[full]
        else:
            sp = 0

        rec = (lo - cp, up - cp, ti - cp, fbits, sp, num_idx, cat_index[cat],
               bidi_index[bidi], eaw_index[eaw], ud.combining(ch), ud.decimal(ch, -1),
               ud.digit(ch, -1))
        ri = record_index.get(rec)
        if ri is None:
            ri = len(records)
            record_index[rec] = ri
            records.append(rec)
        record_of[cp] = ri

        d = ud.decomposition(ch)
        if d:
            parts = d.split()
            tag = ""
            if parts[0].startswith("<"):
                tag = parts.pop(0)
            if tag not in decomp_tag_index:
                decomp_tag_index[tag] = len(decomp_tags)
                decomp_tags.append(tag)
            # Must round-trip to the exact string unicodedata prints.
            assert " ".join(([tag] if tag else []) + ["%04X" % int(p, 16) for p in parts]) == d
            decomp_of[cp] = len(decomp_data)
            decomp_data.append(decomp_tag_index[tag] << 8 | len(parts))
            decomp_data.extend(int(p, 16) for p in parts)

    # Primary composites: canonical pair decompositions that NFC keeps.
    compositions = []
    for cp in range(MAX_CP):
        i = decomp_of[cp]
        if i and decomp_data[i] >> 8 == 0 and decomp_data[i] & 0xFF == 2:
            ch = chr(cp)
            if ud.normalize("NFC", ch) == ch:
                compositions.append((decomp_data[i + 1], decomp_data[i + 2], cp))
    compositions.sort()

    # Aliases and named sequences: candidates from Perl's UCD copy, verified here.
    aliases, sequences = [], []
    with open(os.path.join(PERL_UNICORE, "Name.pl"), encoding="ascii") as f:
        body = f.read().split("return <<'END';\n", 1)[1].rsplit("\nEND\n", 1)[0]
    seen = set()
    for entry in body.strip().split("\n\n"):
        cps, nm = entry.split("\n")
        cps = [int(x, 16) for x in cps.split()]
        if len(cps) != 1 or (cps[0], nm) in seen:
            continue
        seen.add((cps[0], nm))
        if ud.name(chr(cps[0]), None) == nm:
            continue
        try:
            got = ud.lookup(nm)
        except KeyError:
            continue
        if got == chr(cps[0]):
            aliases.append((nm, cps[0]))
    with open(os.path.join(PERL_UNICORE, "NamedSequences.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            nm, seq = line.split(";")
            seq = [int(x, 16) for x in seq.split()]
            if ud.lookup(nm) == "".join(map(chr, seq)):
                sequences.append((nm, seq))
    assert len(aliases) > 400 and len(sequences) > 400, (len(aliases), len(sequences))

    return dict(records=records, record_of=record_of, bidi_names=bidi_names,
                eaw_names=eaw_names, numeric_values=numeric_values,
                special_cases=special_cases, decomp_tags=decomp_tags,
                decomp_data=decomp_data, decomp_of=decomp_of, compositions=compositions,
                patterned=patterned, table_names=table_names, aliases=aliases,
                sequences=sequences, hangul=(l_names, v_names, t_names))


# -- The Unicode 3.2.0 view (unicodedata.ucd_3_2_0) ----------------------------------
#
# CPython keeps, for stringprep and IDNA, a view of the database as of Unicode 3.2.0.
# It is stored as deltas: each code point whose 3.2.0 answers differ from 14.0.0's
# gets a Delta320 record holding all its 3.2.0 answers; everything else is
# unchanged. A handful of characters also normalize differently (the 3.2.0
# "normalization corrections"); they are listed separately.

DELTA_FLAGS = ["mirrored", "no_decomposition", "no_name"]


def gather_3_2_0(facts):
    old = ud.ucd_3_2_0
    numeric_values = facts["numeric_values"]
    numeric_index = {v.hex(): i + 1 for i, v in enumerate(numeric_values)}
    bidi_index = {b: i for i, b in enumerate(facts["bidi_names"])}
    eaw_index = {e: i for i, e in enumerate(facts["eaw_names"])}
    cat_index = {c: i for i, c in enumerate(CATEGORIES)}
    deltas, delta_index = [None], {}
    delta_of = [0] * MAX_CP
    corrections = []
    for cp in range(MAX_CP):
        ch = chr(cp)
        new_t = (ud.category(ch), ud.bidirectional(ch), ud.east_asian_width(ch),
                 ud.combining(ch), ud.decimal(ch, -1), ud.digit(ch, -1), ud.numeric(ch, None),
                 ud.mirrored(ch), ud.decomposition(ch), ud.name(ch, None))
        old_t = (old.category(ch), old.bidirectional(ch), old.east_asian_width(ch),
                 old.combining(ch), old.decimal(ch, -1), old.digit(ch, -1),
                 old.numeric(ch, None), old.mirrored(ch), old.decomposition(ch),
                 old.name(ch, None))
        if old_t != new_t:
            cat, bidi, eaw, ccc, dec, dig, num, mir, decomp, name = old_t
            # Decompositions and names only disappear (3.2.0 did not have the character).
            assert decomp in ("", new_t[8]) and name in (None, new_t[9]), hex(cp)
            if num is not None and num.hex() not in numeric_index:
                numeric_values.append(num)
                numeric_index[num.hex()] = len(numeric_values)
            flags = {"mirrored": mir, "no_decomposition": decomp != new_t[8],
                     "no_name": name != new_t[9]}
            rec = (cat_index[cat], bidi_index[bidi], eaw_index[eaw], ccc, dec, dig,
                   0 if num is None else numeric_index[num.hex()],
                   sum(1 << i for i, f in enumerate(DELTA_FLAGS) if flags[f]))
            di = delta_index.get(rec)
            if di is None:
                di = len(deltas)
                delta_index[rec] = di
                deltas.append(rec)
            delta_of[cp] = di
        elif old.category(ch) != "Cn":
            # Same decomposition, different normalization: a 3.2.0 correction.
            nfd = old.normalize("NFD", ch)
            if nfd != ud.normalize("NFD", ch):
                assert len(nfd) == 1, hex(cp)
                corrections.append((cp, ord(nfd)))
    return dict(deltas=deltas[1:], delta_of=delta_of, corrections=corrections)


def emit_3_2_0(out, v320):
    out.w("// -- The Unicode 3.2.0 view (unicodedata.ucd_3_2_0) " + "-" * 33)
    out.w("enum Delta320Flag : uint8_t {")
    for i, f in enumerate(DELTA_FLAGS):
        out.w("  kDelta320%s = 1u << %d," % ("".join(p.capitalize() for p in f.split("_")), i))
    out.w("};")
    out.w("// The 3.2.0 answers of a character whose answers changed since (all fields).")
    out.w("struct Delta320 {")
    out.w("  uint8_t category, bidi, eaw, combining;  // as in Record")
    out.w("  int8_t decimal, digit;")
    out.w("  uint8_t numeric;  // 0, or 1 + index into kNumericValues")
    out.w("  uint8_t flags;    // Delta320Flag bits")
    out.w("};")
    out.w("static constexpr Delta320 kDeltas320[%d] = {" % len(v320["deltas"]))
    for r in v320["deltas"]:
        out.w("  {%s}," % ", ".join(str(v) for v in r))
    out.w("};")
    out.data_bytes += 8 * len(v320["deltas"])
    two_stage(v320["delta_of"], "kDelta320Index", out,
              "code point -> 0 (unchanged) or 1 + kDeltas320 index")
    out.w("// Characters whose 3.2.0 canonical decomposition was a different singleton.")
    out.w("struct Correction320 { char32_t cp, decomposition; };")
    out.w("static constexpr Correction320 kCorrections320[%d] = {" % len(v320["corrections"]))
    for a, b in v320["corrections"]:
        out.w("  {0x%X, 0x%X}," % (a, b))
    out.w("};")
    out.w()


# -- The name table ------------------------------------------------------------------
#
# Names are split at spaces into words. The lexicon lists the distinct words, most
# frequent first, as one space-separated string. A name is encoded as a length byte
# (0x20 + number of bytes that follow) and one token per word: ranks below
# ONE_BYTE_WORDS as the single byte 0x20 + rank (mostly printable), the others as
# two bytes: a lead byte from TWO_BYTE_LEADS and the low 8 bits of the rank.

ONE_BYTE_WORDS = 0xE0 - 0x20  # token bytes 0x20..0xDF
TWO_BYTE_LEADS = list(range(0x00, 0x20)) + list(range(0xE0, 0x100))  # 64 leads


def encode_names(table_names):
    from collections import Counter
    freq = Counter()
    for _, nm in table_names:
        freq.update(nm.split(" "))
    lexicon = sorted(freq, key=lambda w: (-freq[w], w))
    rank = {w: i for i, w in enumerate(lexicon)}
    assert len(lexicon) <= ONE_BYTE_WORDS + 256 * len(TWO_BYTE_LEADS)
    blob = bytearray()
    page_offsets = [0] * (MAX_CP >> 8)
    it = iter(table_names)
    pending = next(it, None)
    for page in range(MAX_CP >> 8):
        page_offsets[page] = len(blob)
        while pending is not None and pending[0] >> 8 == page:
            enc = bytearray()
            for wd in pending[1].split(" "):
                r = rank[wd]
                if r < ONE_BYTE_WORDS:
                    enc.append(0x20 + r)
                else:
                    r -= ONE_BYTE_WORDS
                    enc.append(TWO_BYTE_LEADS[r >> 8])
                    enc.append(r & 0xFF)
            assert len(enc) < 0xE0
            blob.append(0x20 + len(enc))
            blob.extend(enc)
            pending = next(it, None)
    return lexicon, bytes(blob), page_offsets


# -- Output ------------------------------------------------------------------------------

def emit(facts):
    out = Out()
    out.w("// GENERATED by tools/gen_unicode_db.py from /usr/bin/python3.11 (unicodedata %s)."
          % ud.unidata_version)
    out.w("// DO NOT EDIT. Regenerate: /usr/bin/python3.11 tools/gen_unicode_db.py")
    out.w("// Included once, by src/support/unicode_db.cpp, inside namespace krait::unicode.")
    out.w("// Layout: docs/internals/unicode.md.")
    out.w("// clang-format off")
    out.w()
    for i, c in enumerate(CATEGORIES):
        out.w("static_assert(static_cast<int>(Category::%s) == %d);" % (c, i))
    out.w()
    out.w("// -- Per-character records " + "-" * 60)
    out.w("enum RecordFlag : uint32_t {")
    for i, f in enumerate(FLAGS):
        camel = "".join(p.capitalize() for p in f.split("_"))
        out.w("  kFlag%s = 1u << %d," % (camel, i))
    out.w("};")
    out.w()
    recs = facts["records"]
    fields = ["lower", "upper", "title", "flags", "special", "numeric", "category", "bidi",
              "eaw", "combining", "decimal", "digit"]
    types = [ctype_for([r[i] for r in recs]) for i in range(len(fields))]
    comments = ["one-to-one lowercase mapping, as a delta",
                "one-to-one uppercase delta", "one-to-one titlecase delta", "RecordFlag bits",
                "0, or 1 + index into kSpecialCase (full mappings)",
                "0, or 1 + index into kNumericValues", "Category",
                "index into kBidiNames", "index into kEastAsianWidthNames",
                "canonical combining class", "decimal value or -1", "digit value or -1"]
    out.w("struct Record {")
    for t, f, c in zip(types, fields, comments):
        out.w("  %s %s;  // %s" % (t, f, c))
    out.w("};")
    out.w("static constexpr Record kRecords[%d] = {" % len(recs))
    for r in recs:
        out.w("  {%s}," % ", ".join(str(v) for v in r))
    out.w("};")
    out.data_bytes += len(recs) * 24
    out.w()
    two_stage(facts["record_of"], "kRecordIndex", out, "code point -> kRecords index")

    def strlist(name, items):
        out.w("static constexpr const char* %s[%d] = {%s};"
              % (name, len(items), ", ".join('"%s"' % s for s in items)))
    strlist("kBidiNames", facts["bidi_names"])
    strlist("kEastAsianWidthNames", facts["eaw_names"])
    out.w()
    out.array("kNumericValues", facts["numeric_values"], ctype="double",
              comment="unicodedata.numeric values, exact (hexadecimal floating literals)",
              fmt=lambda v: v.hex())
    out.w()
    flat = []
    for case in facts["special_cases"]:
        for s in case:
            flat.append(len(s))
            flat.extend([ord(x) for x in s] + [0] * (3 - len(s)))
    out.w("// Full case mappings that differ from the simple ones: per entry 16 words,")
    out.w("// {n, c0, c1, c2} for lower, upper, title, casefold (str methods on chr(c)).")
    out.w("static constexpr int kSpecialCaseStride = 16;")
    out.array("kSpecialCase", flat, ctype="uint32_t", fmt=lambda v: "0x%X" % v if v else "0")
    out.w()

    out.w("// -- Decompositions " + "-" * 66)
    out.w("// kDecompData[i] = tag << 8 | n, then n code points; i = 0 means none.")
    strlist("kDecompTags", facts["decomp_tags"])
    out.array("kDecompData", facts["decomp_data"], ctype="uint32_t",
              fmt=lambda v: "0x%X" % v)
    two_stage(facts["decomp_of"], "kDecompIndex", out, "code point -> kDecompData index")
    comp = facts["compositions"]
    out.w("// Primary composites, sorted by (first, second): first << 21 | second.")
    out.array("kCompositionKeys", [a << 21 | b for a, b, _ in comp], ctype="uint64_t",
              fmt=lambda v: "0x%X" % v)
    out.array("kCompositionValues", [c for _, _, c in comp], ctype="uint32_t",
              fmt=lambda v: "0x%X" % v)
    out.w()

    out.w("// -- Names " + "-" * 75)
    l_names, v_names, t_names = facts["hangul"]
    strlist("kHangulL", l_names)
    strlist("kHangulV", v_names)
    strlist("kHangulT", t_names)
    out.w("struct PatternedNames {")
    out.w("  char32_t first, last;  // every code point in between is named")
    out.w("  const char* prefix;    // prefix + \"%04X\" % cp")
    out.w("  bool strict;           // CJK UNIFIED: CPython's own parser (case-sensitive)")
    out.w("};")
    out.w("static constexpr PatternedNames kPatternedNames[] = {")
    for a, b, p in facts["patterned"]:
        out.w('  {0x%X, 0x%X, "%s", %s},' % (a, b, p,
                                            "true" if p == "CJK UNIFIED IDEOGRAPH-" else "false"))
    out.w("};")
    lexicon, blob, page_offsets = encode_names(facts["table_names"])
    out.w("static constexpr int kNameOneByteWords = %d;" % ONE_BYTE_WORDS)
    out.array("kNameTwoByteLead", [TWO_BYTE_LEADS.index(b) if b in TWO_BYTE_LEADS else 255
                                   for b in range(256)], ctype="uint8_t",
              comment="token byte -> lead index (255: a one-byte word token)")
    out.w("static constexpr int kNameLexiconWords = %d;" % len(lexicon))
    out.w("static constexpr int kNameCount = %d;  // characters with kFlagHasTableName"
          % len(facts["table_names"]))
    out.string("kNameLexicon", " ".join(lexicon).encode("ascii"),
               comment="distinct words of the names, most frequent first, space-separated")
    out.array("kNamePageOffset", page_offsets, ctype="uint32_t",
              comment="offset in kNameData of the first name of each 256-code-point page")
    out.string("kNameData", blob, comment="encoded names of kFlagHasTableName characters, "
               "in code point order")
    out.w()
    out.w("struct NameAlias { const char* name; char32_t cp; };")
    out.w("static constexpr NameAlias kNameAliases[%d] = {" % len(facts["aliases"]))
    for nm, cp in facts["aliases"]:
        out.w('  {"%s", 0x%X},' % (nm, cp))
    out.w("};")
    seq_data = []
    out.w("struct NamedSequence { const char* name; uint16_t offset, length; };")
    out.w("static constexpr NamedSequence kNamedSequences[%d] = {" % len(facts["sequences"]))
    for nm, seq in facts["sequences"]:
        out.w('  {"%s", %d, %d},' % (nm, len(seq_data), len(seq)))
        seq_data.extend(seq)
    out.w("};")
    out.array("kNamedSequenceData", seq_data, ctype="char32_t", fmt=lambda v: "0x%X" % v)
    emit_3_2_0(out, facts["v320"])
    out.w("// clang-format on")
    return out


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        root, "src", "support", "unicode_db_tables.inc")
    facts = gather()
    facts["v320"] = gather_3_2_0(facts)  # may add to facts["numeric_values"]
    out = emit(facts)
    text = out.text()
    with open(path, "w", encoding="ascii") as f:
        f.write(text)
    print("%s: %d bytes of text, ~%d bytes of table data, %d records, %d table names"
          % (path, len(text), out.data_bytes, len(facts["records"]),
             len(facts["table_names"])), file=sys.stderr)


if __name__ == "__main__":
    main()
