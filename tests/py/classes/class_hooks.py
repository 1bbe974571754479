# Class creation hooks: __prepare__, __init_subclass__, __set_name__, __class_getitem__, __mro_entries__,
# metaclass conflicts, super() forms, __class__ cell.
class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print("prepare", name, kw)
        d = {"injected": 1}
        return d
    def __new__(mcls, name, bases, ns, **kw):
        print("meta new", name, sorted(k for k in ns if not k.startswith("__")), kw)
        return super().__new__(mcls, name, bases, ns)
    def __init__(cls, name, bases, ns, **kw):
        print("meta init", name)
        super().__init__(name, bases, ns)
    def __call__(cls, *a, **k):
        print("meta call", cls.__name__, a)
        return super().__call__(*a, **k)

class A(metaclass=Meta, flag=True):
    x = 1
    def __init__(self, v):
        self.v = v
print(A(5).v, A.injected)

class Base:
    registry = []
    def __init_subclass__(cls, tag=None, **kw):
        super().__init_subclass__(**kw)
        cls.tag = tag
        Base.registry.append((cls.__name__, tag))
class C1(Base, tag="one"):
    pass
class C2(C1):
    pass
print(Base.registry, C2.tag)
try:
    class Bad(Base, unknown=1, tag=2):
        pass
except TypeError as e:
    print("TypeError:", e)

class Field:
    def __set_name__(self, owner, name):
        print("set_name", owner.__name__, name)
        self.name = "_" + name
    def __get__(self, obj, typ=None):
        if obj is None:
            return self
        return getattr(obj, self.name, "unset")
    def __set__(self, obj, value):
        setattr(obj, self.name, value * 2)
class Rec:
    a = Field()
    b = Field()
r = Rec()
r.a = 5
print(r.a, r.b, type(Rec.a).__name__)

class Boom:
    def __set_name__(self, owner, name):
        raise ValueError("no " + name)
try:
    class HasBoom:
        z = Boom()
except Exception as e:
    print(type(e).__name__, e, repr(e.__cause__) if e.__cause__ else "")

class Gen:
    def __class_getitem__(cls, item):
        return f"{cls.__name__}[{item!r}]"
print(Gen[int], Gen[1, 2], list[int], dict[str, list[int]], type(list[int]).__name__)

class Proxy:
    def __mro_entries__(self, bases):
        return (dict,)
class FromProxy(Proxy()):
    pass
print(FromProxy.__mro__, [type(b).__name__ for b in FromProxy.__orig_bases__])

class M1(type): pass
class M2(type): pass
class X1(metaclass=M1): pass
class X2(metaclass=M2): pass
try:
    class X3(X1, X2): pass
except TypeError as e:
    print("TypeError:", e)
try:
    class Dup(int, int): pass
except TypeError as e:
    print("TypeError:", e)
class O1: pass
class O2(O1): pass
try:
    class O3(O1, O2): pass
except TypeError as e:
    print("TypeError:", e)

class P:
    def who(self):
        return "P"
    @classmethod
    def cm(cls):
        return "P.cm " + cls.__name__
class Q(P):
    def who(self):
        return "Q>" + super().who()
    @classmethod
    def cm(cls):
        return "Q.cm>" + super().cm()
    def explicit(self):
        return super(Q, self).who(), super(P, self).__class__.__name__
    def cell(self):
        return __class__.__name__
print(Q().who(), Q.cm(), Q().explicit(), Q().cell())
def outside():
    return super().x
try:
    outside()
except RuntimeError as e:
    print("RuntimeError:", e)
class NoArgs:
    def m():
        return super().m()
try:
    NoArgs.m()
except RuntimeError as e:
    print("RuntimeError:", e)
print(repr(super(Q, Q())).startswith("<super: <class 'Q'>, <Q object"))
try:
    super(Q, 5)
except TypeError as e:
    print("TypeError:", e)
print(type("Dyn", (P,), {"y": 2})().who(), type(5), type("T", (), {}).__qualname__)
try:
    type("T", 5, {})
except TypeError as e:
    print("TypeError:", e)
try:
    type("a", "b")
except TypeError as e:
    print("TypeError:", e)
class WithDoc:
    "the doc"
    __slots__ = ("a",)
print(WithDoc.__doc__, WithDoc.__slots__, hasattr(WithDoc(), "__dict__"), WithDoc.__module__, WithDoc.__qualname__)
