# An item's __index__ that mutates the container being converted or assigned into.
class X:
    def __index__(self):
        a.clear()
        return 42
a = [X(), X()]
print(bytes(a), bytearray([X()]))
class Y:
    def __index__(self):
        if len(a) < 50:
            a.append(self)
        return 42
a = [Y()]
print(bytes(a))
class Boom:
    def __index__(self):
        b.clear()
        return 0
b = bytearray(b'Now you see me...')
try:
    b[0] = Boom()
except IndexError as e:
    print('IndexError', e)
print(b)
b = bytearray(b'abc')
for v in (300, -1, 'a', 1.5):
    try:
        b[5] = v
    except Exception as e:
        print(type(e).__name__, e)
for v in ('ab', 5, 2.0):
    try:
        b[0:1] = v
    except Exception as e:
        print(type(e).__name__, e)
b[1:] = b
print(b)
