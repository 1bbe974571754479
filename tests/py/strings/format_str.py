# str.format / format_map / str.__format__ / format(str, spec) and the
# _string helpers, differential against CPython 3.11.
import _string

cases = []
def t(f, *a, **k):
    cases.append((f, a, k))

class P:
    x = 5
    def __format__(self, spec):
        return 'P[' + spec + ']'
    def __repr__(self):
        return 'P()'

t('{} {} {}', 1, 'a', 2.5)
t('{0} {1} {0}', 'x', 'y')
t('{a} {b!r} {c!a}', a=1, b='é', c='é')
t('{0!s:>5}|{0!r:<6}|', 'ab')
t('{0.x} {0[1]} {1[k]} {2[0][1]}', P(), {'k': 'v'}, [[1, 2]])
t('{0[1]}', {1: 'int key'})
t('{0[-1]}', {'-1': 'str key'})
t('{0[a]}', {'a': 3})
t('{:>{}}|{:{}{}}', 'x', 5, 'y', '^', 7)
t('{0:{1}}', 1, 5)
t('{:{:{}}}', 1, 5, 6)
t('{p} {p:abc} {p!r}', p=P())
t('{{}} {{{}}} }}{{', 1)
t('{}{1}', 1, 2)
t('{1}{}', 1, 2)
t('{x}', 1)
t('{2}', 1)
t('{!}', 1)
t('{!rx}', 1)
t('{!', 1)
t('{0!r', 1)
t('{:', 1)
t('{0', 1)
t('{0[}', 1)
t('{0[]}', [1])
t('{0.}', 1)
t('{0[0]x}', [1])
t('}', 1)
t('{', 1)
t('a{b', 1)
t('{a{}', 1)
t('{!x}', 1)
t('{!\u1234}', 1)
t('{99999999999999999999999}', 1)
t('{0[99999999999999999999]}', 1)
t('{0]}', 'ab')
t('{0.a.}', 'ab')
t('{\u0661}', 'arabic-indic one', 'two')
t('{:x<5}|{:05}|{:^7.1s}|{:.1}|{:\u1234^7}|{:>3}', 'ab', 'ab', 'ab', 'ab', 'ab', 'abcdef')
for spec in ['+', ' ', '#', 'z', '=5', 'd', ',', '_', 'xx', 'ss', '\x01', '\u1234', '.', '5.', '<<<']:
    t('{:' + spec + '}', 'ab')
t('{:d} {:5.2f} {:x} {:,}', 42, 3.14159, 255, 1234567)
for f, a, k in cases:
    try:
        print(repr(f), '->', repr(f.format(*a, **k)))
    except Exception as e:
        print(repr(f), '!!', type(e).__name__, e)
print('{name} is {age}'.format_map({'name': 'Al', 'age': 3}))
class D(dict):
    def __missing__(self, key):
        return '<' + key + '>'
print('{a} {b}'.format_map(D(a=1)))
try:
    '{0}'.format_map({})
except Exception as e:
    print(type(e).__name__, e)
try:
    '{}'.format_map({})
except Exception as e:
    print(type(e).__name__, e)
print(format('ab', '>5'), format('ab'), format('ab', ''), 'ab'.__format__('^6'))
try:
    'ab'.__format__(5)
except Exception as e:
    print(type(e).__name__, e)
class S(str):
    def __str__(self):
        return 'STR'
print(repr(format(S('ab'), '')), repr(format(S('ab'), '>4')), repr('{}'.format(S('ab'))))
print(list(_string.formatter_parser('a{0!r:>{x}}b{{c}}d{}{a.b[c]}')))
print(list(_string.formatter_parser('')), list(_string.formatter_parser('abc')))
first, rest = _string.formatter_field_name_split('0.a[1][x]')
print(first, list(rest), type(rest).__name__)
first, rest = _string.formatter_field_name_split('')
print(repr(first), list(rest))
for bad in [1, b'x']:
    for fn in (_string.formatter_parser, _string.formatter_field_name_split):
        try:
            fn(bad)
        except TypeError as e:
            print('TypeError', e)
try:
    list(_string.formatter_parser('{'))
except ValueError as e:
    print('ValueError', e)
