# Decode error handlers that replace exc.object (decoding goes on in the new input; this used to
# hang), surrogatepass with encoding names without a separator, octal escapes above 0o377.
import codecs
import warnings


def replace_with_long(exc):
    exc.object = b"\x00" * 8
    return ("\ufffd", exc.start)


codecs.register_error("t.long", replace_with_long)
for enc in ("utf-16", "utf-32", "utf-8", "ascii", "latin-1", "utf-16-be", "utf-32-le", "cp1252"):
    try:
        print(enc, repr(b"\x00".decode(enc, "t.long")), repr(b"a\xff\xfe".decode(enc, "t.long")))
    except Exception as e:
        print(enc, type(e).__name__, e)


def forward_one(exc):
    return ("\ufffd", exc.start + 1)


codecs.register_error("t.fwd", forward_one)
print(repr(b"\xd8\xd8\xd8\xd8\xd8\x00\x00\x00".decode("utf-16-le", "t.fwd")))
print(repr(b"\x11\x11\x11\x11\x11\x00\x00\x00\x00\x00\x00".decode("utf-32-le", "t.fwd")))

sp = codecs.lookup_error("surrogatepass")
for enc in ("utf-8", "utf-16le", "utf-16be", "UTF-32LE", "utf_32_be", "utf16le"):
    print(enc, sp(UnicodeEncodeError(enc, "a\ud800b", 1, 2, "x")))
try:
    sp(UnicodeEncodeError("utf-16xx", "a\ud800b", 1, 2, "x"))
except UnicodeEncodeError as e:
    print("reraised", e)
print("\ud800".encode("utf-16le", "surrogatepass"), b"\x00\xd8".decode("utf-16le", "surrogatepass") == "\ud800")

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    print(codecs.unicode_escape_decode(rb"\501\z\101"), codecs.escape_decode(rb"\777"))
print([str(x.message) for x in w])
