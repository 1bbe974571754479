# An exception raised in a handler replaces the first; try statements nest inside handlers.
try:
    try:
        raise ValueError('first')
    except ValueError as e:
        print('handling', e)
        raise TypeError('second')
except TypeError as e:
    print('outer got', e)
try:
    raise KeyError('k')
except KeyError as e:
    try:
        x = 1 / 0
    except ZeroDivisionError as e2:
        print('inner', e2)
    print('still handling', e)
def f():
    try:
        return int('z')
    except ValueError:
        return 'fallback'
print(f())
e = 'before'
try:
    raise ValueError('bound')
except ValueError as e:
    print(e)
try:
    print(e)
except NameError as err:
    print('e was unbound:', err)
