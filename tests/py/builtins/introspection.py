# isinstance/issubclass with tuples and __instancecheck__/__subclasscheck__, callable, vars, dir, hasattr, id-free checks
class Meta(type):
    def __instancecheck__(cls, obj): return hasattr(obj, 'quack')
    def __subclasscheck__(cls, sub): return hasattr(sub, 'quack')
class Duck(metaclass=Meta): pass
class Mallard:
    quack = True
print(isinstance(Mallard(), Duck), isinstance(5, Duck), issubclass(Mallard, Duck), issubclass(int, Duck))
print(isinstance(5, (str, (float, int))), isinstance(True, int), issubclass(bool, (int,)), isinstance(None, type(None)), issubclass(int, object))
print(isinstance(5, int | str), issubclass(bool, int | None), isinstance([], list[int].__origin__))
for bad in [lambda: isinstance(5, 5), lambda: issubclass(5, int), lambda: issubclass(int, (int, 5)) and issubclass(str, (int, 5)), lambda: isinstance(1, list[int])]:
    try:
        print(bad())
    except TypeError as e:
        print('TypeError', e)
print(callable(len), callable(5), callable(int), callable(lambda: 0), callable(type('X', (), {'__call__': lambda s: 0})()))
class Obj:
    cls_attr = 1
    def __init__(self): self.a, self.b = 1, 2
    def method(self): pass
o = Obj()
print(vars(o), sorted(vars(Obj).keys() - {'__dict__', '__weakref__', '__module__', '__doc__'}))
print([n for n in dir(o) if not n.startswith('__')], 'method' in dir(Obj), '__class__' in dir(o))
try:
    vars(5)
except TypeError as e:
    print('TypeError', e)
class CustomDir:
    def __dir__(self): return ['z', 'a', 'm']
print(dir(CustomDir()))
def scope():
    local_var = 1
    return sorted(dir()), sorted(vars())
print(scope(), sorted(locals().keys())[:3] == sorted(globals().keys())[:3])
print(hasattr(o, 'a'), hasattr(o, 'zz'), getattr(o, 'zz', None), type(o).__name__, o.__class__ is Obj, Obj.__qualname__, Obj.__module__)
print(type(o.method).__name__, type(len).__name__, type(Obj.method).__name__, type(print).__name__, type(int.__add__).__name__, type((1).__add__).__name__)
print(len.__name__, len.__qualname__, len.__module__, print.__self__.__name__ if hasattr(print, '__self__') else '', [].append.__qualname__)
import types
print(isinstance(o.method, types.MethodType), isinstance(len, types.BuiltinFunctionType), isinstance(scope, types.FunctionType), isinstance((x for x in []), types.GeneratorType))
print(scope.__code__.co_varnames, scope.__code__.co_argcount, scope.__defaults__, scope.__name__, scope.__module__)
def fn(a, b=2, *c, d, e=5, **f): pass
co = fn.__code__
print(co.co_argcount, co.co_kwonlyargcount, co.co_posonlyargcount, co.co_varnames[:6], fn.__defaults__, fn.__kwdefaults__)
print(issubclass(Obj, Obj), isinstance(Obj, type), isinstance(type, type), isinstance(object, type), issubclass(type, object))
print(sorted(n for n in dir(5) if not n.startswith('_'))[:6], sorted(set(dir([])) - set(dir(object)))[:5])
