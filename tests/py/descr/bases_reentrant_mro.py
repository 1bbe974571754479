# mro() re-assigns __bases__ and then fails: the outer assignment must not undo the inner one;
# a key whose __eq__ assigns __bases__ during a class attribute lookup.
class E(Exception):
    pass


ready = True


class M(type):
    def mro(cls):
        global ready
        if ready and cls.__name__ == "C":
            if C.__bases__ == (B2,):
                ready = False
            else:
                C.__bases__ = (B2,)
                raise E
        return type.mro(cls)


class A(metaclass=M):
    pass


class B1(A):
    pass


class B2(A):
    pass


class C(A):
    pass


try:
    C.__bases__ = (B1,)
except E:
    print("E raised")
print([k.__name__ for k in C.__bases__], [k.__name__ for k in C.__mro__])
print(sorted(k.__name__ for k in A.__subclasses__()), [k.__name__ for k in B2.__subclasses__()])


class MyKey:
    def __hash__(self):
        return hash("mykey")

    def __eq__(self, other):
        X.__bases__ = (Base2,)


class Base:
    mykey = "from Base"
    mykey2 = "from Base"


class Base2:
    mykey = "from Base2"
    mykey2 = "from Base2"


X = type("X", (Base,), {MyKey(): 5})
print(X.mykey, X.mykey2)
