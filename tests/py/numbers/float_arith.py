# Float arithmetic including floor division and modulo of negatives.
print(7.5 // 2, 7.5 % 2)
print(-7.5 // 2, -7.5 % 2)
print(7.5 // -2, 7.5 % -2)
print(-7.0 // 2.0, -7.0 % 2.0)
print(1.0 % 0.1, 5.0 % 1.5)
print(-1e-20 % 1.0)
print(2.0 ** 10, 2.0 ** -1, 4.0 ** 0.5, (-8.0) ** 2)
print(3 + 0.5, 3 * 0.5, 3 - 0.5, 3 / 0.5)
print(10 // 3.0, 10 % 3.0)
print(0.5 + 0.25 + 0.125)
print(1e16 + 1, 1e16 + 2)
print(-0.0 * 5, 0.0 / -1)
print(float('inf') - float('inf'))
print(float('inf') * 0)
print(float('inf') + 1, float('-inf') * -1)
print(1 / float('inf'), -1 / float('inf'))
x = 0.0
i = 0
while i < 10:
    x = x + 0.1
    i = i + 1
print(x, x == 1.0)
print(2 ** 0.5 * 2 ** 0.5)
print(10 ** 20 + 0.0, 2 ** 100 * 1.0)
print(7 // 2.0, -7 // 2.0)
