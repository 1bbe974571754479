from _collections import deque

def err(label, f, *a, **k):
    try:
        r = f(*a, **k)
        print(label, "ok", r)
    except Exception as e:
        print(label, type(e).__name__, e)

d = deque()
print(d, repr(deque([1, 2, 3])), deque("abc", 2), deque(maxlen=0), deque([], maxlen=3))
d = deque(range(5))
d.append(5); d.appendleft(-1)
print(d, len(d), d[0], d[-1], d[3], d.maxlen)
print(d.pop(), d.popleft(), d)
d.extend("ab"); d.extendleft("xy")
print(d)
d.rotate(); print(d)
d.rotate(-3); print(d)
d.rotate(100); print(d)
d.rotate(0); print(d)
err("rotate float", d.rotate, 1.5)
err("rotate 2 args", d.rotate, 1, 2)
d.reverse(); print(d)
print(d.count("a"), d.count(99), d.index("a"), d.index(0), d.index(0, 2, 8))
err("index missing", d.index, "zz")
err("index range", d.index, "x", 0, 1)
err("index noargs", d.index)
d.remove("a"); print(d)
err("remove missing", d.remove, "q")
d.insert(2, "I"); d.insert(-1, "J"); d.insert(100, "K"); d.insert(-100, "L"); d.insert(0, "M"); print(d)
del d[1]; d[0] = "first"; print(d, "first" in d, "zzz" in d)
err("getitem oob", lambda: d[100])
err("setitem oob", d.__setitem__, -100, 1)
err("getitem str", lambda: d["a"])
err("getitem slice", lambda: d[1:2])
err("pop empty", deque().pop)
err("popleft empty", deque().popleft)
d.clear(); print(d, bool(d), len(d))

b = deque(range(3), maxlen=3)
b.append(3); print(b)
b.appendleft(-1); print(b)
b.extend(range(10, 15)); print(b)
b.extendleft("ab"); print(b)
err("insert full", b.insert, 0, 1)
print(b.maxlen, repr(b))
err("maxlen neg", deque, [], -1)
err("maxlen str", deque, [], "a")
err("bad kw", deque, foo=1)
z = deque(iter(range(5)), maxlen=0); print(z, len(z))
z.append(1); print(z)

# comparisons and arithmetic
print(deque([1, 2]) == deque([1, 2]), deque([1, 2]) != deque([1, 3]), deque([1]) < deque([1, 2]))
print(deque([1, 3]) > deque([1, 2, 5]), deque([]) <= deque([]), deque([2]) >= deque([1, 9]))
print(deque([1]) == [1], deque("ab") + deque("cd"), deque("ab") * 3, 2 * deque([0]))
err("concat list", lambda: deque() + [1])
err("lt list", lambda: deque() < [1])
x = deque([1, 2]); y = x; x += [3]; print(x is y, x)
x *= 2; print(x)
x *= 0; print(x)
m = deque([1, 2, 3], maxlen=4); print(m * 3, m + deque([9]))
err("hash", hash, deque())

# self-reference and repr recursion
s = deque([1]); s.append(s); print(s)
s.extend(s); print(len(s))
class Sub(deque):
    pass
sd = Sub([1, 2], 5)
print(sd, repr(sd.copy()), type(sd.copy()).__name__, sd + deque([3]), type(sd + deque([3])).__name__)
print(deque([1, 2]).copy(), deque([1], 4).__copy__())

# iteration
d = deque(range(4))
print(list(d), list(reversed(d)), list(iter(d)))
it = iter(d); next(it); print(it.__length_hint__(), list(it))
it = iter(d); d.append(9)
err("mutated", next, it)
it = reversed(d); d.popleft()
err("mutated rev", next, it)
print(type(iter(d)).__name__, type(reversed(d)).__name__)
class E:
    def __init__(self, dq): self.dq = dq
    def __eq__(self, other):
        self.dq.append(0)
        return False
q = deque(); q.append(E(q)); q.append(1)
err("count mut", q.count, 5)
q = deque(); q.append(E(q)); q.append(1)
err("index mut", q.index, 5)
q = deque(); q.append(E(q)); q.append(1)
err("remove mut", q.remove, 5)
q = deque(); q.append(E(q)); q.append(1)
err("contains mut", q.__contains__, 5)

# pickling protocol pieces
r = deque([1, 2], 3).__reduce__(); print(r[0], r[1], r[2], list(r[3]))
r = deque([1]).__reduce__(); print(r[0], r[1], r[2], list(r[3]))
print(deque[int])
big = deque()
for i in range(1000):
    big.append(i)
    if i % 3 == 0: big.popleft()
print(len(big), big[0], big[-1], sum(big))
big.rotate(333); print(big[0], big[-1])
while big: big.pop()
print(big)
err("insert 1", deque().insert, 1)
