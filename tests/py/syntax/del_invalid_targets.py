# invalid_del_stmt: which sub-target a bad 'del' names, and where.
srcs = ["del (,)", "del 1", "del (1, 2)", "del None", "del *x", "del (*x)", "del (*x,)", "del [*x,]",
        "del f()", "del f(a, b)", "del o.f()", "del a[0]()", "del x, f()", "del f(), x",
        "del [a, b, ((c), (d,), e.f())]", "del (a if True else b)", "del +a", "del a, +b",
        "del a + b", "del (a + b, c)", "del (c[0], a + b)", "del a.b.c + 2", "del a.b.c[0] + 2",
        "del (a, b, (c, d.e.f + 2))", "del [a, b, (c, d.e.f[0] + 2)]", "del (a := 5)",
        "del a += b", "del a b", "del a, b", "del a,", "del (a), [b], c.d, e[f]", "del a if b else c"]
for src in srcs:
    try:
        compile(src, "<s>", "exec")
        print("compiled", src)
    except SyntaxError as e:
        print(src, "|", e.msg, e.offset, e.end_offset)
