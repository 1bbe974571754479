# functools.partial from _functools: calls, flattening, repr, pickling,
# __dict__, weakrefs, errors.
import _functools
import functools
import pickle
import weakref

print(functools.partial is _functools.partial, type(functools.partial).__name__)
print(functools.partial.__module__, functools.partial.__qualname__)


def f(*args, **kw):
    return args, sorted(kw.items())


p = functools.partial(f, 1, 2, a=3)
print(p(), p(4, b=5), p(a=9))
print(p.func is f, p.args, p.keywords)
q = functools.partial(p, 7, c=8)
print(q.func is f, q.args, q.keywords, q())
print(repr(functools.partial(len, 'abc')))
print(repr(functools.partial(f, 1, x=[1, 2])).replace(hex(id(f)), 'ID'))

# keywords dict is live: mutation changes later calls
p.keywords['z'] = 0
print(p(1))

# subclass
class P(functools.partial):
    pass


sp = P(f, 1)
print(type(sp).__name__, repr(sp).startswith('P(<function f'), sp(2))
print(functools.partial(sp, 3).func is f)

# __dict__ on the inner partial prevents flattening
d = functools.partial(f, 1)
d.attr = 5
print(d.__dict__, functools.partial(d, 2).func is d)

# pickling round trip
r = pickle.loads(pickle.dumps(functools.partial(max, 3, key=abs)))
print(type(r).__name__, r.args, r.keywords, r(-7, 2))
print(functools.partial(max, 1).__reduce__())
s = functools.partial(min)
s.__setstate__((max, (1, 2), {'key': None}, {'x': 1}))
print(s.func, s.args, s.keywords, s.__dict__, s(0))
class T(tuple):
    pass


s.__setstate__((max, T((1, 2)), None, None))
print(s.args, type(s.args).__name__, s.keywords)
for bad in [(), (1, 2, 3, 4), (max, 1, {}, None), (max, (), 1, None), [max, (), {}, None]]:
    try:
        s.__setstate__(bad)
    except TypeError as e:
        print('TypeError', e)

# weakref
w = weakref.ref(p)
print(w() is p)

# errors
for args in [(), (1,)]:
    try:
        functools.partial(*args)
    except TypeError as e:
        print('TypeError', e)

# recursive repr
rp = functools.partial(f)
rp.__setstate__((f, (rp,), {}, None))
print(repr(rp).replace(hex(id(f)), 'ID'))

# as a method: partial is not a descriptor
class C:
    m = functools.partial(f, 'bound?')


print(C().m())
print(functools.partial[int])
