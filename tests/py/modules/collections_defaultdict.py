from _collections import defaultdict, _count_elements, _tuplegetter

def err(label, f, *a, **k):
    try:
        r = f(*a, **k)
        print(label, "ok", r)
    except Exception as e:
        print(label, type(e).__name__, repr(e))

d = defaultdict(list)
d["a"].append(1); d["b"].append(2); d["a"].append(3)
print(d, d["zz"], len(d), d.default_factory)
print(repr(defaultdict()), repr(defaultdict(None, {1: 2})), defaultdict(int, a=1))
e = defaultdict()
err("missing", lambda: e[1])
err("missing tuple", lambda: e[(1, 2)])
print(e.get(5), 5 in e)
err("bad factory", defaultdict, 5)
c = d.copy(); print(type(c).__name__, c, c is d, c == d, c.default_factory is list)
import_copy = d.__copy__(); print(import_copy)
r = d.__reduce__(); print(r[0].__name__, r[1], r[2], r[3], list(r[4]))
print(defaultdict(int).__reduce__()[1], defaultdict().__reduce__()[1])
u = defaultdict(int, {1: 1}) | {2: 2}; print(u, type(u).__name__)
u = {0: 0} | defaultdict(str, {1: 1}); print(u, type(u).__name__)
u = defaultdict(int); u |= {3: 3}; print(u)
err("or int", lambda: defaultdict(int) | 5)
d = defaultdict(int); d.default_factory = str; print(d[1] == "", d)
class Sub(defaultdict):
    pass
s = Sub(int); s[1] += 5; print(s, s.copy(), type(s.copy()).__name__)
r = defaultdict(); r.default_factory = r.__repr__  # not recursion-safe in general
d = defaultdict(); d.default_factory = d.copy
print(isinstance(d, dict), defaultdict.__mro__)
def f(): return 42
print(repr(defaultdict(f))[:25])
print(defaultdict[int, str])
dd = defaultdict(lambda: "x", {"k": "v"}); print(dd["k"], dd["new"], sorted(dd.items()))

m = {}
_count_elements(m, "abracadabra"); print(m)
_count_elements(m, "aa"); print(m)
class M(dict):
    def __setitem__(self, k, v):
        print("set", k, v); super().__setitem__(k, v)
_count_elements(M(), "aba")
err("count noniter", _count_elements, {}, 5)
err("count args", _count_elements, {})

class P(tuple):
    x = _tuplegetter(0, "doc x")
    y = _tuplegetter(1, None)
p = P((3, 4))
print(p.x, p.y, P.x.__doc__, P.y.__doc__, type(P.x).__name__)
err("set", setattr, p, "x", 1)
err("del", delattr, p, "x")
err("oob", lambda: P((1,)).y)
err("non tuple", P.x.__get__, [1], list)
print(P.x.__reduce__())
