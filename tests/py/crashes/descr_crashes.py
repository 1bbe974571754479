# Regression programs for crashes found by CPython's test_descr: each used to segfault Krait.
import copyreg

# A metaclass mro() that reverses the order (the type itself last).
class A(object):
    def f(self): return "A"
class B(A):
    pass
class C(A):
    def f(self): return "C"
class D(B, C):
    pass
class Perverse(type):
    def mro(cls):
        L = type.mro(cls)
        L.reverse()
        return L
class X(D, B, C, A, metaclass=Perverse):
    pass
print([k.__name__ for k in X.__mro__], X().f())

# __class__ assigned inside __del__: the new class's reference is the one to drop.
class O:
    pass
class WithDel:
    def __del__(self):
        self.__class__ = O
l = [WithDel() for _ in range(100)]
del l
print("class change in __del__ ok")

# Deeply nested instances and method wrappers are freed without C recursion.
class Trash:
    __slots__ = ["x"]
    def __init__(self, x):
        self.x = x
o = None
for i in range(100000):
    o = Trash(o)
del o
f = lambda: None
for i in range(300000):
    f = f.__call__
f = None
m = print
for i in range(100000):
    m = m.__call__
del m
print("deep chains ok")

# An inheritance cycle made through re-entrant __bases__ assignment in mro().
ready = False
class M(type):
    def mro(cls):
        if ready:
            if cls.__name__ == "B1":
                B2.__bases__ = (B1,)
            if cls.__name__ == "B2":
                B1.__bases__ = (B2,)
        return type.mro(cls)
class A2(metaclass=M):
    pass
class B1(A2):
    pass
class B2(A2):
    pass
ready = True
try:
    B1.__bases__ += ()
except TypeError as e:
    print("TypeError:", e)

# __bases__ replaced again by mro() while being assigned: subclass links stay consistent.
state = {"ready": False}
class M2(type):
    def mro(cls):
        if state["ready"] and cls.__name__ == "C3":
            state["ready"] = False
            C3.__bases__ = (Q2,)
        return type.mro(cls)
class A3(metaclass=M2):
    pass
class Q1(A3):
    pass
class Q2(A3):
    pass
class C3(A3):
    pass
state["ready"] = True
C3.__bases__ = (Q1,)
Q1.__bases__ = (C3,)
print([k.__name__ for k in C3.__bases__], [k.__name__ for k in Q2.__subclasses__()], Q1.__subclasses__(),
      [k.__name__ for k in Q1.__bases__])

# __slotnames__ items replaced by __getattr__ during __reduce_ex__.
class S(str):
    pass
class R:
    __slotnames__ = [S("spam")]
    def __getattr__(self, attr):
        if attr == "spam":
            R.__slotnames__[:] = [S("spam")]
            return 42
        raise AttributeError
print(R().__reduce_ex__(2) == (copyreg.__newobj__, (R,), (None, {"spam": 42}), None, None))
