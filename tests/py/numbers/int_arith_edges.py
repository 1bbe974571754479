# Integer arithmetic: floor division and modulo signs, powers, precedence.
print(7 + 3, 7 - 3, 7 * 3, 7 / 2, 7 // 2, 7 % 3, 7 ** 2)
print(-7 // 2, -7 % 2)
print(7 // -2, 7 % -2)
print(-7 // -2, -7 % -2)
print(0 // 5, 0 % 5, -0 // 5)
print(6 / 3, 1 / 4, -1 / 4)
print(2 ** 10, 2 ** 0, 0 ** 0, 1 ** 1000)
print(2 ** -1, 2 ** -2, 10 ** -3)
print((-2) ** 3, (-2) ** 4, -2 ** 2)
print(2 ** 3 ** 2)
print(-3 ** -2)
print(1 + 2 * 3 - 4 / 2)
print((1 + 2) * (3 - 4) / 2)
print(10 - 3 - 2, 100 / 10 / 5, 2 * 3 % 4)
print(-(-5), --5, -(3 - 10))
print(17 % 5 * 2, 17 // 5 * 5 + 17 % 5)
a = -17
b = 5
print(a // b * b + a % b == a)
a = 17
b = -5
print(a // b * b + a % b == a)
print(9 // 3, 10 // 3, 11 // 3, -9 // 3, -10 // 3, -11 // 3)
