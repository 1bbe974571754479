# abc.ABCMeta over the native _abc: abstract methods, register, caches,
# isinstance/issubclass, __subclasshook__, collection flags for `match`.
import _abc
import abc
import collections.abc

print(abc.ABCMeta.register.__module__, abc.get_cache_token is _abc.get_cache_token)


class A(abc.ABC):
    @abc.abstractmethod
    def f(self):
        pass

    @property
    @abc.abstractmethod
    def p(self):
        pass


print(sorted(A.__abstractmethods__), type(A.__abstractmethods__).__name__)
try:
    A()
except TypeError as e:
    print('TypeError', e)


class B(A):
    def f(self):
        return 1


print(sorted(B.__abstractmethods__))


class C(B):
    p = 3


print(C.__abstractmethods__, C().f())


class V:
    pass


tok = abc.get_cache_token()
print(issubclass(V, A), isinstance(V(), A))
print(A.register(V) is V, abc.get_cache_token() == tok + 1)
print(issubclass(V, A), isinstance(V(), A), issubclass(V, B))


class W(V):
    pass


print(issubclass(W, A), isinstance(W(), A))
reg, cache, neg, ver = _abc._get_dump(A)
print(sorted(r().__name__ for r in reg), sorted(r().__name__ for r in cache),
      sorted(r().__name__ for r in neg))
A._abc_caches_clear()
print([len(s) for s in _abc._get_dump(A)[:3]])
A._abc_registry_clear()
print(issubclass(V, A))
try:
    A.register(1)
except TypeError as e:
    print('TypeError', e)
try:
    B.register(A)
except RuntimeError as e:
    print('RuntimeError', e)
print(A.register(B) is B)
try:
    issubclass(1, A)
except TypeError as e:
    print('TypeError', e)


class Hook(abc.ABC):
    @classmethod
    def __subclasshook__(cls, other):
        return hasattr(other, 'quack') or NotImplemented


class Duck:
    quack = 1


print(issubclass(Duck, Hook), issubclass(int, Hook), isinstance(Duck(), Hook))


class Bad(abc.ABC):
    @classmethod
    def __subclasshook__(cls, other):
        return 1


try:
    issubclass(int, Bad)
except AssertionError as e:
    print('AssertionError', e)

print(isinstance([], collections.abc.Sequence), isinstance({}, collections.abc.Mapping),
      issubclass(str, collections.abc.Hashable), issubclass(list, collections.abc.Hashable))


class MySeq:
    def __len__(self):
        return 2

    def __getitem__(self, i):
        if i < 2:
            return i
        raise IndexError


class MyMap(dict):
    pass


collections.abc.Sequence.register(MySeq)
for obj in [MySeq(), MyMap(a=1), 'str']:
    match obj:
        case [a, b]:
            print('seq', a, b)
        case {'a': v}:
            print('map', v)
        case _:
            print('other')
print('__abc_tpflags__' in collections.abc.Sequence.__dict__)


class Meta(abc.ABCMeta):
    pass


class D(metaclass=Meta):
    @abc.abstractmethod
    def g(self):
        pass


print(type(D._abc_impl).__name__, D.__abstractmethods__)
