# __slots__ semantics, descriptors (data vs non-data precedence), property, classmethod/staticmethod.
class S:
    __slots__ = ("a", "b")
s = S()
s.a = 1
try:
    s.c = 3
except AttributeError as e:
    print("AttributeError:", e)
try:
    s.b
except AttributeError as e:
    print("AttributeError:", e)
del s.a
try:
    del s.a
except AttributeError as e:
    print("AttributeError:", e)
print(type(S.a).__name__, S.a.__name__, S.__dict__.get("__dict__"))

class SD(S):
    pass
sd = SD()
sd.z = 5
print(sd.__dict__)
class SW:
    __slots__ = ("__dict__", "x")
w = SW()
w.x = 1
w.y = 2
print(w.__dict__)
for bad in [("a", "a"), ("__dict__", "__dict__"), (1,)]:
    try:
        type("B", (), {"__slots__": bad})
    except TypeError as e:
        print("TypeError:", e)
try:
    class Conflict:
        __slots__ = ("v",)
        v = 1
except ValueError as e:
    print("ValueError:", e)
try:
    class IntSlots(int):
        __slots__ = ("q",)
except TypeError as e:
    print("TypeError:", e)
class Mangled:
    __slots__ = ("__p",)
    def __init__(self):
        self.__p = 9
print(Mangled()._Mangled__p)

class NonData:
    def __get__(self, obj, typ=None):
        return "nondata"
class Data:
    def __get__(self, obj, typ=None):
        return "data"
    def __set__(self, obj, v):
        print("Data.__set__", v)
class H:
    nd = NonData()
    d = Data()
h = H()
h.__dict__["nd"] = "instance wins"
h.__dict__["d"] = "instance loses"
print(h.nd, h.d, H.nd, H.d)
h.d = 5

class Prop:
    def __init__(self):
        self._x = 0
    @property
    def x(self):
        "x doc"
        return self._x
    @x.setter
    def x(self, v):
        self._x = v
    @x.deleter
    def x(self):
        print("deleting")
    ro = property(lambda self: 42)
p = Prop()
p.x = 10
print(p.x, Prop.x.__doc__, p.ro)
del p.x
try:
    p.ro = 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    del p.ro
except AttributeError as e:
    print("AttributeError:", e)
print(property().fget, property(doc="d").__doc__)
try:
    property()(1)
except TypeError as e:
    print("TypeError:", e)
try:
    property().__get__(p)
except AttributeError as e:
    print("AttributeError:", e)

class K:
    @classmethod
    def c(cls, a):
        return cls.__name__, a
    @staticmethod
    def s(a):
        return a * 2
    @classmethod
    @property
    def cp(cls):
        return "class prop " + cls.__name__
print(K.c(1), K().c(2), K.s(3), K().s(4), K.cp)
print(K.__dict__["c"].__func__.__name__, K.__dict__["s"].__wrapped__.__name__, isinstance(K.__dict__["s"], staticmethod))
print(staticmethod(len)("abc"), callable(staticmethod(len)), classmethod(len).__isabstractmethod__)
class GA:
    def __getattr__(self, name):
        return f"fallback {name}"
    def __getattribute__(self, name):
        if name == "boom":
            raise AttributeError("from getattribute")
        return object.__getattribute__(self, name)
g = GA()
print(g.anything, g.boom)
class SA:
    def __setattr__(self, name, value):
        print("setattr", name, value)
        object.__setattr__(self, name, value)
    def __delattr__(self, name):
        print("delattr", name)
        object.__delattr__(self, name)
sa = SA()
sa.q = 1
del sa.q
try:
    object.__setattr__(5, "x", 1)
except AttributeError as e:
    print("AttributeError:", e)
try:
    object().x = 1
except AttributeError as e:
    print("AttributeError:", e)
