# Star-unpacking in assignments, calls, literals and for targets; errors with CPython's messages.
a, *b, c = range(6)
print(a, b, c)
*d, = "xyz"
print(d)
(e, f), [g, *h] = (1, 2), [3, 4, 5]
print(e, f, g, h)
for x, *ys in [(1, 2, 3), (4,)]:
    print(x, ys)
print([*range(3), *"ab", *{"k": 1}], (*[1], *(2,)), {*[1, 2], *{2, 3}}, {**{"a": 1}, **dict(b=2), "a": 3})
def f(*args, **kw):
    return args, kw
print(f(*[1, 2], 3, *(4,), k=1, **{"j": 2}), f(**{}), f(*()))
for bad in ["a, b = [1]", "a, b = [1, 2, 3]", "a, *b, c = [1]", "a, b = 5", "f(**{1: 2})", "f(**[1])",
            "f(*5)", "f(k=1, **{'k': 2})", "[*5]", "{**[]}", "a, b, *c, d = range(2)"]:
    try:
        exec(bad, {"f": f})
    except (TypeError, ValueError) as ex:
        print(type(ex).__name__ + ":", ex)
first, second, *_ = "hello world".split() + ["pad"]
print(first, second)
m = {"x": 1, "y": 2}
k1, k2 = m
v1, v2 = m.values()
print(k1, k2, v1, v2)
it = iter([1, 2, 3])
p, q, r = it
print(p, q, r)
class Seq:
    def __getitem__(self, i):
        if i < 3:
            return i * 10
        raise IndexError
s1, s2, s3 = Seq()
print(s1, s2, s3, [*Seq()])
x = y = z = [0]
x += [1]
print(y, z, x is z)
i, j = j, i = 1, 2
print(i, j)
