# descriptors: data vs non-data precedence, __set_name__, __get__ with None instance, __delete__
class Data:
    def __set_name__(self, owner, name):
        self.name = '_' + name
        print('set_name', owner.__name__, name)
    def __get__(self, obj, objtype=None):
        if obj is None: return self
        return getattr(obj, self.name, 'unset')
    def __set__(self, obj, value):
        setattr(obj, self.name, value * 2)
    def __delete__(self, obj):
        print('delete', self.name)
        delattr(obj, self.name)
class NonData:
    def __get__(self, obj, objtype=None):
        return 'nondata from ' + (type(obj).__name__ if obj is not None else 'class ' + objtype.__name__)
class C:
    d = Data()
    n = NonData()
c = C()
print(c.d, C.d.__class__.__name__, c.n, C.n)
c.d = 5; print(c.d, c.__dict__)
c.__dict__['d'] = 'instance dict'; print(c.d)
c.__dict__['n'] = 'instance wins'; print(c.n)
del c.d; print(c.d)
class ReadOnly:
    def __get__(self, obj, t=None): return 42
    def __set__(self, obj, v): raise AttributeError('read-only!')
class K:
    r = ReadOnly()
k = K()
try:
    k.r = 1
except AttributeError as e:
    print('AttributeError', e)
class Typed:
    def __init__(self, typ): self.typ = typ
    def __set_name__(self, owner, name): self.name = name
    def __get__(self, obj, t=None):
        return self if obj is None else obj.__dict__[self.name]
    def __set__(self, obj, v):
        if not isinstance(v, self.typ):
            raise TypeError(f'{self.name} must be {self.typ.__name__}, not {type(v).__name__}')
        obj.__dict__[self.name] = v
class Point:
    x = Typed(int); y = Typed(int)
    def __init__(self, x, y): self.x, self.y = x, y
p = Point(1, 2); print(p.x, p.y)
try:
    Point(1, 'a')
except TypeError as e:
    print('TypeError', e)
class M:
    def method(self): return 'm'
bound = M().method
print(type(bound).__name__, bound(), M.method.__get__(M())(), M.__dict__['method'].__get__(None, M) is M.__dict__['method'])
print(type(M.__dict__['method']).__name__, bound.__self__.__class__.__name__, bound.__func__ is M.method)
late = Data()
late.__set_name__(C, 'late')
C.late = late
print(hasattr(late, 'name'))
class Multi:
    a = b = Data()
print(Multi.a.name)
try:
    class Bad:
        class D:
            def __set_name__(self, o, n): raise ValueError('nope')
        x = D()
except Exception as e:
    print(type(e).__name__, e, repr(e.__cause__) if e.__cause__ else '')
