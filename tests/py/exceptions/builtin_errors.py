# Messages of errors raised by the interpreter itself.
try:
    print(undefined_name)
except NameError as e:
    print(e)
try:
    print('a' + 1)
except TypeError as e:
    print(e)
try:
    print(1 + 'a')
except TypeError as e:
    print(e)
try:
    print([1] + 'a')
except TypeError as e:
    print(e)
try:
    print('a' * 'b')
except TypeError as e:
    print(e)
try:
    print('a' - 'b')
except TypeError as e:
    print(e)
try:
    print(-'a')
except TypeError as e:
    print(e)
try:
    print('a' < 1)
except TypeError as e:
    print(e)
try:
    print(None + 1)
except TypeError as e:
    print(e)
try:
    print([1] < ['a'])
except TypeError as e:
    print(e)
try:
    print({} < {})
except TypeError as e:
    print(e)
try:
    print(len(5))
except TypeError as e:
    print(e)
try:
    print(int('abc'))
except ValueError as e:
    print(e)
try:
    print(int('1.5'))
except ValueError as e:
    print(e)
try:
    print(int(''))
except ValueError as e:
    print(e)
try:
    print(float('x1'))
except ValueError as e:
    print(e)
try:
    print(int(float('nan')))
except ValueError as e:
    print(e)
try:
    print(int(None))
except TypeError as e:
    print(e)
try:
    print(float([]))
except TypeError as e:
    print(e)
