# dict views, | and |=, ordering, mutation during iteration, fromkeys, setdefault, popitem
d = {'b': 2, 'a': 1, 'c': 3}
k, v, it = d.keys(), d.values(), d.items()
d['d'] = 4
print(list(k), list(v), list(it), len(k), 'a' in k, 2 in v, ('a', 1) in it)
print(k & {'a', 'z'}, sorted(k | {'z'}), sorted(k - {'a'}), sorted(k ^ {'a', 'q'}), k == {'a', 'b', 'c', 'd'}, it & {('a', 1)})
print(k.isdisjoint(['x']), list(reversed(d)), list(reversed(d.values())), list(reversed(d.items()))[0])
print(d | {'e': 5}, d | {'a': 100}, {'x': 1} | d)
e = dict(d); e |= {'a': -1}; e |= [('f', 6)]; print(e)
try:
    d | [('x', 1)]
except TypeError as err:
    print('TypeError', err)
d2 = {1: 'a', 2: 'b'}
try:
    for key in d2:
        d2[key + 10] = 'x'
except RuntimeError as err:
    print('RuntimeError', err)
d3 = {1: 1, 2: 2}
try:
    for key in d3:
        del d3[key]
except RuntimeError as err:
    print('RuntimeError', err)
d4 = {1: 1}
for key in d4:
    d4[key] = 2
print(d4)
print(dict.fromkeys('abc'), dict.fromkeys([1, 2], []), dict(a=1, b=2), dict([('x', 1)], y=2), dict({'q': 1}))
dd = {}
print(dd.setdefault('k', []), dd.setdefault('k', [1]), dd)
dd['k'].append(3); print(dd, dd.get('nope'), dd.get('nope', 0), dd.pop('k'), dd.pop('k', 'dflt'))
try:
    dd.pop('k')
except KeyError as err:
    print('KeyError', err)
p = {'a': 1, 'b': 2, 'c': 3}
print(p.popitem(), p)
try:
    {}.popitem()
except KeyError as err:
    print('KeyError', err)
p.update({'z': 26}, y=25); p.update([('w', 23)]); print(p)
del p['a']; p['a'] = 0; print(list(p))
print({1: 'int', 1.0: 'float', True: 'bool'})
print(d.keys().mapping if hasattr(d.keys(), 'mapping') else None)
try:
    {[1]: 2}
except TypeError as err:
    print('TypeError', err)
print(sorted({3: 1, 1: 2, 2: 3}.items(), key=lambda kv: kv[1], reverse=True))
class Missing(dict):
    def __missing__(self, key): return key * 2
m = Missing(a=1); print(m['a'], m['zz'], 'zz' in m, m.get('zz'))
print(repr(dict.keys), type({}.values()).__name__, type({}.items()).__name__, repr({}.keys()), repr({'a': 1}.items()))
r = {}; r['self'] = r; print(r)
print({'a': 1} == {'a': 1.0}, {'a': 1, 'b': 2} == {'b': 2, 'a': 1}, list(iter({'x': 1, 'y': 2})))
