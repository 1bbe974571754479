# dict and set semantics: insertion order, views and their set operations, |/|=, mutation during iteration,
# set iteration order matching CPython's hash layout, frozenset hashing, and messages.
d = {"b": 1, "a": 2}
d["c"] = 3
del d["b"]
d["b"] = 4
print(d, list(d.keys()), list(d.values()), list(d.items()))
print(d | {"z": 0, "a": 9}, {"z": 0} | d)
d |= [("q", 7)]
print(d)
try:
    d | [("x", 1)]
except TypeError as e:
    print("TypeError:", e)
k = d.keys()
print(k & {"a", "zz"}, k | {"new"} == set(d) | {"new"}, k - {"a"}, k ^ {"a", "w"} == {"c", "b", "q", "w"}, "a" in k)
print(d.items() & {("a", 2)}, ("a", 2) in d.items(), reversed(d).__class__.__name__, list(reversed(d)))
print(d.keys().mapping == d if hasattr(d.keys(), "mapping") else None)
try:
    for key in d:
        d["new" + key] = 1
except RuntimeError as e:
    print("RuntimeError:", e)
d2 = dict.fromkeys("abc", 0)
try:
    for key in d2:
        del d2[key]
except RuntimeError as e:
    print("RuntimeError:", e)
print(dict(a=1, **{"b": 2}), dict([("x", 1)], y=2), dict(zip("ab", range(2))))
for bad in [[1], [(1, 2, 3)], 5]:
    try:
        dict(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(d2.setdefault("k", []), d2.pop("k"), d2.pop("missing", "dflt"), d2.get("x"), d2)
try:
    {}.pop("x")
except KeyError as e:
    print("KeyError", e)
try:
    {}.popitem()
except KeyError as e:
    print("KeyError", e)
dd = {1: "a", 2: "b"}
print(dd.popitem(), dd, {1: 1} == {1.0: 1}, {True: "t", 1: "one"})
try:
    {[]: 1}
except TypeError as e:
    print("TypeError:", e)
class Missing(dict):
    def __missing__(self, key):
        return key * 2
print(Missing()["ab"], Missing().get("ab"))

s = {5, 3, 1, 10, 100, 33, -1, 64, 2**40, "x" * 0}
print(s)
print({"apple"} | {1, 2}, set(range(20)) - {3, 5}, {i * 7 % 13 for i in range(13)})
print({1, 2} < {1, 2, 3}, {1, 2} <= {1, 2}, {1, 2}.isdisjoint([3]), {1}.issuperset(range(1)))
t = {1, 2, 3}
t &= {2, 3, 4}
t |= {9}
t ^= {3, 10}
t -= {9}
print(t, frozenset([1, 2]) | {3}, type(frozenset([1]) | {2}).__name__, type({2} | frozenset([1])).__name__)
print(hash(frozenset()) , hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
try:
    t.remove(99)
except KeyError as e:
    print("KeyError", e)
t.discard(99)
try:
    set().pop()
except KeyError as e:
    print("KeyError", e)
try:
    {[1]}
except TypeError as e:
    print("TypeError:", e)
print({frozenset([1]): "fs"}[frozenset([1])], {1} == frozenset([1]), set("hello"), sorted(set("hello")))
try:
    for x in t:
        t.add(x + 100)
except RuntimeError as e:
    print("RuntimeError:", e)
print(set([1.0, 1, True]), {0, False, 0.0}, {-1, -2, -3}, {2**63, 2**64, 2**65})
words = set("the quick brown fox jumps over the lazy dog".split())
print(len(words), sorted(words))
print(repr(set()), repr(frozenset()), repr({frozenset()}), str({1: {2: {3}}}))
r = {}
r["self"] = r
print(r, [r])
sr = set()
print(sr.union([1], (2,), "a") == {1, 2, "a"}, sr.intersection(), set.difference({1, 2}, [1], [2]))
