# augmented assignment on names, attributes, subscripts, and in-place dunder fallback
x = 5
for op in ['+=', '-=', '*=', '//=', '%=', '**=', '<<=', '>>=', '&=', '|=', '^=']:
    ns = {'x': 13}
    exec('x %s 3' % op, ns)
    print(op, ns['x'])
f = 7.5; f /= 2; print(f)
s = 'ab'; s *= 3; print(s)
l = [1]; alias = l; l += [2, 3]; print(l, alias is l)
t = (1,); ta = t; t += (2,); print(t, ta)
l2 = [0]; l2 *= 3; print(l2)
class Obj:
    def __init__(self): self.v = 1
o = Obj(); o.v += 10; print(o.v)
d = {'k': [1]}; d['k'] += [2]; d['k'][0] -= 5; print(d)
class Trace:
    def __init__(self): self.data = {}
    def __getitem__(self, k): print('get', k); return self.data.get(k, 0)
    def __setitem__(self, k, v): print('set', k, v); self.data[k] = v
tr = Trace(); tr['a'] += 3
def key():
    print('key evaluated'); return 'z'
tr[key()] += 1
class IAdd:
    def __init__(self, v): self.v = v
    def __iadd__(self, o): self.v += o; return self
    def __add__(self, o): return 'add called'
    def __mul__(self, o): return IAdd(self.v * o)
    def __repr__(self): return 'IAdd(%r)' % self.v
a = IAdd(1); a += 5; print(a)
a *= 3; print(a)
class NoIAdd:
    def __add__(self, o): return 'plain add'
n = NoIAdd(); n += 1; print(n)
class Ret:
    def __iadd__(self, o): return NotImplemented
    def __radd__(self, o): return 'radd'
r = 5; r += Ret(); print(r)
try:
    q = None; q += 1
except TypeError as e:
    print('TypeError', e)
try:
    t2 = (1, [2]); t2[1] += [3]
except TypeError as e:
    print('TypeError', e, t2)
class Mat:
    def __matmul__(self, o): return 'matmul'
    def __imatmul__(self, o): return 'imatmul'
mm = Mat(); mm @= 1; print(mm)
try:
    z = 1; z @= 2
except TypeError as e:
    print('TypeError', e)
try:
    undefined_name += 1
except NameError as e:
    print('NameError', e)
