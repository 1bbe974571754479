# assignment expressions, lambdas and chained comparisons
data = [5, 12, 3, 40, 7]
if (n := len(data)) > 3:
    print('len', n)
print([y for x in data if (y := x * 2) > 10])
print(y)
import re
if (m := re.match(r'(\d+)-(\d+)', '10-20')):
    print(m.groups())
vals = iter([1, 2, 3, 0, 4])
while (v := next(vals)) != 0:
    print('v', v)
print((z := 5) + z)
def f(a, b=(c := 3)): return a + b
print(f(1), c)
calls = []
def t(v):
    calls.append(v); return v
print(t(1) < t(2) < t(3), calls); calls.clear()
print(t(3) < t(2) < t(1), calls); calls.clear()
print(1 < 2 > 1, 1 == 1.0 != 2, 1 < 2 < 3 < 4 < 3)
print('a' < 'b' <= 'b' in 'abc', 2 in [1, 2] in [[1, 2]])
x = 5
print(0 < x < 10, 0 < x > 10, x is not None is not False)
try:
    print(1 < 'a' < 2)
except TypeError as e:
    print('TypeError', e)
sq = lambda v: v * v
print(sq(7), (lambda *a, **k: (a, k))(1, x=2), (lambda: None)())
print((lambda a, b=2, *, c=3: a + b + c)(1, c=10))
print(sorted(['bb', 'a', 'ccc'], key=lambda s: -len(s)))
adders = [(lambda n: lambda v: v + n)(i) for i in range(3)]
print([a(10) for a in adders])
print(sq.__name__, (lambda: 0).__qualname__)
def outer():
    return lambda: __name__
print(outer()())
rec = lambda k: 1 if k <= 1 else k * rec(k - 1)
print(rec(10))
try:
    exec('(a.b := 1)')
except SyntaxError as e:
    print('SyntaxError', e.msg)
try:
    exec('x := 1')
except SyntaxError as e:
    print('SyntaxError', e.msg)
print([(i, j) for i in range(3) if (j := i * i) % 2 == 0])
