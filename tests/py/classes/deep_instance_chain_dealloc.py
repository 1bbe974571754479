# Deallocating a 50000-long chain of instances (slots, __dict__, list subclass) must not overflow the C stack.
class trash(object):
    __slots__ = ['x']
    def __init__(self, x):
        self.x = x
o = None
for i in range(50000):
    o = trash(o)
del o
class T2:
    def __init__(self, x):
        self.x = x
o = None
for i in range(50000):
    o = T2(o)
del o
class L(list): pass
o = L()
for i in range(50000):
    o = L([o])
del o
print("ok")
