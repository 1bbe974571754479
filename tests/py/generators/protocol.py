# Generator protocol: send/throw/close, yield from delegation, PEP 479, gi_* attributes.
def gen(n):
    for i in range(n):
        x = yield i
        if x: print("got", x)
    return "done"
g = gen(3)
print(next(g), g.send("hi"), next(g))
try:
    next(g)
except StopIteration as e:
    print("stop", e.value)
print(list(x * 2 for x in range(5)))
def deleg():
    r = yield from gen(2)
    print("r", r)
    yield 99
print(list(deleg()))
def bad():
    raise StopIteration
    yield
try:
    list(bad())
except RuntimeError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__)
def closer():
    try:
        yield 1
    finally:
        print("cleanup")
c = closer(); next(c); c.close()
def ign():
    try:
        yield
    except GeneratorExit:
        pass
    yield 'again'
i = ign(); next(i)
try:
    i.close()
except RuntimeError as e:
    print(e)
def thr():
    try:
        yield 1
    except ValueError as e:
        yield "caught %s" % e
t = thr(); next(t); print(t.throw(ValueError("x")))
def outer():
    yield from thr()
o = outer(); next(o); print(o.throw(ValueError, "y"))
def me():
    yield gg.send(None)
gg = me()
try:
    next(gg)
except ValueError as e:
    print(e)
print(repr(gen(1)).startswith('<generator object gen at 0x'))
g2 = gen(1)
try:
    g2.send(5)
except TypeError as e:
    print(e)
def ret():
    return (1, 2)
    yield
try:
    next(ret())
except StopIteration as e:
    print('value', e.value)
def inner():
    try:
        yield 1
        yield 2
    finally:
        print('inner closed')
def outer2():
    yield from inner()
o2 = outer2(); print(next(o2)); o2.close(); print(o2.gi_frame)
def trace():
    try:
        yield 1
    except KeyError:
        raise ValueError('converted')
t2 = trace(); next(t2)
try:
    t2.throw(KeyError('k'))
except ValueError as e:
    print(repr(e), repr(e.__context__))
import sys
def sysinfo():
    try:
        raise KeyError('a')
    except KeyError:
        yield sys.exc_info()[0].__name__
        yield sys.exc_info()[0].__name__
s = sysinfo(); print(next(s), sys.exc_info()[0], next(s))
print(sum(i * i for i in range(10)), max((x for x in 'hello'), key=ord))
gen_exp = (a + b for a in 'ab' for b in 'xy' if b != 'q')
print(list(gen_exp), list(gen_exp))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(10)])
def counter():
    n = 0
    while True:
        cmd = yield n
        if cmd == 'reset':
            n = 0
        else:
            n += 1
c = counter(); next(c); print(c.send(None), c.send(None), c.send('reset'), c.send(None))
def deep(n):
    if n:
        yield from deep(n - 1)
    yield n
print(list(deep(5)))
def close_ret():
    try:
        yield
    except GeneratorExit:
        return 'x'
cr = close_ret(); next(cr); print(cr.close())
