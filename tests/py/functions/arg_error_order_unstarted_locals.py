# A bad keyword is reported before too many positional arguments (CPython's order); the locals
# of a coroutine/generator that has not started include its free variables.
import inspect
import types

f = lambda: None
g = lambda a: None


def h(a, *, b):
    pass


def k(a, b=1):
    pass


for call in ("f(1, x=2)", "g(1, 2, x=3)", "h(1, 2, c=3)", "h(1, 2, b=3)", "k(1, 2, a=3)", "k(1, 2, 3)", "h(1, 2)"):
    try:
        eval(call)
    except TypeError as e:
        print(e)


@types.coroutine
def gencoro():
    yield


gc_ = gencoro()


async def func(a=None):
    b = "spam"
    await gc_

coro = func()
print(sorted(inspect.getcoroutinelocals(coro)))
coro.send(None)
print(sorted(inspect.getcoroutinelocals(coro)))
coro.close()


def outer():
    x = 1

    def gen():
        yield x
    return gen()


gen = outer()
print(gen.gi_frame.f_locals)
