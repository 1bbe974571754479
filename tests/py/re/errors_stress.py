# Compiler errors (from re/_parser.py) and long subjects: the matcher keeps
# its backtracking on the heap, so long inputs never exhaust the C stack.
import re

for pat in ['(', ')', '[a', 'a{2,1}', '*a', 'a**', '(?P<1>a)', '(?P<a>a)(?P<a>b)', r'\1(a)',
            '(?<=a+)b', '(?z)', '[z-a]', r'\p', '(?P=x)', '(?i', '(?#',
            '(?(2)a|b)(c)', '(?<!a|bc)d', 'x(?i)y', b'\\u1234'.decode() if False else r'[\q]']:
    try:
        re.compile(pat)
        print(repr(pat), 'ok')
    except re.error as e:
        print(repr(pat), 'error:', e, '|', e.msg, e.pos, e.lineno, e.colno)
try:
    re.compile('a\n(b')
except re.error as e:
    print(e)
try:
    re.compile(rb'\u0041')
except re.error as e:
    print(e)

n = 200000
s = 'ab' * n + 'c'
print(re.match(r'(?:a|b)*c', s).end(), re.match(r'(ab)*c', s).span(1), re.match(r'(?:ab)*?c', s).end())
print(re.match(r'(a|b)*?c', s).span(1), re.fullmatch(r'(?:(a)|(b))+c', s).lastindex)
print(len(re.findall(r'ab', s)), re.search(r'c$', s).start(), re.match(r'.*c', s).end())
print(re.match(r'(?:a(?=b)b)+', s).end(), re.match(r'(?>ab)+c', s).end(), re.match(r'(?:ab)++c', s).end())
print(len(re.sub(r'a', 'xy', s)), len(re.split(r'b', s)), re.match(r'(.)*', 'x' * 100000).span(1))
print(re.match(r'(a+)+b', 'a' * 18), re.search(r'(x+x+)+y', 'x' * 16))
print(re.match(r'(a*)*b', 'a' * 200 + 'b').span(1))
deep = '(' * 50 + 'a' + ')' * 50
print(re.match(deep, 'a').lastindex, re.match('(?:' * 40 + 'a|b' + ')*' * 40, 'abab' * 100).end())
