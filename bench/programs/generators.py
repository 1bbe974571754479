"""Generators: pipelines of generator functions, yield from, generator expressions, send().

Stresses: generator creation, resumption and teardown (RETURN_GENERATOR, YIELD_VALUE, SEND),
iteration protocol, StopIteration handling inside for-loops.
"""
# quick: 2000
import sys


def naturals(limit):
    i = 0
    while i < limit:
        yield i
        i += 1


def evens(src):
    for v in src:
        if v % 2 == 0:
            yield v


def squares(src):
    for v in src:
        yield v * v


def take_windows(src, size):
    window = []
    for v in src:
        window.append(v)
        if len(window) == size:
            yield tuple(window)
            window = []
    if window:
        yield tuple(window)


def flatten(nested):
    for item in nested:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item


def running_average():
    total = 0
    count = 0
    avg = None
    while True:
        value = yield avg
        total += value
        count += 1
        avg = total // count


def fib_gen():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, (a + b) & 0xFFFFFFFF


def main(n):
    total = 0
    for w in take_windows(squares(evens(naturals(n * 10))), 7):
        total += w[0] + len(w)
    nested = [[i, [i + 1, [i + 2]], i + 3] for i in range(n // 4)]
    total += sum(flatten(nested))
    avg = running_average()
    next(avg)
    for i in range(n * 3):
        total += avg.send(i)
    g = fib_gen()
    for _ in range(n * 3):
        total ^= next(g)
    total += sum(x * 3 for x in range(n * 5) if x & 4)
    return total % 1000000007


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else 480000))
