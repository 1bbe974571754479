# every str method on ordinary and edge inputs
s = 'Hello, World'
print(s.capitalize(), 'ßtraße'.capitalize(), s.casefold(), 'ß'.casefold(), s.lower(), s.upper(), s.swapcase(), 'hello world_x 3rd'.title())
print(s.center(20, '*'), s.ljust(15, '.'), s.rjust(15), s.zfill(15), '-42'.zfill(6), '+x'.zfill(4))
print(s.count('l'), s.count('l', 4), s.count(''), s.find('o'), s.rfind('o'), s.find('z'), s.index('W'), s.rindex('l', 0, 5))
for m in ['index', 'rindex']:
    try:
        getattr(s, m)('zz')
    except ValueError as e:
        print('ValueError', e)
print(s.startswith('He'), s.startswith(('x', 'Hel')), s.endswith('ld', 0, 12), s.endswith(('a', 'b')))
print('a\tb\tc'.expandtabs(), 'a\tbcd\te'.expandtabs(4), repr('x\ty'.expandtabs(0)))
print('{} {name}'.format(1, name='n'), '{0[1]} {1.real}'.format([5, 6], 7), '{a}'.format_map({'a': 'mapped'}))
print('abc123'.isalnum(), 'abc'.isalpha(), 'ab1'.isalpha(), 'ascii'.isascii(), 'é'.isascii(), '123'.isdecimal(), '²'.isdigit(), '²'.isdecimal(), '½'.isnumeric())
print('name_1'.isidentifier(), '1a'.isidentifier(), 'abc'.islower(), 'ABC'.isupper(), 'Title Case'.istitle(), ' \t\n'.isspace(), ''.isspace(), 'abc\x00'.isprintable(), 'ok'.isprintable())
print('-'.join(['a', 'b', 'c']), ''.join([]), ', '.join('xyz'))
try:
    ','.join([1, 2])
except TypeError as e:
    print('TypeError', e)
print(repr('  pad  '.strip()), repr('xxhixx'.strip('x')), repr('  l'.lstrip()), repr('r  '.rstrip()), 'abcba'.strip('ab'))
print('a,b,,c'.split(','), 'a b  c'.split(), 'a,b,c'.split(',', 1), 'a,b,c'.rsplit(',', 1), ' x '.split(' '), ''.split(), ''.split(','))
print('l1\nl2\r\nl3\rl4'.splitlines(), 'a\nb\n'.splitlines(True), 'x\x0by\x1cz'.splitlines())
print('key=val=x'.partition('='), 'key=val=x'.rpartition('='), 'none'.partition('='), 'none'.rpartition('='))
print('aaa'.replace('a', 'b', 2), 'abc'.replace('', '-'), 'abc'.replace('', '-', 2), 'banana'.replace('na', 'NA'))
print('prefix_body'.removeprefix('prefix_'), 'body.py'.removesuffix('.py'), 'x'.removeprefix('y'))
t = str.maketrans('abc', 'xyz', 'd')
print('abcdd'.translate(t), 'hello'.translate({ord('l'): None, ord('h'): 'J'}), str.maketrans({'a': 1}))
try:
    str.maketrans('ab', 'c')
except ValueError as e:
    print('ValueError', e)
print('%s' % 'x', 'abc'.encode(), 'é'.encode('latin-1'), 'é'.encode('ascii', 'replace'), 'é'.encode('ascii', 'xmlcharrefreplace'))
try:
    'é'.encode('ascii')
except UnicodeEncodeError as e:
    print('UnicodeEncodeError', e)
try:
    s.split('')
except ValueError as e:
    print('ValueError', e)
try:
    'x'.center(5, 'ab')
except TypeError as e:
    print('TypeError', e)
print('ǅ'.istitle(), 'ǆ'.title(), 'ﬁ'.upper(), 'İ'.lower(), len('İ'.lower()))
