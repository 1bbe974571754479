import abc, dataclasses, typing, enum, functools, contextlib, sys
class Base(abc.ABC):
    @abc.abstractmethod
    def area(self): ...
    @property
    @abc.abstractmethod
    def name(self): ...
try:
    Base()
except TypeError as e:
    print(e)
class Sq(Base):
    def area(self): return 4
    name = "sq"
print(Sq().area(), isinstance(Sq(), Base), Base.__abstractmethods__, Sq.__abstractmethods__)
Base.register(int); print(isinstance(3, Base), issubclass(bool, Base))
@dataclasses.dataclass(order=True, frozen=True)
class P:
    x: int
    y: int = 0
    tags: list = dataclasses.field(default_factory=list, compare=False, repr=False)
p = P(1, 2)
print(p, P(1) < P(2), hash(P(1)) == hash(P(1)), dataclasses.asdict(p), dataclasses.astuple(p), dataclasses.fields(P)[2].name)
try:
    p.x = 5
except dataclasses.FrozenInstanceError as e:
    print("frozen", e)
print(dataclasses.replace(p, y=9), P.__match_args__)
@dataclasses.dataclass(slots=True, kw_only=True)
class K:
    a: int
    b: str = "b"
print(K(a=1), K.__slots__, hasattr(K(a=1), "__dict__"))
try:
    K(1)
except TypeError as e:
    print(e)
@dataclasses.dataclass
class Post:
    a: int
    b: int = dataclasses.field(init=False)
    def __post_init__(self): self.b = self.a * 2
print(Post(3), dataclasses.is_dataclass(Post), dataclasses.is_dataclass(Post(1)))
try:
    @dataclasses.dataclass
    class Bad:
        a: int = 1
        b: int
except TypeError as e:
    print(e)
try:
    @dataclasses.dataclass
    class Bad2:
        a: list = []
except ValueError as e:
    print(e)
T = typing.TypeVar("T")
class Box(typing.Generic[T]):
    def __init__(self, v: T): self.v = v
print(Box[int], Box[int](3).v, typing.get_type_hints(Box.__init__), typing.get_origin(list[int]), typing.get_args(dict[str, list[int]]))
print(typing.Optional[int], typing.Union[int, str], int | None, typing.List[int], typing.Callable[[int], str], typing.Literal[1, "a"])
class TD(typing.TypedDict, total=False):
    a: int
    b: str
print(TD(a=1), TD.__required_keys__, TD.__optional_keys__)
class NT(typing.NamedTuple):
    x: int
    y: float = 1.5
print(NT(1), NT._field_defaults, NT.__annotations__)
@typing.runtime_checkable
class Closer(typing.Protocol):
    def close(self): ...
print(isinstance(open(__file__), Closer), isinstance(1, Closer))
@functools.singledispatch
def show(x): return "obj"
@show.register
def _(x: int): return "int"
@show.register(list)
def _(x): return "list"
print(show(1), show([]), show("s"), show(True))
class C:
    @functools.cached_property
    def v(self):
        print("compute"); return 5
    @functools.singledispatchmethod
    def m(self, x): return "base"
    @m.register
    def _(self, x: str): return "str"
c = C(); print(c.v, c.v, c.m(1), c.m("a"))
@functools.lru_cache(maxsize=2)
def sq(n): return n * n
print([sq(i) for i in (1, 2, 1, 3, 1)], sq.cache_info())
print(functools.partial(int, base=2)("101"), functools.partial(max, 1)(2, 3), repr(functools.partial(print, 1))[:25])
@contextlib.contextmanager
def cm(n):
    print("enter", n)
    try:
        yield n
    except ValueError:
        print("handled"); 
    finally:
        print("exit", n)
with cm(1) as v, cm(2):
    raise ValueError
with contextlib.suppress(KeyError):
    {}["x"]
with contextlib.ExitStack() as st:
    for i in range(3):
        st.callback(print, "cb", i)
import io
with contextlib.redirect_stdout(io.StringIO()) as buf:
    print("captured")
print(repr(buf.getvalue()))
class Color(enum.Enum):
    R = 1
match Color.R:
    case Color.R: print("matched R")
match {"k": [1, 2, {"z": 3}]}:
    case {"k": [1, *rest, {"z": int(z)}]}: print("deep", rest, z)
match P(1, 2):
    case P(x=1, y=yy) if yy > 1: print("P", yy)
