# An uncaught error inside a loop, after some output has been printed.
data = [4, 2, 1, 0, 5]
for d in data:
    print('100 //', d, '=', 100 // d)
print('never')
