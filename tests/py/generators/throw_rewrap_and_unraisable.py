# gen.throw(T, unrelated_instance) wraps the instance in T; a generator that
# ignores GeneratorExit reports a RuntimeError with a traceback; a
# parenthesized yield as an assignment target.
import sys


def f():
    while True:
        try:
            print((yield))
        except ValueError as v:
            print("caught ValueError (%s)" % v, repr(v.args))


g = f()
next(g)
g.throw(ValueError, ValueError(1))
g.throw(ValueError, TypeError(1))
g.throw(ValueError, (3, 4))

seen = []
sys.unraisablehook = lambda u: seen.append((u.exc_type.__name__, str(u.exc_value), u.exc_traceback is not None))


def stubborn():
    try:
        yield
    except GeneratorExit:
        yield

s = stubborn()
next(s)
del s
print(seen)

for src in ["def f(): (yield bar) = y", "def f(): x = (yield bar) = y", "def f(): yield x = 1",
            "def f(): a, (yield) = 1"]:
    try:
        compile(src, "s", "exec")
    except SyntaxError as e:
        print(e.msg, e.offset)
