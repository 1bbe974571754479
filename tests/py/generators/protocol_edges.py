# generators / coroutines protocol edge cases
def g():
    try:
        x = yield 1
        print("got", x)
        y = yield x * 2
        print("got", y)
    except KeyError as e:
        print("caught", repr(e))
        yield "from except"
    finally:
        print("finally")
it = g(); print(next(it), it.send(5), it.throw(KeyError("k")))
try:
    next(it)
except StopIteration as e:
    print("stop", e.value)
def ret():
    yield 1
    return "R"
def deleg():
    r = yield from ret()
    print("delegated got", r)
    return r * 2
d = deleg(); print(list(d))
def inner():
    try:
        yield 1
    except GeneratorExit:
        print("inner closing")
        raise
o = (lambda: (yield from inner()))()
next(o); o.close(); print(o.gi_frame)
def bad():
    yield 1
    raise StopIteration("x")
try:
    list(bad())
except RuntimeError as e:
    print("RuntimeError:", e, repr(e.__cause__))
def gen_running():
    yield gr.gi_running
gr = gen_running(); print(next(gr))
def self_ref():
    yield next(sr)
sr = self_ref()
try:
    next(sr)
except ValueError as e:
    print(e)
import types
@types.coroutine
def yielder():
    v = yield "suspend"
    return v
async def coro():
    v = await yielder()
    return v + 1
c = coro(); print(c.send(None)); 
try:
    c.send(41)
except StopIteration as e:
    print("coro result", e.value)
async def nothing(): pass
c2 = nothing(); print(type(c2).__name__, c2.cr_running, c2.__qualname__); c2.close()
try:
    c3 = coro(); c3.send(None); c3.throw(ValueError("boom"))
except ValueError as e:
    print("thrown", e)
async def agen():
    try:
        yield 1
        yield 2
    finally:
        print("agen finally")
ag = agen()
def run(aw):
    try:
        while True:
            aw.send(None)
    except StopIteration as e:
        return e.value
print(run(ag.__anext__()), run(ag.asend(None)))
try:
    run(ag.__anext__())
except StopAsyncIteration:
    print("exhausted")
g2 = (x for x in range(3)); print(g2.gi_code.co_name, g2.__name__, g2.__qualname__)
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
import itertools
print(list(itertools.islice(fib(), 10)), sum(itertools.takewhile(lambda x: x < 100, fib())))
def counter():
    n = 0
    while True:
        cmd = yield n
        if cmd == "reset": n = 0
        else: n += 1
cn = counter(); next(cn); print([cn.send(None) for _ in range(3)], cn.send("reset"), cn.send(None))
gg = g(); print(next(gg)); gg.close(); print(gg.gi_frame is None)
try:
    gg2 = g(); gg2.throw(TypeError, TypeError("early"))
except TypeError as e:
    print("early throw", e)
