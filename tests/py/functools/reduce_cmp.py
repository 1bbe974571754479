# functools.reduce and cmp_to_key from _functools.
import functools
import _functools

print(functools.reduce is _functools.reduce, functools.cmp_to_key is _functools.cmp_to_key)
print(functools.reduce(lambda a, b: a + b, [1, 2, 3, 4]))
print(functools.reduce(lambda a, b: a + b, [], 10))
print(functools.reduce(lambda a, b: a * b, range(1, 6), 2))
print(functools.reduce(lambda a, b: a + b, ['x']))
for args in [(len,), (len, 1), (lambda a, b: a, [])]:
    try:
        functools.reduce(*args)
    except TypeError as e:
        print('TypeError', e)
try:
    functools.reduce(lambda a, b: 1 / 0, [1, 2])
except ZeroDivisionError as e:
    print('ZeroDivisionError', e)


def cmp(a, b):
    return (a > b) - (a < b)


K = functools.cmp_to_key(cmp)
print(type(K).__name__, type(K).__module__)
print(sorted([5, 1, 4, 2], key=functools.cmp_to_key(lambda a, b: b - a)))
k1, k2 = K(1), K(2)
print(k1 < k2, k1 > k2, k1 == k1, k1 != k2, k1 <= k2, k2 >= k1, k1.obj)
try:
    hash(k1)
except TypeError as e:
    print('TypeError', e)
try:
    k1 < 1
except TypeError as e:
    print('TypeError', e)
try:
    K()
except TypeError as e:
    print('TypeError', e)
print(K(obj=3).obj)
print(functools.cmp_to_key(mycmp=cmp)(1) == functools.cmp_to_key(cmp)(1))
print(functools.singledispatch(len)([1]))
