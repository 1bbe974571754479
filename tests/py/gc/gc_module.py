# The gc module's API: settings, introspection, callbacks, DEBUG_SAVEALL.
import gc

print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
gc.disable()

print(gc.get_threshold())
gc.set_threshold(500)
print(gc.get_threshold())
gc.set_threshold(700, 5, 7)
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)
print(type(gc.get_count()), len(gc.get_count()))

print(gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)
print(gc.get_debug())

for bad in (3, -1, 10):
    try:
        gc.collect(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    gc.collect("x")
except TypeError as e:
    print("TypeError:", e)
print(gc.collect(0) >= 0, gc.collect(1) >= 0, gc.collect(generation=2) >= 0)

for bad in (3, -2):
    try:
        gc.get_objects(bad)
    except ValueError as e:
        print("ValueError:", e)

# Tracking.
print(gc.is_tracked(1), gc.is_tracked("s"), gc.is_tracked([]), gc.is_tracked(None))


class C:
    pass


print(gc.is_tracked(C()), gc.is_tracked(C))
print(gc.is_finalized(C()), gc.is_finalized(3))

# Referents and referrers.
x = [1, "two"]
y = [x]
print(gc.get_referents(y) == [x], sorted(map(repr, gc.get_referents(x))))
print(any(r is y for r in gc.get_referrers(x)))
print(gc.get_referents(1, "a"))

l = []
objs = gc.get_objects()
print(any(o is l for o in objs), any(o is objs for o in objs))

# Stats.
st = gc.get_stats()
print(len(st), sorted(st[0]))

# Callbacks.
events = []


def cb(phase, info):
    events.append((phase, sorted(info)))


gc.callbacks.append(cb)
gc.collect(1)
gc.callbacks.remove(cb)
print(events)


def cb2(phase, info):
    if phase == "stop":
        print("stop gen", info["generation"], "collected", info["collected"], "uncollectable", info["uncollectable"])


gc.callbacks.append(cb2)
z = []
z.append(z)
del z
gc.collect()
gc.callbacks.clear()

# DEBUG_SAVEALL keeps the garbage in gc.garbage instead of freeing it.
gc.set_debug(gc.DEBUG_SAVEALL)
g = []
g.append(g)
del g
print(gc.collect())
print(len(gc.garbage), type(gc.garbage[0]), gc.garbage[0][0] is gc.garbage[0])
gc.set_debug(0)
gc.garbage[0].clear()
gc.garbage.clear()
print(gc.get_debug())

# Freezing.
gc.freeze()
print(gc.get_freeze_count() > 0)
gc.unfreeze()
print(gc.get_freeze_count())
print("end")
