# str methods and edge cases: case mapping (Unicode), partition, splitting, stripping, searching, checks.
s = "Hello, World! ßtraße İstanbul ǅ ﬁ"
print(s.upper(), s.lower(), s.casefold(), s.swapcase(), s.title(), s.capitalize())
print("ǆ".title(), "ﬀ".upper(), "Σ".lower(), "ΑΣ".lower(), "ὈΔΥΣΣΕΎΣ".lower(), len("ß".upper()))
for t in ["a,b,,c", ",a,", "", "  x  y  ", "a\nb\r\nc\rd\x0be\x0cf\x1cg\u2028h"]:
    print(repr(t), t.split(","), t.split(), t.rsplit(",", 1), t.splitlines(), t.splitlines(True))
print("k=v=w".partition("="), "k=v=w".rpartition("="), "kvw".partition("="), "kvw".rpartition("="))
print("  \t x \n".strip(), "xxhixx".strip("x"), "<<a>>".lstrip("<"), "<<a>>".rstrip(">"), "abc".strip(""))
print("hello".find("l"), "hello".rfind("l"), "hello".find("l", 3, 4), "hello".index("e"), "hello".count("l"))
try:
    "hello".index("z")
except ValueError as e:
    print("ValueError:", e)
print("abc".startswith(("x", "a")), "abc".endswith("bc", 1), "abc".startswith("b", 1, 2), "".startswith(""))
print("12".isdigit(), "½".isnumeric(), "²".isdecimal(), "²".isdigit(), "abc".isidentifier(), "1a".isidentifier())
print("Ab".isalpha(), "ǅ".istitle(), " ".isspace(), "\x1f".isprintable(), "é".isascii(), "ABC".isupper())
print("tab\tsep".expandtabs(4), "x".center(6, "*"), "x".ljust(3, "-"), "x".rjust(3), "-5".zfill(4), "+5".zfill(3))
print("a-b-c".replace("-", "+", 1), "aaa".replace("a", "bb"), "abc".replace("", "|"), "".replace("", "x"))
print(",".join(["a", "b"]), "".join([]), "ab" * 3, "é" in "café", "abc" < "abd", "Z" < "a", "é" > "z")
try:
    ",".join(["a", 1])
except TypeError as e:
    print("TypeError:", e)
t = str.maketrans({"a": "1", "b": None}, )
print("abcab".translate(t), "abc".translate(str.maketrans("ab", "xy", "c")), str.maketrans("ab", "cd"))
print("%s|%5.2s|" % ("x", "abc"), "abc"[::-1], "abcdef"[1:5:2], "abc"[10:], "abc"[-10:2])
print("straße".encode(), "naïve".encode("latin-1"), "x€".encode("ascii", "replace"), "x€".encode("ascii", "xmlcharrefreplace"))
print(b"caf\xc3\xa9".decode(), b"\xff".decode("utf-8", "replace"), b"\xff".decode("latin-1"), b"a\xffb".decode("ascii", "ignore"))
print("abc".removeprefix("a"), "abc".removesuffix("c"), "abc".removeprefix("z"), "a\u0300".__len__(), ord(max("hello")))
