# match: class patterns with __match_args__, keyword patterns, dataclass-like classes, builtins' self-matching.
class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y

class Point3(Point):
    __match_args__ = ("x", "y", "z")
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z

def where(p):
    match p:
        case Point3(0, 0, 0):
            return "origin3"
        case Point3(x, y, z) if z > 0:
            return f"above {x},{y},{z}"
        case Point(0, 0):
            return "origin"
        case Point(x=0, y=y):
            return f"on y axis at {y}"
        case Point(x, 0):
            return f"on x axis at {x}"
        case Point(x, y) if x == y:
            return f"diagonal {x}"
        case Point():
            return "somewhere"
        case _:
            return "not a point"

for p in [Point(0, 0), Point(0, 5), Point(3, 0), Point(2, 2), Point(1, 7), Point3(0, 0, 0),
          Point3(1, 2, 3), Point3(1, 2, -3), 42]:
    print(where(p))

def kind(v):
    match v:
        case bool(b):
            return f"bool {b}"
        case int(i) if i < 0:
            return f"negative int {i}"
        case int(i):
            return f"int {i}"
        case float(f):
            return f"float {f}"
        case str() as s if len(s) > 3:
            return f"long str {s!r}"
        case str(s):
            return f"str {s!r}"
        case bytes(b) | bytearray(b):
            return f"binary {b!r}"
        case list([first, *rest]):
            return f"list first={first} rest={rest}"
        case tuple((a, b)):
            return f"pair {a} {b}"
        case dict({"k": val}):
            return f"dict k={val}"
        case frozenset() | set():
            return f"a set of {len(v)}"
        case None:
            return "None"
        case _:
            return f"other {type(v).__name__}"

for v in [True, -3, 7, 2.5, "hello", "hi", b"x", bytearray(b"yz"), [1, 2, 3], (4, 5), {"k": 9, "j": 1},
          {1, 2}, frozenset(), None, object, 3j]:
    print(kind(v))

class NoArgs:
    pass

try:
    match NoArgs():
        case NoArgs(1):
            pass
except TypeError as e:
    print("TypeError:", e)

class BadArgs:
    __match_args__ = ["a"]
try:
    match BadArgs():
        case BadArgs(1):
            pass
except TypeError as e:
    print("TypeError:", e)

class Dup:
    __match_args__ = ("a",)
    a = 1
try:
    match Dup():
        case Dup(1, a=1):
            pass
except TypeError as e:
    print("TypeError:", e)

try:
    match 5:
        case int(1, 2):
            pass
except TypeError as e:
    print("TypeError:", e)

try:
    match 5:
        case len():
            pass
except TypeError as e:
    print("TypeError:", e)

class Missing:
    __match_args__ = ("nope",)
match Missing():
    case Missing(x):
        print("matched", x)
    case _:
        print("missing attribute means no match")
