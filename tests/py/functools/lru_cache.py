# functools.lru_cache over _functools._lru_cache_wrapper: hits/misses,
# eviction order, typed keys, maxsize=None/0/negative, keyword arguments,
# cache_clear/cache_parameters, attributes, methods, reentrancy, pickling.
import functools
import pickle

print(functools._lru_cache_wrapper.__module__, functools._lru_cache_wrapper.__qualname__)

calls = []


@functools.lru_cache(maxsize=3)
def sq(x):
    calls.append(x)
    return x * x


for v in [1, 2, 3, 1, 4, 2, 5, 1, 3]:
    sq(v)
print(calls, sq.cache_info())
print(sq.__wrapped__.__name__, sq.__name__, sq.__qualname__, sq.__doc__, sq.cache_parameters())
sq.cache_clear()
print(sq.cache_info())


@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(80), fib.cache_info())


@functools.lru_cache(maxsize=0)
def nocache(x):
    return x


nocache(1)
nocache(1)
print(nocache.cache_info())


@functools.lru_cache(maxsize=-5)
def neg(x):
    return x


neg(1)
print(neg.cache_info())


@functools.lru_cache(typed=True)
def typed(x):
    calls.append(('t', x))
    return x


calls.clear()
typed(1)
typed(1.0)
typed(True)
typed(1)
print(calls, typed.cache_info(), typed.cache_parameters())


@functools.lru_cache
def kw(a, b=0, **k):
    calls.append((a, b, sorted(k.items())))
    return a


calls.clear()
kw(1)
kw(1, b=0)
kw(a=1)
kw(1, 0)
kw(1, b=0, c=2)
kw(1, c=2, b=0)
print(calls, kw.cache_info())

# unhashable arguments
try:
    kw([1])
except TypeError as e:
    print('TypeError', e)

# errors from the function are not cached
n = [0]


@functools.lru_cache(maxsize=2)
def boom(x):
    n[0] += 1
    raise ValueError(x)


for _ in range(2):
    try:
        boom(1)
    except ValueError as e:
        print('ValueError', e, n[0])
print(boom.cache_info())

# bad maxsize
try:
    functools.lru_cache(maxsize='x')
except TypeError as e:
    print('TypeError', e)
try:
    functools._lru_cache_wrapper(1, 1, False, None)
except TypeError as e:
    print('TypeError', e)


# methods
class A:
    @functools.lru_cache(maxsize=4)
    def m(self, x):
        return (self.__class__.__name__, x)


a = A()
print(a.m(1), a.m(1), A.m.cache_info())
print(type(A.__dict__['m']).__name__, A.m is A.__dict__['m'])

# reentrancy: the function calls itself on the same key with a tiny cache
depth = [0]


@functools.lru_cache(maxsize=1)
def re(x):
    depth[0] += 1
    if depth[0] < 3:
        re(x)
        re(x + 1)
    return x


print(re(0), re.cache_info())

# pickling by qualified name, copy returns self
import copy
print(pickle.loads(pickle.dumps(fib)) is fib, copy.copy(fib) is fib, copy.deepcopy(fib) is fib)
print(sq.__reduce__())


# hash computed once per call
class H:
    def __init__(self):
        self.n = 0

    def __hash__(self):
        self.n += 1
        return 1

    def __eq__(self, other):
        return self is other


h = H()
fib2 = functools.lru_cache(maxsize=10)(lambda x: 1)
fib2(h)
fib2(h)
print(h.n)
