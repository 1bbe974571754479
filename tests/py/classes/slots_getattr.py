# __slots__ semantics and __getattr__/__getattribute__/__setattr__/__delattr__ hooks
class P:
    __slots__ = ('x', 'y')
    def __init__(self, x): self.x = x
p = P(1)
print(p.x, hasattr(p, '__dict__'), P.__slots__, type(P.x).__name__)
try:
    p.y
except AttributeError as e:
    print('AttributeError', e)
try:
    p.z = 3
except AttributeError as e:
    print('AttributeError', e)
del p.x
try:
    del p.x
except AttributeError as e:
    print('AttributeError', e)
class Q(P):
    pass
q = Q(2); q.z = 5; print(q.z, q.__dict__)
class WithDict:
    __slots__ = ('a', '__dict__')
w = WithDict(); w.a = 1; w.b = 2; print(w.a, w.__dict__)
try:
    class Conflict:
        __slots__ = ('v',)
        v = 1
except ValueError as e:
    print('ValueError', e)
class Lazy:
    def __init__(self): self.real = 'present'
    def __getattr__(self, name):
        if name.startswith('no_'): raise AttributeError(name)
        return 'computed ' + name
l = Lazy(); print(l.real, l.other, getattr(l, 'no_x', 'default'), hasattr(l, 'no_y'))
class Spy:
    def __init__(self): object.__setattr__(self, 'log', [])
    def __getattribute__(self, name):
        if name != 'log': object.__getattribute__(self, 'log').append(name)
        return object.__getattribute__(self, name)
    def __setattr__(self, name, v):
        self.log.append('set ' + name); object.__setattr__(self, name, v)
    def __delattr__(self, name):
        self.log.append('del ' + name); object.__delattr__(self, name)
s = Spy(); s.a = 1; s.a; del s.a
try:
    s.a
except AttributeError as e:
    print('AttributeError', e)
print(s.log)
class Fallback:
    def __getattribute__(self, name):
        if name == 'boom': raise AttributeError('from getattribute')
        return object.__getattribute__(self, name)
    def __getattr__(self, name): return 'fallback ' + name
print(Fallback().boom)
class Frozen:
    def __setattr__(self, k, v): raise AttributeError(f'cannot set {k!r}')
try:
    Frozen().x = 1
except AttributeError as e:
    print('AttributeError', e)
class O: pass
o = O()
try:
    o.missing
except AttributeError as e:
    print('AttributeError', e)
try:
    delattr(o, 'missing')
except AttributeError as e:
    print('AttributeError', e)
setattr(o, 'dyn', 5); print(getattr(o, 'dyn'), vars(o))
try:
    object().x = 1
except AttributeError as e:
    print('AttributeError', e)
try:
    getattr(o, 5)
except TypeError as e:
    print('TypeError', e)
print(P.__dict__.get('__dict__'), '__weakref__' in P.__dict__, sorted(k for k in WithDict.__dict__ if not k.startswith('__')))
