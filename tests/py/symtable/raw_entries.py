# _symtable's raw entries: names, types, line numbers, nesting, parameter
# lists and the exact flag words (binding flags | scope << SCOPE_OFF) of every
# scope, in the order CPython records them.
import _symtable

SRC = '''
import os.path as p, sys
from collections import OrderedDict
glob = 1
x += 1

class C(Base, metaclass=M):
    attr: int = 3
    other: str
    def method(self, a, /, b=glob, *args, c, d=2, **kw):
        global glob
        glob = a
        return super().method(__class__)
    def _priv(self):
        self.__secret = 1
        __hidden = 2
        return __hidden

def outer(n):
    cell = n
    def middle():
        def inner():
            nonlocal cell
            cell += 1
            return cell
        return inner
    lam = lambda q, r=cell: q + r
    gen = (i * cell for i in range(n))
    lst = [j for j in range(3) if j]
    d = {k: v for k, v in zip("ab", "cd")}
    s = None
    y: list[cell] = []
    return middle, lam, gen, lst, d, s

def walrus():
    total = [last := v for v in range(3)]
    return last

@decorator(lambda: 0)
def decorated(a: "ann" = 1) -> int:
    try:
        pass
    except Exception as exc:
        del exc
    with open("f") as (fa, fb):
        pass
    for i, (j, k) in []:
        pass
    match a:
        case {"k": v, **rest}:
            pass
        case [1, *others] | [*others]:
            pass
        case Point(x=px) as pt:
            pass
    import mod.sub
    return mod

async def coro():
    await thing
    s = {w async for w in aiter()}
    async with lock as held:
        pass
'''

def dump(t, depth=0):
    print("  " * depth + repr(t.name), t.type, t.lineno, t.nested, t.varnames)
    for name, flags in t.symbols.items():
        print("  " * depth + "   ", name, flags, (flags >> _symtable.SCOPE_OFF) & _symtable.SCOPE_MASK)
    for c in t.children:
        dump(c, depth + 1)

top = _symtable.symtable(SRC, "<test>", "exec")
dump(top)
print(type(top).__name__, type(top).__module__)
print(repr(top).startswith("<symtable entry top("), repr(top).endswith("), line 0>"))
print(all(c.id != top.id for c in top.children))
print(top.children[0] is top.children[0])

for src, mode in [("a + b", "eval"), ("x = 1", "single"), ("lambda: y", "eval"),
                  ("[z for z in q]", "eval")]:
    dump(_symtable.symtable(src, "<m>", mode))

print(sorted(k for k in vars(_symtable) if k.isupper()))
for k in sorted(k for k in vars(_symtable) if k.isupper()):
    print(k, getattr(_symtable, k))
