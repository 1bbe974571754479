# metaclasses, __init_subclass__, __class_getitem__, __prepare__, __mro_entries__, type() calls
class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print('prepare', name, kw)
        return {'injected': 1}
    def __new__(mcls, name, bases, ns, **kw):
        print('new', name, sorted(k for k in ns if not k.startswith('__')))
        return super().__new__(mcls, name, bases, ns)
    def __init__(cls, name, bases, ns, **kw):
        print('init', name); super().__init__(name, bases, ns)
    def __call__(cls, *a):
        print('call', cls.__name__, a); return super().__call__(*a)
    def __repr__(cls): return '<Meta class %s>' % cls.__name__
class A(metaclass=Meta, flag=True):
    x = 1
    def __init__(self, v): self.v = v
print(A, A.injected, A(5).v, type(A).__name__, isinstance(A, Meta))
class B(A): pass
print(type(B).__name__, B.__mro__)
class Base:
    subclasses = []
    def __init_subclass__(cls, /, prefix='', **kw):
        super().__init_subclass__(**kw)
        cls.label = prefix + cls.__name__
        Base.subclasses.append(cls.__name__)
class X(Base, prefix='x_'): pass
class Y(X): pass
print(X.label, Y.label, Base.subclasses)
try:
    class Z(Base, unknown=1): pass
except TypeError as e:
    print('TypeError', e)
class Box:
    def __class_getitem__(cls, item): return f'Box[{item!r}]'
print(Box[int], Box[1, 2], list[int], dict[str, list[int]], tuple[()] if hasattr(tuple, '__class_getitem__') else '')
T = type('T', (object,), {'f': lambda self: 'dynamic', 'n': 3})
print(T().f(), T.n, T.__name__, T.__bases__, type(3), type('') is str)
try:
    type('Bad', 5, {})
except TypeError as e:
    print('TypeError', e)
try:
    type('a', 'b')
except TypeError as e:
    print('TypeError', e)
class M1(type): pass
class M2(type): pass
class C1(metaclass=M1): pass
class C2(metaclass=M2): pass
try:
    class C3(C1, C2): pass
except TypeError as e:
    print('TypeError', e)
class Entry:
    def __mro_entries__(self, bases): return (dict,)
class FromEntry(Entry()): pass
print(FromEntry.__bases__, FromEntry.__orig_bases__[0].__class__.__name__)
try:
    class Dup(int, int): pass
except TypeError as e:
    print('TypeError', e)
class O1: pass
class O2(O1): pass
try:
    class Bad(O1, O2): pass
except TypeError as e:
    print('TypeError', e)
class Single(type):
    _inst = {}
    def __call__(cls, *a):
        if cls not in cls._inst: cls._inst[cls] = super().__call__(*a)
        return cls._inst[cls]
class S(metaclass=Single): pass
print(S() is S(), type.__name__, type(type) is type, A.__class__.__class__.__name__)
print(int.__mro__, bool.__mro__, issubclass(Meta, type), type.mro(B)[0] is B)
