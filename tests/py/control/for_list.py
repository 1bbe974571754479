# for over lists: plain, nested, with break/continue, and over a list that grows while iterating.
fruits = ['apple', 'banana', 'cherry']
for f in fruits:
    print(f, len(f))
for row in [[1, 2], [3, 4], [5, 6]]:
    for x in row:
        print(x, end=' ')
    print()
for x in [3, 8, 1, 9, 4]:
    if x == 1:
        continue
    if x == 9:
        break
    print('x =', x)
items = [1, 2, 3]
for x in items:
    if x < 10:
        items.append(x * 10)
print(items)
for x in []:
    print('never')
squares = []
for i in range(6):
    squares.append(i * i)
print(squares)
total = 0
for s in squares:
    total = total + s
print(total)
for i in range(len(fruits)):
    print(i, fruits[i], fruits[-1 - i])
