# A tour of the stdlib modules held-out programs use, output compared with CPython.
import json, re, collections, dataclasses, enum, typing, math, statistics, fractions, decimal, random
import textwrap, struct, base64, zlib, hashlib, io, os, pathlib, tempfile, csv, pickle, shutil, glob
import unittest, logging, argparse, pprint, difflib, datetime, inspect, abc, weakref, gc
@dataclasses.dataclass(order=True)
class P:
    x: int
    y: float = 0.5
    tags: list = dataclasses.field(default_factory=list)
class Color(enum.Enum):
    RED = 1; GREEN = 2
print(P(1), P(2) > P(1), Color.RED, list(Color), Color(2).name)
print(json.dumps({"a": [1, 2.5, None, True], "b": P(3).__dict__}, sort_keys=True, indent=1))
print(re.sub(r"(\w+)@(\w+)", r"\2 at \1", "me@host you@there"), re.findall(r"\d+", "a1b22c333"))
c = collections.Counter("abracadabra"); print(c.most_common(3), collections.OrderedDict(a=1))
print(math.comb(10, 3), statistics.mean([1, 2, 3, 4]), statistics.stdev([1, 2, 3, 4]), fractions.Fraction(3, 9) + 1)
decimal.getcontext().prec = 30; print(decimal.Decimal(1) / decimal.Decimal(7))
random.seed(42); print(random.random(), random.randint(1, 100), random.sample(range(100), 5))
print(textwrap.fill("the quick brown fox jumps over the lazy dog " * 3, 30))
print(struct.pack("<ihd", 1, 2, 3.5).hex(), base64.b64encode(b"hello"), zlib.crc32(b"x"), hashlib.sha256(b"x").hexdigest()[:16])
with tempfile.TemporaryDirectory() as d:
    p = pathlib.Path(d) / "f.csv"
    with p.open("w", newline="") as f:
        csv.writer(f).writerows([["a", "b"], [1, 2]])
    print(p.read_text().splitlines(), sorted(os.path.basename(x) for x in glob.glob(d + "/*")))
    shutil.copy(p, pathlib.Path(d) / "g.csv"); print(sorted(os.listdir(d)))
print(pickle.loads(pickle.dumps(P(5, tags=[1]))), pickle.loads(pickle.dumps(Color.GREEN)))
buf = io.StringIO(); h = logging.StreamHandler(buf); log = logging.getLogger("t"); log.addHandler(h); log.warning("warn %d", 3); print(buf.getvalue().strip())
ap = argparse.ArgumentParser(prog="x"); ap.add_argument("--n", type=int, default=1); ap.add_argument("f"); print(ap.parse_args(["--n", "4", "file"]))
pprint.pprint({"k%d" % i: list(range(i)) for i in range(6)}, width=40)
print(list(difflib.unified_diff(["a\n", "b\n"], ["a\n", "c\n"])))
d0 = datetime.datetime(2024, 2, 28, 12, 30); print(d0 + datetime.timedelta(days=2), d0.isoformat(), d0.strftime("%A %d %B"))
def fn(a, b=2, *c, d, **e): pass
print(inspect.signature(fn), inspect.isfunction(fn))
class A(abc.ABC):
    @abc.abstractmethod
    def m(self): ...
try: A()
except TypeError as e: print(e)
class W: pass
w = W(); r = weakref.ref(w); del w; gc.collect(); print(r())
T = typing.TypeVar("T")
def first(xs: typing.List[T]) -> T: return xs[0]
print(typing.get_type_hints(first), typing.Optional[int])
class TC(unittest.TestCase):
    def test_ok(self): self.assertEqual(1 + 1, 2)
    def test_fail(self): self.assertEqual([1], [2])
r = unittest.TextTestRunner(stream=io.StringIO(), verbosity=0).run(unittest.defaultTestLoader.loadTestsFromTestCase(TC))
print(r.testsRun, len(r.failures))
