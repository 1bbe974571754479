# break and continue in nested loops affect only the innermost loop.
for i in range(4):
    for j in range(4):
        if j == 2:
            break
        print(i, j)
found = -1
for i in range(2, 50):
    is_prime = True
    d = 2
    while d * d <= i:
        if i % d == 0:
            is_prime = False
            break
        d = d + 1
    if not is_prime:
        continue
    if i > 40:
        found = i
        break
    print(i, end=' ')
print()
print('first prime over 40:', found)
i = 0
while i < 10:
    i = i + 1
    if i == 3 or i == 5:
        continue
    if i == 8:
        break
    print(i, end=' ')
print()
