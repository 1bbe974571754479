# property, staticmethod, classmethod, __slots__, class-level counters and __init_subclass__.
class Temperature:
    count = 0

    def __init__(self, celsius):
        self._c = celsius
        Temperature.count += 1

    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

    @fahrenheit.setter
    def fahrenheit(self, f):
        self._c = (f - 32) * 5 / 9

    @staticmethod
    def describe():
        return 'temperature'

    @classmethod
    def freezing(cls):
        return cls(0)


t = Temperature(100)
print(t.fahrenheit)
t.fahrenheit = 32
print(t._c, Temperature.describe(), Temperature.freezing().fahrenheit, Temperature.count)


class Slotted:
    __slots__ = ('a', 'b')

    def __init__(self):
        self.a = 1


s = Slotted()
print(s.a)
try:
    s.c = 3
except AttributeError as e:
    print(e)
try:
    print(s.b)
except AttributeError as e:
    print(e)


class Base:
    registry = []

    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        Base.registry.append(cls.__name__)


class A(Base):
    pass


class B(A):
    pass


print(Base.registry)
