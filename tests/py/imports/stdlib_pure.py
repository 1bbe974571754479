# Pure-Python standard library modules that need no native accelerators.
import types, abc, operator, keyword, heapq, bisect, _collections_abc, stat
print(keyword.iskeyword("for"), heapq.nsmallest(2, [5, 1, 4]), bisect.bisect([1, 3, 5], 4))
print(types.SimpleNamespace(a=1), operator.itemgetter(1)([1, 2]))
class A(abc.ABC):
    @abc.abstractmethod
    def f(self): ...
try:
    A()
except TypeError as e:
    print(e)
print(types.ModuleType("m"), type(abc).__name__)
