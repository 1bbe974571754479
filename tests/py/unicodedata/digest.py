# unicodedata over every 11th code point: a digest per property, for the 14.0.0
# database and the ucd_3_2_0 view. map() over one big string keeps the
# per-character cost in the module rather than in the test's own bytecode.
import hashlib
import itertools
import unicodedata as ud

ALL = "".join(map(chr, range(0, 0x110000, 11)))
SOME = ALL[::5]


def h(x):
    return hashlib.sha1(x if isinstance(x, bytes) else repr(x).encode()).hexdigest()[:16]


for db in (ud, ud.ucd_3_2_0):
    print(db.unidata_version)
    print("  category", h("".join(map(db.category, ALL))))
    print("  bidirectional", h("|".join(map(db.bidirectional, ALL))))
    print("  east_asian_width", h("".join(map(db.east_asian_width, ALL))))
    print("  combining", h(bytes(map(db.combining, ALL))))
    print("  mirrored", h(bytes(map(db.mirrored, ALL))))
    print("  decomposition", h("|".join(map(db.decomposition, SOME))))
    none = itertools.repeat(None)
    print("  decimal", h(list(map(db.decimal, SOME, none))))
    print("  digit", h(list(map(db.digit, SOME, none))))
    print("  numeric", h(list(map(db.numeric, SOME, none))))
    print("  name", h(list(map(db.name, SOME, none))))
