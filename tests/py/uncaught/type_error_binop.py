# Uncaught TypeError from a binary operation on mismatched types.
def total(items):
    s = 0
    for x in items:
        s = s + x
    return s

print(total([1, 2, 3]))
print(total([1, '2', 3]))
