# Tuples, unpacking (starred, nested, swap), augmented assignment, slicing and del.
a, b = 1, 2
a, b = b, a
print(a, b)
first, *rest = [1, 2, 3, 4]
*init, last = 'abcd'
x, (y, z), *_ = [1, (2, 3), 4, 5]
print(first, rest, init, last, x, y, z)
t = (1,)
print(t, (), (1, 2) + (3,), (1, 2) * 2, len(t), tuple('ab'), type(()).__name__)
n = 10
n += 5
n -= 1
n *= 2
n //= 3
n **= 2
n %= 50
n <<= 2
n |= 1
n ^= 3
n &= 0xFF
n >>= 1
print(n)
s = list(range(10))
print(s[2:5], s[:3], s[7:], s[::3], s[::-2], s[-3:], s[5:2], s[-100:100], s[3:-3])
s[2:5] = ['x']
print(s)
s[::2] = [0] * len(s[::2])
print(s)
del s[0]
del s[-2:]
print(s)
d = {'a': 1, 'b': 2}
del d['a']
print(d)
lst = [1, 2]
lst += [3]
lst *= 2
print(lst)
text = 'hello world'
print(text[::-1], text[6:], text[:-6], text[100:], text[-1::-3])
print([*range(3), *'ab'], {**{'x': 1}, 'y': 2, **{'x': 3}}, (*[1, 2],))
for i, (k, v) in enumerate({'p': 1, 'q': 2}.items()):
    print(i, k, v)
m = [[1, 2], [3, 4]]
(p, q), (r, w) = m
print(p + q + r + w)
