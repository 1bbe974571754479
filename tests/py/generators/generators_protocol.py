# Generator protocol: send/throw/close, yield from delegation, return values, PEP 479, gi_* attributes.
def echo():
    received = []
    try:
        while True:
            try:
                v = yield len(received)
                received.append(v)
            except KeyError as e:
                received.append(("caught", e.args))
    finally:
        print("echo closing with", received)

g = echo()
print(g.send(None), g.send("a"), g.throw(KeyError("k")), g.send("b"))
g.close()
print(g.gi_frame, g.gi_running, g.gi_suspended if hasattr(g, "gi_suspended") else "-")

def sub():
    x = yield 1
    y = yield x * 10
    return x + y

def delegator():
    r = yield from sub()
    print("sub returned", r)
    yield r

d = delegator()
print(next(d), d.send(2), d.send(3))
print(list(d))

def stop_inside():
    yield 1
    raise StopIteration("boom")
try:
    list(stop_inside())
except RuntimeError as e:
    print("RuntimeError:", e, "| cause:", repr(e.__cause__))

def returns():
    yield 1
    return "value"
it = returns()
next(it)
try:
    next(it)
except StopIteration as e:
    print("StopIteration value:", e.value, e.args)

def closer():
    try:
        yield 1
    except GeneratorExit:
        yield 2
c = closer()
next(c)
try:
    c.close()
except RuntimeError as e:
    print("RuntimeError:", e)

def ignore_throw():
    while True:
        try:
            yield
        except ValueError:
            pass
t = ignore_throw()
next(t)
print(t.throw(ValueError), t.throw(ValueError("x")))
try:
    t.throw(TypeError, TypeError("y"), None)
except TypeError as e:
    print("propagated", e)
print(t.gi_frame)

def running():
    yield gen.gi_running
gen = running()
print(next(gen))

def self_ref():
    yield next(me)
me = self_ref()
try:
    next(me)
except ValueError as e:
    print("ValueError:", e)

g2 = (i for i in range(3))
print(g2.__name__, g2.__qualname__, type(g2).__name__)
def named():
    yield
n = named()
print(n.__name__, n.__qualname__)
n.__name__ = "renamed"
print(n.__name__, repr(n).split(" at ")[0])
try:
    n.send(5)
except TypeError as e:
    print("TypeError:", e)

def yf_iter():
    yield from [1, 2]
    yield from "ab"
    yield from range(2)
print(list(yf_iter()))

class Thrower:
    def __iter__(self):
        return self
    def __next__(self):
        return 1
    def throw(self, *a):
        print("Thrower.throw called with", a[0].__name__ if isinstance(a[0], type) else type(a[0]).__name__)
        raise StopIteration(99)
def yf_custom():
    r = yield from Thrower()
    yield ("result", r)
y = yf_custom()
next(y)
print(y.throw(ValueError))
print(next(y, "done"))
