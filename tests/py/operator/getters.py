# operator.itemgetter / attrgetter / methodcaller from _operator: calls,
# reprs, pickling, errors.
import operator
import pickle


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


ig = operator.itemgetter(1)
ig2 = operator.itemgetter(0, 'x', slice(1, None))
print(ig([5, 6]), repr(ig), repr(ig2), ig.__reduce__(), ig2.__reduce__())
print(operator.itemgetter('a', 'b')({'a': 1, 'b': 2}))
print(sorted([(2, 'b'), (1, 'z'), (3, 'a')], key=operator.itemgetter(1)))


class N:
    pass


o = N()
o.a = N()
o.a.b = 42
o.c = 'cc'
ag = operator.attrgetter('a.b')
ag2 = operator.attrgetter('c', 'a.b')
print(ag(o), ag2(o), repr(ag), repr(ag2), ag.__reduce__(), ag2.__reduce__())
mc = operator.methodcaller('split', ',', maxsplit=1)
mc0 = operator.methodcaller('upper')
mc1 = operator.methodcaller('count', 'a')
print(mc('a,b,c'), mc0('x'), mc1('banana'), repr(mc), repr(mc0), repr(mc1))
print(mc0.__reduce__(), mc1.__reduce__())
r = mc.__reduce__()
print(type(r[0]).__name__, r[0].args, r[0].keywords, r[1])
for obj in [ig, ig2, ag, ag2, mc, mc0, mc1]:
    c = pickle.loads(pickle.dumps(obj))
    print(type(c).__name__, repr(c) == repr(obj))
print(operator.itemgetter.__module__, operator.attrgetter.__qualname__, type(mc).__name__)
t(lambda: operator.itemgetter())
t(lambda: ig())
t(lambda: ig([1, 2], 3))
t(lambda: ig(x=3))
t(lambda: operator.itemgetter(a=1))
t(lambda: operator.attrgetter())
t(lambda: operator.attrgetter(1))
t(lambda: ag())
t(lambda: ag(1))
t(lambda: operator.methodcaller())
t(lambda: operator.methodcaller(1))
t(lambda: mc0())
t(lambda: mc0(1, x=2))
t(lambda: mc0(1))
t(lambda: ig([]))
for cls in [operator.itemgetter, operator.attrgetter, operator.methodcaller]:
    try:
        type('X', (cls,), {})
    except TypeError as e:
        print('TypeError', e)
print(operator.itemgetter.__doc__.splitlines()[0])
