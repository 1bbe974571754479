# __import__, open, breakpoint, aiter/anext and the builtin constants.
import builtins


def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)


print(__import__("sys").__name__)
print(__import__("sys", fromlist=["path"]).__name__)
t(__import__, 1)
t(__import__, "")
t(__import__, "sys", level=-1)
t(__import__, "sys", {}, {}, [], 0, 5)
t(__import__, "sys", foo=1)
t(__import__)
t(__import__, "no_such_module_xyz")
t(aiter, 1)
t(aiter)
t(aiter, 1, 2)
t(anext, 1)
t(anext)
t(anext, 1, 2, 3)
print(__debug__, Ellipsis, NotImplemented, ...)
print(type(open).__name__, open.__name__)
print(type(len).__name__, len.__module__, eval.__module__, compile.__self__ is builtins)
for n in ("memoryview", "bytearray", "frozenset", "complex", "property", "staticmethod", "classmethod",
          "super", "object", "type", "slice", "enumerate", "zip", "map", "filter", "reversed", "range"):
    print(n, getattr(builtins, n).__name__)
print(ExceptionGroup.__mro__[1].__name__, EnvironmentError is OSError, IOError is OSError)


class AIt:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        return self.n


def run(coro):
    try:
        coro.send(None)
    except StopIteration as e:
        return e.value
    raise AssertionError("coroutine suspended")


async def main():
    it = aiter(AIt(2))
    print(await anext(it))
    print(await anext(it, "dflt"))
    print(await anext(it, "dflt"))
    try:
        await anext(it)
    except StopAsyncIteration:
        print("StopAsyncIteration")
    return "done"


print(run(main()))
