# bytes() and `with` look their special methods up on the type (never through
# __getattribute__); a metaclass mixing in a class with __dict__ keeps the
# class's read-only __dict__; exception subclasses can't drop __dict__.
class Checker:
    def __getattribute__(self, attr):
        raise AssertionError("__getattribute__ called with " + attr)


class X(Checker):
    def __bytes__(self):
        return b"x"

    def __enter__(self):
        return 1

    def __exit__(self, *a):
        return False


print(bytes(X()))
with X() as v:
    print("entered", v)


class NoCM:
    pass

try:
    with NoCM():
        pass
except TypeError as e:
    print(e)


class Base:
    pass


class Meta1(type, Base):
    pass


class D(metaclass=Meta1):
    pass

try:
    Base.__dict__["__dict__"].__set__(D, {})
except (AttributeError, TypeError) as e:
    print(type(e).__name__, e)


class E2(Exception):
    pass

for obj in (E2(), ValueError()):
    try:
        del obj.__dict__
        print("deleted")
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)
