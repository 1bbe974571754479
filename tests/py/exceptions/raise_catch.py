# raise and catch each builtin exception type; print(e) shows str() of the arguments.
try:
    raise ValueError('bad value')
except ValueError as e:
    print('ValueError:', e)
try:
    raise TypeError('bad type')
except TypeError as e:
    print('TypeError:', e)
try:
    raise RuntimeError('oops')
except RuntimeError as e:
    print('RuntimeError:', e)
try:
    raise KeyError('k')
except KeyError as e:
    print('KeyError:', e)
try:
    raise IndexError('i')
except IndexError as e:
    print('IndexError:', e)
try:
    raise ZeroDivisionError('zd')
except ZeroDivisionError as e:
    print('ZeroDivisionError:', e)
try:
    raise NameError('nm')
except NameError as e:
    print('NameError:', e)
try:
    raise ValueError
except ValueError as e:
    print('no args: [', e, ']', sep='')
try:
    raise ValueError()
except ValueError as e:
    print('empty call: [', e, ']', sep='')
try:
    raise ValueError(42)
except ValueError as e:
    print('int arg:', e)
try:
    raise ValueError('a', 2)
except ValueError as e:
    print('two args:', e)
try:
    raise KeyError(1)
except KeyError as e:
    print('int key:', e)
try:
    raise KeyError('')
except KeyError as e:
    print('empty key:', e)
try:
    raise RuntimeError('')
except RuntimeError as e:
    print('empty message: [', e, ']', sep='')
try:
    raise ValueError(['list', 1])
except ValueError as e:
    print('list arg:', e)
print('done')
