class Typed:
    def __set_name__(self, owner, name):
        self.name = "_" + name
        print("set_name", owner.__name__, name)
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name, "unset")
    def __set__(self, obj, value):
        if not isinstance(value, int):
            raise TypeError(f"{self.name[1:]} must be int, got {type(value).__name__}")
        setattr(obj, self.name, value)
    def __delete__(self, obj):
        print("delete", self.name)
        delattr(obj, self.name)

class P:
    x = Typed()
    y = Typed()
    __slots__ = ("_x", "_y", "__dict__")

p = P()
print(p.x); p.x = 3; print(p.x)
try:
    p.y = "no"
except TypeError as e:
    print(e)
del p.x
print(p.x, P.x.__class__.__name__)

class Lazy:
    def __init__(self, f): self.f = f
    def __get__(self, obj, t=None):
        if obj is None: return self
        v = self.f(obj); obj.__dict__[self.f.__name__] = v; return v
class C:
    @Lazy
    def val(self):
        print("computing"); return 42
c = C(); print(c.val, c.val, vars(c))

class Meta(type):
    def __getattr__(cls, name):
        return f"meta-{name}"
    def __call__(cls, *a, **k):
        print("Meta.__call__", a, k)
        return super().__call__(*a, **k)
    def __instancecheck__(cls, inst):
        return inst == "magic"
    def __len__(cls):
        return 7
class M(metaclass=Meta):
    def __init__(self, a, b=2): self.s = a + b
print(M.anything, M(1, b=5).s, isinstance("magic", M), isinstance(3, M), len(M))

class GA:
    def __getattribute__(self, name):
        if name == "secret": raise AttributeError("hidden")
        return object.__getattribute__(self, name)
    def __getattr__(self, name):
        return f"fallback:{name}"
g = GA(); g.secret2 = 1
print(g.secret, g.secret2, g.zzz)

class SA:
    def __setattr__(self, k, v):
        print("setattr", k, v); super().__setattr__(k, v.upper() if isinstance(v, str) else v)
    def __delattr__(self, k):
        print("delattr", k); super().__delattr__(k)
s = SA(); s.a = "hi"; s.b = 2; print(s.a, s.b); del s.a
try:
    del s.a
except AttributeError as e:
    print("AttributeError", e)

class Base:
    def __init_subclass__(cls, /, tag=None, **kw):
        super().__init_subclass__(**kw)
        cls.tag = tag
        print("init_subclass", cls.__name__, tag)
class D1(Base, tag="one"): pass
class D2(D1): pass
print(D1.tag, D2.tag)
class CG:
    def __class_getitem__(cls, item):
        return f"{cls.__name__}[{item!r}]"
print(CG[int], CG[1, 2])

class Prop:
    def __init__(self): self._v = 0
    @property
    def v(self):
        "the v"
        return self._v
    @v.setter
    def v(self, val): self._v = val * 2
    @v.deleter
    def v(self): print("deleting v")
pr = Prop(); pr.v = 5; print(pr.v, Prop.v.__doc__); del pr.v
class RO:
    @property
    def r(self): return 1
try:
    RO().r = 2
except AttributeError as e:
    print("AttributeError", e)
try:
    del RO().r
except AttributeError as e:
    print("AttributeError", e)

class SM:
    @staticmethod
    def s(x): return x * 2
    @classmethod
    def c(cls, x): return (cls.__name__, x)
class SM2(SM): pass
print(SM.s(2), SM().s(3), SM2.c(1), SM2().c(2), SM.__dict__['s'].__func__(5))
print(type(SM.__dict__['c']).__name__, SM.__dict__['c'].__wrapped__.__name__)
class Cmp:
    def __init__(self, v): self.v = v
    def __eq__(self, o): print("eq", self.v); return NotImplemented
    def __lt__(self, o): return self.v < o.v
    def __gt__(self, o): return self.v > o.v
print(Cmp(1) == Cmp(2), Cmp(1) != Cmp(1), Cmp(1) < Cmp(2), Cmp(3) > Cmp(2))
try:
    Cmp(1) <= Cmp(2)
except TypeError as e:
    print("TypeError", e)
print(sorted([Cmp(3), Cmp(1), Cmp(2)], key=lambda c: c.v)[0].v, max(Cmp(3), Cmp(9)).v)
class H:
    def __eq__(self, o): return True
print(H.__hash__, H() == 3)
try:
    hash(H())
except TypeError as e:
    print("TypeError", e)
