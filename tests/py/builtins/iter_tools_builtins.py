# enumerate, zip, map, filter, reversed, range and slice objects: attributes, reprs, edge cases.
r = range(10, 0, -3)
print(r, list(r), len(r), r[1], r[-1], r[1:3], r.index(7), r.count(4), 4 in r, 5 in r, r == range(10, 0, -3))
print(range(0), range(5)[::-1], range(3) == range(0, 3, 1), hash(range(3)) == hash(range(0, 3)), range(10**20)[10**19])
for bad in [lambda: range(1, 2, 0), lambda: range(3)[5], lambda: range(3).index(7), lambda: range(1.5)]:
    try:
        bad()
    except (ValueError, IndexError, TypeError) as e:
        print(type(e).__name__ + ":", e)
sl = slice(1, 10, 2)
print(sl, sl.start, sl.stop, sl.step, sl.indices(5), slice(None).indices(3), slice(-1, None, -1).indices(4), slice(3))
print([1, 2, 3, 4, 5][sl], "abcdef"[slice(None, None, -2)], hash(slice(1, 2)) if False else "unhashable?")
try:
    hash(slice(1, 2))
    print("slice hashable")
except TypeError as e:
    print("TypeError:", e)
e = enumerate("abc", 1)
print(next(e), list(e), list(enumerate([])), type(enumerate("x")).__name__)
z = zip("ab", [1, 2, 3])
print(list(z), list(zip()), list(zip("a")), list(map(lambda *a: a, "ab", "xyz")))
m = map(int, ["1", "x"])
print(next(m))
try:
    next(m)
except ValueError as e:
    print("ValueError:", e)
print(list(filter(str.isalpha, "a1b2")), list(reversed(range(3))), reversed([1]).__length_hint__())
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n
print(list(Countdown(3)), sum(Countdown(4)), max(Countdown(5)), sorted(Countdown(3)), list(zip(Countdown(2), "ab")))
it = iter([1, 2, 3])
print(list(it), list(it), next(it, "done"))
class Len:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return [9, 8, 7][i]
print(list(reversed(Len())), sorted(Len()), 8 in Len())
import operator
print(list(map(operator.add, [1, 2], [3, 4])), list(map(operator.itemgetter(1), ["ab", "cd"])), operator.length_hint(iter(range(5))))
