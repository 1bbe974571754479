# set/frozenset/bytearray subclasses with __slots__ pickle and copy their slot values
# (__reduce__ uses __getstate__, which pairs the dict with the slots).
import collections, array, pickle, copy
for base in (set, frozenset, bytearray, collections.OrderedDict, collections.deque, collections.defaultdict, list, dict, array.array, collections.Counter):
    class S(base):
        __slots__ = ('x', 'y', '__dict__')
    args = ('b',) if base is array.array else ()
    s = S(*args)
    s.x = 1
    print(base.__name__, s.__reduce_ex__(2)[2:] if base not in (list, dict) else '', s.__reduce_ex__(4)[2:])
    s.z = 3
    for proto in range(5):
        try:
            d = pickle.loads(pickle.dumps(s, proto))
            print(proto, type(d).__name__, getattr(d, 'x', None), getattr(d, 'z', None))
        except Exception as e:
            print(proto, type(e).__name__, e)
    c = copy.copy(s)
    print(getattr(c, 'x', None), getattr(c, 'z', None))
