# An uncaught NameError: CPython 3.11 suggests a similar name in the traceback.
counter = 0
for i in range(3):
    counter = counter + i
print(counter)
print(countr)
