# for over range() with one, two and three arguments, including empty and negative steps.
for i in range(5):
    print(i, end=' ')
print()
for i in range(2, 6):
    print(i, end=' ')
print()
for i in range(0, 20, 3):
    print(i, end=' ')
print()
for i in range(10, 0, -2):
    print(i, end=' ')
print()
for i in range(5, -6, -5):
    print(i, end=' ')
print()
for i in range(0):
    print('never')
for i in range(5, 2):
    print('never')
for i in range(-3, 3):
    print(i, end=' ')
print()
total = 0
for i in range(1, 101):
    total = total + i
print(total)
for i in range(3):
    for j in range(3):
        print(i * 3 + j, end=' ')
print()
print(i, j)
for i in range(2 ** 64, 2 ** 64 + 3):
    print(i)
print(len(range(10)), len(range(0, 10, 3)), len(range(10, 0)))
r = range(10, 20, 2)
print(r[0], r[-1], r[2])
