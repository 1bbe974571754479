# functools: reduce, partial, lru_cache stats, cache, cached_property, singledispatch, total_ordering, wraps, cmp_to_key
import functools
print(functools.reduce(lambda a, b: a * b, range(1, 8)), functools.reduce(lambda a, b: a + b, [], 'init'))
try:
    functools.reduce(max, [])
except TypeError as e:
    print('TypeError', e)
p = functools.partial(int, base=2); print(p('1010'), p.func is int, p.args, p.keywords, p('11', base=8))
p2 = functools.partial(functools.partial(max, 5), 7); print(p2(3), p2.args)
@functools.lru_cache(maxsize=2)
def sq(n): return n * n
for v in [1, 2, 1, 3, 2]: sq(v)
print(sq.cache_info()); sq.cache_clear(); print(sq.cache_info())
@functools.cache
def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(100), fib.cache_info().hits)
class Data:
    def __init__(self): self.calls = 0
    @functools.cached_property
    def value(self):
        self.calls += 1; return 'computed'
d = Data(); print(d.value, d.value, d.calls, 'value' in vars(d))
@functools.singledispatch
def show(x): return 'object ' + repr(x)
@show.register
def _(x: int): return 'int %d' % x
@show.register(list)
def _(x): return 'list of %d' % len(x)
print(show(5), show([1, 2]), show('s'), show(True), show.dispatch(float).__name__)
print(sorted(['ccc', 'a', 'bb'], key=functools.cmp_to_key(lambda a, b: len(a) - len(b))))
def deco(f):
    @functools.wraps(f)
    def w(): return f()
    return w
@deco
def named():
    "docstring"
print(named.__name__, named.__doc__, named.__wrapped__.__name__)
class Ops:
    @functools.partialmethod
    def _(self): pass
    def set(self, k, v): return (k, v)
    set_a = functools.partialmethod(set, 'a')
print(Ops().set_a(1))
print(repr(functools.partial(len))[:25])
