# locals()/eval() in a function see the current values each time (the frame's
# snapshot dict is refreshed, and is the same dict).
def f():
    out = []
    for base in (object, int):
        class C(base):
            def __lt__(self, other):
                return isinstance(other, C)
        a, b = C(1) if base is int else C(), C(2) if base is int else C()
        out.append((base.__name__, eval("a < b"), eval("type(a) is C")))
    x = 1
    d1 = locals()
    x = 2
    d2 = locals()
    out.append((d1 is d2, d2["x"]))
    del x
    out.append("x" in locals())
    return out


print(f())
