# Positional and default arguments; defaults are evaluated once, at def time.
def greet(name, greeting='Hello', punct='!'):
    return greeting + ', ' + name + punct

print(greet('Ann'))
print(greet('Bob', 'Hi'))
print(greet('Cy', 'Yo', '?'))

def power(base, exp=2):
    return base ** exp

print(power(3), power(3, 3), power(2, 100))

def append_to(x, acc=[]):
    acc.append(x)
    return acc

print(append_to(1))
print(append_to(2))
print(append_to(3, []))
print(append_to(4))

n = 10
def show(v=n):
    return v

n = 20
print(show(), show(5))

def no_args():
    return 'none needed'

print(no_args())

def none_default(v=None):
    if v == None:
        return 'got None'
    return v

print(none_default(), none_default(0), none_default('x'))
