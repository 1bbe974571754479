"""Closures and calls: function factories, nonlocal counters, keyword/default/star arguments,
decorators and bound-method callbacks.

Stresses: CALL with every argument shape, closure cells (LOAD_DEREF/STORE_DEREF), frame creation,
lambdas, higher-order functions.
"""
# quick: 2000
import sys


def make_counter(step):
    count = 0

    def bump():
        nonlocal count
        count += step
        return count
    return bump


def make_adder(k):
    return lambda x: x + k


def compose(f, g):
    def h(x):
        return f(g(x))
    return h


def memo_calls(fn):
    calls = [0]

    def wrapper(*args, **kwargs):
        calls[0] += 1
        return fn(*args, **kwargs)
    wrapper.calls = calls
    return wrapper


@memo_calls
def weighted(a, b, c=3, *rest, scale=1, **extra):
    return (a * b + c + len(rest) + len(extra)) * scale


def kw_only(x, *, lo=0, hi=100):
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x


class Accumulator:
    def __init__(self):
        self.total = 0

    def add(self, v):
        self.total += v
        return self.total


def apply_all(fns, value):
    for f in fns:
        value = f(value)
    return value


def main(n):
    counters = [make_counter(i) for i in range(1, 6)]
    adders = [make_adder(k) for k in range(8)]
    chain = adders[0]
    for a in adders[1:]:
        chain = compose(chain, a)
    acc = Accumulator()
    add = acc.add
    total = 0
    for i in range(n):
        for c in counters:
            total += c()
        total += chain(i)
        total += weighted(i, 2)
        total += weighted(i, 3, 4, 5, 6, scale=2)
        total += weighted(a=i, b=1, extra=9)
        total += kw_only(i % 150, lo=10)
        total += kw_only(i % 150, hi=50, lo=20)
        total += apply_all((adders[1], adders[2], abs, adders[3]), -i)
        add(i & 15)
        total = total % 1000000007
    return "%d %d %d" % (total, weighted.calls[0], acc.total)


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else 700000))
