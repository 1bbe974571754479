# list: sort stability, key/reverse, mutation during sort, slicing assignment, methods and errors
recs = [('b', 2), ('a', 2), ('c', 1), ('d', 1), ('e', 3)]
print(sorted(recs, key=lambda r: r[1]))
print(sorted(recs, key=lambda r: r[1], reverse=True))
print(sorted(recs, reverse=True), sorted([3, 1, 2], reverse=True))
l = [5, 3, 8]; print(l.sort(), l)
words = ['banana', 'Apple', 'cherry', 'apple']
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len))
try:
    [1, 'a', 2].sort()
except TypeError as e:
    print('TypeError', e)
try:
    sorted([1, 2], key=lambda x: 1, cmp=None)
except TypeError as e:
    print('TypeError', e)
lst = [3, 2, 1]
def key(v):
    lst.append(v); return v
try:
    lst.sort(key=key)
except ValueError as e:
    print('ValueError', e)
a = list(range(10))
a[2:5] = ['x']; print(a)
a[::2] = [0] * len(a[::2]); print(a)
try:
    a[::2] = [1, 2]
except ValueError as e:
    print('ValueError', e)
del a[::3]; print(a)
a[1:1] = [7, 7]; print(a)
b = [1, 2, 3, 2, 1]
print(b.index(2), b.index(2, 2), b.count(1), b.count(9))
try:
    b.index(9)
except ValueError as e:
    print('ValueError', e)
try:
    b.remove(9)
except ValueError as e:
    print('ValueError', e)
b.remove(2); b.insert(-1, 'i'); b.insert(100, 'end'); b.insert(-100, 'start'); print(b)
print(b.pop(), b.pop(0), b)
try:
    [].pop()
except IndexError as e:
    print('IndexError', e)
try:
    [1].pop(5)
except IndexError as e:
    print('IndexError', e)
c = [1, 2]; c.extend(range(3)); c.extend('ab'); c += (9,); print(c)
c.reverse(); print(c, c.copy() == c, c.copy() is c)
print([1, 2] < [1, 2, 0], [1, [2]] == [1, [2]], [0] * 3, 2 * [1, 2], [[]] * 2)
try:
    [1] + (2,)
except TypeError as e:
    print('TypeError', e)
x = [1, 2, 3]
for i in x:
    if i == 1:
        x.remove(i)
print(x)
print(list(range(5))[-100:100], list(range(5))[3:1], list(range(10))[::-3], [1, 2, 3][True])
try:
    idx = 1.0; [1][idx]
except TypeError as e:
    print('TypeError', e)
print(sorted({'b': 1, 'a': 2}), sorted('hello'), sorted((3, 1)), sorted([], reverse=True))
nested = [[3, 'c'], [1, 'a'], [3, 'a'], [1, 'b']]
nested.sort(); print(nested)
