import enum
from enum import Enum, IntEnum, Flag, IntFlag, auto, unique, StrEnum

class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1

print(list(Color), Color.CRIMSON is Color.RED, Color(2), Color['BLUE'])
print(repr(Color.RED), str(Color.RED), format(Color.RED), f"{Color.GREEN!r}")
print(Color.__members__.keys())
try:
    Color(7)
except ValueError as e:
    print("ValueError:", e)
try:
    @unique
    class Bad(Enum):
        A = 1
        B = 1
except ValueError as e:
    print("ValueError:", e)

class Perm(IntFlag):
    R = 4
    W = 2
    X = 1
print(Perm.R | Perm.W, repr(Perm.R | Perm.W), Perm(7), repr(Perm(0)), Perm.R in Perm(6))
print(list(Perm(7)), ~Perm.R, repr(~Perm.R), int(Perm.R | Perm.X))

class Shape(Flag):
    CIRCLE = auto()
    SQUARE = auto()
    BOTH = CIRCLE | SQUARE
print(repr(Shape.BOTH), list(Shape), Shape.CIRCLE.value, Shape(3))

class Level(IntEnum):
    LOW = 10
    HIGH = 20
print(Level.LOW < Level.HIGH, Level.LOW + 1, sorted([Level.HIGH, Level.LOW]), str(Level.LOW), format(Level.HIGH, "05d"))

class Mood(StrEnum):
    HAPPY = auto()
    SAD = "down"
print(Mood.HAPPY, repr(Mood.HAPPY), Mood.SAD.upper(), Mood("down"))

class Planet(Enum):
    EARTH = (5.976e+24, 6.37814e6)
    MARS = (6.421e+23, 3.3972e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
    @property
    def gravity(self):
        return 6.673e-11 * self.mass / (self.radius * self.radius)
for p in Planet:
    print(p.name, round(p.gravity, 3))

class Ordered(Enum):
    def _generate_next_value_(name, start, count, last_values):
        return name.lower() * 2
    A = auto()
    B = auto()
print([m.value for m in Ordered])

Animal = Enum('Animal', 'ANT BEE CAT')
print(list(Animal), Animal.BEE.value)
Dyn = IntEnum('Dyn', [('X', 5), ('Y', 9)])
print(Dyn.Y, Dyn(5))
print(Color.RED.__class__.__name__, isinstance(Color.RED, Color), type(Color).__name__)
try:
    Color.RED = 5
except AttributeError as e:
    print("AttributeError:", e)
try:
    class Ext(Color):
        PURPLE = 9
except TypeError as e:
    print("TypeError:", e)
print(hash(Color.RED) == hash(Color.RED), Color.RED == 1, Level.LOW == 10)

class WithMissing(Enum):
    A = 1
    @classmethod
    def _missing_(cls, value):
        return cls.A
print(WithMissing(99))
print(enum.EnumType is enum.EnumMeta, Perm._boundary_ if hasattr(Perm, '_boundary_') else None)
print(dir(Color))
