# operator overloading: reflected ops, NotImplemented, in-place, subclass priority, unary, rich comparisons
class V:
    def __init__(self, *c): self.c = c
    def __repr__(self): return 'V%r' % (self.c,)
    def __add__(self, o):
        if isinstance(o, V): return V(*(a + b for a, b in zip(self.c, o.c)))
        if isinstance(o, (int, float)): return V(*(a + o for a in self.c))
        return NotImplemented
    __radd__ = __add__
    def __mul__(self, k): return V(*(a * k for a in self.c)) if isinstance(k, int) else NotImplemented
    def __rmul__(self, k): return self * k
    def __neg__(self): return V(*(-a for a in self.c))
    def __pos__(self): return self
    def __abs__(self): return sum(a * a for a in self.c) ** 0.5
    def __invert__(self): return V(*reversed(self.c))
    def __eq__(self, o): return isinstance(o, V) and self.c == o.c
    def __lt__(self, o): return abs(self) < abs(o) if isinstance(o, V) else NotImplemented
    def __len__(self): return len(self.c)
    def __bool__(self): return any(self.c)
    def __getitem__(self, i): return self.c[i]
    def __contains__(self, v): return v in self.c
    __hash__ = None
a, b = V(1, 2), V(3, 4)
print(a + b, a + 1, 1 + a, a * 3, 3 * a, -a, +a, abs(b), ~a, a == V(1, 2), a != b, a < b, b > a, len(a), bool(V(0, 0)), a[1], 2 in a)
for expr in ['a + "s"', 'a * 1.5', '"s" - a', 'a <= b', 'a @ b', 'a < 3']:
    try:
        print(eval(expr))
    except TypeError as e:
        print('TypeError', e)
class Base:
    def __add__(self, o): return 'Base.add'
    def __radd__(self, o): return 'Base.radd'
class Derived(Base):
    def __radd__(self, o): return 'Derived.radd'
print(Base() + Derived(), Derived() + Base())
class R:
    def __eq__(self, o): print('R.eq'); return NotImplemented
print(R() == R(), R() != 5)
class L:
    def __lt__(self, o): return 'L.lt'
class G:
    def __gt__(self, o): return 'G.gt'
print(L() < G(), G() > L(), 5 < G() if False else '')
print(1 .__add__(1.5), (1).__radd__(2), (2.5).__rtruediv__(1), 'ab'.__mul__(2), [1].__rmul__(2))
class Pow:
    def __pow__(self, o, mod=None): return ('pow', o, mod)
    def __rpow__(self, o): return ('rpow', o)
print(Pow() ** 2, pow(Pow(), 2, 5), 2 ** Pow())
class Idx:
    def __index__(self): return 2
print([10, 20, 30][Idx()], bin(Idx()), 'abc'[Idx():], range(10)[Idx()], hex(Idx()), 3 * [Idx()][0:0] or 'e')
class DivMod:
    def __divmod__(self, o): return 'dm'
    def __rdivmod__(self, o): return 'rdm'
    def __floordiv__(self, o): return 'fd'
    def __rmod__(self, o): return 'rmod'
print(divmod(DivMod(), 1), divmod(1, DivMod()), DivMod() // 1, 5 % DivMod())
class Shift:
    def __lshift__(self, o): return 'lsh'
    def __rrshift__(self, o): return 'rrsh'
    def __and__(self, o): return 'and'
    def __ror__(self, o): return 'ror'
    def __xor__(self, o): return 'xor'
print(Shift() << 1, 1 >> Shift(), Shift() & 1, 1 | Shift(), Shift() ^ 0)
try:
    -object()
except TypeError as e:
    print('TypeError', e)
try:
    ~1.5
except TypeError as e:
    print('TypeError', e)
