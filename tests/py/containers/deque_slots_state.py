# deque.__reduce__ takes its state from __getstate__: __slots__ values of subclasses survive
# copy and pickle.
import copy
import pickle
from collections import deque


class DequeWithSlots(deque):
    __slots__ = ("x", "y", "__dict__")


class Plain(deque):
    pass


for cls in (deque, Plain, DequeWithSlots):
    for d in (cls("abc"), cls("abcde", maxlen=4)):
        if cls is not deque:
            d.x = ["x"]
            d.z = 2
        print(type(d).__name__, d.__reduce__()[:3])
        for e in (copy.copy(d), copy.deepcopy(d), pickle.loads(pickle.dumps(d, 4))):
            print(" ", e, getattr(e, "x", None), getattr(e, "z", None), e.maxlen)
