# object.__reduce_ex__ / __getstate__ for subclasses of builtins, __slots__
# (inherited, declaration order, from secondary bases) and __getnewargs[_ex]__.
import pickle, copy
class L(list): pass
class D(dict): pass
class I(int): pass
class F(float): pass
class T(tuple): pass
class N:
    def __init__(self, a): self.a = a
    def __getnewargs__(self): return (self.a,)
    def __new__(cls, a): o = object.__new__(cls); o.b = a * 2; return o
class NE:
    def __getnewargs_ex__(self): return ((1,), {'k': 2})
    def __new__(cls, *a, **k): o = object.__new__(cls); o.args = (a, k); return o
for o in [L([1,2]), D(a=1), I(5), F(2.5), T((1,2)), N(3), NE()]:
    r = o.__reduce_ex__(2)
    print(type(o).__name__, len(r), r[1][1:] if len(r[1]) > 1 else r[1][0].__name__)
    c = copy.deepcopy(o); p = pickle.loads(pickle.dumps(o))
    print(" ", c if not isinstance(o, (N, NE)) else vars(c), p if not isinstance(o, (N, NE)) else vars(p))
class BadNA:
    def __getnewargs__(self): return 1
try: BadNA().__reduce_ex__(2)
except Exception as e: print(type(e).__name__, e)
class S: __slots__ = ('a','b')
print(S().__getstate__())
class T(S): __slots__ = ('c',)
t = T(); t.c = 1; t.a = 2
print(t.__getstate__(), T.__dict__.get('__slotnames__'))
import pickle; u = pickle.loads(pickle.dumps(t)); print(u.a, u.c)
class A2: __slots__ = ()
class B: pass
class C2(A2, B): __slots__ = ('x',)
c2 = C2(); c2.y = 1; print(c2.__dict__, hasattr(C2, '__weakref__'))
import weakref; weakref.ref(c2)
class D2(A2): __slots__ = ('x',)
try:
    D2().y = 1
except AttributeError as e: print(e)
