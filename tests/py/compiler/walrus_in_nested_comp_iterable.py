# An assignment expression anywhere inside a comprehension's iterable is a SyntaxError, even in
# a nested lambda or comprehension (bpo-37757).
cases = [
    "[i for i in (lambda:(j := range(5)))()]",
    "[i for i in [j for j in range(5) if (j := True)]]",
    "[i for i in [(j := True) for j in range(5)]]",
    "{i for i in [(j := True) for j in range(5)]}",
    "[i for i in range(3) for k in (lambda: (m := 1))()]",
]
for code in cases:
    for wrap in ("{}", "lambda: {}"):
        try:
            compile(wrap.format(code), "<s>", "exec")
            print("compiled")
        except SyntaxError as e:
            print("SyntaxError:", e.msg)
print([(lambda: (y := 2))() for x in range(2)])
