# types.UnionType (PEP 604): construction, flattening, dedup, repr, equality,
# isinstance/issubclass, substitution, as CPython 3.11.
import re, types, typing, pickle, copy
def t(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
U = int | str
t(lambda: sorted(types.UnionType.__dict__))
t(lambda: types.UnionType.__name__); t(lambda: types.UnionType.__module__); t(lambda: types.UnionType.__doc__)
t(lambda: int | None); t(lambda: None | int); t(lambda: int | str | None); t(lambda: int | int); t(lambda: (int | str) | (str | float))
t(lambda: list[int] | None); t(lambda: list[int] | list[int]); t(lambda: int | typing.List[int])
t(lambda: int | "str"); t(lambda: int | 1)
T = typing.TypeVar('T')
t(lambda: int | T); t(lambda: (int | T).__parameters__); t(lambda: (int | T)[str]); t(lambda: (int | list[T])[str]);  t(lambda: (int | T)[int])
t(lambda: (int|str)[int])
t(lambda: U.__args__); t(lambda: (int|None).__args__)
t(lambda: U == (str | int)); t(lambda: U == typing.Union[int, str]); t(lambda: hash(U) == hash(str|int)); t(lambda: U != (int|float))
t(lambda: isinstance(1, U)); t(lambda: isinstance(1.0, U)); t(lambda: isinstance(None, int | None)); t(lambda: issubclass(bool, U)); t(lambda: issubclass(1, U))
t(lambda: isinstance([], list[int] | None)); t(lambda: issubclass(list, list[int] | None))
t(lambda: isinstance(1, int | T))
t(lambda: pickle.loads(pickle.dumps(U))); t(lambda: U.__reduce__())
t(lambda: copy.copy(U)); t(lambda: type(U)); t(lambda: types.UnionType())
t(lambda: int | ...); t(lambda: U | int); t(lambda: str | U)
t(lambda: type.__or__(int, str)); t(lambda: type.__ror__(int, str)); t(lambda: int.__or__)
t(lambda: U.__origin__)
t(lambda: typing.get_args(U)); t(lambda: dir(U)[:5])
t(lambda: (int | list[int] | T).__parameters__)
class M(type): pass
class C(metaclass=M): pass
t(lambda: C | int)
t(lambda: int | typing.Any)
t(lambda: int | typing.Optional[str])
