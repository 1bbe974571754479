# Metaclass mro() overrides: reversed MRO (the class last), foreign classes, bad results.
class A(object):
    def f(self): return "A"
class B(A):
    pass
class C(A):
    def f(self): return "C"
class D(B, C):
    pass
print(D().f())

class PerverseMetaType(type):
    def mro(cls):
        L = type.mro(cls)
        L.reverse()
        return L
class X(D, B, C, A, metaclass=PerverseMetaType):
    pass
print([k.__name__ for k in X.__mro__])
print(X().f())

def attempt(mro_result):
    class Meta(type):
        def mro(self):
            return mro_result(self)
    try:
        class Y(object, metaclass=Meta):
            pass
        print("created", [k.__name__ for k in Y.__mro__])
        return Y
    except TypeError as e:
        print("TypeError:", e)

attempt(lambda self: [self, dict, object])
attempt(lambda self: [1])
attempt(lambda self: 1)

# A class in the MRO that is not a base.
class Unrelated:
    def g(self): return "unrelated"
Y = attempt(lambda self: [self, Unrelated, object])
print(Y().g())
