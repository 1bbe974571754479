# Weak references to cyclic garbage: cleared before anything is torn down;
# callbacks run only when the weakref itself survives the collection.
import gc
import weakref

gc.disable()
gc.collect()


class C:
    pass


def report(name):
    def cb(wr):
        print("callback", name, wr() is None)
    return cb


# A reachable weakref with a callback to a dead cycle: the callback runs.
a = C()
a.self = a
wr = weakref.ref(a, report("a"))
del a
print("before collect:", wr() is not None)
gc.collect()
print("after collect:", wr() is None)

# The weakref is part of the garbage: no callback.
b = C()
b.self = b
b.wr = weakref.ref(b, report("b"))
del b
gc.collect()
print("b: no callback printed above")

# No callback: simply cleared.
c = C()
c.self = c
wrc = weakref.ref(c)
del c
gc.collect()
print("c cleared:", wrc() is None)

# Several weakrefs with callbacks: called in reverse order of creation? (as
# CPython: the list's order).
d = C()
d.self = d
w1 = weakref.ref(d, report("d1"))
w2 = weakref.ref(d, report("d2"))
del d
gc.collect()


# The finalizer of a cycle member sees the weakref already cleared.
class F:
    def __del__(self):
        print("F.__del__, weakref dead:", wrf() is None)


f = F()
f.self = f
wrf = weakref.ref(f, report("f"))
del f
gc.collect()

# A callback that drops the last reference to its own weakref.
holder = {}
e = C()
e.self = e
holder["w"] = weakref.ref(e, lambda w: holder.pop("w") and print("popped"))
del e
gc.collect()
print("holder:", holder)
print("end")
