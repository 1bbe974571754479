# A small inventory program: Counter, defaultdict, deque, OrderedDict, ChainMap, namedtuple, heapq, bisect.
import bisect, heapq
from collections import ChainMap, Counter, OrderedDict, defaultdict, deque, namedtuple
Item = namedtuple("Item", "name qty price", defaults=[0.0])
stock = [Item("apple", 5, 0.5), Item("pear", 2, 0.75), Item("apple", 3), Item("fig", 10, 2.0), Item("pear", 1, 0.7)]
qty = Counter()
for it in stock:
    qty[it.name] += it.qty
print(qty, qty.most_common(2), sorted(qty.elements())[:4], qty.total())
print(qty + Counter(apple=1, kiwi=2), qty - Counter(fig=20), qty & Counter(apple=2), qty | Counter(fig=11))
by_name = defaultdict(list)
for it in stock:
    by_name[it.name].append(it.price)
print(dict(by_name), by_name["none"], len(by_name))
recent = deque(maxlen=3)
for it in stock:
    recent.append(it.name)
print(recent, recent.maxlen)
recent.rotate(1)
recent.appendleft("start")
print(recent, recent.count("pear"), list(reversed(recent)))
od = OrderedDict.fromkeys("abcde")
od.move_to_end("b")
od.move_to_end("e", last=False)
print(list(od), od.popitem(), od.popitem(last=False))
defaults = {"color": "red", "size": "M"}
user = {"size": "L"}
cm = ChainMap(user, defaults)
print(cm["color"], cm["size"], list(cm), cm.new_child({"color": "blue"})["color"], cm.maps)
prices = [it.price for it in stock]
print(heapq.nsmallest(2, prices), heapq.nlargest(2, stock, key=lambda i: i.qty))
h = []
for p in prices:
    heapq.heappush(h, p)
print([heapq.heappop(h) for _ in range(len(h))])
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [3, 6])))
grades = [60, 70, 80, 90]
print([("FDCBA")[bisect.bisect(grades, s)] for s in [33, 60, 75, 99]])
sl = []
for v in [5, 1, 4, 1, 5]:
    bisect.insort(sl, v)
print(sl, bisect.bisect_left(sl, 4), bisect.bisect_right(sl, 5))
print(Item._make(["x", 1, 2.0]), Item("y", 2)._asdict(), Item.__doc__)
try:
    Item("a")
except TypeError as e:
    print("TypeError:", e)
try:
    namedtuple("Bad", "a a")
except ValueError as e:
    print("ValueError:", e)
print(namedtuple("R", "x def", rename=True)._fields)
c = Counter("mississippi")
print(c, c["z"], dict(c), +Counter(a=-1, b=2), -Counter(a=-1))
