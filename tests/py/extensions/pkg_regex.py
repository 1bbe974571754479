# Debian's python3-regex: the regex._regex C engine loaded unmodified.
import regex

print(regex.findall(r"\p{L}+", "h\u00e9llo w\u00f6rld 123 \u4e16\u754c"))
print(regex.sub(r"(?i)HELLO", "bye", "Hello hello"), regex.match(r"(?<year>\d{4})-(?<m>\d\d)", "2026-11").groupdict())
print(regex.findall(r"(?r)\d", "a1b2c3"), regex.search(r"(?:cat){e<=1}", "a bat here").group())
print(regex.split(r"\W+", "a, b;c  d"), regex.fullmatch(r"\d+", "123") is not None)
m = regex.search(r"(\w)+", "abc")
print(m.captures(1), m.span(), regex.escape("a.b*c"))
print(regex.sub(r"\b(\w)(\w*)", lambda m: m[1].upper() + m[2], "the quick fox"))
p = regex.compile(r"(?P<w>\w+)\s(?P=w)")
print(p.search("it is is fine").group(), p.pattern, p.groups)
print(regex.findall(r"\X", "e\u0301a"), len(regex.findall(r"\X", "e\u0301a")))
try:
    regex.compile(r"(unclosed")
except regex.error as e:
    print("regex.error", e)
print(list(regex.finditer(r"a+", "caaat aa", overlapped=True))[:3])
