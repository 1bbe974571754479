# types.SimpleNamespace: construction, repr (incl. recursion), equality, pickling.
import types, pickle, copy
def t(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
N = types.SimpleNamespace
t(lambda: N(b=1, a=2)); t(lambda: N()); t(lambda: N(1)); t(lambda: N(**{'a b': 1, '': 2})); t(lambda: N(**{1: 2}))
n = N(x=1); n.self = n; t(lambda: n)
t(lambda: N(a=1) == N(a=1)); t(lambda: N(a=1) == N(a=2)); t(lambda: N(a=1) != N(a=1)); t(lambda: N(a=1) == {'a': 1}); t(lambda: N(a=1) < N(a=1))
t(lambda: hash(N())); t(lambda: N(a=1).__reduce__()); t(lambda: pickle.loads(pickle.dumps(N(a=[1]))))
t(lambda: copy.copy(N(a=1))); t(lambda: N(a=1).__dict__)
class S(N): pass
t(lambda: S(a=1)); t(lambda: S(a=1) == N(a=1)); t(lambda: S(a=1).__reduce__())
m = N(); m.z = 1; m.y = 2; del m.z; t(lambda: m); t(lambda: vars(m)); t(lambda: m.nope)
t(lambda: N.__doc__); t(lambda: N.__name__); t(lambda: N.__module__); t(lambda: sorted(N.__dict__)); t(lambda: N.__reduce__.__doc__)
t(lambda: N(a=1, **{'a': 2}))
d = {}; q = N(**d); d['x'] = 1; t(lambda: q)
t(lambda: N.__new__(N)); t(lambda: N.__init__(N(), 1))
t(lambda: N(__dict__=1))
r = N(); r.__dict__['k'] = r; t(lambda: r)
t(lambda: N(a=1).__dict__ is N(a=1).__dict__)
