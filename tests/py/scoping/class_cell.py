# __class__ cell, zero-argument super, and class body scope rules
class A:
    def who(self): return 'A'
    def cls(self): return __class__.__name__
class B(A):
    def who(self): return 'B>' + super().who()
    def cls(self): return __class__.__name__ + '/' + super().cls()
    @classmethod
    def cm(cls): return super().__name__ if False else cls.__name__
    @staticmethod
    def sm(): return __class__.__name__
print(B().who(), B().cls(), B.cm(), B.sm())
class C(B):
    def who(self):
        f = lambda: super(C, self).who()
        return 'C>' + f()
    def gen(self):
        yield super().who()
print(C().who(), list(C().gen()))
def nosuper():
    try:
        super()
    except RuntimeError as e:
        print('RuntimeError', e)
nosuper()
class D:
    def m(self):
        del self
        try:
            return super().m
        except RuntimeError as e:
            return str(e)
print(D().m())
class E:
    a = 1
    b = [a * i for i in range(3)] if False else None
    try:
        c = [a * i for i in range(3)]
    except NameError as e:
        c = 'NameError: ' + str(e)
    d = [i for i in range(a, 4)]
print(E.c, E.d)
class F:
    def __init_subclass__(cls, **kw):
        cls.tag = kw.get('tag', '?')
        super().__init_subclass__()
class G(F, tag='g'): pass
print(G.tag)
class H:
    def get(self): return __class__
print(H().get() is H)
class M(type):
    def __new__(mcls, name, bases, ns):
        print('has __classcell__', '__classcell__' in ns)
        return super().__new__(mcls, name, bases, ns)
class K(metaclass=M):
    def f(self): return __class__
print(K().f() is K)
class L(metaclass=M):
    pass
