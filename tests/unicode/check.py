#!/usr/bin/python3.11
"""Differential check of krait::unicode against CPython 3.11, computed live.

Usage (normally through run.sh): check.py DRIVER

Runs `DRIVER props` and compares every code point's line with the same facts
computed here by /usr/bin/python3.11 (str methods, unicodedata, and CPython's
exported _PyUnicode_* functions for the facts Python does not expose), does the
same for `DRIVER props320` against unicodedata.ucd_3_2_0; then feeds `DRIVER
cases` name lookups, named sequences, normalization strings (both views) and
final-sigma strings. Prints mismatches and, last, "N passed, M failed".
"""

import ctypes
import os
import random
import struct
import subprocess
import sys
import unicodedata as ud

assert ud.unidata_version == "14.0.0"

MAX_SHOWN = 25
PROP_FIELDS = ["cp", "category", "bidirectional", "combining", "mirrored", "east_asian_width",
               "decimal", "digit", "numeric", "flags", "lower", "upper", "title", "casefold",
               "simple l/u/t", "final sigma", "decomposition", "name", "lookup(name)",
               "lookup(name.lower())", "NFC", "NFD", "NFKC", "NFKD"]
FLAG_NAMES = ["isalpha", "isdecimal", "isdigit", "isnumeric", "islower", "isupper",
              "is_title", "istitle", "isspace", "isprintable", "linebreak", "isalnum",
              "cased", "case_ignorable", "xid_start", "xid_continue", "isidentifier",
              "continues identifier"]

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


def hexs(s):
    return " ".join("%X" % ord(c) for c in s)


def lookup(name):
    try:
        return "%X" % ord(ud.lookup(name))
    except (KeyError, TypeError):  # TypeError: a named sequence
        return "-"


def expected_props(cp):
    ch = chr(cp)
    num = ud.numeric(ch, None)
    flags = [ch.isalpha(), ch.isdecimal(), ch.isdigit(), ch.isnumeric(), ch.islower(),
             ch.isupper(), c_is_title(cp), ch.istitle(), ch.isspace(), ch.isprintable(),
             len(("a" + ch + "b").splitlines()) == 2, ch.isalnum(), c_is_cased(cp),
             c_is_case_ignorable(cp), c_is_xid_start(cp), c_is_xid_continue(cp),
             ch.isidentifier(), ("a" + ch).isidentifier()]
    sigma = [("A" + ch + "\u03a3").lower()[-1], ("1" + ch + "\u03a3").lower()[-1],
             (ch + "\u03a3").lower()[-1], ("A\u03a3" + ch).lower()[1]]
    name = ud.name(ch, None)
    fields = [
        "%X" % cp, ud.category(ch), ud.bidirectional(ch), str(ud.combining(ch)),
        str(ud.mirrored(ch)), ud.east_asian_width(ch), str(ud.decimal(ch, -1)),
        str(ud.digit(ch, -1)),
        "-" if num is None else "%016X" % struct.unpack("<Q", struct.pack("<d", num))[0],
        "".join("1" if f else "0" for f in flags),
        hexs(ch.lower()), hexs(ch.upper()), hexs(ch.title()), hexs(ch.casefold()),
        "%X %X %X" % (c_to_lower(cp), c_to_upper(cp), c_to_title(cp)),
        "".join("f" if s == "\u03c2" else "n" for s in sigma),
        ud.decomposition(ch),
        name or "-", lookup(name) if name else "-", lookup(name.lower()) if name else "-",
    ]
    for form in ("NFC", "NFD", "NFKC", "NFKD"):
        fields.append(hexs(ud.normalize(form, ch)) + (" y" if ud.is_normalized(form, ch)
                                                      else " n"))
    return ";".join(fields)


PROP320_FIELDS = ["cp", "category", "bidirectional", "combining", "mirrored",
                  "east_asian_width", "decimal", "digit", "numeric", "decomposition", "name",
                  "lookup(name)", "NFC", "NFD", "NFKC", "NFKD"]
OLD = ud.ucd_3_2_0


def lookup320(name):
    try:
        r = OLD.lookup(name)
    except KeyError:
        return "-"
    return "%X" % ord(r) if len(r) == 1 else "seq"


def expected_props320(cp):
    ch = chr(cp)
    num = OLD.numeric(ch, None)
    name = OLD.name(ch, None)
    fields = [
        "%X" % cp, OLD.category(ch), OLD.bidirectional(ch), str(OLD.combining(ch)),
        str(OLD.mirrored(ch)), OLD.east_asian_width(ch), str(OLD.decimal(ch, -1)),
        str(OLD.digit(ch, -1)),
        "-" if num is None else "%016X" % struct.unpack("<Q", struct.pack("<d", num))[0],
        OLD.decomposition(ch), name or "-", lookup320(name) if name else "-",
    ]
    for form in ("NFC", "NFD", "NFKC", "NFKD"):
        fields.append(hexs(OLD.normalize(form, ch)) + (" y" if OLD.is_normalized(form, ch)
                                                       else " n"))
    return ";".join(fields)


class Tally:
    def __init__(self):
        self.passed = self.failed = 0
        self.report = []  # the first MAX_SHOWN failures, explained

    def check(self, what, got, want, explain=None):
        if got == want:
            self.passed += 1
            return
        self.failed += 1
        if self.failed <= MAX_SHOWN:
            self.report.append("FAIL %s" % what)
            if explain:
                self.report.append("  " + explain(got, want))
            else:
                self.report.append("  krait:  %r\n  python: %r" % (got, want))

    def merge(self, other):
        self.passed += other.passed
        self.failed += other.failed
        self.report += other.report


def explain_props(got, want, fields=PROP_FIELDS):
    g, w = got.split(";"), want.split(";")
    if len(g) != len(w):
        return "field count %d vs %d: %r / %r" % (len(g), len(w), got, want)
    diffs = []
    for name, a, b in zip(fields, g, w):
        if a != b:
            if name == "flags":
                bad = [f for f, x, y in zip(FLAG_NAMES, a, b) if x != y]
                diffs.append("flags %s: krait %s python %s" % (",".join(bad), a, b))
            else:
                diffs.append("%s: krait %r python %r" % (name, a, b))
    return "; ".join(diffs)


def check_props(driver, tally, mode, expected, explain, label):
    proc = subprocess.Popen([driver, mode], stdout=subprocess.PIPE, text=True,
                            encoding="ascii", bufsize=1 << 20)
    cp = 0
    for line in proc.stdout:
        line = line.rstrip("\n")
        tally.check(label % cp, line, expected(cp), explain)
        cp += 1
    if proc.wait() != 0 or cp != 0x110000:
        tally.check("driver " + mode, "exit %d after %d lines" % (proc.returncode, cp),
                    "exit 0 after 1114112 lines")


def name_cases():
    """(op, argument, expected) for the name lookups."""
    rng = random.Random(311)
    cases = []

    def n_escape(name):  # what "\N{name}" does
        try:
            s = eval('"\\N{%s}"' % name)
        except SyntaxError:
            return "-"
        return "%X" % ord(s)

    names = []
    perl = "/usr/share/perl/5.36.0/unicore/Name.pl"
    if os.path.exists(perl):
        body = open(perl, encoding="ascii").read().split("return <<'END';\n", 1)[1]
        for entry in body.split("\nEND\n")[0].strip().split("\n\n"):
            names.append(entry.split("\n")[1])  # names, aliases, named sequences
    seqs = "/usr/share/perl/5.36.0/unicore/NamedSequences.txt"
    if os.path.exists(seqs):
        for line in open(seqs, encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                names.append(line.split(";")[0])
    for cp in (0xAC00, 0xAC01, 0xD7A3, 0xB098, 0x4E00, 0x9FFF, 0x20000, 0x3134A, 0xF900,
               0x2FA1D, 0x18B00, 0x1B170):
        names.append(ud.name(chr(cp)))
    variants = []
    for nm in names:
        variants += [nm, nm.lower(), nm.title(), " " + nm, nm + " ", nm.replace(" ", "  ", 1)]
    variants += ["", " ", "A", "LATIN", "HANGUL SYLLABLE ", "HANGUL SYLLABLE G",
                 "HANGUL SYLLABLE GAGG", "HANGUL SYLLABLE KAK", "HANGUL SYLLABLE A",
                 "hangul syllable ga", "HANGUL SYLLABLE Ga", "HANGUL SYLLABLE GAX",
                 "CJK UNIFIED IDEOGRAPH-", "CJK UNIFIED IDEOGRAPH-4E0",
                 "CJK UNIFIED IDEOGRAPH-04E00", "CJK UNIFIED IDEOGRAPH-004E00",
                 "CJK UNIFIED IDEOGRAPH-4e00", "cjk unified ideograph-4E00",
                 "CJK UNIFIED IDEOGRAPH-2A6E0", "CJK UNIFIED IDEOGRAPH-F900",
                 "CJK UNIFIED IDEOGRAPH-3400", "CJK UNIFIED IDEOGRAPH-FA0E",
                 "CJK COMPATIBILITY IDEOGRAPH-0F900", "CJK COMPATIBILITY IDEOGRAPH-f900",
                 "CJK COMPATIBILITY IDEOGRAPH-FA6E", "CJK COMPATIBILITY IDEOGRAPH-4E00",
                 "NUSHU CHARACTER-1B2FC", "NUSHU CHARACTER-01B170",
                 "KHITAN SMALL SCRIPT CHARACTER-18b00", "TANGUT IDEOGRAPH-17000",
                 "LATIN SMALL LETTER A" * 13, "LATIN SMALL LETTER \u00c9",
                 "LATIN_SMALL_LETTER_A", "LATIN SMALL LETTER A\t"]
    # Random word salads from real names (mostly misses; exercises the hash chains).
    words = sorted({w for nm in names[:5000] for w in nm.split()})
    for _ in range(3000):
        variants.append(" ".join(rng.choice(words) for _ in range(rng.randint(1, 5))))
    seen = set()
    for v in variants:
        if v in seen or "\n" in v:
            continue
        seen.add(v)
        cases.append(("L", v, n_escape(v) if "}" not in v else lookup(v)))
        try:
            r = ud.lookup(v)
            q = hexs(r) if len(r) > 1 else "-"
        except KeyError:
            q = "-"
        cases.append(("Q", v, q))
        cases.append(("K", v, lookup320(v).replace("seq", "-")))
    for cp in (0x9FA5, 0x9FA6, 0x2A6D6, 0x2A6D7, 0x2A700, 0x0221, 0xFA30, 0xFA6B, 0x2F800):
        for v in (ud.name(chr(cp)), ud.name(chr(cp)).lower()):
            cases.append(("K", v, lookup320(v)))
    return cases


def normalization_cases():
    """Strings mixing starters, combining marks, Hangul jamo and compatibility chars."""
    rng = random.Random(15)
    marks = [cp for cp in range(0x110000) if ud.combining(chr(cp))]
    decomposable = [cp for cp in range(0x110000) if ud.decomposition(chr(cp))]
    pool = (list(range(0x41, 0x7B)) + list(range(0xC0, 0x180)) + marks[:200] +
            rng.sample(marks, 100) + list(range(0x1100, 0x1113)) +
            list(range(0x1161, 0x1176)) + list(range(0x11A8, 0x11C3)) +
            [0xAC00, 0xAC1C, 0xD7A3] + rng.sample(decomposable, 300) +
            [0x0B47, 0x0B3E, 0x0B57, 0x0DD9, 0x0DCF, 0x0DDF, 0x1025, 0x102E, 0x3099, 0x309A,
             0x304B, 0x30AB, 0x0344, 0x0F73, 0x0F75, 0x0F81, 0x1D15E, 0x1D165])
    strings = []
    for cp in decomposable:  # each decomposition, recomposed
        strings.append(ud.normalize("NFD", chr(cp)))
        strings.append(ud.normalize("NFKD", chr(cp)) + "\u0301")
    for _ in range(30000):
        strings.append("".join(chr(rng.choice(pool)) for _ in range(rng.randint(1, 8))))
    cases = []
    for s in strings:
        want = "".join(hexs(ud.normalize(f, s)) + (" y;" if ud.is_normalized(f, s) else " n;")
                       for f in ("NFC", "NFD", "NFKC", "NFKD"))
        cases.append(("N", hexs(s), want))
        want = "".join(hexs(OLD.normalize(f, s)) + (" y;" if OLD.is_normalized(f, s) else " n;")
                       for f in ("NFC", "NFD", "NFKC", "NFKD"))
        cases.append(("M", hexs(s), want))
    return cases


def sigma_cases():
    rng = random.Random(3)
    pool = "A\u03a3\u03c3 1.'\u0345\u00ad\u02b0\u0301\u1f88\u0130\u03a3\u03a3"
    cases = []
    for _ in range(5000):
        s = "".join(rng.choice(pool) for _ in range(rng.randint(1, 7)))
        cases.append(("S", hexs(s), hexs(s.lower())))
    return cases


def check_cases(driver, tally):
    cases = name_cases() + normalization_cases() + sigma_cases()
    stdin = "".join("%s\t%s\n" % (op, arg) for op, arg, _ in cases)
    res = subprocess.run([driver, "cases"], input=stdin, capture_output=True, text=True,
                         encoding="utf-8")
    got = res.stdout.split("\n")
    if res.returncode != 0 or len(got) != len(cases) + 1:
        tally.check("driver cases", "exit %d, %d lines" % (res.returncode, len(got) - 1),
                    "exit 0, %d lines" % len(cases))
        return
    for (op, arg, want), g in zip(cases, got):
        tally.check("%s %r" % (op, arg), g, want)


def explain_props320(got, want):
    return explain_props(got, want, PROP320_FIELDS)


def run_part(part):
    """One independent third of the work, run in its own process (2 cores)."""
    driver, which = part
    tally = Tally()
    if which == "props":
        check_props(driver, tally, "props", expected_props, explain_props, "U+%04X")
    elif which == "props320":
        check_props(driver, tally, "props320", expected_props320, explain_props320,
                    "ucd_3_2_0 U+%04X")
    else:
        check_cases(driver, tally)
    return tally


def main():
    import multiprocessing
    driver = sys.argv[1]
    tally = Tally()
    parts = ("props", "props320", "cases")
    # Each part counts as one test in the suite summary (so millions of
    # per-character checks don't drown the other suites' counts).
    parts_passed = parts_failed = 0
    with multiprocessing.get_context("fork").Pool(2) as pool:
        for name, part in zip(parts, pool.map(run_part, [(driver, w) for w in parts],
                                              chunksize=1)):
            tally.merge(part)
            if part.failed:
                parts_failed += 1
            else:
                parts_passed += 1
    if tally.report:
        print("\n".join(tally.report[:2 * MAX_SHOWN]))
    print("(%d individual checks: %d matched CPython, %d differed)"
          % (tally.passed + tally.failed, tally.passed, tally.failed))
    print("%d passed, %d failed" % (parts_passed, parts_failed))
    return 1 if parts_failed else 0


if __name__ == "__main__":
    sys.exit(main())
