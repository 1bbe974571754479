# An explicitly raised RuntimeError escapes from a function called in a while loop.
def check(n):
    if n > 3:
        raise RuntimeError('limit exceeded: ' + str(n))
    return n

i = 0
while True:
    print('checked', check(i))
    i = i + 1
