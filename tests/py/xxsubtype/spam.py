# xxsubtype: spamlist/spamdict static subtypes of list/dict with state,
# class/static methods, subclassing and bench().
import pickle
import xxsubtype as x

for t in (x.spamlist, x.spamdict):
    print(t, t.__module__, t.__qualname__, t.__mro__, repr(t.__doc__), sorted(vars(t)))
l = x.spamlist([1, 2])
print(l, l.getstate(), l.state, repr(l), len(l), l + [3], l[0], isinstance(l, list))
l.setstate(5)
l.append(9)
print(l.getstate(), l.state, l)
for bad in [lambda: l.setstate('a'), lambda: setattr(l, 'state', 3), lambda: l.setstate()]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
print(x.spamlist.classmeth(1, 2, k=3), l.classmeth(1), x.spamlist.staticmeth(1, 2), l.staticmeth(4))
print(type(vars(x.spamlist)['classmeth']).__name__, x.spamlist.getstate.__doc__)
d = x.spamdict(a=1)
print(d, d.getstate(), d.state, d['a'], dict(d))
d.setstate(7)
print(d.state)


class S(x.spamlist):
    pass


s = S([3])
s.a = 1
print(s.__dict__, s, s.state, hasattr(l, '__dict__'), S.classmeth())
print(pickle.loads(pickle.dumps(l)), type(pickle.loads(pickle.dumps(l))).__name__)
print(type(x.bench([1], '__len__')).__name__, x.bench([1], '__len__', 3) >= 0)
try:
    x.bench(1, '__len__')
except AttributeError as e:
    print('AttributeError', e)
