# Builtin functions: iter (two-argument), zip(strict), map/filter/enumerate/reversed, min/max, sum, any/all,
# divmod/pow/round/abs, chr/ord/bin/oct/hex, repr/ascii/format, callable, isinstance/issubclass with tuples.
import io, sys
it = iter([1, 2, 3, 0, 5].__iter__().__next__, 0)
print(list(it))
buf = io.StringIO("a\nb\n\nc\n")
print(list(iter(buf.readline, "\n")))
try:
    iter(5)
except TypeError as e:
    print("TypeError:", e)
try:
    iter(5, 0)
except TypeError as e:
    print("TypeError:", e)
print(list(zip("abc", range(3), strict=True)), list(zip()), list(zip("ab", "xyz")))
for args in [("ab", "xyz"), ("abc", "x"), ("a", "b", "cd")]:
    try:
        list(zip(*args, strict=True))
    except ValueError as e:
        print("ValueError:", e)
print(list(map(pow, [2, 3], [3, 2])), list(map(str.upper, "ab")), list(filter(None, [0, 1, "", "x", None])))
print(list(filter(lambda v: v % 2, range(7))), list(enumerate("ab", start=10)), list(reversed(range(3))))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed((1, 2))))
try:
    reversed({1, 2})
except TypeError as e:
    print("TypeError:", e)
class Seq:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * 10
print(list(reversed(Seq())), list(Seq()), 20 in Seq(), list(enumerate(Seq())))
print(min(3, 1, 2), max([3, 1, 2]), min("bca"), max([], default=None), min([4, 5], key=lambda v: -v))
print(max((1, "a"), (1, "b")), min([[2], [1, 5]]), max(1, 2, key=None))
for call in [lambda: min(), lambda: max([]), lambda: min(1), lambda: max(1, 2, default=3), lambda: min([1], foo=1)]:
    try:
        call()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
print(sum([1, 2, 3]), sum([[1], [2]], []), sum([0.1, 0.2], start=1), sum(range(101)), sum([], 5))
for bad in [(["a", "b"], ""), ([b"a"], b""), ([[1]], [])]:
    try:
        print(sum(*bad))
    except TypeError as e:
        print("TypeError:", e)
print(any([]), all([]), any([0, "", 3]), all([1, [], 2]), any(x > 2 for x in range(5)))
print(abs(-3), abs(-2.5), abs(3 + 4j), abs(True), divmod(17, 5), divmod(-17, 5), divmod(17.5, 5))
print(chr(65), chr(0x1F40D), ord("a"), ord("\U0001F40D"), ord(b"A"), ord(bytearray(b"z")))
for bad in [lambda: chr(-1), lambda: chr(0x110000), lambda: ord("ab"), lambda: ord(""), lambda: chr("a")]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
print(bin(10), oct(-8), hex(255), bin(0), hex(2**70))
class I:
    def __index__(self):
        return 10
print(bin(I()), hex(I()), oct(I()), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11][I()])
print(repr("a'b\"c\n\t\x00é\u200b"), ascii("é😀\n"), repr(b"\x00\xff'"), ascii([1, "ü"]))
print(callable(len), callable(5), callable(I), callable(I()), callable(print))
print(isinstance(3, (str, (int, float))), issubclass(bool, (str, int)), isinstance([], list | tuple))
for bad in [lambda: isinstance(1, 5), lambda: issubclass(5, int), lambda: issubclass(int, (int, 5))]:
    try:
        print(bad())
    except TypeError as e:
        print("TypeError:", e)
class Meta(type):
    def __instancecheck__(cls, inst):
        return inst == "magic"
    def __subclasscheck__(cls, sub):
        return sub is int
class Magic(metaclass=Meta):
    pass
print(isinstance("magic", Magic), isinstance("other", Magic), issubclass(int, Magic), issubclass(str, Magic))
print(hash(1) == hash(1.0), hash("a") == hash("a"), hash((1, 2)) == hash((1, 2)))
try:
    hash([])
except TypeError as e:
    print("TypeError:", e)
print(type(id(object())).__name__, id(None) == id(None))
print(vars(I)["__index__"].__name__, sorted(vars(type("E", (), {"q": 1})()).items()))
try:
    vars(5)
except TypeError as e:
    print("TypeError:", e)
print("__index__" in dir(I), dir(5)[:3], sorted(n for n in dir(sys) if n.startswith("set"))[:3])
class D:
    def __dir__(self):
        return ["z", "a"]
print(dir(D()))
print(getattr(5, "real"), getattr(5, "nope", "default"), hasattr(5, "imag"), hasattr(5, "zz"))
try:
    getattr(5, "nope")
except AttributeError as e:
    print("AttributeError:", e)
try:
    getattr(5, 5)
except TypeError as e:
    print("TypeError:", e)
o = type("O", (), {})()
setattr(o, "x", 1)
delattr(o, "x")
print(hasattr(o, "x"), round(2.567, 1), round(-0.5), pow(2, 10), pow(-2, 3, 5))
print(len(range(10**20)) if False else range(10**20)[-1], len({1: 2}), len(b"ab"))
try:
    len(5)
except TypeError as e:
    print("TypeError:", e)
class BadLen:
    def __len__(self):
        return -1
try:
    len(BadLen())
except ValueError as e:
    print("ValueError:", e)
print(print("x", "y", sep="-", end="!\n", file=sys.stdout, flush=True))
print(*[1, 2], sep="")
try:
    print(sep=5)
except TypeError as e:
    print("TypeError:", e)
print(format(3.5), format("x", "^3"), str(b"x"), str(b"x", "ascii"), bytes("é", "utf-8"), type(...).__name__)
print(__debug__, __name__, __builtins__.__name__ if hasattr(__builtins__, "__name__") else "dict")
print(globals()["__name__"], "it" in globals(), sorted(locals())[:2])
print(eval("1 + 2"), eval(compile("3 * 4", "<e>", "eval")), exec("z_ = 5") or z_)
print(compile("x = 1", "f.py", "exec").co_filename, compile("pass", "f", "single").co_name)
for src, mode in [("1 +", "eval"), ("x = 1", "eval"), ("a\nb", "single"), ("", "eval")]:
    try:
        compile(src, "<s>", mode)
    except SyntaxError as e:
        print("SyntaxError:", e.msg, e.lineno, e.offset)
try:
    compile("1", "<s>", "bogus")
except ValueError as e:
    print("ValueError:", e)
print(type(compile("1", "<s>", "eval", 0x400)).__name__)
import ast
print(eval(compile(ast.parse("7 * 6", mode="eval"), "<ast>", "eval")))
