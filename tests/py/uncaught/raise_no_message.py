# An uncaught exception raised as a bare class name, without a message.
def validate(x):
    if x < 0:
        raise ValueError
    return x

print(validate(1))
validate(-1)
