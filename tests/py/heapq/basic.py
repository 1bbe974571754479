# _heapq: heap operations match CPython's element placement exactly
# (including ties), max-heap variants, errors, list mutation during compare.
import _heapq
import heapq
import random

print(heapq.heappush is _heapq.heappush, heapq._heapify_max is _heapq._heapify_max)
rng = random.Random(7)
for n in [0, 1, 2, 5, 17, 100, 3000]:
    data = [rng.randrange(50) for _ in range(n)]
    h = data[:]
    heapq.heapify(h)
    m = data[:]
    heapq._heapify_max(m)
    print(n, hash(tuple(h)), hash(tuple(m)))
    out = [heapq.heappop(h) for _ in range(len(h))]
    print(out == sorted(data), [heapq._heappop_max(m) for _ in range(min(5, len(m)))])

h = []
for v in [5, 3, 8, 1, 9, 2]:
    heapq.heappush(h, v)
print(h, heapq.heappushpop(h, 0), heapq.heappushpop(h, 4), h, heapq.heapreplace(h, 7), h)
m = [9, 5, 8, 1]
print(heapq._heapreplace_max(m, 3), m)


class T:
    def __init__(self, k, tag):
        self.k, self.tag = k, tag

    def __lt__(self, o):
        return self.k < o.k

    def __repr__(self):
        return f'{self.k}{self.tag}'


items = [T(i % 3, chr(97 + i)) for i in range(10)]
h = items[:]
heapq.heapify(h)
print(h)
print([heapq.heappop(h) for _ in range(10)])
print(list(heapq.merge([1, 4], [2, 3])), heapq.nsmallest(3, [5, 1, 4, 2]), heapq.nlargest(2, [5, 1, 4]))


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


t(lambda: heapq.heappush((), 1))
t(lambda: heapq.heappop([]))
t(lambda: heapq.heappush([]))
t(lambda: heapq.heapify(1))
t(lambda: heapq.heapreplace([], 1))
t(lambda: heapq._heappop_max(()))
t(lambda: heapq.heappush([1, 'a'], 2))


class Evil:
    def __init__(self, lst):
        self.lst = lst

    def __lt__(self, o):
        self.lst.clear()
        return True


lst = []
lst.extend([Evil(lst), Evil(lst), Evil(lst)])
t(lambda: heapq.heapify(lst))
print(heapq.heappushpop([], 3), heapq.heappop.__text_signature__, heapq.heapify.__doc__)
