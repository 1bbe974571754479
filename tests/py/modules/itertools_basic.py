import itertools
from itertools import *

def show(label, it, n=None):
    try:
        if n is None:
            print(label, list(it))
        else:
            print(label, list(islice(it, n)))
    except Exception as e:
        print(label, "raised", type(e).__name__, e)

def err(label, f, *a, **k):
    try:
        r = f(*a, **k)
        print(label, "ok", r if not hasattr(r, "__next__") else type(r).__name__)
    except Exception as e:
        print(label, type(e).__name__, e)

# count
c = count()
print(repr(c), next(c), next(c), repr(c))
print(repr(count(5)), repr(count(5, 2)), repr(count(1.5)), repr(count(1, 1.0)), repr(count(step=3)))
show("count float", count(0.5, 0.25), 5)
c = count(2**63 - 3)
print([next(c) for _ in range(5)], repr(c))
show("count neg", count(10, -3), 4)
err("count str", count, "a")
err("count step str", count, 1, "b")
err("count kw", count, start=3, step=2)
print(repr(count(10**30, 10**20)))

# cycle
show("cycle", cycle("abc"), 8)
show("cycle empty", cycle([]))
err("cycle kw", cycle, iterable=[1])
err("cycle noargs", cycle)
err("cycle 2", cycle, 1, 2)
err("cycle int", cycle, 5)

# repeat
print(repr(repeat(3)), repr(repeat("a", 3)), repr(repeat(1, -5)), repr(repeat(None, times=2)))
show("repeat", repeat(7, 3))
show("repeat inf", repeat(7), 4)
print(repeat(1, 4).__length_hint__(), repeat(1, -1).__length_hint__())
err("repeat lh", repeat(1).__length_hint__)
err("repeat times str", repeat, 1, "x")
r = repeat(2, 3); next(r); print(repr(r), r.__length_hint__())
class operator:
    mul = staticmethod(lambda a, b: a * b)
    sub = staticmethod(lambda a, b: a - b)
    add = staticmethod(lambda a, b: a + b)
print(list(map(pow, range(5), repeat(2))))

# accumulate
show("acc", accumulate([1, 2, 3, 4]))
show("acc mul", accumulate([1, 2, 3, 4], operator.mul))
show("acc init", accumulate([1, 2, 3], initial=100))
show("acc init empty", accumulate([], initial=100))
show("acc empty", accumulate([]))
show("acc max", accumulate([3, 1, 4, 1, 5, 9, 2], max))
show("acc str", accumulate("abc"))
show("acc func kw", accumulate([1, 2, 3], func=operator.sub))
err("acc bad", accumulate, [1], None, None)
show("acc typeerr", accumulate([1, "a"]))

# chain
show("chain", chain("ab", [1, 2], (), range(3)))
show("chain from", chain.from_iterable(["ab", "cd"]))
show("chain bad", chain([1], 5))
show("chain from bad", chain.from_iterable([[1], 5, [2]]))
err("chain kw", chain, x=1)
print(chain[int])
show("chain empty", chain())

# compress
show("compress", compress("ABCDEF", [1, 0, 1, 0, 1, 1]))
show("compress short", compress("ABCDEF", [1, 1]))
show("compress kw", compress(data="ab", selectors=[0, 1]))
err("compress args", compress, "a")

# dropwhile / takewhile / filterfalse / starmap
show("dropwhile", dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1]))
show("takewhile", takewhile(lambda x: x < 5, [1, 4, 6, 4, 1]))
show("filterfalse", filterfalse(lambda x: x % 2, range(10)))
show("filterfalse None", filterfalse(None, [0, 1, "", "a", None, [], [0]]))
show("filterfalse bool", filterfalse(bool, [0, 1]))
show("starmap", starmap(pow, [(2, 5), (3, 2), (10, 3)]))
show("starmap lists", starmap(operator.add, [[1, 2], "ab"]))
show("starmap bad", starmap(pow, [5]))
err("dropwhile kw", dropwhile, predicate=None, iterable=[])
err("takewhile 1", takewhile, None)
err("starmap 3", starmap, 1, 2, 3)
err("filterfalse 0", filterfalse)
t = takewhile(lambda x: x < 2, [1, 2, 1])
print(list(t), list(t))

# groupby
for k, g in groupby("AAAABBBCCDAABBB"):
    print(k, list(g))
print([k for k, g in groupby("AAAABBBCCD")])
for k, g in groupby([1, 2, 3, 4, 5, 6, 7], key=lambda x: x // 3):
    print(k, list(g))
gb = groupby("aabbc")
k1, g1 = next(gb)
k2, g2 = next(gb)
print(k1, list(g1), k2, list(g2))
print(type(g1).__name__, repr(type(g1)))
show("groupby empty", groupby([]))
def badkey(x):
    if x == 3:
        raise ValueError("bad key")
    return x
show("groupby key err", ((k, list(g)) for k, g in groupby([1, 1, 2, 3], badkey)))

# islice
show("islice 1", islice("ABCDEFG", 2))
show("islice 2", islice("ABCDEFG", 2, 4))
show("islice 3", islice("ABCDEFG", 2, None))
show("islice 4", islice("ABCDEFG", 0, None, 2))
show("islice none", islice(range(10), None))
show("islice big", islice(range(10), 3, 100, 3))
show("islice step none", islice(range(10), 1, 8, None))
for a in [(-1,), (1, -1), (-1, 5), (1, 2, 0), (1, 2, -1), ("a",), (1, "a"), (None, None, "x"), (1.5,)]:
    err("islice%r" % (a,), islice, range(5), *a)
err("islice kw", islice, range(3), stop=2)
err("islice 1arg", islice, range(3))
err("islice 5", islice, range(3), 1, 2, 3, 4)
it = iter(range(10))
print(list(islice(it, 3)), next(it))

# pairwise
show("pairwise", pairwise("ABCDE"))
show("pairwise 1", pairwise("A"))
show("pairwise 0", pairwise(""))
err("pairwise kw", pairwise, iterable="ab")
err("pairwise 0args", pairwise)

# zip_longest
show("zl", zip_longest("ABCD", "xy", fillvalue="-"))
show("zl none", zip_longest("AB", range(3)))
show("zl empty", zip_longest())
show("zl one", zip_longest("ab"))
err("zl kw", zip_longest, "a", foo=1)
err("zl kw2", zip_longest, "a", fillvalue=1, foo=2)
err("zl noniter", zip_longest, "a", 5)

# tee
a, b = tee(range(5))
print(next(a), next(a), list(b), list(a))
print(type(a).__name__, tee(range(3), 0), len(tee("abc", 5)))
x, y, z = tee("abcdef", 3)
print(list(islice(x, 2)), list(y), list(z), list(x))
a, b = tee(iter(range(200)))
print(sum(a), sum(b))
c, d = tee(a)
print(list(c), list(d))
a, b = tee([1, 2, 3])
c = a.__copy__()
next(a)
print(list(a), list(b), list(c))
a, = tee([4, 5], 1)
a2, a3 = tee(a)
print(a2 is a, list(a3))
err("tee neg", tee, [], -1)
err("tee str", tee, [], "2")
err("tee 0", tee)
err("tee int", tee, 5)
print(list(itertools._tee([1, 2])))
print(sorted(n for n in dir(itertools) if not n.startswith("__")))
