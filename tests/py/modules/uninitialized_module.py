# ModuleType.__new__ alone: a module with an empty __dict__, no __name__, the class __doc__.
from types import ModuleType

foo = ModuleType.__new__(ModuleType)
print(type(foo.__dict__), foo.__dict__, dir(foo))
try:
    foo.__name__
except AttributeError as e:
    print("AttributeError", e)
try:
    foo.not_here
except AttributeError as e:
    print("AttributeError", e)
print(foo.__doc__ == ModuleType.__doc__)
foo.__init__("named", "doc")
print(foo, foo.__doc__, sorted(foo.__dict__))
