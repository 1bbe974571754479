# Byte-exact pickle.dumps output over all protocols for many kinds of values,
# and that the C accelerator is the one pickle.py uses.
import re, hashlib, pickle, _pickle, collections, decimal, fractions, datetime, enum

print(pickle.Pickler is _pickle.Pickler, pickle.Unpickler is _pickle.Unpickler)
print(pickle.dumps is _pickle.dumps, pickle.loads is _pickle.loads)
print(pickle.PickleError is _pickle.PickleError, pickle.PickleBuffer)


class Color(enum.Enum):
    RED = 1


class Plain:
    def __init__(self):
        self.a = 1
        self.b = [1, 2]


class Slotted:
    __slots__ = ('x', 'y')

    def __init__(self):
        self.x = 1
        self.y = 'two'


class Outer:
    class Inner:
        pass


class NewArgs(int):
    def __new__(cls, v, extra):
        o = int.__new__(cls, v)
        o.extra = extra
        return o

    def __getnewargs__(self):
        return (int(self), self.extra)


class NewArgsEx:
    def __new__(cls, *args, **kw):
        o = object.__new__(cls)
        o.args = args
        o.kw = kw
        return o

    def __getnewargs_ex__(self):
        return self.args, self.kw


rec = []
rec.append(rec)
rd = {}
rd['self'] = rd
shared = [1, 2]
values = [
    None, True, False, 0, 1, -1, 255, 256, 65535, 65536, -65536, 2**31 - 1, -2**31,
    2**31, -2**31 - 1, 2**63, -2**63, 2**64, 2**100, -2**100, 2**2100, -255, -256, 127, 128, -128, -129,
    0.0, -0.0, 1.5, 1e300, float('inf'), float('-inf'), 3.141592653589793, 1e-310,
    '', 'a', 'abc\n\\\r\x00\x1a', 'é', '\u20ac', '\U0001f600', 'x' * 300, '\ud800',
    b'', b'abc', b'\x00\xff' * 200, bytearray(b'xyz'), bytearray(),
    (), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), ((),), [], [1], [1, 2], list(range(2500)),
    {}, {1: 2}, {'a': 1, 'b': 2}, {i: str(i) for i in range(1200)},
    set(), {1, 2, 3}, frozenset(), frozenset({1}), set(range(1500)),
    [shared, shared, (shared,)], rec, rd,
    len, pickle.dumps, collections.OrderedDict, collections.OrderedDict([(1, 2)]),
    collections.defaultdict(list, {1: [2]}), collections.deque([1, 2]),
    Plain(), Slotted(), Outer.Inner, Outer.Inner(), NewArgs(5, 'e'), NewArgsEx(1, 2, k=3),
    type(None), type(NotImplemented), type(...), None.__class__, NotImplemented, ...,
    decimal.Decimal('1.25'), fractions.Fraction(3, 4), complex(1, 2), range(1, 10, 2),
    slice(1, 2, 3), datetime.date(2020, 1, 2), Color.RED, int, object, type,
    str.upper, [].append, print, Exception('boom', 1), ValueError(),
]
for v in values:
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        try:
            data = pickle.dumps(v, proto)
        except Exception as e:
            print(proto, type(e).__name__, e)
            continue
        print(proto, data.hex() if len(data) < 400 else (len(data), hashlib.sha1(data).hexdigest()))
        back = pickle.loads(data)
        print(' ', type(back).__name__, re.sub(' at 0x[0-9a-f]+', '', repr(back))[:80] if type(back).__repr__ is not object.__repr__ else '')
