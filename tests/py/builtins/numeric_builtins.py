# numeric builtins: abs, divmod, pow (3-arg), round, sum(start=), min/max (key/default), bin/oct/hex, chr/ord
print(abs(-5), abs(-2.5), abs(3 - 4j), abs(True), abs(-0.0))
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(17.5, 5), divmod(-0.5, 1))
for a in [(2, 10), (2, -1), (2, 10, 1000), (-3, 3, 7), (3, -1, 11), (0, 0), (2.0, 0.5), (7, 0, 1)]:
    print(a, pow(*a))
for bad in [(2, 3, 0), (2, -1, 4), (2.0, 3, 5), (2, 3.0, 5)]:
    try:
        pow(*bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(pow(base=2, exp=5), pow(2, 5, mod=3))
print(round(0.125, 2), round(2.5), round(-2.5), round(1234, -2), round(5.5, None), round(1e-20, 25), type(round(3)))
class R:
    def __round__(self, n=None): return ('round', n)
print(round(R()), round(R(), 2))
try:
    round('x')
except TypeError as e:
    print('TypeError', e)
print(sum([1, 2, 3]), sum([1, 2], 10), sum([[1], [2]], start=[]), sum([0.1] * 10), sum(range(101)), sum([], 5), sum([1.5, 2]))
try:
    sum(['a', 'b'], '')
except TypeError as e:
    print('TypeError', e)
try:
    sum([b'a'], b'')
except TypeError as e:
    print('TypeError', e)
print(min(3, 1, 2), max('abc'), min([4, 2, 8], key=lambda v: -v), max([], default='empty'), min((), default=None), max([1, 3], default=0))
print(max([('a', 2), ('b', 2)], key=lambda t: t[1]), min([3, 1, 1.0]), max(1, 1.0), max('b', 'a', key=str.upper))
for bad in [lambda: max([]), lambda: min(), lambda: max(1), lambda: max(1, 2, default=0), lambda: min([1, 'a'])]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(bin(10), bin(-10), oct(8), oct(-8), hex(255), hex(-255), hex(0), bin(0), hex(2 ** 70))
try:
    hex(1.5)
except TypeError as e:
    print('TypeError', e)
print(chr(65), chr(0x1F600) == '\U0001F600', ord('A'), ord('€'), ord(b'a'), ord(bytearray(b'z')), chr(0), repr(chr(127)))
for bad in [lambda: chr(-1), lambda: chr(0x110000), lambda: ord('ab'), lambda: ord(''), lambda: chr('a')]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(int.__name__, bool(0), bool(''), bool([0]), bool(None), float(True), complex(False))
print(format(255, 'x'), format(255, '#010b'), format(3.14159, '.2f'), format('s', '>4'), format(5), format(1e10, ','))
print(any([]), all([]), any([0, '', 1]), all([1, 'a', [0]]), any(x > 2 for x in range(4)), all(iter([True, 0])))
