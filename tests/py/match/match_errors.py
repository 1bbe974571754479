# match: compile-time errors the compiler must report exactly as CPython 3.11 does.
sources = [
    "match x:\n case a:\n  pass\n case b:\n  pass\n",
    "match x:\n case [a, a]:\n  pass\n",
    "match x:\n case a | b:\n  pass\n",
    "match x:\n case {**r, 'k': 1}:\n  pass\n",
    "match x:\n case [*a, *b]:\n  pass\n",
    "match x:\n case {'k': 1, 'k': 2}:\n  pass\n",
    "match x:\n case f(a=1, b):\n  pass\n",
    "match x:\n case _ as y:\n  pass\n case 1:\n  pass\n",
    "match x:\n case 1 + 1:\n  pass\n",
    "match x:\n case f'{x}':\n  pass\n",
    "match x:\n case a.b():\n  pass\n case Point(x=1, x=2):\n  pass\n",
    "match x:\n case 1 as _:\n  pass\n",
    "match x:\n case {a.b: 1}:\n  pass\n",
    "match x:\n case _:\n  pass\n",
]
for src in sources:
    try:
        compile(src, "<match>", "exec")
        print("ok")
    except SyntaxError as e:
        print(f"SyntaxError: {e.msg} (line {e.lineno}, offset {e.offset})")

# match and case are soft keywords: still usable as names.
match = [1, 2]
case = 3
print(match, case)
match match:
    case [1, case]:
        print("case bound to", case)
def match(case):
    return case * 2
print(match(21))
for src in ["match x:\n case 1j+1j:\n  pass\n", "match x:\n case -1j-2j:\n  pass\n", "match x:\n case -1-2:\n  pass\n",
            "match x:\n case (_ as y):\n  pass\n case 2:\n  pass\n", "match x:\n case [_ as y] | (z as y):\n  pass\n case 2:\n  pass\n"]:
    try:
        compile(src, "<match>", "exec")
        print("ok")
    except SyntaxError as e:
        print(f"SyntaxError: {e.msg} (line {e.lineno}, offset {e.offset})")
import collections.abc
print(bytearray.__flags__ & (1 << 5), isinstance(bytearray(), collections.abc.MutableSequence))
