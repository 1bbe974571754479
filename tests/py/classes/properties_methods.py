# property (getter/setter/deleter/doc), classmethod, staticmethod, and their errors
class Temp:
    def __init__(self): self._c = 0
    @property
    def celsius(self):
        """Temperature in C."""
        return self._c
    @celsius.setter
    def celsius(self, v):
        if v < -273.15: raise ValueError('too cold')
        self._c = v
    @celsius.deleter
    def celsius(self):
        print('deleting'); self._c = None
    fahrenheit = property(lambda self: self._c * 9 / 5 + 32, doc='F view')
t = Temp(); t.celsius = 100; print(t.celsius, t.fahrenheit, Temp.celsius.__doc__, Temp.fahrenheit.__doc__)
try:
    t.celsius = -300
except ValueError as e:
    print('ValueError', e)
try:
    t.fahrenheit = 5
except AttributeError as e:
    print('AttributeError', e)
try:
    del t.fahrenheit
except AttributeError as e:
    print('AttributeError', e)
del t.celsius; print(t.celsius)
class NoGet:
    x = property(None, lambda s, v: None)
try:
    NoGet().x
except AttributeError as e:
    print('AttributeError', e)
p = property(lambda s: 1)
print(p.fget is not None, p.fset, p.fdel, isinstance(p, property))
class Base:
    count = 0
    @classmethod
    def make(cls, *a): cls.count += 1; return cls.__name__, a
    @staticmethod
    def util(x, y=2): return x * y
class Sub(Base): pass
print(Base.make(1), Sub.make(), Sub().make(3), Base.count, Sub.count)
print(Base.util(3), Sub().util(4, 5), type(Base.__dict__['make']).__name__, type(Base.__dict__['util']).__name__)
print(Base.__dict__['util'].__func__(6), Base.__dict__['make'].__func__.__name__, callable(Base.__dict__['util']))
class Chain:
    @classmethod
    @property
    def name(cls): return 'cls-' + cls.__name__
print(Chain.name)
try:
    classmethod(1)(2)
except TypeError as e:
    print('TypeError', e)
class Inherit(Temp):
    @Temp.celsius.getter
    def celsius(self): return 'override ' + str(self._c)
i = Inherit(); i.celsius = 5; print(i.celsius)
print(property.__doc__ is not None, staticmethod(len)('abc'), classmethod(lambda c: c).__func__(int))
class Slot:
    __slots__ = ('a',)
    @property
    def b(self): return self.a * 2
s = Slot(); s.a = 4; print(s.b)
