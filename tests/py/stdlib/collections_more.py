# collections: Counter arithmetic, OrderedDict moves, namedtuple API, ChainMap, deque rotation, UserDict
from collections import Counter, OrderedDict, namedtuple, ChainMap, deque, UserDict, UserList, defaultdict
c = Counter('abracadabra')
print(c.most_common(3), c['z'], sorted(c.elements())[:5], c.total())
c2 = Counter(a=1, b=5)
print(c + c2, c - c2, c & c2, c | c2, -Counter(a=-2), +Counter(a=-1, b=2))
c.subtract({'a': 10}); print(c['a'], dict(Counter('aab')), Counter('xyz') == Counter('zyx'))
od = OrderedDict.fromkeys('abcde')
od.move_to_end('b'); od.move_to_end('e', last=False); print(list(od), od.popitem(), od.popitem(last=False))
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1, b=2) == dict(b=2, a=1))
Point = namedtuple('Point', 'x y', defaults=[0])
p = Point(1); print(p, p._asdict(), p._replace(y=5), Point._fields, Point._field_defaults, p.x + p[1], Point._make([3, 4]))
try:
    Point(1, 2, 3)
except TypeError as e:
    print('TypeError', e)
try:
    namedtuple('Bad', 'a a')
except ValueError as e:
    print('ValueError', e)
R = namedtuple('R', 'def x', rename=True); print(R._fields)
cm = ChainMap({'a': 1}, {'a': 2, 'b': 3}); print(cm['a'], cm['b'], len(cm), sorted(cm), cm.new_child({'z': 0}).maps)
cm['c'] = 9; print(cm.maps)
dq = deque(range(5), maxlen=5); dq.rotate(2); print(dq); dq.append(9); print(dq, dq.maxlen)
dq.appendleft(-1); dq.extendleft([7, 8]); print(dq, dq.index(0) if 0 in dq else None, dq.count(9))
class UD(UserDict):
    def __setitem__(self, k, v): super().__setitem__(k, v * 10)
u = UD(a=1); u['b'] = 2; print(u, u.data)
ul = UserList([3, 1]); ul.sort(); print(ul, type(ul + [2]).__name__)
dd = defaultdict(lambda: 'missing'); print(dd['k'], dict(dd), repr(defaultdict(int)))
tree = lambda: defaultdict(tree)
t = tree(); t['a']['b']['c'] = 1; print(t['a']['b']['c'])
