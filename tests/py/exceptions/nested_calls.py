# An exception unwinds through several frames to the nearest handler.
def level3(x):
    if x < 0:
        raise ValueError('negative: ' + str(x))
    return x * 2

def level2(x):
    print('level2 before', x)
    r = level3(x)
    print('level2 after', x)
    return r + 1

def level1(x):
    try:
        return level2(x)
    except TypeError as e:
        print('level1 wrong handler', e)
        return -1

for x in [5, -5]:
    try:
        print('result', level1(x))
    except ValueError as e:
        print('top caught', e)

def catch_and_return(x):
    try:
        return level3(x)
    except ValueError as e:
        print('caught in catch_and_return:', e)
        return 0

print(catch_and_return(-1), catch_and_return(21))

def recurse(n):
    if n == 0:
        raise RuntimeError('bottom reached')
    return recurse(n - 1)

try:
    recurse(50)
except RuntimeError as e:
    print(e)
