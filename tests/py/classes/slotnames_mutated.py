# __reduce_ex__ when __getattr__ replaces the class's __slotnames__ list mid-walk.
import copyreg
class S(str):  # not interned
    pass
class A:
    __slotnames__ = [S('spam')]
    def __getattr__(self, attr):
        if attr == 'spam':
            A.__slotnames__[:] = [S('spam')]
            return 42
        raise AttributeError(attr)
r = A().__reduce_ex__(2)
print(r[0] is copyreg.__newobj__, r[1][0] is A, r[2:])
class B:
    __slotnames__ = ['x', 'y']
    def __getattr__(self, attr):
        B.__slotnames__.append('z')
        return 1
try:
    B().__reduce_ex__(2)
except RuntimeError as e:
    print("RuntimeError:", e)
