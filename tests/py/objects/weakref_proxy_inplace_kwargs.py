# In-place operators through a weakref.proxy return the referent's result; weakref.ref refuses
# keyword arguments in __init__ (subclasses may take their own).
import weakref


class C:
    def __truediv__(self, o): return 42
    def __rtruediv__(self, o): return 21
    def __itruediv__(self, o): return 4
    def __matmul__(self, o): return 1729
    def __rmatmul__(self, o): return 561
    def __imatmul__(self, o): return 100
    def __iadd__(self, o): return "added"


o = C()
p = weakref.proxy(o)
print(p / 5, 5 / p, p @ 5, 5 @ p)
p /= 5
print(p)
p2 = weakref.proxy(o)
p2 @= 5
print(p2)
p3 = weakref.proxy(o)
p3 += 1
print(p3)
try:
    weakref.ref(o, callback=None)
except TypeError as e:
    print("TypeError", e)


class R(weakref.ref):
    def __init__(self, ob, callback=None, **kw):
        super().__init__(ob, callback)
        self.kw = kw


r = R(o, None, extra=1)
print(type(r).__name__, r.kw, r() is o)
