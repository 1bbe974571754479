# Local and global names: functions read globals, assignments create locals, parameters shadow.
counter = 100
def read_global():
    return counter + 1

def shadow():
    counter = 5
    return counter

def param_shadow(counter):
    return counter * 2

print(read_global(), shadow(), param_shadow(21), counter)
counter = 200
print(read_global())

def uses_later_global():
    return defined_later * 2

defined_later = 21
print(uses_later_global())

def locals_independent(n):
    total = 0
    for i in range(n):
        total = total + i
    return total

print(locals_independent(5), locals_independent(10))

def recursive_locals(n):
    x = n * 10
    if n > 0:
        recursive_locals(n - 1)
    print('n', n, 'x', x)

recursive_locals(3)
data = [1, 2]
def mutate_global_list():
    data.append(3)

mutate_global_list()
print(data)
