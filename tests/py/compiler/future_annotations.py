from __future__ import annotations
# PEP 563: annotations are stored as the source text CPython's unparser writes.
import dataclasses
import typing


def f(a: List[int], b: dict[str, "X"] = None, *args: *Ts, c: int | None = 3, **kw: Callable[..., T]) -> Tuple[int, ...]:
    pass


print(f.__annotations__)

cases = [
    "a + b * c", "(a + b) * c", "a ** b ** c", "(a ** b) ** c", "-a ** b", "(-a) ** b", "not a and b or c",
    "a if b else c", "(a if b else c) if d else e", "lambda: 0", "lambda x, y=1, *a, z, w=2, **k: x",
    "lambda *a: 0", "lambda x, /, y: 0", "a[1:2, ::3]", "a[b, c]", "a[()]", "a[(1,)]", "a[1,]", "x.y.z",
    "1 .real", "1.5.real", "f(x for x in y)", "f((x for x in y), z)", "f(*a, **k, b=1)", "[x async for x in y if z]",
    "{k: v for k, v in d.items()}", "{1, 2}", "{**a, 'b': 1}", "(yield)", "await x", "a < b <= c is not d not in e",
    "a | b & c ^ d << e >> f // g % h @ i", "~a", "+a", "(a := 1)", "'str'", "b'bytes'", "u'x'", "...", "1e999",
    "-1e999j", "f'{a!r:>{width}} {{lit}} { {1: 2}[1]}'", "f'{x=}'", "(1, 2)", "()", "(1,)", "[*a, *b]", "None", "True",
    "'a' 'b'", "not (a == b)", "(not a) == b", "a.b(c)[d]", "a[b:c]", "(a, b)[0]", "[a, b][0]", "x if (y := 2) else z",
    "f(a)(b)(c)", "3 + 4j", "0x1f", "1_000", "'\\n\\t\\u1234'", "(lambda: 1)()", "a and (b or c)", "(a and b) or c",
]
for src in cases:
    ns = {}
    try:
        exec("from __future__ import annotations\nx: " + src + "\n", ns)
        print(repr(ns["__annotations__"]["x"]))
    except SyntaxError as e:
        print("SyntaxError", e.msg)


class C:
    x: int
    y: Optional[C] = None
    z: "quoted"

    def m(self, other: C) -> C: ...


print(C.__annotations__, C.m.__annotations__)


@dataclasses.dataclass
class P:
    a: int
    b: list[str] = dataclasses.field(default_factory=list)
    c: typing.ClassVar[int] = 0


print(P(1), [fld.type for fld in dataclasses.fields(P)], typing.get_type_hints(P.__init__) if False else "")
print(typing.get_type_hints(C.m, localns={"C": C}))
g = {}
exec("def h(a: Q) -> R: pass", g)
print(g["h"].__annotations__)
exec(compile("def h2(a: Q) -> R: pass", "<s>", "exec", dont_inherit=True), g)
try:
    print(g["h2"].__annotations__)
except NameError as e:
    print("NameError", e)
print(compile("x: int", "<s>", "exec").co_flags & 0x1000000, (lambda: 0).__code__.co_flags & 0x1000000)
