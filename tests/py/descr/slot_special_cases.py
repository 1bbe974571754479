# __get__ as a built-in function gets self explicitly; __classcell__/__qualname__ in __slots__.
import types


class Descr:
    __get__ = print  # built-in: not bound, called as __get__(self, obj, type)

    def __repr__(self):
        return "<Descr>"


class X:
    d = Descr()

    def __repr__(self):
        return "<X>"


X.d
X().d


class Meta(type):
    def __new__(cls, name, bases, ns, attr):
        print(attr in ns)
        return super().__new__(cls, name, bases, ns)


class C1:
    def __init__(self):
        self.b = 42


class C2(C1, metaclass=Meta, attr="__classcell__"):
    __slots__ = ["__classcell__"]

    def __init__(self):
        super().__init__()


print(isinstance(C2.__dict__["__classcell__"], types.MemberDescriptorType))
c = C2()
print(c.b, hasattr(c, "__classcell__"))
c.__classcell__ = 7
print(c.__classcell__)
try:
    class C3:
        __classcell__ = 42
        __slots__ = ["__classcell__"]
except TypeError as e:
    print("TypeError", e)


class Q1(metaclass=Meta, attr="__qualname__"):
    __slots__ = ["__qualname__"]


print(Q1.__qualname__, isinstance(Q1.__dict__["__qualname__"], types.MemberDescriptorType))
try:
    class Q2:
        __qualname__ = object()
        __slots__ = ["__qualname__"]
except TypeError as e:
    print("TypeError", e)
