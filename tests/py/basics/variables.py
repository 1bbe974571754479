# Assignment, rebinding and names holding values of different types.
x = 1
print(x)
x = x + 1
print(x)
y = x
x = 'now a string'
print(x, y)
a = 10
b = 3
c = a * b - a // b
print(a, b, c)
_private = 7
CamelCase = 8
name_with_digits_2 = 9
print(_private + CamelCase + name_with_digits_2)
total = 0
i = 0
while i < 5:
    total = total + i
    i = i + 1
print(total, i)
x = None
print(x)
x = [1, 2]
z = x
z.append(3)
print(x, z)
