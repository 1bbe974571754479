# Out-of-range indexes and missing keys raise IndexError and KeyError.
lst = [10, 20, 30]
for i in [0, 2, 3, -1, -3, -4, 100]:
    try:
        print(i, lst[i])
    except IndexError as e:
        print(i, 'IndexError:', e)
try:
    lst[5] = 1
except IndexError as e:
    print(e)
s = 'abc'
try:
    print(s[3])
except IndexError as e:
    print(e)
try:
    print([][0])
except IndexError as e:
    print(e)
d = {'a': 1, 2: 'two'}
for k in ['a', 2, 'b', 3, 2.0, True]:
    try:
        print(k, d[k])
    except KeyError as e:
        print(k, 'KeyError:', e)
try:
    print({}[''])
except KeyError as e:
    print('empty key:', e)
try:
    print(lst['x'])
except TypeError as e:
    print(e)
try:
    print(lst[1.0])
except TypeError as e:
    print(e)
try:
    print(d[[1]])
except TypeError as e:
    print(e)
try:
    print(s[None])
except TypeError as e:
    print(e)
