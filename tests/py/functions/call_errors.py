# Wrong numbers of arguments raise TypeError with CPython's messages.
def two(a, b):
    return a + b

def one_default(a, b=2):
    return a * b

def none():
    return 0

try:
    two(1)
except TypeError as e:
    print(e)
try:
    two(1, 2, 3)
except TypeError as e:
    print(e)
try:
    two()
except TypeError as e:
    print(e)
try:
    one_default()
except TypeError as e:
    print(e)
try:
    one_default(1, 2, 3)
except TypeError as e:
    print(e)
try:
    none(1)
except TypeError as e:
    print(e)
try:
    x = 5
    x()
except TypeError as e:
    print(e)
try:
    s = 'abc'
    s(1)
except TypeError as e:
    print(e)
print(two(1, 2), one_default(3))
