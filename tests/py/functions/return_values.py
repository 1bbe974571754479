# return: implicit None, early return, returning containers, functions calling functions.
def nothing():
    x = 1

def bare():
    return

def early(n):
    if n > 0:
        return 'positive'
    print('checking non-positive')
    if n == 0:
        return 'zero'
    return 'negative'

print(nothing(), bare())
print(early(5), early(0), early(-1))

def make_list(n):
    out = []
    for i in range(n):
        out.append(i * i)
    return out

print(make_list(5), len(make_list(100)))

def make_dict(k, v):
    return {k: v, 'n': len(k)}

print(make_dict('key', [1, 2]))

def square(x):
    return x * x

def sum_of_squares(a, b):
    return square(a) + square(b)

print(sum_of_squares(3, 4), square(square(3)))

def loop_return(lst, target):
    for i in range(len(lst)):
        if lst[i] == target:
            return i
    return -1

print(loop_return([5, 6, 7], 7), loop_return([5, 6, 7], 9))

def while_return():
    i = 0
    while True:
        i = i + 1
        if i * i > 50:
            return i

print(while_return())
f = square
print(f(12))
