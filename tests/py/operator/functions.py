# _operator's functions: results and error messages.
import _operator
import operator

names = [n for n in dir(operator) if not n.startswith('_') and callable(getattr(operator, n))]
print(all(getattr(operator, n) is getattr(_operator, n) for n in names if hasattr(_operator, n)))
print(sorted(n for n in dir(_operator) if not n.startswith('__')))


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


for name in ['add', 'sub', 'mul', 'floordiv', 'truediv', 'mod', 'lshift', 'rshift', 'and_',
             'xor', 'or_', 'pow', 'lt', 'le', 'eq', 'ne', 'gt', 'ge', 'is_', 'is_not']:
    f = getattr(operator, name)
    print(name, f(7, 3), f.__doc__, f.__text_signature__)
for name in ['iadd', 'isub', 'imul', 'ifloordiv', 'itruediv', 'imod', 'ilshift', 'irshift',
             'iand', 'ixor', 'ior', 'ipow']:
    lst = [1]
    print(name, getattr(operator, name)(7, 2), operator.iadd(lst, [2]) is lst, lst)
print(operator.iconcat([1], (2,)), operator.concat('a', 'b'))
print(operator.neg(3), operator.pos(-3), operator.abs(-3), operator.inv(5), operator.invert(5))
print(operator.not_([]), operator.truth([1]), operator.index(7))
print(operator.contains([1, 2], 2), operator.countOf([1, 2, 1], 1), operator.indexOf('abc', 'c'))
d = {}
print(operator.setitem(d, 'k', 1), operator.getitem(d, 'k'), operator.delitem(d, 'k'), d)
print(operator.length_hint([1, 2]), operator.length_hint(iter(range(5))), operator.length_hint(object(), 9))
print(operator.call(max, 1, 5, key=lambda v: -v))
print(_operator._compare_digest(b'abc', b'abc'), _operator._compare_digest('ab', 'abc'),
      _operator._compare_digest(bytearray(b'x'), memoryview(b'x')))

class M:
    def __matmul__(self, o):
        return 'matmul'

    def __imatmul__(self, o):
        return 'imatmul'


print(operator.matmul(M(), 1), operator.imatmul(M(), 1))
t(lambda: operator.add(1))
t(lambda: operator.add(1, 2, 3))
t(lambda: operator.add(a=1, b=2))
t(lambda: operator.neg())
t(lambda: operator.call())
t(lambda: operator.length_hint())
t(lambda: operator.length_hint([], 'x'))
t(lambda: _operator._compare_digest('a', b'a'))
t(lambda: _operator._compare_digest(1, 2))
t(lambda: _operator._compare_digest('\xe9', '\xe9'))
t(lambda: operator.concat(1, 2))
t(lambda: operator.iconcat(1, 2))
t(lambda: operator.index(1.5))
t(lambda: operator.indexOf([1], 2))
t(lambda: operator.setitem([], 0, 1))
t(lambda: operator.add(1, 'a'))
t(lambda: operator.lt(1, 'a'))
t(lambda: operator.truediv(1, 0))
print(operator.__doc__ == _operator.__doc__, _operator.__doc__.splitlines()[0])
