# slot_tp_descr_get calls the __get__ found on the type unbound, with (self, obj, type),
# and returns the descriptor itself once __get__ is gone from the type.
class D:
    def __get__(self, obj, tp): return ("get", obj is None, tp.__name__)
class C:
    d = D()
print(C.d, C().d[:2])
class E:
    __get__ = len
class F:
    e = E()
try:
    F.e
except TypeError as ex:
    print(ex)
class G: pass
G.__get__ = lambda self, o, t: 42
class H: g = G()
print(H.g)
del G.__get__
print(type(H.g).__name__)
