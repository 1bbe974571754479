# The iterator protocol by hand: __iter__/__next__, iter() with a sentinel, enumerate/zip/reversed.
class Range2:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        self.i = 0
        return self

    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i * 2


print(list(Range2(4)), sum(Range2(10)), max(Range2(3)))
for i, v in enumerate(Range2(3), start=1):
    print(i, v)
it = iter([1, 2, 3])
print(next(it), list(it), list(it))
vals = iter([5, 4, 0, 3])
print(list(iter(lambda: next(vals), 0)))
print(list(zip('abc', range(10))), list(reversed([1, 2, 3])), list(reversed(range(5))))
print(list(map(lambda a, b: a * b, [1, 2, 3], [4, 5, 6])), list(filter(None, [0, 1, '', 'a', None])))
print(any(x > 2 for x in [1, 2, 3]), all([]), any([]), all(x for x in [1, 0]))
d = {'b': 2, 'a': 1}
print(list(d), list(d.items()), list(d.values()))
