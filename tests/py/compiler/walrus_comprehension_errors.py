# Assignment expressions inside comprehensions: the SyntaxErrors CPython 3.11 raises
# (iteration variable rebinding, class bodies, iterable expressions) and what is allowed.
for src in ["[i := 0 for i in range(3)]", "class C:\n  [q := 1 for _ in range(2)]", "[x for x in (y := [1,2])]",
            "[[(j := 0) for i in range(3)] for j in range(2)]", "[(a := 1) for a, b in []]", "def f():\n  [y := 1 for _ in range(2)]\n  return y",
            "[x for x in range(3) if (z := x)]", "lambda: [(q := 1) for _ in ()]"]:
    try:
        compile(src, "<s>", "exec"); print("ok", repr(src))
    except SyntaxError as e:
        print(repr(src), e.msg, e.lineno, e.offset)
