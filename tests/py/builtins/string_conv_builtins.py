# repr/ascii/str/format/print/sorted/len/hash/open-free builtins on varied types
print(repr('q"uote\'s'), repr("it's"), repr('\n\t\x00\x7f\u200b'), ascii('café ☃'), ascii(['é']), str(b'x'), repr(1.0), repr(-0.0))
print(repr([1, 'a', None, True, 2.5, (1,), {}, set(), frozenset()]), repr((1,)), repr(()), str({'a': [1]}))
class WithRepr:
    def __repr__(self): return 'WR'
class WithStr(WithRepr):
    def __str__(self): return 'WS'
print(str(WithRepr()), str(WithStr()), repr(WithStr()), [WithStr()], f'{WithStr()}', '%s %r' % (WithStr(), WithStr()))
class BadRepr:
    def __repr__(self): return 5
try:
    repr(BadRepr())
except TypeError as e:
    print('TypeError', e)
print('a', 'b', sep='', end='!\n'); print(); print(1, 2, 3, sep=', ')
import io
buf = io.StringIO(); print('to buffer', 42, file=buf, flush=True); print(repr(buf.getvalue()))
try:
    print('x', sep=5)
except TypeError as e:
    print('TypeError', e)
print(len('abc'), len([1, 2]), len({}), len(range(0, 100, 7)), len(b'\x00\x01'))
class L:
    def __len__(self): return -1
try:
    len(L())
except ValueError as e:
    print('ValueError', e)
class Big:
    def __len__(self): return 2 ** 70
try:
    len(Big())
except OverflowError as e:
    print('OverflowError', e)
try:
    len(5)
except TypeError as e:
    print('TypeError', e)
print(sorted('bca'), sorted([3, 1, 2], key=lambda x: -x), sorted({'b': 1, 'a': 2}.items()), sorted([], key=len))
try:
    sorted([1, 2], lambda x: x)
except TypeError as e:
    print('TypeError', e)
print(str(), str(5), str(None), str(b'ab', 'ascii'), str(bytearray(b'cd'), encoding='utf-8'), str(b'\xff', 'utf-8', 'replace'))
try:
    str(5, 'utf-8')
except TypeError as e:
    print('TypeError', e)
print(format(None), format([1]), format(3, ''), format('x', ''), format(True, '^5'))
try:
    format(object(), 'x')
except TypeError as e:
    print('TypeError', e)
print(list('ab'), tuple([1]), dict(zip('ab', 'cd')), set('aa'), frozenset((1,)), bytes(2), bytearray(1), bool([]), type(None)())
print(list.__name__, ''.join(reversed('stressed')), 'x'.join(map(str, range(4))), int('0'), float('.5'))
print(globals()['__name__'], __name__, __doc__, __file__.endswith('.py'), type(__builtins__).__name__ in ('module', 'dict'))
print(object.__doc__, type(NotImplemented).__name__, type(...).__name__, ..., Ellipsis is ..., bool(...))
