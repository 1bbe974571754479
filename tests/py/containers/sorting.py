# list.sort / sorted: stability, key, reverse, errors, mutation during sort, comparisons of mixed types.
data = [("b", 2), ("a", 2), ("c", 1), ("a", 1), ("b", 1)]
print(sorted(data, key=lambda p: p[1]), sorted(data, key=lambda p: p[1], reverse=True))
print(sorted(data), sorted(data, reverse=True))
print(sorted("Hello World", key=str.lower), sorted([3, 1, 2], reverse=True), sorted([]), sorted((1,)))
try:
    sorted([1, "a", 2])
except TypeError as e:
    print("TypeError:", e)
try:
    [3, None, 1].sort()
except TypeError as e:
    print("TypeError:", e)
lst = [3, 1, 2]
def evil(x):
    lst.append(x)
    return x
try:
    lst.sort(key=evil)
except ValueError as e:
    print("ValueError:", e)
print(lst)
class Cmp:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        order.append((self.v, other.v))
        return self.v < other.v
    def __repr__(self):
        return f"C{self.v}"
order = []
print(sorted([Cmp(3), Cmp(1), Cmp(2)]), order)
class Bad:
    def __lt__(self, other):
        raise RuntimeError("no compare")
try:
    sorted([Bad(), Bad()])
except RuntimeError as e:
    print("RuntimeError:", e)
l2 = [5, 4, 3, 2, 1]
try:
    l2.sort(key=lambda x: 1 / (x - 3))
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e, l2)
print(sorted(range(10), key=lambda x: (x % 3, -x)))
import random
rng = random.Random(12345)
big = [rng.randrange(1000) for _ in range(2000)]
s1 = sorted(big)
print(s1[:10], s1[-5:], sum(s1), s1 == sorted(big, key=lambda x: x))
recs = [(rng.randrange(10), i) for i in range(500)]
st = sorted(recs, key=lambda r: r[0])
print(all(st[i][1] < st[i + 1][1] for i in range(len(st) - 1) if st[i][0] == st[i + 1][0]))
print(sorted([0.5, float("inf"), -1, 2**70, True]), sorted(["b", "B", "a", "é", "Z"]))
print(sorted({3: "x", 1: "y"}), sorted({3: "x", 1: "y"}.items()), max("abc", key=ord), min([], default="empty"))
try:
    sorted([1], 5)
except TypeError as e:
    print("TypeError:", e)
try:
    [].sort(5)
except TypeError as e:
    print("TypeError:", e)
print(sorted([[2, 1], [1, 2], [1]]), sorted([(1, "b"), (1, "a")]), list(reversed(sorted("cab"))))
x = [1, 2, 3]
x.sort(key=None, reverse=False)
print(x, x.sort())
