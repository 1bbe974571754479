# Keywords after **mapping are merged, so a repeated name raises "got multiple values";
# star-unpacking assignment has CPython's size limit.
def f(*a, **k):
    return a, k


for call in ["f(**{'x': 3}, x=5, y=2)", "f(1, 2, **{'a': -1, 'b': 5}, a=4, c=6)", "f(x=1, **{'x': 2})",
             "f(**{'a': 1}, **{'a': 2})", "dict(**{'a': 1}, a=2)", "f(a=1, *[2], b=3, **{'c': 4}, d=5)",
             "f(**{'a': 1}, b=2, c=3, **{'d': 4}, e=5)", "print(**{'sep': '-'}, end='!\\n')"]:
    try:
        print(eval(call))
    except TypeError as e:
        print("TypeError", e)

for n in (255, 256):
    s = ", ".join("a%d" % i for i in range(n)) + ", *rest = range(300)"
    try:
        compile(s, "test", "exec")
        print(n, "compiles")
    except SyntaxError as e:
        print(n, "SyntaxError", e.msg)
