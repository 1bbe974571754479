# contextvars: ContextVar get/set/reset, Token, Context copy/run/mapping, error messages.
import contextvars as cv
v = cv.ContextVar('v', default=1)
w = cv.ContextVar('w')
print(v.name, v.get(), w.get(5))
try: w.get()
except LookupError as e: print('LookupError', e.args[0] is w)
t = v.set(2); print(v.get(), t.var is v, t.old_value is cv.Token.MISSING, cv.Token.MISSING)
ctx = cv.copy_context()
print(len(ctx), ctx[v], v in ctx, w in ctx, list(ctx.keys()) == [v], dict(ctx.items())[v])
def f(a, b=0):
    v.set(a + b); return v.get()
print(ctx.run(f, 10, b=5), v.get(), ctx[v])
v.reset(t); print(v.get())
for bad in [lambda: v.reset(t), lambda: w.reset(t), lambda: cv.ContextVar(1), lambda: ctx[1], lambda: cv.Token(), lambda: cv.Context(1), lambda: hash(ctx), lambda: v.reset(1)]:
    try: bad()
    except Exception as e: print(type(e).__name__, str(e).split(' at 0x')[0])
c2 = cv.Context(); print(len(c2), c2.get(v), c2 == cv.Context())
def reenter(): ctx.run(lambda: 0)
try: ctx.run(reenter)
except RuntimeError as e: print(str(e).split(' at ')[0])
print(cv.ContextVar[int], type(cv.Token.MISSING).__name__)
try:
    class X(cv.ContextVar): pass
except TypeError as e: print(e)
