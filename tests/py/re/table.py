# A table of patterns run against several subjects; prints every observable
# result (search span/groups/lastindex, findall, fullmatch, split, sub).
import re

PATTERNS = [
    r'a', r'a*', r'a+?', r'a{2,3}', r'a{2,}?', r'(a)(b)?', r'(a|b)*c', r'(a|ab)(c|bcd)(d*)',
    r'^\w+$', r'\bfoo\b', r'\Bo', r'\d+', r'\D+', r'\s+', r'\S+', r'[a-c]+', r'[^a-c]+',
    r'[\d\s]+', r'[^\W\d]+', r'(?i)ABC', r'(?i)[a-z]+', r'(?m)^\w', r'(?m)\w$', r'(?s).+',
    r'.+', r'x*', r'(x*)*y', r'(?:a|b)+?b', r'(a+)+b', r'((a)|b)+', r'(a)|(b)', r'(?P<n>\w)(?P=n)',
    r'(\w)\1', r'(?i)(\w)\1', r'(?=\w)\w\w', r'(?!a)\w', r'(?<=a)\w', r'(?<!a)\w', r'(?<=(a))b',
    r'(?>a+)b', r'a++b', r'a*+a', r'(?:ab)*+', r'(?:a|ab)++c', r'(a)?(?(1)b|c)', r'\Aa|b\Z',
    r'a$', r'a\Z', r'(?x) a  b # comment', r'[\u00e0-\u00ff]+', r'(?i)\u00c9', r'(?a)\w+',
    r'(?u)\w+', r'(a*)+?', r'(a*?)*', r'(?:(a)|b)*', r'(?:(a)|(b))+', r'(?:a(b)?)+',
    r'((?:a|b)*?)c', r'[.^$*+?{}()|\\]+', r'\x41|\101|\n', r'a{,2}', r'a{3}', r'(ab){1,2}?c',
    r'(?s:.)+', r'(?-i:a)b', r'\W+', r'[\w-]+@[\w.]+', r'(\d+)-(\d+)?', r'.*?(\d)',
    r'(?:(?:a)*)*', r'(a|b|c|d)+e', r'[]a]+', r'[^]]+', r'\$\d+\.\d\d', r'(?i)[^a]',
    r'(?i)[k]', r'(?i)ſ', r'(?i)[ǅ]', r'(?i)ß', r'\w+(?=,)', r'(?<=\d{2})x', r'(?<!\d)\d{3}(?!\d)',
]

SUBJECTS = [
    '', 'a', 'aa', 'aaa', 'ab', 'abc', 'abcd', 'aabbcc', 'b', 'bc', 'xaby', 'foo bar foo',
    'foobar', 'a1 b22 c333', '  x  y ', 'ABC abc', 'line1\nline2\n', 'éÀÿ', 'ÉÉé', 'ac',
    'abac', 'aaab', 'aabcd', 'x12-345y', '$12.34', 'user@example.com', 'a,b,c', 'kK\u212a',
    'ſs', 'ǆǅǄ', 'STRASSE ß', '12x 123x', '1234 567', '\u0661\u0662', ']]a]', 'a\nb',
]

def show(v):
    return repr(v)

for p in PATTERNS:
    c = re.compile(p)
    print('==', repr(p), c.groups, dict(c.groupindex))
    for s in SUBJECTS:
        m = c.search(s)
        out = []
        if m:
            out.append((m.span(), m.groups(), m.lastindex, m.lastgroup))
        else:
            out.append(None)
        fm = c.fullmatch(s)
        out.append(fm.span() if fm else None)
        out.append(c.findall(s))
        out.append(c.split(s))
        out.append(c.subn('<>', s))
        out.append([x.span() for x in c.finditer(s)])
        print('  ', repr(s), show(out))
