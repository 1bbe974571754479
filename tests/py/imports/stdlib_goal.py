# The stdlib modules Krait's imports must handle (many need native modules: itertools, _sre, ...).
import functools, collections, re, types, contextlib, dataclasses, enum, typing, json, copy, itertools, math
print(functools.reduce(lambda a, b: a + b, [1, 2, 3]))
print(collections.OrderedDict(a=1), collections.Counter("abca").most_common(1))
print(re.match(r"(\w+) (\d+)", "ab 12").groups())
@dataclasses.dataclass
class P:
    x: int
    y: int = 2
print(P(1))
class Color(enum.Enum):
    RED = 1
print(Color.RED, typing.List[int], json.dumps({"a": [1, 2]}), copy.deepcopy([[1]]), math.sqrt(4))
with contextlib.suppress(KeyError):
    {}["x"]
print(list(itertools.islice(itertools.count(), 3)))
