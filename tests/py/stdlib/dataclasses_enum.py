# dataclasses and enum: fields, defaults, ordering, frozen, asdict, Enum/Flag/IntEnum/auto
from dataclasses import dataclass, field, asdict, astuple, replace, fields, FrozenInstanceError, InitVar
from enum import Enum, IntEnum, Flag, IntFlag, auto, unique
@dataclass(order=True)
class Item:
    price: float
    name: str = 'thing'
    tags: list = field(default_factory=list, compare=False)
a, b = Item(2.5, 'pen'), Item(1.0)
print(a, a < b, sorted([a, b]), a == Item(2.5, 'pen', ['x']), asdict(a), astuple(b), replace(a, name='ink'))
print([f.name for f in fields(Item)], Item.__match_args__)
@dataclass(frozen=True)
class P:
    x: int
    y: int = 0
try:
    P(1).x = 2
except FrozenInstanceError as e:
    print('FrozenInstanceError', e)
print(hash(P(1, 2)) == hash(P(1, 2)), P(1) == P(1, 0))
@dataclass
class WithPost:
    a: int
    scale: InitVar[int] = 2
    b: int = field(init=False)
    def __post_init__(self, scale): self.b = self.a * scale
print(WithPost(3), WithPost(3, 10).b)
try:
    @dataclass
    class Bad:
        x: list = []
except ValueError as e:
    print('ValueError', e)
class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    ALIAS = 1
print(Color.RED, repr(Color.GREEN), Color(2), Color['BLUE'], Color.ALIAS is Color.RED, list(Color), len(Color), Color.RED.name, Color.RED.value)
try:
    Color(9)
except ValueError as e:
    print('ValueError', e)
class Perm(Flag):
    R = auto(); W = auto(); X = auto()
rw = Perm.R | Perm.W
print(rw, Perm.R in rw, Perm.X in rw, ~Perm.R, Perm(0), list(rw) if hasattr(rw, '__iter__') else '')
class Num(IntEnum):
    ONE = 1
    TWO = 2
print(Num.ONE + 1, Num.TWO > Num.ONE, int(Num.TWO), sorted([Num.TWO, Num.ONE]), Num(1).name)
try:
    @unique
    class U(Enum):
        A = 1
        B = 1
except ValueError as e:
    print('ValueError', e)
class Planet(Enum):
    EARTH = (5.97e24, 6.37e6)
    def __init__(self, mass, radius): self.mass, self.radius = mass, radius
print(Planet.EARTH.mass, Planet.EARTH.value)
class IF(IntFlag):
    A = 1
    B = 2
print(IF.A | IF.B, IF.A | 4, IF(3))
