# An uncaught ZeroDivisionError from an expression: traceback with carets, exit status 1.
a = 10
b = 5
print('before')
print(a / (b - 5))
print('never printed')
