# IGNORECASE with Unicode folding, ASCII/LOCALE/MULTILINE/DOTALL/VERBOSE,
# categories on non-ASCII text, all PEP 393 kinds, bytes subjects.
import re, _sre

print(_sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS, _sre.getcodesize())
for c in [65, 97, 0xdf, 0x130, 0x131, 0x3a3, 0x1c5, 0x212a, 0x17f, 0x2c, 0x10400]:
    print(hex(c), _sre.ascii_iscased(c), _sre.unicode_iscased(c), _sre.ascii_tolower(c), _sre.unicode_tolower(c))
tests = [
    (r'(?i)k', 'K\u212ak'), (r'(?i)[k]+', 'kK\u212a'), (r'(?i)s', 'S\u017fs'), (r'(?i)[a-z]+', 'aZ\u017f\u212a'),
    (r'(?i)\u03c3', '\u03a3\u03c2\u03c3'), (r'(?i)[\u03c3]', '\u03a3\u03c2'), (r'(?i)i', 'I\u0130\u0131'),
    (r'(?ia)k', 'K\u212a'), (r'(?i)\u0400', '\u0450\u0400'), (r'(?i)[\u0400-\u04ff]+', '\u0410\u0430\u04ff'),
    (r'(?i)(\w)\1', 'aA \u00e9\u00c9 \u212ak'), (r'\w+', 'na\u00efve \u4e2d\u6587 \U0001d400x'),
    (r'(?a)\w+', 'na\u00efve'), (r'\d+', '12\u0663\u0664 \u00b2'), (r'(?a)\d+', '\u0663 12'),
    (r'\s+', 'a\u00a0\u2003\x1c b'), (r'(?a)\s+', 'a\u00a0 \t b'), (r'\b\w', 'x\u00e9y \u00e9t\u00e9'),
    (r'(?a)\b\w', 'x\u00e9y \u00e9t\u00e9'), (r'.', '\U0001f600'), (r'[\U0001f600-\U0001f64f]+', 'a\U0001f600\U0001f601b'),
    (r'(?m)^.+$', 'ab\ncd\r\nef'), (r'(?s)a.b', 'a\nb'), (r'a.b', 'a\nb'), (r'(?m)$', 'a\nb\n'),
    (r'$', 'a\n'), (r'\Z', 'a\n'), (r'(?x) \d + (?# c) [ ]', '12 3'), (r'\u00e9+', '\u00e9\u00e9'),
    (r'[^\x00-\x7f]+', 'abc\u00e9\u4e2d\U00010000z'), (r'(?i)\u1e9e', 'ss\u00df\u1e9e'),
    (r'(?i)[^k]', '\u212a'), (r'(?i)[^\u212a]+', 'kK\u212ax'), (r'(?u)[\w-]+', 'ab--c'),
]
for pat, s in tests:
    print(repr(pat), [m.span() for m in re.finditer(pat, s)])
btests = [
    (rb'(?i)k', b'Kk\xca'), (rb'\w+', b'ab\xe9c d'), (rb'(?L)\w+', b'ab\xe9c d'), (rb'(?Li)[a-c]+', b'xAbC'),
    (rb'(?Li)a', b'A'), (rb'(?i)(a)\1', b'aA'), (rb'(?Li)(a)\1', b'aA'), (rb'\s+', b'a \x85\xa0\x0b b'),
    (rb'[\x80-\xff]+', b'a\x80\xffb'), (rb'\bx', b'x \xe9x'), (rb'(?L)\bx', b'x \xe9x'), (rb'(?a)\d', b'1'),
]
for pat, s in btests:
    print(repr(pat), [m.span() for m in re.finditer(pat, s)])
for s in ['abc', '\u00e9\u00e8abc', '\u4e2d\u6587abc', '\U0001f600abc']:
    m = re.search(r'(?P<w>[a-c]+)$', s)
    print(ascii(s), m.span(), ascii(m.group('w')), re.sub(r'[a-c]', '\u4e2d', s) == s[:-3] + '\u4e2d' * 3)
print(re.findall('[\u0100-\u0101\u4e00]', '\u0100\u4e00\u0101x'))
big = ''.join(chr(c) for c in range(0x30, 0x3000, 7))
print(len(re.findall(r'(?i)[\u0100-\u0200\u2000-\u2100a-z]', big)), len(re.findall(r'[^\u0370-\u03ff\d]', big)))
