# classmethod over a bound method, metaclass mro lookup, CellType(), __code__ free-var check,
# builtins inherited by FunctionType without __builtins__, dict.setdefault compares once.
import abc, types

class A:
    def foo(self, cls):
        return ('spam', cls.__name__)
class B:
    bar = classmethod(A().foo)
print(B.bar(), hasattr(types.MethodType, '__get__'))

class ABase(metaclass=abc.ABCMeta):
    @abc.abstractmethod
    def x(self): pass
class meta(type, ABase):
    def x(self): return 1
class C(metaclass=meta): pass
print(C.x(), type(C).__name__)

c = types.CellType(5); print(c.cell_contents)
e = types.CellType()
try: e.cell_contents
except ValueError as ex: print(ex)
try: types.CellType(1, 2)
except TypeError as ex: print(ex)

def outer():
    y = 1
    def inner(): return y
    return inner
def plain(): return 2
f = outer()
try:
    f.__code__ = plain.__code__
except ValueError as ex:
    print(ex)

ns = {'type': type, '__builtins__': {'None': None}}
exec("def f3(): pass\nf4 = type(f3)(f3.__code__, {})", ns)
print(ns['f4'].__builtins__)

class Hashed:
    def __init__(self): self.h = 0; self.e = 0
    def __hash__(self): self.h += 1; return 42
    def __eq__(self, other): self.e += 1; return self is other
h1 = Hashed(); d = {h1: 5}; h2 = Hashed(); d.setdefault(h2, [])
print(h1.h, h2.h, h1.e + h2.e, len(d))
