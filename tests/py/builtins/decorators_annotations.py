# Decorators (stacked, with arguments, class decorators), annotations of modules/classes/functions, __wrapped__.
import functools
calls = []
def trace(tag):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*a, **k):
            calls.append((tag, fn.__name__, a))
            return fn(*a, **k)
        return wrapper
    return deco
def twice(fn):
    def w(*a):
        return fn(*fn(*a))
    return w
@trace("outer")
@trace("inner")
def add(a: int, b: int = 2) -> int:
    "Adds."
    return a + b
print(add(1), add(1, b=5), calls, add.__name__, add.__doc__, add.__wrapped__.__wrapped__.__name__)
print(add.__annotations__, add.__wrapped__.__wrapped__.__defaults__)
def register(cls):
    cls.registered = True
    return cls
@register
class K:
    x: int = 5
    y: "list[str]"
    def m(self, a: "K") -> None: ...
print(K.registered, K.__annotations__, K.m.__annotations__)
x: int = 3
y: str
print(__annotations__)
@(lambda f: f())
def value():
    return 42
print(value)
class Counter:
    def __init__(self, fn):
        self.fn = fn
        self.count = 0
    def __call__(self, *a):
        self.count += 1
        return self.fn(*a)
@Counter
def sq(n):
    return n * n
print(sq(3), sq(4), sq.count)
def deco_with_side_effects(n):
    print("deco evaluated", n)
    return lambda f: f
@deco_with_side_effects(1)
@deco_with_side_effects(2)
def g():
    pass
class P:
    @staticmethod
    @functools.lru_cache(maxsize=None)
    def fib(n):
        return n if n < 2 else P.fib(n - 1) + P.fib(n - 2)
    @property
    @functools.lru_cache()
    def cached(self):
        return "computed"
print(P.fib(30), P.fib.cache_info().hits > 0, P().cached)
def annotated(a: 1 + 1, *args: "va", kw: int = 0, **kwargs: "kws") -> "ret":
    pass
print(annotated.__annotations__)
