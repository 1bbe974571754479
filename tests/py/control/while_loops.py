# while loops: counting, break, continue, nested loops and a search.
i = 0
while i < 5:
    print(i, end=' ')
    i = i + 1
print()
n = 27
steps = 0
while n != 1:
    if n % 2 == 0:
        n = n // 2
    else:
        n = 3 * n + 1
    steps = steps + 1
print('collatz steps', steps)
i = 0
while True:
    i = i + 1
    if i % 2 == 0:
        continue
    if i > 11:
        break
    print(i, end=',')
print()
row = 1
while row <= 4:
    col = 1
    line = ''
    while col <= row:
        line = line + str(row * col) + ' '
        col = col + 1
    print(line)
    row = row + 1
x = 0
while x < 0:
    print('never')
print('after empty loop')
a = 1071
b = 462
while b:
    t = b
    b = a % b
    a = t
print('gcd', a)
