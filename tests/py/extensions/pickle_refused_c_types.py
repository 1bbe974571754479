# Extension types with C state and no pickling support refuse pickle/copy (protocol >= 2 too),
# while pure-Python classes and numpy-free stdlib C types that support it still pickle.
import bz2
import collections
import copy
import datetime
import lzma
import pickle

for o in (bz2.BZ2Compressor(), bz2.BZ2Decompressor(), lzma.LZMACompressor(), lzma.LZMADecompressor()):
    for proto in (0, 2, 4):
        try:
            pickle.dumps(o, proto)
            print("pickled", proto)
        except TypeError as e:
            print("TypeError", e)
    try:
        copy.copy(o)
    except TypeError as e:
        print("copy TypeError", e)


class P:
    __slots__ = ("a",)

    def __init__(self):
        self.a = 1

    def __getstate__(self):
        return {"a": self.a}

    def __setstate__(self, st):
        self.a = st["a"]


class D(dict):
    pass


for o in (P(), D(x=1), collections.OrderedDict(a=1), datetime.date(2024, 1, 2), collections.deque([1])):
    r = pickle.loads(pickle.dumps(o, 4))
    print(type(r).__name__, getattr(r, "a", r))
