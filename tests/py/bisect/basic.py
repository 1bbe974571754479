# _bisect: bisect/insort left/right with lo/hi/key and their errors.
import _bisect
import bisect

print(bisect.bisect is _bisect.bisect_right, bisect.insort_left is _bisect.insort_left)
a = [1, 2, 2, 2, 3, 5, 8]
for x in [0, 1, 2, 4, 8, 9]:
    print(x, bisect.bisect_left(a, x), bisect.bisect_right(a, x), bisect.bisect_left(a, x, 2, 5),
          bisect.bisect_right(a, x, lo=1, hi=3), bisect.bisect(a, x, hi=None))
recs = [('a', 1), ('b', 3), ('c', 3), ('d', 7)]
print(bisect.bisect_left(recs, 3, key=lambda r: r[1]), bisect.bisect_right(recs, 3, key=lambda r: r[1]))
b = []
for v in [5, 1, 4, 1, 3]:
    bisect.insort(b, v)
    bisect.insort_left(b, v + 0.5)
print(b)
k = []
for v in [('x', 2), ('y', 1), ('z', 2)]:
    bisect.insort_right(k, v, key=lambda r: r[1])
    bisect.insort_left(k, v, key=lambda r: -r[1] if False else r[1])
print(k)


class L(list):
    def insert(self, i, x):
        print('insert', i, x)
        list.insert(self, i, x)


s = L([1, 3])
bisect.insort(s, 2)
print(s, bisect.bisect_right(a, 2, 0, -1), bisect.bisect_right([1, 2, 3], 2, 0, -5))
print(bisect.bisect_left(range(100), 37), bisect.bisect_right('abcdef', 'c'))


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


t(lambda: bisect.bisect(a, 2, -1))
t(lambda: bisect.bisect(a, 2, 'a'))
t(lambda: bisect.bisect(a, 2, 0, 'a'))
t(lambda: bisect.bisect(a))
t(lambda: bisect.bisect(a=[1], x=1, lo=None))
t(lambda: bisect.bisect_left(a, 2, 0, 10, lambda v: v))
t(lambda: bisect.insort(1, 2))
t(lambda: bisect.bisect_left([1, 'a', 3], 2))
t(lambda: bisect.bisect_right([1, 2], 1, key=1))
t(lambda: bisect.insort([1, 2], 1, key=1))
t(lambda: bisect.bisect([1, 2], 1, 0, 5))
print(bisect.bisect_right.__text_signature__, bisect.insort_left.__doc__.splitlines()[0])
