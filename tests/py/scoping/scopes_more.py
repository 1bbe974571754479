# global/nonlocal, del of names, class-body scoping, closures over loop variables, and NameError messages.
counter = 0
def bump():
    global counter
    counter += 1
    return counter
bump(); bump()
print(counter)
def outer():
    x = 1
    def mid():
        def inner():
            nonlocal x
            x += 10
            return x
        return inner
    f = mid()
    f(); f()
    return x
print(outer())
def make():
    fs = []
    for i in range(3):
        def f(i=i):
            return i
        fs.append(f)
    cells = [lambda: i for i in range(3)]
    return [f() for f in fs], [c() for c in cells]
print(make())
def unbound():
    try:
        print(y)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    y = 1
    del y
    try:
        y
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
unbound()
def free_unbound():
    def inner():
        return z
    try:
        inner()
    except NameError as e:
        print(type(e).__name__ + ":", e)
    z = 2
    return inner()
print(free_unbound())
try:
    undefined_name
except NameError as e:
    print("NameError:", e, e.name)
try:
    lenn([1])
except NameError as e:
    print("NameError:", e)
x = "global x"
class Scope:
    x = "class x"
    y = x
    def meth(self):
        return x
    z = [x for _ in range(1)]
print(Scope.y, Scope().meth(), Scope.z)
def class_in_func():
    v = "func v"
    class Inner:
        v = "class v"
        w = v
        def get(self):
            return v
    return Inner.w, Inner().get()
print(class_in_func())
def nonlocal_class():
    q = 1
    class C:
        nonlocal q
        q = 2
    return q
print(nonlocal_class())
for src in ["def f():\n x = 1\n global x", "def f():\n nonlocal y", "nonlocal z", "def f(a):\n global a",
            "def f():\n x=1\n def g():\n  print(x)\n  nonlocal x", "class A:\n nonlocal b",
            "def f():\n global q\n nonlocal q", "def f(a):\n nonlocal a"]:
    try:
        compile(src, "<s>", "exec")
        print("compiles")
    except SyntaxError as e:
        print("SyntaxError:", e.msg, e.lineno)
g = {"a": 1}
exec("b = a + 1\nglobal c\nc = 5", g)
print(g["b"], g["c"])
l = {}
exec("def f():\n return sq\nsq = 3", g, l)
print(sorted(l), eval("a * 10", g), eval("x + 1", {"x": 1}, {"x": 10}))
def locals_snapshot():
    a = 1
    b = 2
    loc = locals()
    a = 100
    return sorted(loc.items())
print(locals_snapshot())
del counter
try:
    counter
except NameError as e:
    print("NameError:", e)
