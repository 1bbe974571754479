# Arbitrary-precision integers: powers, products, division and printing.
print(2 ** 100)
print(2 ** 64, 2 ** 63 - 1, -2 ** 63)
print(10 ** 50)
print(-(10 ** 40) + 1)
print(2 ** 100 - 2 ** 99)
print(3 ** 200)
x = 1
i = 1
while i <= 30:
    x = x * i
    i = i + 1
print(x)
print(x // 10 ** 20, x % 10 ** 20)
print(-x // 7, -x % 7)
print(2 ** 100 // -3, 2 ** 100 % -3)
print(2 ** 100 / 2 ** 98)
print(10 ** 30 / 3)
print(2 ** 1000 == 2 ** 999 * 2)
print(len(str(2 ** 1000)))
print(2 ** 62 + 2 ** 62, 2 ** 63 * 2)
print(9223372036854775807 + 1)
print(-9223372036854775808 - 1)
print(4294967296 * 4294967296)
print(123456789123456789 * 987654321987654321)
print(int('123456789012345678901234567890') + 1)
print(0 - 2 ** 70, (-2) ** 71)
print(2 ** 64 - 2 ** 64, 2 ** 64 // 2 ** 64)
