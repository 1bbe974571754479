# Generators: yield, send, return values, yield from, generator expressions, close and exhaustion.
def countdown(n):
    while n > 0:
        yield n
        n -= 1
    return 'liftoff'


print(list(countdown(5)))
g = countdown(2)
print(next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print('stop', e.value)
print(next(g, 'exhausted'))


def echo():
    received = []
    while True:
        x = yield len(received)
        if x is None:
            break
        received.append(x)
    return received


e = echo()
print(next(e), e.send('a'), e.send('b'))
try:
    e.send(None)
except StopIteration as s:
    print('returned', s.value)


def chain(*its):
    for it in its:
        r = yield from it
        if r is not None:
            print('sub returned', r)


print(list(chain([1, 2], 'ab', countdown(2), range(3))))
squares = (x * x for x in range(10) if x % 2)
print(sum(squares), sum(squares))


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


import itertools
print(list(itertools.islice(fib(), 15)))


def with_cleanup():
    try:
        yield 1
        yield 2
    finally:
        print('cleanup')


g = with_cleanup()
print(next(g))
g.close()
print('closed')
print(list(zip(countdown(3), 'xyz', itertools.count(10))))
