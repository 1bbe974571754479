# Deleting an instance __dict__; method-wrapper hashes by identity.
class A: pass
a = A()
a.foo = 1
del a.__dict__
print(a.__dict__, hasattr(a, "foo"))
a.bar = 2
print(a.__dict__, a.bar)
try:
    del a.__dict__; del a.__dict__
    print("ok twice")
except Exception as e: print(type(e), e)
l = []
print(hash(l.__add__) == hash(l.__add__), l.__add__ == l.__add__, [].__add__ == [].__add__)
class S:
    __slots__ = ()
try:
    del S().__dict__
except AttributeError as e: print(e)
