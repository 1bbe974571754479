# ast.dump(ast.parse(src), include_attributes=True) over every statement and
# expression kind; differential against CPython 3.11.
import ast

SAMPLES = [
    "x = 1",
    "a, *b = c = d\nx: int = 3\ny: 'T'\nz += 1\n(w): int",
    "del a, b[1], c.d",
    "def f(a, /, b: int = 2, *args, c, d=4, **kw) -> None:\n    '''doc'''\n    return a",
    "@dec\n@dec2(1)\nasync def g():\n    await x\n    async for i in y:\n        pass\n    async with a as b, c:\n        yield\n    yield from z",
    "class C(B, metaclass=M):\n    x = 1\n    def m(self): pass",
    "for i in range(10):\n    if i: break\n    elif j: continue\n    else: pass\nelse:\n    pass",
    "while x:\n    pass\nelse:\n    x = 2",
    "with open(f) as (a, b):\n    pass",
    "try:\n    pass\nexcept ValueError as e:\n    raise X from e\nexcept:\n    raise\nelse:\n    pass\nfinally:\n    pass",
    "try:\n    pass\nexcept* TypeError:\n    pass",
    "import a.b as c, d\nfrom ..e import (f, g as h)\nfrom . import *",
    "def f():\n    global a\n    nonlocal b",
    "assert x, 'msg'",
    "x = a and b or not c\ny = -a + ~b * c @ d / e // f % g ** h << i >> j | k ^ l & m",
    "x = (y := 10)\nz = lambda a, *b, c=1, **d: a\nw = a if b else c",
    "x = {1: 2, **y}, {1, 2}, [1, *a], (1,), ()",
    "[x for x in y if x for z in w]\n{x for x in y}\n{k: v for k, v in d.items()}\n(x async for x in y)",
    "a < b <= c > d >= e == f != g is h is not i in j not in k",
    "f(a, *b, c=1, **d)\nx.y.z\nx[1:2:3, ::2]\nx[a]",
    "f'{a!r:>{w}} {b=} {c:.2f}' 'x'\nrb'\\x00'\nu'uni'",
    "1; 1.5; 2j; 0x1F; 10**100; 1_000; 'a' 'b'; ...; None; True; False",
    "s = '\\ud800'\nt = 'caf\u00e9 \U0001F600'",
    "match x:\n    case 1 | 2:\n        pass\n    case [a, *rest]:\n        pass\n    case {'k': v, **kw}:\n        pass\n    case Point(x=0, y=_) if y:\n        pass\n    case None:\n        pass\n    case str() as s:\n        pass\n    case -1+2j:\n        pass\n    case _:\n        pass",
    "x = 'multi\\nline'\ndef f():\n    return (\n        1 +\n        2)",
    "l\u00e9 = 'é'  # non-ASCII columns\n",
]

for src in SAMPLES:
    tree = ast.parse(src)
    print(ast.dump(tree, include_attributes=True))
    print(ast.dump(tree, indent=1)[:200])

print(ast.dump(ast.parse("x + 1", mode="eval"), include_attributes=True))
print(ast.dump(ast.parse("x = 1", mode="single"), include_attributes=True))
print(ast.dump(ast.parse("(int, str) -> None", mode="func_type")))
print(ast.dump(ast.parse(b"# coding: latin-1\nx = '\xe9'"), include_attributes=True))
