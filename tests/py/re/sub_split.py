# sub/subn/split/findall/finditer incl. templates, callables, counts, empty matches.
import re

print(re.sub(r'(\w+) (\w+)', r'\2 \1', 'hello world, good day'))
print(re.sub(r'(?P<a>\d)', r'<\g<a>\g<1>\g<0>>', 'a1b22'))
print(re.sub(r'x*', '-', 'abxd'), re.subn(r'x*', '-', 'abxd'))
print(re.sub(r'a', 'b', 'aaaa', count=2), re.subn('a', 'b', 'aaaa', 3))
print(re.sub(r'\d', lambda m: str(int(m.group()) * 2), 'a1b2c9'))
print(re.sub(r'(a)|b', lambda m: repr(m.group(1)), 'ab'))
print(re.sub(r'a', lambda m: None, 'banana') if False else re.sub('n', '', 'banana'))
print(re.sub('a', r'\n\t\\', 'xax'), repr(re.sub('a', '\\\\', 'a')))
print(re.sub('(a)(b)?', r'[\2]', 'ac ab'))
print(re.sub(b'a', b'', bytearray(b'banana')))
print(re.sub('', '-', ''), re.sub('', '-', 'ab'), re.sub('^', '>', 'a\nb', flags=re.M))
print(re.split(r'\W+', 'Words, words, words.'), re.split(r'(\W+)', 'Words, words, words.'))
print(re.split(r'\W+', 'Words, words, words.', 1), re.split('[a-f]+', '0a3B9', flags=re.IGNORECASE))
print(re.split(r'(\W)?', '...words...'), re.split('x*', 'axbc'), re.split(r'\b', 'a b'))
print(re.split('(a)|(b)', 'xaybz'), re.split(b'[,;]', b'a,b;c'))
print(re.findall(r'(\w)(\d)?', 'a1bc2'), re.findall(r'(\w)', 'ab'), re.findall(r'', 'ab'))
print(re.findall(r'\w*', 'ab cd'), re.findall(rb'\d', b'a1b2'))
print([m.span() for m in re.finditer(r'\w*', 'ab cd')], [m.group(1) for m in re.finditer(r'(\d)', '1a2')])
for bad in [r'\9', r'\g<x>', r'\g<1', r'\g<-1>', '\\']:
    try:
        re.sub('(a)', bad, 'a')
    except (re.error, IndexError) as e:
        print(type(e).__name__, e)
try:
    re.sub('a', 1, 'a')
except TypeError as e:
    print('TypeError', e)
try:
    re.sub('a', lambda m: 1, 'a')
except TypeError as e:
    print('TypeError', e)
for f in [lambda: re.match('a', b'a'), lambda: re.match(b'a', 'a'), lambda: re.match('a', 1),
          lambda: re.compile('a').sub('b', b'a'), lambda: re.findall(b'a', ['a'])]:
    try:
        f()
    except TypeError as e:
        print('TypeError', e)
print(re.escape('a.b*c'), re.sub('a', 'b', 'a', 0), re.compile('a').sub(repl='x', string='aa', count=1))
print(re.subn(r'(?i)ß', 'ss', 'Straße STRAẞE'))
