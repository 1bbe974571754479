# __bases__ assigned again from inside a metaclass mro() (reentrance), inheritance
# cycles through tp_base, and an mro() that leaves the class out of its own MRO.
state = {"step": 0, "ready": False}

def step_until(limit):
    if state["step"] < limit:
        state["step"] += 1
        return True
    return False

class M(type):
    def mro(cls):
        if cls.__mro__ is not None and cls.__name__ == 'B':
            if step_until(10):
                A.__bases__ += ()
        return type.mro(cls)
class A(metaclass=M):
    pass
class B(A):
    pass
B.__bases__ += ()
print("reentrant on base:", [k.__name__ for k in B.__mro__])

state["step"] = 0
class M2(type):
    def mro(cls):
        base = cls.__bases__[0]
        if base is not object and step_until(5):
            base.__bases__ += ()
        return type.mro(cls)
class A2(metaclass=M2): pass
class B2(A2): pass
class C2(B2): pass
print("reentrant on direct base:", [k.__name__ for k in C2.__mro__])

class M3(type):
    def mro(cls):
        if state["ready"]:
            if cls.__name__ == 'P1':
                P2.__bases__ = (P1,)
            if cls.__name__ == 'P2':
                P1.__bases__ = (P2,)
        return type.mro(cls)
class Q(metaclass=M3): pass
class P1(Q): pass
class P2(Q): pass
state["ready"] = True
try:
    P1.__bases__ += ()
except TypeError as e:
    print("cycle:", e)
state["ready"] = False

class M4(type):
    def mro(cls):
        if state["ready"] and cls.__name__ == 'C':
            state["ready"] = False
            C.__bases__ = (B2_,)
        return type.mro(cls)
class A_(metaclass=M4): pass
class B1_(A_): pass
class B2_(A_): pass
class C(A_): pass
state["ready"] = True
C.__bases__ = (B1_,)
B1_.__bases__ = (C,)
print([k.__name__ for k in C.__bases__], B2_.__subclasses__() == [C], B1_.__subclasses__())

class Base:
    pass
class Gone(type):
    def mro(cls):
        del Gone.mro
        return (Base,)
try:
    class X(metaclass=Gone):
        pass
except TypeError as e:
    print("left out of its MRO:", e)
