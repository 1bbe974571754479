# An exception raised while handling another: both tracebacks are printed, chained.
def convert(s):
    try:
        return int(s)
    except ValueError:
        return [0][1]

print(convert('7'))
print(convert('x'))
