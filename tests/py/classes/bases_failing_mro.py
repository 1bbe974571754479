# __bases__ assignment whose subclass's metaclass mro() raises: the error propagates
# intact through the slot restoring, and the old bases stay.
class WorkOnce(type):
    def __new__(self, name, bases, ns):
        self.flag = 0
        return super().__new__(WorkOnce, name, bases, ns)
    def mro(self):
        if self.flag > 0:
            raise RuntimeError("bozo")
        self.flag += 1
        return type.mro(self)
class WorkAlways(type):
    def mro(self):
        return type.mro(self)
class C(object): pass
class C2(object): pass
class D(C): pass
class E(D): pass
class F(D, metaclass=WorkOnce): pass
class G(D, metaclass=WorkAlways): pass
try:
    D.__bases__ = (C2,)
except RuntimeError as e:
    print("RuntimeError:", e)
print([k.__name__ for k in D.__bases__], [k.__name__ for k in G.__mro__])
