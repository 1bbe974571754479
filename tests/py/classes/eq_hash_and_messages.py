# __eq__ without __hash__ makes instances unhashable (also for classes made in functions);
# a comparison method whose lookup raises counts as not implemented; `del Class.missing` message.
def make():
    class C2:
        def __eq__(self, other): return 1
    return C2
C2 = make()
print(C2.__dict__['__hash__'], C2.__hash__)
try:
    hash(C2())
except TypeError as e:
    print(e)
class D(C2):
    pass
try:
    hash(D())
except TypeError as e:
    print("D", e)

def booh(self):
    raise AttributeError("booh")
class E:
    __eq__ = property(booh)
e = E()
print(e == e, E() == E(), E() != E())

class A:
    pass
try:
    A.x
except AttributeError as e:
    print(e)
try:
    del A.x
except AttributeError as e:
    print(e)
try:
    del A().x
except AttributeError as e:
    print(e)
