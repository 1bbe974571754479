# Compile-time checks: a repeated keyword argument is a SyntaxError; `(x): int` without a value does
# not make x local.
for src in ["f(x=1, x=2)", "f(1, x=2, *(3,4), x=5)", "f(a=1, **k, a=2)", "class C(x=1, x=2): pass"]:
    try:
        compile(src, "<s>", "exec")
        print("compiled", src)
    except SyntaxError as e:
        print(src, "->", e.msg, e.lineno, e.offset)

def f2():
    (no_such_global): int
    print(no_such_global)
try:
    f2()
except Exception as e:
    print(type(e).__name__, e)
def f3():
    (x): int = 1
    return x
print(f3())
