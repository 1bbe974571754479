# Reference cycles with __del__ (PEP 442): freed by gc.collect(), finalizers
# run once, in the collector's order.
import gc

gc.disable()
gc.collect()


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None

    def __del__(self):
        print("del", self.name)


# A two-object cycle.
a = Node("a")
b = Node("b")
a.other = b
b.other = a
del a, b
print("collected:", gc.collect() >= 2)
print("again:", gc.collect())

# A self-cycle.
s = Node("self")
s.other = s
del s
print("collected:", gc.collect() >= 1)

# A ring of five.
ring = [Node("r%d" % i) for i in range(5)]
for i in range(5):
    ring[i].other = ring[(i + 1) % 5]
del ring
print("ring collected:", gc.collect() >= 5)

# Plain objects without finalizers (instance dicts may or may not be
# separate objects, so only a lower bound is printed).
class Plain:
    pass

p = Plain()
q = Plain()
p.q = q
q.p = p
del p, q
print("plain collected:", gc.collect() >= 2)

# A list containing itself.
l = []
l.append(l)
del l
print("list collected:", gc.collect())

d = {}
d["d"] = d
del d
print("dict collected:", gc.collect())

t = ([],)
t[0].append(t)
del t
print("tuple+list collected:", gc.collect())

# Resurrection: __del__ stores self in a global; the finalizer runs once.
saved = []


class Phoenix:
    def __init__(self):
        self.me = self

    def __del__(self):
        print("phoenix __del__")
        saved.append(self)


Phoenix()
gc.collect()
print("saved:", len(saved), gc.is_finalized(saved[0]))
saved[0].me = None
saved.clear()
print("after clear (no second __del__)")
gc.collect()

# Cyclic garbage reachable from a finalizer-carrying object.
class Holder:
    def __init__(self):
        self.cycle = [self]

    def __del__(self):
        print("holder del, cycle len", len(self.cycle))


Holder()
print("holder collected:", gc.collect() >= 2)
print("end")
