# Division by zero in every operator and numeric type, caught and printed.
def try_div(a, b):
    try:
        print(a / b)
    except ZeroDivisionError as e:
        print('/', e)

def try_floordiv(a, b):
    try:
        print(a // b)
    except ZeroDivisionError as e:
        print('//', e)

def try_mod(a, b):
    try:
        print(a % b)
    except ZeroDivisionError as e:
        print('%', e)

def try_pow(a, b):
    try:
        print(a ** b)
    except ZeroDivisionError as e:
        print('**', e)

try_div(1, 0)
try_div(1.0, 0)
try_div(1, 0.0)
try_div(2 ** 100, 0)
try_floordiv(1, 0)
try_floordiv(1.0, 0)
try_floordiv(-5, 0.0)
try_mod(1, 0)
try_mod(1.0, 0)
try_mod(2 ** 100, 0)
try_pow(0, -1)
try_pow(0.0, -1)
try_pow(0, -2.5)
try_div(0, 5)
try_mod(0, 5)
