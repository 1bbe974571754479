# range, slice, enumerate, zip(strict), map, filter, reversed, iter(callable, sentinel)
r = range(2, 20, 3)
print(list(r), len(r), r[2], r[-1], r[1:3], r[::-1], 8 in r, 9 in r, r.index(11), r.count(5), r.start, r.stop, r.step)
print(range(0), range(5) == range(0, 5, 1), range(0, 3, 2) == range(0, 4, 2), hash(range(3)) == hash(range(0, 3)), repr(range(1, 5, 2)))
print(len(range(-5, 5, -1)), list(range(10, 0, -3)), range(10 ** 20)[-1], range(0, 10 ** 20, 7)[-1])
for bad in [lambda: range(1, 2, 0), lambda: range(5).index(7), lambda: range(1.5), lambda: range(3)[5]]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
sl = slice(1, 10, 2)
print(sl, sl.start, sl.stop, sl.step, sl.indices(5), slice(None, None, -1).indices(4), slice(5).indices(3), 'abcdefghij'[sl])
try:
    slice(0, 1, 0).indices(3)
except ValueError as e:
    print('ValueError', e)
print(list(enumerate('abc')), list(enumerate('ab', start=10)), list(enumerate([], 5)))
print(list(zip('abc', range(5))), list(zip()), list(zip([1], [2], [3])), list(zip(*[(1, 'a'), (2, 'b')])))
try:
    list(zip([1, 2], [1], strict=True))
except ValueError as e:
    print('ValueError', e)
try:
    list(zip([1], [1, 2], strict=True))
except ValueError as e:
    print('ValueError', e)
try:
    list(zip([1], [1], [1, 2], strict=True))
except ValueError as e:
    print('ValueError', e)
print(list(zip([1, 2], 'ab', strict=True)))
print(list(map(abs, [-1, 2, -3])), list(map(pow, [2, 3], [5, 2, 9])), list(map(str.upper, 'ab')))
print(list(filter(None, [0, 1, '', 'x', None, []])), list(filter(lambda v: v % 2, range(7))))
print(list(reversed([1, 2, 3])), list(reversed('abc')), list(reversed(range(4))), list(reversed((1, 2))))
class Rev:
    def __len__(self): return 3
    def __getitem__(self, i): return i * 10
print(list(reversed(Rev())))
try:
    reversed({1, 2})
except TypeError as e:
    print('TypeError', e)
vals = iter([1, 2, 3, 0, 5])
print(list(iter(lambda: next(vals), 0)))
n = [0]
def counter():
    n[0] += 1; return n[0]
print(list(iter(counter, 4)))
try:
    iter(5)
except TypeError as e:
    print('TypeError', e)
try:
    iter(5, 1)
except TypeError as e:
    print('TypeError', e)
class Seq:
    def __getitem__(self, i):
        if i >= 3: raise IndexError
        return i * i
print(list(Seq()), 4 in Seq(), list(iter(Seq())))
it = iter([1, 2])
print(next(it), next(it), next(it, 'done'))
try:
    next(it)
except StopIteration as e:
    print('StopIteration', repr(e))
e = enumerate('xy')
print(next(e), iter(e) is e, type(e).__name__, type(zip()).__name__, type(map(abs, [])).__name__)
try:
    len(range(0, 10 ** 20, 7))
except OverflowError as e:
    print('OverflowError', e)
