# Closures: captured variables, nonlocal, late binding, counters and function attributes.
def make_counter(start=0):
    count = start

    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc


c1 = make_counter()
c2 = make_counter(100)
print(c1(), c1(), c1(5), c2(), c1())

funcs = [lambda: i for i in range(3)]
print([f() for f in funcs])
funcs = [lambda i=i: i for i in range(3)]
print([f() for f in funcs])


def outer():
    x = 'outer'

    def middle():
        def inner():
            return x
        return inner
    x = 'rebound'
    return middle()()


print(outer())


def adder(n):
    return lambda x: x + n


add5 = adder(5)
print(add5(10), adder(-1)(1), list(map(adder(2), [1, 2, 3])))
print(add5.__closure__[0].cell_contents, make_counter.__name__, c1.__name__, c1.__qualname__)

total = 0


def add_global(n):
    global total
    total += n


for k in range(5):
    add_global(k)
print(total)


def compose(*fs):
    def run(x):
        for f in reversed(fs):
            x = f(x)
        return x
    return run


print(compose(str, abs, lambda v: v * 3)(-4))
