# Untracking of atomic tuples (during collections) and dicts (from creation
# and in full collections), as CPython does.
import gc
t = (1, 2, "a")
print(gc.is_tracked(t))
gc.collect()
print(gc.is_tracked(t))
t2 = (1, [])
gc.collect()
print(gc.is_tracked(t2))
t3 = ((1, 2), (3,))
gc.collect()
print(gc.is_tracked(t3), gc.is_tracked(t3[0]))
d = {}
print(gc.is_tracked(d))
d["a"] = 1
print(gc.is_tracked(d))
d["b"] = []
print(gc.is_tracked(d))
e = {"x": 1}
gc.collect()
print(gc.is_tracked(e))
f = {"y": (1, 2)}
gc.collect()
print(gc.is_tracked(f))
class C: pass
print(gc.is_tracked(C().__dict__))
print(gc.is_tracked(set()), gc.is_tracked(frozenset()), gc.is_tracked(lambda: 0))
