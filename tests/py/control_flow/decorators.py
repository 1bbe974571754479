# decorators: order of application, arguments, class decorators, arbitrary expressions
import functools
log = []
def deco(name):
    log.append('factory ' + name)
    def wrap(fn):
        log.append('apply ' + name)
        @functools.wraps(fn)
        def inner(*a, **k):
            return '%s(%s)' % (name, fn(*a, **k))
        return inner
    return wrap
@deco('outer')
@deco('inner')
def f(x):
    """doc of f"""
    return x
print(log)
print(f(5), f.__name__, f.__doc__, f.__wrapped__.__name__)
def register(cls):
    cls.registered = True
    return cls
@register
class C: pass
print(C.registered)
def count(fn):
    def w(*a):
        w.calls += 1
        return fn(*a)
    w.calls = 0
    return w
@count
def g(a, b): return a + b
g(1, 2); g(3, 4); print(g.calls)
funcs = {'d': lambda fn: (lambda: 'replaced ' + fn())}
@funcs['d']
def h(): return 'h'
print(h())
class Registry:
    def __init__(self): self.items = []
    def add(self, fn): self.items.append(fn.__name__); return fn
reg = Registry()
@reg.add
def one(): pass
@reg.add
def two(): pass
print(reg.items)
@(lambda fn: fn.__name__.upper())
def lower(): pass
print(lower)
class Memo:
    def __init__(self, fn):
        self.fn, self.cache = fn, {}
    def __call__(self, n):
        if n not in self.cache:
            self.cache[n] = self.fn(n)
        return self.cache[n]
@Memo
def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(60), len(fib.cache))
def method_deco(fn):
    def w(self, *a): return ('deco', fn(self, *a))
    return w
class K:
    @method_deco
    def m(self, v): return v * 2
    @property
    @method_deco
    def p(self): return 'p'
print(K().m(4), K().p)
def bad(fn): return 5
@bad
def z(): pass
try:
    z()
except TypeError as e:
    print('TypeError', e)
