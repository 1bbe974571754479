# List literals, indexing, append, len, equality and nested printing.
a = [1, 2, 3]
print(a, len(a), a[0], a[-1], a[1])
a.append(4)
a.append([5, 6])
print(a, len(a), a[-1][0], a[4][-1])
a[0] = 'one'
a[-2] = 4.0
print(a)
e = []
print(e, len(e))
e.append(None)
print(e, len(e))
mixed = [1, 'two', 3.0, None, True, [], [[]], {}]
print(mixed)
nested = [[1, [2, [3, [4]]]]]
print(nested, nested[0][1][1][1][0])
m = [[0, 0, 0], [0, 0, 0]]
m[1][2] = 7
print(m)
print([1, 2] + [3], [0] * 5, [1, 2] * 2, [] * 3)
print([-1, -2.5, 0.1 + 0.2, 1e16, 2 ** 70])
b = a
b.append('shared')
print(len(a), a[-1])
grid = []
for i in range(3):
    row = []
    for j in range(4):
        row.append(i * j)
    grid.append(row)
print(grid)
