# del reports the first sub-target that cannot be deleted; except/except* mixing is located on
# the offending clause, star included.
for src in ["del (1, 2)", "del (a, f())", "del [a, (b, 3)]", "del f()", "del a, 1",
            "del *x", "del a, *x", "del *x, a", "del (*x)", "del (*x,)", "del [*x,]",
            "try: pass\nexcept ValueError: pass\nexcept* TypeError: pass",
            "try: pass\nexcept* ValueError: pass\nexcept TypeError: pass"]:
    try:
        compile(src, "<s>", "exec")
        print("compiled")
    except SyntaxError as e:
        print(e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
