# Compile-time SyntaxWarnings from the compiler, and the SyntaxError each
# becomes when SyntaxWarning is an error.
import warnings

SOURCES = [
    "x is 1", "x is 'a'", "1 is x", "x is y is 1", "x is not 1", "x is -1", "x is ()",
    "x is (1, -2)", "x is (not 1)", "x is None", "x is ...", "if x is 2: pass",
    "(1, 2)(3)", "(x, y)(3)", "[1](2)", "{1: 2}(3)", "f'{x}'(1)", "-1(2)", "None(1)",
    "{1, 2}[0]", "(i for i in y)[0]", "(lambda: 0)[1]", "12.3[i, j]", "True[0]",
    "(1, 2)[i, j]", "[1, 2]['a']", "'abc'[1.5]", "[1][[3]]", "[1][{3: 4}]", "[1][lambda: 0]",
    "[1][1]", "[1][i]", "[1][1:2]", "x[1, 2]",
    "assert (x, 'msg')", "assert (False,)", "assert x, 'msg'", "assert ()",
    "def f():\n    return x is 3\n",
]

for src in SOURCES:
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        compile(src, "<w>", "exec")
    print(repr(src), [(x.category.__name__, str(x.message), x.filename, x.lineno) for x in w])
    with warnings.catch_warnings():
        warnings.simplefilter("error", SyntaxWarning)
        try:
            compile(src, "<w>", "exec")
        except SyntaxError as e:
            print("   SyntaxError:", e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    compile("assert (x, 'm')", "<w>", "exec", optimize=1)
print("optimized:", len(w))
