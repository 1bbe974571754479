# re in a log-parsing program: groups, named groups, finditer, sub with functions, flags, split, fullmatch.
import re
log = """2024-01-05 10:22:01 INFO  user=alice action=login ip=10.0.0.1
2024-01-05 10:23:15 WARN  user=bob action=fail ip=10.0.0.2 reason="bad password"
2024-01-05 10:24:00 ERROR user=carol action=crash ip=192.168.1.10
2024-01-06 00:00:00 INFO  user=alice action=logout ip=10.0.0.1"""
line_re = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2}) (?P<time>[\d:]+) (?P<level>\w+)\s+(?P<rest>.*)$", re.M)
for m in line_re.finditer(log):
    kv = dict(re.findall(r'(\w+)=("[^"]*"|\S+)', m["rest"]))
    print(m.group("date"), m["level"], kv, m.span("level"), m.start(), m.lastgroup)
print(re.findall(r"\b\d{1,3}(?:\.\d{1,3}){3}\b", log))
print(re.sub(r"user=(\w+)", lambda m: "user=" + m[1].upper(), log.splitlines()[0]))
print(re.sub(r"(\d+)-(\d+)-(\d+)", r"\3/\2/\1", "2024-01-05"), re.subn(r"a", "b", "banana"))
print(re.split(r"[,;]\s*", "a, b;c ;d"), re.split(r"(\d)", "a1b2c"), re.split(r"x*", "axbc"))
print(re.fullmatch(r"\w+@\w+\.com", "me@x.com") is not None, re.fullmatch(r"\d+", "12a"))
print(re.search(r"(?i)ERROR", log).group(), re.search(r"error", log, re.IGNORECASE).start())
pat = re.compile(r"""
    (?P<key>[a-z]+)   # key
    \s*=\s*
    (?P<val>\d+)      # value
""", re.VERBOSE)
print(pat.findall("a = 1, bb=22, c =333"), pat.pattern.count("\n"), pat.flags & re.VERBOSE, pat.groupindex)
print(re.escape("a.b*c?"), re.match(r"(a)(b)?", "a").groups(), re.match(r"(a)(b)?", "a").groups("-"))
m = re.match(r"(?P<first>\w+) (?P<last>\w+)", "Jane Doe")
print(m.groupdict(), m.expand(r"\g<last>, \g<first>"), m.re.pattern, m.string, m.pos, m.endpos, repr(m))
print(re.findall(r"(?<=\$)\d+", "cost $30 and $45"), re.findall(r"\d+(?=%)", "50% and 25%"), re.findall(r"(\w)\1", "aabbcd"))
print(re.sub(r"\s+", " ", "  many   spaces\there  ").strip(), re.findall(r"[^\W\d_]+", "héllo wörld 123"))
try:
    re.compile(r"(unclosed")
except re.error as e:
    print("re.error:", e.msg, e.pos)
try:
    re.compile(r"a{2,1}")
except re.error as e:
    print("re.error:", e)
print(re.match(r"a*?b", "aaab").group(), re.match(r"(?s).+", "a\nb").group(), re.match(r".+", "a\nb").group())
print(re.findall(r"^\w", "ab\ncd", re.M), re.findall(r"\Bb", "abc b"), bool(re.match(r"\A\Z", "")))
print([m.group() for m in re.finditer(r"\d", "a1b22")], re.compile(r"x").scanner("xx").match().span())
print(re.sub(r"(?P<w>\w+)", r"<\g<w>>", "hi there"), re.sub("", "-", "abc"), re.purge())
