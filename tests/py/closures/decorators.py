# Decorators: wrapping, arguments, functools.wraps, stacking and memoization.
import functools


def trace(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        print('call', fn.__name__, args, kwargs)
        result = fn(*args, **kwargs)
        print('->', result)
        return result
    return wrapper


def repeat(n):
    def deco(fn):
        def wrapper(*a):
            return [fn(*a) for _ in range(n)]
        return wrapper
    return deco


@trace
def add(a, b=10, *, scale=1):
    return (a + b) * scale


add(1)
add(1, 2, scale=3)
print(add.__name__, add.__wrapped__(2, 3))


@repeat(3)
@trace
def hello(name):
    return 'hi ' + name


print(hello('x'))


@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(150), fib.cache_info())
