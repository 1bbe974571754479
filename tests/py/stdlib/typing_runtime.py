# typing at runtime: generics, get_type_hints, Protocol, TypedDict, NamedTuple, Literal, overload, reprs.
import typing
from typing import (Any, Callable, ClassVar, Dict, Final, Generic, List, Literal, NamedTuple, Optional, Protocol,
                    Tuple, TypedDict, TypeVar, Union, cast, get_args, get_origin, get_type_hints, overload,
                    runtime_checkable)
T = TypeVar("T")
K = TypeVar("K", bound=str)
class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item
    def get(self) -> T:
        return self.item
print(Box[int], Box[int](3).get(), Box.__parameters__, Box[int].__origin__ is Box, repr(T), repr(K), K.__bound__)
print(List[int], Dict[str, List[int]], Optional[int], Union[int, str], Union[int, None] == Optional[int])
print(Callable[[int, str], bool], Tuple[int, ...], Literal["a", 1], ClassVar[int], Final[str])
print(get_origin(List[int]), get_args(Dict[str, int]), get_args(Callable[[int], str]), get_origin(int | str))
print(list[int] == List[int], int | str, (int | str) == Union[int, str], type(int | str).__name__)
def f(a: int, b: "str" = "x", *, c: Optional[List[int]] = None) -> Dict[str, int]:
    return {}
print(get_type_hints(f))
print(f.__annotations__)
class Pt(NamedTuple):
    x: int
    y: int = 0
p = Pt(1)
print(p, p._asdict(), Pt._fields, Pt._field_defaults, p._replace(y=5), Pt.__annotations__)
class Movie(TypedDict, total=False):
    title: str
    year: int
m: Movie = {"title": "x"}
print(m, Movie.__required_keys__, Movie.__optional_keys__, Movie.__total__)
@runtime_checkable
class Closable(Protocol):
    def close(self) -> None: ...
class File:
    def close(self):
        pass
print(isinstance(File(), Closable), isinstance(5, Closable))
try:
    class NP(Protocol):
        def m(self): ...
    isinstance(1, NP)
except TypeError as e:
    print("TypeError:", e)
@overload
def g(x: int) -> int: ...
@overload
def g(x: str) -> str: ...
def g(x):
    return x
print(g(3), len(typing.get_overloads(g)))
print(cast(int, "not an int"), typing.TYPE_CHECKING, Any)
class Ann:
    a: int
    b: ClassVar[str] = "c"
    def m(self) -> "Ann": ...
print(Ann.__annotations__, get_type_hints(Ann), get_type_hints(Ann.m))
print(typing.Self if hasattr(typing, "Self") else None, typing.LiteralString, typing.Never, typing.assert_never.__name__)
def tv(x: T) -> T:
    return x
print(typing.reveal_type.__name__, tv.__annotations__, typing.Required[int], typing.NotRequired[str])
P = typing.ParamSpec("P")
print(P, P.args, P.kwargs, typing.Concatenate[int, P], typing.TypeAlias)
Ts = typing.TypeVarTuple("Ts")
print(Ts, typing.Unpack[Ts], tuple[int, *Ts] if False else "skip")
print(typing.Annotated[int, "meta"], get_args(typing.Annotated[int, "meta"]), typing.get_type_hints(lambda: 0))
try:
    List[int]()
except TypeError as e:
    print("TypeError:", e)
try:
    Union[int]
    print(Union[int])
    Generic[int]
except TypeError as e:
    print("TypeError:", e)
