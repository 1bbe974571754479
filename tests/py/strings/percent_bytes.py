# bytes % args and bytearray % args (PEP 461), differential against CPython 3.11.
cases = []
def t(fmt, args):
    cases.append((fmt, args))


class B:
    def __bytes__(self): return b'BB'
class Bad:
    def __bytes__(self): return 'str'
t(b'%s|%b|%r|%a', (b'x', bytearray(b'y'), 'é', b'z'))
t(b'%s %b', (B(), B()))
t(b'%s', Bad())
t(b'%s', 'str')
t(b'%s', 3)
t(b'%d %i %u %ld', (1, True, 3.9, 5))
t(b'%x %#x %X %#o', (255, 255, 255, 8))
t(b'%#010x|%-6d|%+05d|% d', (-255, 3, 3, 4))
t(b'%+.3e|%f|%G|%05.1f', (1.5, 2.25, 1e-10, -2.0))
t(b'%.*f|%*d|%*s', (2, 1.5, -4, 7, 3, b'a'))
t(b'%c%c%c', (65, b'B', bytearray(b'C')))
t(b'%5c|%-3c|', (65, b'x'))
t(b'%c', 300)
t(b'%c', -1)
t(b'%c', 'a')
t(b'%c', b'ab')
t(b'%f', 'a')
t(b'%d', 'a')
t(b'%x', 1.5)
t(b'%(a)s %%', {b'a': b'q'})
t(b'%(a)s', {'a': b'q'})
t(b'%(a)s', 1)
t(b'abc', 1)
t(b'abc', {})
t(b'abc', [1])
t(b'abc', 'x')
t(b'abc', b'x')
t(b'abc', bytearray(b'x'))
t(b'%s %s', (b'a',))
t(b'%', ())
t(b'%y', 1)
t(b'%5%', 1)
t(b'%%', ())
t(b'%-5b|%5.1s|', (b'ab', b'xyz'))
t(bytearray(b'%d-%s'), (3, b'x'))
t(bytearray(b'%c'), 1000)
print(type(bytearray(b'%d') % 1), type(b'%d' % 1))
try:
    b'\xe9%\xe9' % 1
except ValueError as e:
    print('ValueError', e.args)


for fmt, args in cases:
    try:
        print(repr(fmt), '->', repr(fmt % args))
    except Exception as e:
        print(repr(fmt), '!!', type(e).__name__, e)
