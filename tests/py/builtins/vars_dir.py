# vars() and dir(), with and without arguments.


def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)


class C:
    cls_attr = 1

    def __init__(self):
        self.a = 1
        self.b = 2


c = C()
print(vars(c))
print(sorted(vars(C).keys())[:4])
t(vars, 1)
t(vars, 1, 2)
t(dir, 1, 2)
t(vars, x=1)


def f(p, q=2):
    r = 3
    print(dir())
    print(sorted(vars()))


f(1)
print([n for n in dir() if not n.startswith("__")])
print(vars() is globals())
print([n for n in dir(c) if not n.startswith("__")])


class D:
    def __dir__(self):
        return ["z", "a", "m"]


print(dir(D()))


class E:
    def __dir__(self):
        return 5


t(dir, E())


class NoDict:
    __slots__ = ("x",)


t(vars, NoDict())


class Body:
    inside = 1
    print(dir())
    print(sorted(vars()))
