# dict and set methods; sets are printed sorted so the output does not depend on hashing.
d = {'a': 1, 'b': 2}
d.update({'c': 3}, d2=4)
d.setdefault('a', 100)
d.setdefault('e', 5)
print(d, d.pop('b'), d.pop('zz', 'none'), d.popitem(), d)
print(list(d.keys()), list(d.values()), list(d.items()), 'a' in d, 'b' in d)
print(dict.fromkeys('xy', 0), {**d}, d.copy() == d, d.copy() is d)
d.clear()
print(d, len(d))
s = {3, 1, 2}
s.add(4)
s.discard(10)
s.remove(1)
print(sorted(s), sorted(s | {9}), sorted(s & {2, 3, 8}), sorted(s - {2}), sorted(s ^ {2, 7}))
print({1, 2} <= {1, 2, 3}, {1, 2} < {1, 2}, {1}.isdisjoint({2}), len(set()), set() == frozenset())
try:
    s.remove(100)
except KeyError as e:
    print('KeyError', e)
lst = [5, 3, 5, 1]
lst.insert(1, 9)
lst.extend([7, 7])
lst.remove(5)
print(lst, lst.index(7), lst.count(7), lst.pop(), lst.pop(0), lst)
lst.sort()
lst.reverse()
print(lst, lst.copy(), [1, 2, 3].index(3))
from collections import Counter, defaultdict, OrderedDict, deque, namedtuple
c = Counter('mississippi')
print(sorted(c.items()), c.most_common(2))
dd = defaultdict(list)
for k, v in [('x', 1), ('y', 2), ('x', 3)]:
    dd[k].append(v)
print(dict(dd), OrderedDict(a=1), deque([1, 2, 3], maxlen=2))
P = namedtuple('P', 'x y')
print(P(1, 2), P(1, 2).x, P._fields, P(1, 2)._replace(y=5))
