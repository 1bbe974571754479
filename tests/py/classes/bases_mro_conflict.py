# A failed __bases__ assignment (MRO conflict in a subclass) keeps its TypeError
# while the old MROs and slots are restored; everything works afterwards.
def f():
    class A(object):
        def who(self): return "A"
    class B(object):
        def who(self): return "B"
    class C(A, B):
        pass
    class D(A, B):
        pass
    class E(C, D):
        pass
    try:
        C.__bases__ = (B, A)
    except TypeError as e:
        print("TypeError:", e)
    else:
        print("no error")
    print([k.__name__ for k in C.__mro__], [k.__name__ for k in E.__mro__])
    print(C().who(), E().who())
    raise KeyError("after")

try:
    f()
except KeyError as e:
    print(type(e).__name__, e)
