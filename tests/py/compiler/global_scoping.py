# Scoping of `global`: module code uses *_GLOBAL for names declared global in nested functions;
# a function's global hides enclosing bindings, a class's does not; import * only at module level.
g, l = {}, {}
exec("""if 1:
    def f():
        y = 1
        def g():
            global y
            return y
        def h():
            return y + 1
        return g, h
    y = 9
    g, h = f()
    result9 = g()
    result2 = h()
""", g, l)
print(sorted(k for k in g if not k.startswith('__')), sorted(l))

x = 7
def f1():
    x = 1
    def g():
        global x
        def i():
            def h():
                return x
            return h()
        return i()
    return g()
print(f1())

def test(x):
    class Foo:
        global x
        def __call__(self, y):
            return x + y
    return Foo()
x = 0
print(test(6)(2))

for src in ["def f():\n  from sys import *\n", "class C:\n  from sys import *\n", "from sys import *\n"]:
    try:
        compile(src, "<s>", "exec")
        print("ok")
    except SyntaxError as e:
        print(e.msg, e.lineno, e.offset, e.end_offset)
