# bytes(x): __bytes__ wins over everything, even for str subclasses; looked up on the type.
class A(str):
    def __bytes__(self):
        return b'abc'
print(bytes(A('\u20ac')), bytes(A('\u20ac'), 'iso8859-15'))
class B:
    def __bytes__(self):
        return b'a'
    def __index__(self):
        return 42
print(bytes(B()))
class C:
    pass
c = C()
c.__bytes__ = lambda: b'instance'
try:
    print(bytes(c))
except TypeError as e:
    print('TypeError', e)
class D:
    def __bytes__(self):
        return 'nope'
try:
    bytes(D())
except TypeError as e:
    print('TypeError', e)
class E(bytes):
    pass
class F:
    def __bytes__(self):
        return E(b'sub')
print(type(bytes(F())).__name__, bytes(F()))
try:
    bytes('x')
except TypeError as e:
    print('TypeError', e)
