# type.__bases__ assignment: MRO of the class and its subclasses recomputed,
# subclass lists moved, and CPython's checks and messages.
class A: pass
class B:
    def hi(self): return 'B'
class C(A): pass
class D(C): pass
C.__bases__ = (B,)
print(C.__mro__, D.__mro__, D().hi(), B.__subclasses__(), A.__subclasses__())
for v in [(), 1, (1,), (D,)]:
    try: C.__bases__ = v
    except TypeError as e: print(e)
try: int.__bases__ = (object,)
except TypeError as e: print(e)
try: del C.__bases__
except TypeError as e: print(e)
class E(int): pass
try: C.__bases__ = (E,)
except TypeError as e: print(e)
class Meta(type):
    def mro(cls):
        return (cls,) + tuple(c for c in super().mro() if c is not cls)
class F(A, metaclass=Meta): pass
F.__bases__ = (B,)
print(F.__mro__)
import tomllib
print(tomllib.loads('a = 1\n[t]\nb = "x"'))
