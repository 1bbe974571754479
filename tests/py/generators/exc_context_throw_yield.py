# __context__ of exceptions raised in / thrown into a generator that is
# handling one, and sys.exc_info() after its except block ends.
import sys

def gen():
    try:
        print("in gen", sys.exc_info()[0])
        yield
        raise TypeError()
    except TypeError as exc:
        print("ctx", type(exc.__context__), sys.exc_info()[0])
    print("after", sys.exc_info()[0])
    yield
    print("last", sys.exc_info()[0])
    yield "done"

g = gen()
next(g)
try:
    raise ValueError
except Exception:
    next(g)
print(next(g))

def f():
    try:
        raise KeyError('a')
    except Exception:
        yield

gen2 = f()
gen2.send(None)
try:
    gen2.throw(ValueError)
except ValueError as e:
    print("throw ctx", repr(e.__context__))

def f2():
    yield
def g2():
    try:
        raise KeyError('a')
    except Exception:
        yield from f2()
gg = g2(); gg.send(None)
try:
    gg.throw(ValueError)
except ValueError as e:
    print("yf ctx", repr(e.__context__))
