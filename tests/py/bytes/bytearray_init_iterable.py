# bytearray.__init__ fills from an iterable byte by byte (the iterable sees it grow).
for args in ([1, 2, 300], [1, -1], ['a'], [1.5], (1, 2), iter([1, 2]), 5, None, 3.0, object()):
    for t in (bytes, bytearray):
        try:
            print(t.__name__, t(args))
        except Exception as e:
            print(t.__name__, type(e).__name__, e)
b = bytearray(b'xyz')
def g():
    for i in range(1, 6):
        yield i
        print(len(b), list(b), b.__alloc__() > len(b))
b.__init__(g())
print(b)
