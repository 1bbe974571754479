# '__classcell__' and '__qualname__' may be slot names: the class statement's own
# entries of those names are removed from the namespace before the slots are made.
import types


class Base:
    def __init__(self):
        self.b = 42


class C(Base):
    __slots__ = ["__classcell__"]

    def __init__(self):
        super().__init__()


print(isinstance(C.__dict__["__classcell__"], types.MemberDescriptorType))
c = C()
print(c.b, hasattr(c, "__classcell__"))
c.__classcell__ = 7
print(c.__classcell__)


class Q:
    __slots__ = ["__qualname__"]


q = Q()
q.__qualname__ = "q"
print(Q.__qualname__, q.__qualname__)

try:
    class Bad:
        __classcell__ = 42
        __slots__ = ["__classcell__"]
except TypeError as e:
    print("TypeError:", e)

try:
    class Bad2:
        x = 1
        __slots__ = ["x"]
except ValueError as e:
    print("ValueError:", e)
