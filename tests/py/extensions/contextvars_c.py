# _contextvars (lib-dynload) over Krait's PyContext* C API.
import _contextvars
import contextvars

print(contextvars.ContextVar is _contextvars.ContextVar, type(contextvars.copy_context()))
v = contextvars.ContextVar("v", default=1)
w = contextvars.ContextVar("w")
print(v.name, v.get(), v.get(5), w.get(7))
try:
    w.get()
except LookupError as e:
    print("LookupError", type(e.args[0]).__name__, e.args[0] is w)
t = v.set(10)
print(v.get(), t.var is v, t.old_value is contextvars.Token.MISSING, repr(t.old_value))
print(type(contextvars.Token.MISSING))
t2 = v.set(20)
print(v.get(), t2.old_value)
v.reset(t2)
print(v.get())
v.reset(t)
print(v.get())
try:
    v.reset(t)
except RuntimeError as e:
    print("RuntimeError", str(e).startswith("<Token used var=<ContextVar name='v' default=1 at 0x"))

def work(n):
    w.set(n)
    return w.get(), v.get()

ctx = contextvars.copy_context()
print(ctx.run(work, 42), w.get(None))
print(ctx[w], w in ctx, v in ctx, len(ctx), ctx.get(v, "dflt"))
print(sorted(k.name for k in ctx), sorted(k.name for k in ctx.keys()), list(ctx.values()))
print([(k.name, val) for k, val in ctx.items()])
c2 = ctx.copy()
print(c2 == ctx, c2 is ctx, c2.run(w.get))
c2.run(w.set, 99)
print(ctx[w], c2[w], c2 == ctx)

def reenter():
    return ctx.run(lambda: 0)
try:
    ctx.run(reenter)
except RuntimeError as e:
    print("RuntimeError", str(e).split(":")[0])
t = ctx.run(v.set, 5)
try:
    v.reset(t)
except ValueError as e:
    print("ValueError", str(e).endswith("was created in a different Context"))
t = w.set(1)
try:
    v.reset(t)
except ValueError as e:
    print("ValueError", str(e).endswith("was created by a different ContextVar"))
for bad in [lambda: contextvars.ContextVar(1), lambda: contextvars.ContextVar(),
            lambda: contextvars.Context(1), lambda: contextvars.Token(), lambda: ctx[1],
            lambda: ctx.run(), lambda: v.reset(1), lambda: hash(ctx), lambda: ctx < ctx,
            lambda: contextvars.ContextVar("a", foo=1)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
try:
    class X(contextvars.ContextVar):
        pass
except TypeError as e:
    print("TypeError", e)
print(contextvars.ContextVar[int], contextvars.Token[str])
print(repr(contextvars.ContextVar("r", default=None)).split(" at ")[0])
print(ctx.run(lambda *a, **k: (a, k), 1, 2, x=3))

# generators, nested runs and the default context of new contexts
def gen():
    yield v.get()
    v.set(77)
    yield v.get()
print(list(contextvars.Context().run(gen)), v.get())
empty = contextvars.Context()
print(len(empty), empty.run(v.get))
