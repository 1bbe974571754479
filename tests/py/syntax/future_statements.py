# Future statements: unknown features, "braces", and late ones are
# SyntaxErrors located as CPython's future.c / compiler report them.
SOURCES = [
    "from __future__ import doesnt_exist",
    "from __future__ import braces",
    "x=1\nfrom __future__ import division",
    '"doc"\nfrom __future__ import division',
    "from __future__ import (division, nope)",
    "def f():\n from __future__ import division",
    "from __future__ import *",
    "import __future__; from __future__ import division",
    "from __future__ import division\nfrom __future__ import generator_stop\nx = 1",
    "from __future__ import division; from __future__ import generators",
    "from __future__ import division\nx = 1\nfrom __future__ import generators",
]
for src in SOURCES:
    for mode in ("exec", "single"):
        if mode == "single" and "\n" in src:
            continue
        try:
            compile(src, "<f>", mode)
            print("ok", repr(src))
        except SyntaxError as e:
            print(repr(src), mode, e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
