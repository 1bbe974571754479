# eval() and exec(): namespaces, __builtins__ insertion, code objects, closure=, errors.


def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)


print(eval("1 + 2"))
print(eval("  \t 3 * 4"))
print(eval(b"5 - 1"))
print(eval(bytearray(b"7")))
print(eval(memoryview(b"8 // 2")))
print(eval("x + y", {"x": 1}, {"y": 2}))
g = {}
exec("a = 10\nb = a * 2", g)
print(sorted(k for k in g if k != "__builtins__"), g["a"], g["b"])
print(type(g["__builtins__"]).__name__)
g2 = {"__builtins__": {"len": len}}
exec("r = len('abc')", g2)
print(g2["r"])
t(exec, "print(abs(1))", {"__builtins__": {}})
l = {}
exec("z = 5", {}, l)
print(l)
print(exec("1"))


class Mapping:
    def __getitem__(self, key):
        if key == "magic":
            return 42
        raise KeyError(key)

    def __setitem__(self, key, value):
        print("set", key, value)

    def keys(self):
        return []


print(eval("magic", {}, Mapping()))
exec("q = magic + 1", {}, Mapping())

# The caller's namespace.
x_global = "G"


def f():
    loc = 3
    print(eval("loc + 1"))
    print(eval("x_global"))
    exec("loc2 = 4")
    print(sorted(locals()))


f()
exec("x_global2 = 'new'")
print(x_global2)

# Code objects.
co = compile("40 + 2", "<c>", "eval")
print(eval(co))
co2 = compile("w = 1", "<c>", "exec")
ns = {}
exec(co2, ns)
print(ns["w"])


def outer():
    v = "closed"

    def inner():
        return v

    return inner


inner = outer()
t(eval, inner.__code__)
print(exec(inner.__code__, {}, None, closure=inner.__closure__))
t(exec, inner.__code__)
t(exec, inner.__code__, {}, closure=(1,))
t(exec, inner.__code__, {}, closure=[inner.__closure__[0]])
t(exec, co2, {}, closure=inner.__closure__)
t(exec, "1", closure=inner.__closure__)
print(exec(co2, {}, closure=None))

# Argument and type errors.
t(eval, 1)
t(exec, 1)
t(eval, "1", [])
t(eval, "1", Mapping())
t(eval, "1", {}, 1)
t(exec, "1", [])
t(exec, "1", {}, 1)
t(eval, "1", globals=None)
t(eval)
t(eval, "1", {}, {}, 4)
t(exec)
t(exec, "1", {}, {}, 4)
t(exec, "1", globals={})
t(exec, "1", foo=1)
t(eval, "a\0")
t(exec, b"a\0")
t(eval, "1 +")
t(exec, "  x = 1")
t(eval, "x = 1")
t(eval, "undefined_name")
try:
    exec("def f(:\n  pass")
except SyntaxError as e:
    print(e.msg, e.filename, e.lineno, e.offset, repr(e.text))
