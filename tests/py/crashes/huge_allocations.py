# Requests for absurd sizes raise MemoryError/OverflowError instead of crashing (or being
# OOM-killed): repeat, constructors, padding methods and splitting with keyword arguments.
import sys
for ch, d in (("a", 1), ("\u20ac", 2), ("\U0001F600", 4)):
    try:
        x = ch * ((sys.maxsize - 100) // d)
    except MemoryError:
        print("MemoryError")
cases = [("bytearray(n)", lambda n: bytearray(n)), ("list*", lambda n: [0] * n), ("tuple*", lambda n: (0,) * n),
         ("str*", lambda n: "ab" * n), ("bytes(n)", lambda n: bytes(n)), ("str.ljust", lambda n: "a".ljust(n)),
         ("str.zfill", lambda n: "a".zfill(n)), ("[None]*n", lambda n: [None] * n)]
# (bytearray.zfill is left out: CPython itself then sometimes prints a spurious SystemError.)
for n in (sys.maxsize, sys.maxsize // 2, 2 ** 40):
    for name, mk in cases:
        try:
            mk(n)
            print(name, "ok")
        except (MemoryError, OverflowError) as e:
            print(name, type(e).__name__)
print(bytearray(b"a b c d").rsplit(sep=None), bytearray(b"a b c d").split(sep=None), b"a b".rsplit(sep=b" "))
print("a b".rsplit(sep=None), "a b".split(sep=" "), "x\ny".splitlines(keepends=True))
# Empty **kwargs must not make the constructors read past their positional arguments.
print(bytearray(b"ab", **{}), bytearray(**{}), bytes(b"x", **{}), str(b"x", **{}))
try:
    bytearray(b"q", errors="strict")
except TypeError as e:
    print("TypeError:", e)
