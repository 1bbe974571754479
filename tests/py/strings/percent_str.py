# str % args: every conversion, flags, */precision, mapping keys, and the
# exact errors (differential against CPython 3.11).
cases = []
def t(fmt, args):
    cases.append((fmt, args))


t('%s|%r|%a', ('é', 'é', 'é'))
t('%d %i %u', (42, -7, 3.9))
t('%o %#o %x %#x %X %#X', (8, 8, 255, 255, 255, 255))
t('%5d|%-5d|%05d|%+d|% d|%+05d', (3, 3, 3, 3, 3, -3))
t('%#5.3x|%+#07X|%#o', (-8, 255, -8))
t('%.50d', 1)
t('%d', 10 ** 30)
t('%d|%x', (True, True))
t('%e|%E|%f|%F|%g|%G', (12345.678,) * 6)
t('%10.2E|%-12.3f|%+.0f|%#.0f|%#g', (-1e100, 3.14159, 2.5, 2, 1.0))
t('%05f|%f|%F|%g', (float('inf'), float('nan'), float('-inf'), -0.0))
t('%.*f|%*d|%*.*d|%*s', (2, 1.5, -4, 7, 5, 3, 2, 3, 'a'))
t('%.3s|%5s|%-5s|%.0s|%5.2s', ('abcdef', 'ab', 'ab', 'x', 'xyz'))
t('%c%c%c', (65, 'é', 0x1F600))
t('%5c|%-5c|', ('A', 'é'))
t('%%|%5%', ())
t('%(a)s %(b)r %%', {'a': 1, 'b': 'x'})
t('%(x)s %(x)r', {'x': 'q'})
t('%(a)d', {'a': 2.5})
t('%ld %hd %Ld', (5, 6, 7))
t('%s', ())
t('%s', [])
t('%s', {})
t('%s', {'a': 1})
t('a', [])
t('a', {})
t('a', 3)
t('a', ())
t('a', 'x')
t('%s %s', (1,))
t('%s', (1, 2))
t('%(a)s %s', {'a': 1})
t('%(a)s %(b)s', {'a': 1})
t('%(a)s', 3)
t('%(a', {})
t('%(a)s', [1])
t('abc%', ())
t('%y', ())
t('%y', 1)
t('%\u1234', 1)
t('%5%', 1)
t('%d', 'a')
t('%i', 'a')
t('%x', 1.5)
t('%o', 3.5)
t('%f', 'a')
t('%f', 10 ** 400)
t('%c', 'ab')
t('%c', 2 ** 70)
t('%c', -1)
t('%c', 0x110000)
t('%*s', ('a', 1))
t('%.*s', (1.5, 'x'))
t('%99999999999999999999d', 1)
t('%.99999999999999999999d', 1)
t('%z', ())
class I:
    def __index__(self): return 10
class N:
    def __int__(self): return 7
class F:
    def __float__(self): return 2.5
class Sub(int):
    def __repr__(self): return 'Sub!'
    def __str__(self): return 'SubStr'
t('%x %o', (I(), I()))
t('%d', I())
t('%d', N())
t('%x', N())
t('%f', F())
t('%d %s %r', (Sub(5), Sub(5), Sub(5)))
class S(str):
    pass
t(S('%s!'), 'x')
print(type('%s' % S('x')), type('%s' % 'x'))
print('%s and %s' % ('a', 'b'), '%-+8.3f|' % 3.14159)
print(str.__mod__('%d', 5), 'abc'.__mod__(()), 'y' % ())
print(format('%s' % (1,)), ('%s' * 3) % (1, 2, 3))


for fmt, args in cases:
    try:
        print(repr(fmt), '->', repr(fmt % args))
    except Exception as e:
        print(repr(fmt), '!!', type(e).__name__, e)
