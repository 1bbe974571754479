# inspect, abc, weakref and gc behaviours programs rely on.
import abc, gc, inspect, weakref
def func(a, b=2, *args, c, d=4, **kw):
    "Doc of func."
    return a
sig = inspect.signature(func)
print(sig, list(sig.parameters), sig.parameters["c"].kind, sig.parameters["b"].default)
print(sig.bind(1, c=3).arguments, inspect.getdoc(func), inspect.isfunction(func), inspect.isclass(int))
class Base(abc.ABC):
    @abc.abstractmethod
    def area(self): ...
    @property
    @abc.abstractmethod
    def name(self): ...
try:
    Base()
except TypeError as e:
    print("TypeError:", e)
class Sq(Base):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s ** 2
    @property
    def name(self):
        return "sq"
print(Sq(3).area(), Sq(2).name, isinstance(Sq(1), Base), Base.__abstractmethods__, Sq.__abstractmethods__)
class Reg(abc.ABC):
    pass
Reg.register(int)
print(isinstance(5, Reg), issubclass(bool, Reg), issubclass(str, Reg))
print(inspect.getmembers(Sq, inspect.isfunction)[0][0], inspect.getmro(Sq)[1].__name__)
print(inspect.isabstract(Base), inspect.isabstract(Sq), inspect.getsource(func).splitlines()[0])
def gen():
    yield 1
print(inspect.isgeneratorfunction(gen), inspect.isgenerator(gen()), inspect.getgeneratorstate(gen()))
frame = inspect.currentframe()
print(frame.f_code.co_name, inspect.getframeinfo(frame).function, inspect.stack()[0].function)
class Obj:
    pass
o = Obj()
r = weakref.ref(o)
called = []
w2 = weakref.ref(o, lambda ref: called.append("callback"))
print(r() is o, weakref.getweakrefcount(o))
del o
gc.collect()
print(r(), called)
d = weakref.WeakValueDictionary()
k = Obj()
d["x"] = k
print(len(d), "x" in d)
del k
gc.collect()
print(len(d))
ws = weakref.WeakSet()
items = [Obj() for _ in range(3)]
for it in items:
    ws.add(it)
items.pop()
gc.collect()
print(len(ws))
p = weakref.proxy(Sq(4))
try:
    p.area()
except ReferenceError as e:
    print("ReferenceError:", e)
class Node:
    def __init__(self):
        self.other = None
a, b = Node(), Node()
a.other, b.other = b, a
wa = weakref.ref(a)
del a, b
print(wa() is not None)
print(gc.collect() >= 2, wa())
print(gc.isenabled(), gc.get_threshold()[0] > 0, type(gc.get_count()).__name__)
gc.disable()
print(gc.isenabled())
gc.enable()
fin = []
class F:
    pass
obj = F()
weakref.finalize(obj, fin.append, "finalized")
del obj
print(fin)
print(gc.is_tracked([]), gc.is_tracked(1), gc.is_tracked({}), gc.is_tracked({"a": 1}))
