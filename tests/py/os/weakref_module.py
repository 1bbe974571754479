# _weakref module (differential vs CPython 3.11).
import _weakref
class C:
    pass
c = C()
print(_weakref.getweakrefcount(c), _weakref.getweakrefs(c))
r1 = _weakref.ref(c)
r2 = _weakref.ref(c, lambda r: None)
p = _weakref.proxy(c)
print(_weakref.getweakrefcount(c), len(_weakref.getweakrefs(c)), r1() is c, r1 in _weakref.getweakrefs(c))
print(_weakref.ref is _weakref.ReferenceType, type(p) is _weakref.ProxyType, type(_weakref.proxy(len)) is _weakref.CallableProxyType)
print(_weakref.getweakrefcount(1), _weakref.getweakrefs(1))
d = {"a": r1, "b": 5}
del c
print(r1())
_weakref._remove_dead_weakref(d, "a")
_weakref._remove_dead_weakref(d, "missing")
print(sorted(d))
try:
    _weakref._remove_dead_weakref(d, "b")
except TypeError as e:
    print("TypeError", e)
