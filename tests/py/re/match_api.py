# Match and Pattern objects: groups, names, spans, reprs, pos/endpos, copy.
import re, copy

p = re.compile(r'(?P<first>\w+) (?P<last>\w+)(?P<opt>!)?')
m = p.match('Jane Doe rest')
print(m)
print(m.group(), m.group(0), m.group(1, 2), m.group('first', 'last', 'opt'))
print(m[0], m[1], m['last'], m.groups(), m.groups('-'), m.groupdict(), m.groupdict(0))
print(m.start(), m.end(), m.span(), m.start('last'), m.end(2), m.span('opt'), m.start(3))
print(m.regs, m.lastindex, m.lastgroup, m.pos, m.endpos, m.string, m.re is p)
print(m.expand(r'\2, \1 [\g<first>] \g<0>'), m.expand(r'\n\t\\'))
for bad in (4, -1, 'nope', 1.5):
    try:
        m.group(bad)
    except (IndexError, TypeError) as e:
        print(type(e).__name__, e)
try:
    m.start('zzz')
except IndexError as e:
    print('IndexError', e)
print(m.group(True), m.span(False))
print(copy.copy(m) is m, copy.deepcopy(m) is m, copy.copy(p) is p, copy.deepcopy(p) is p)
print(p.pattern, p.flags, p.groups, p.groupindex, type(p.groupindex).__name__)
print(re.compile('x').groupindex, re.compile(b'x').pattern)
print(repr(re.compile('a', re.I | re.M | re.S | re.X)), repr(re.compile(b'a', re.L)))
print(repr(re.compile('a', re.A)), repr(re.compile('a' * 300))[-20:], repr(re.compile('a', re.U)))
print(re.compile('ab', re.I) == re.compile('ab', re.I), re.compile('ab') == re.compile('ab', re.I))
print(hash(re.compile('ab')) == hash(re.compile('ab')), re.compile('a') != re.compile('b'))
print(repr(re.match('.*', 'x' * 100)))
print(repr(re.compile(b'a+').match(b'caaa', 1)), re.match(b'a', bytearray(b'a')).group(), re.match(b'a', memoryview(b'ab')))
# pos / endpos
q = re.compile(r'\w+')
print(q.match('hello world', 6), q.match('hello world', 2, 4), q.search('hello world', 3, 100))
print(q.match('abc', -5, 2), q.findall('ab cd ef', 2, 6), q.fullmatch('abcd', 1, 3))
print(re.compile('^a').search('ba', 1), re.compile('(?<=b)a').search('ba', 1), re.compile('a$').search('ab', 0, 1))
e = re.compile('').match('abcdef', 5, 3)
print(e, e.pos, e.endpos)
# lastindex rules
for pat, s in [(r'(a)(b)', 'ab'), (r'((a)b)', 'ab'), (r'(a)|(b)', 'b'), (r'(a(b))', 'ab'),
               (r'(?:(a)|b)+', 'ab'), (r'(a)?b', 'b'), (r'(?P<x>a)(?P<y>b)?', 'a'), (r'(a)(?=(b))', 'ab')]:
    mm = re.match(pat, s)
    print(pat, mm.lastindex, mm.lastgroup, mm.groups(), mm.regs)
# scanner
sc = re.compile(r'\d+|\s+').scanner('12 34x')
print(sc.pattern.pattern, [x.group() if x else x for x in (sc.match(), sc.match(), sc.match(), sc.match(), sc.match())])
sc = re.compile(r'\d').scanner('a1b2')
print(sc.search().span(), sc.search().span(), sc.search(), sc.search())
print(type(sc).__name__, type(m).__name__, type(p).__name__, re.Pattern, re.Match)
print(re.Pattern[str], re.Match[bytes])
try:
    re.Pattern()
except TypeError as e:
    print('TypeError', e)
lex = re.Scanner([(r'\d+', lambda s, t: int(t)), (r'\s+', None), (r'[a-z]+', lambda s, t: t.upper())])
print(lex.scan('12 abc 7 x!'))
