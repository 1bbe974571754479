# compile(): modes, flags, argument handling and errors.


def t(f, *a, **k):
    try:
        r = f(*a, **k)
        if type(r).__name__ == "code":
            print("code", r.co_filename, r.co_name)
        else:
            print(repr(r))
    except Exception as e:
        print(type(e).__name__, e)


t(compile, "x = 1", "f.py", "exec")
t(compile, "1 + 1", "f.py", "eval")
t(compile, "1 + 1", "f.py", "single")
t(compile, b"x = 1", b"bytes_name", "exec")
t(compile, bytearray(b"x"), "f", "eval")
t(compile, memoryview(b"x"), "f", "eval")
t(compile, "x", "f", "exec", 0, True, 2)
t(compile, source="x", filename="kw", mode="exec", flags=0, dont_inherit=True, optimize=-1)
t(compile, "x", "f", "exec", 0, 0, 0, _feature_version=3)


class P:
    def __fspath__(self):
        return "from_fspath"


t(compile, "x", P(), "exec")
t(compile, "x", 1, "exec")
t(compile, 1, "f", "exec")
t(compile, "x", "f", "bad")
t(compile, "x", "f", 1)
t(compile, "x", "f", "e\0xec")
t(compile, "x", "f", "func_type")
t(compile, "x", "f", "exec", 0x1000000)
t(compile, "x", "f", "exec", 0x8)
t(compile, "x", "f", "exec", 0x10)
t(compile, "x", "f", "exec", 0x200)
t(compile, "x", "f", "exec", 0, False, 5)
t(compile, "x", "f", "exec", 0, False, -2)
t(compile, "x", "f", "exec", 1.5)
t(compile, "x", "f", "exec", 0, "a")
t(compile, "a\0", "f", "exec")
t(compile)
t(compile, "x")
t(compile, "x", "f")
t(compile, "x", "f", "exec", foo=1)
t(compile, "x", "f", "exec", 0, 0, 0, 0)
t(compile, "x", "f", "exec", source="y")

# single mode: statements run (printing expression results needs the compiler's PRINT_EXPR).
ns = {}
exec(compile("v = 3", "<s>", "single"), ns)
print(ns["v"])

# Syntax errors carry the given filename; bytes sources count columns in bytes.
for src in ("x = (", "a b", "if x:\nfoo()", "\u00e9\u00e9 = $", b"\xc3\xa9\xc3\xa9 = $"):
    try:
        compile(src, "my_file.py", "exec")
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.filename, e.lineno, e.offset, repr(e.text))

# bytes with a coding declaration and a BOM.
co = compile(b"# -*- coding: latin-1 -*-\ns = '\xe9'\n", "f", "exec")
ns = {}
exec(co, ns)
print(ascii(ns["s"]))
ns = {}
exec(compile(b"\xef\xbb\xbfs = '\xc3\xa9'\n", "f", "exec"), ns)
print(ascii(ns["s"]))

# optimize=1 strips asserts.
ns = {}
exec(compile("try:\n  assert False\n  r = 'no-assert'\nexcept AssertionError:\n  r = 'assert'", "f", "exec", optimize=1), ns)
print(ns["r"])
exec(compile("try:\n  assert False\n  r = 'no-assert'\nexcept AssertionError:\n  r = 'assert'", "f", "exec", optimize=0), ns)
print(ns["r"])
