# match: sequence, mapping, or, as, value and literal patterns; what counts as a sequence.
import collections

def seq(v):
    match v:
        case []:
            return "empty"
        case [x]:
            return f"one {x!r}"
        case [x, y] if x == y:
            return f"twin {x!r}"
        case [1, *middle, 9]:
            return f"1..9 middle={middle}"
        case [*_, "end"]:
            return "ends with end"
        case [(a, b), *rest]:
            return f"pair first {a},{b} + {len(rest)}"
        case [x, y, *rest]:
            return f"many {x!r} {y!r} {rest}"
        case _:
            return "not a sequence"

for v in [[], [1], (2,), [3, 3], [1, 2, 3, 9], ["a", "end"], [(1, 2), 3], range(5), "abc", b"ab",
          bytearray(b"ab"), collections.deque([7, 8, 9]), {1: 2}, iter([1]), memoryview(b"xy")]:
    print(type(v).__name__, seq(v))

def mapping(v):
    match v:
        case {"type": "circle", "r": r}:
            return f"circle {r}"
        case {"type": "rect", **rest} if rest:
            return f"rect with {sorted(rest)}"
        case {"type": t}:
            return f"unknown type {t}"
        case {}:
            return "a mapping"
        case _:
            return "no"

for v in [{"type": "circle", "r": 2}, {"type": "rect", "w": 1, "h": 2}, {"type": "rect"}, {"type": 5},
          {}, {"x": 1}, collections.OrderedDict(type="circle", r=1), [("type", 1)], "type"]:
    print(mapping(v))

class Color:
    RED = 1
    GREEN = 2

def value(v):
    match v:
        case Color.RED:
            return "red"
        case Color.GREEN | 3:
            return "green or three"
        case 1.5 | -2 | 3+4j:
            return "literal number"
        case "a" "b":
            return "concatenated literal"
        case True:
            return "True"
        case (1 | 2) as small:
            return f"small {small}"
        case [1 | 2 as a, (3 | 4) as b]:
            return f"nested or {a} {b}"
        case _:
            return "none"

for v in [1, 2, 3, 1.5, -2, 3+4j, "ab", True, 1.0, [2, 4], [2, 5], False]:
    print(repr(v), value(v))

# Binding happens only when the whole pattern matches; names from failed alternatives are untouched.
x = "unset"
match [1, 2]:
    case [x, 3]:
        pass
    case _:
        pass
print("x after failed case:", x)

match {"a": 1, "b": 2}:
    case {"a": 1, **others}:
        print("others", others)

# Mapping patterns use .get / __getitem__ via keys(); a defaultdict must not create keys.
d = collections.defaultdict(int)
match d:
    case {"missing": _}:
        print("matched?!")
    case _:
        print("defaultdict untouched:", dict(d))

# Guards see bindings; a guard that raises propagates.
try:
    match 0:
        case n if 1 / n:
            pass
except ZeroDivisionError as e:
    print("guard raised", e)

# Star pattern captures into a list even for tuples.
match (1, 2, 3, 4):
    case (first, *rest):
        print(first, rest, type(rest).__name__)
