# Mapping-pattern keys may be signed numbers and complex literals; duplicate
# keys among them are detected after folding.
def m(x):
    match x:
        case {-1: a, 1 + 2j: b, -0 - 0j: c}:
            return ("neg", a, b, c)
        case {-2.5: a}:
            return ("float", a)
        case _:
            return None

print(m({-1: 'a', 1 + 2j: 'b', 0j: 'c'}))
print(m({-2.5: 1}))
print(m({}))

for src in ("match x:\n case {-1: a, -1: b}: pass",
            "match x:\n case {1+2j: a, 1+2j: b}: pass",
            "match x:\n case {0: a, -0: b}: pass",
            "match x:\n case {-0-0j: a, 0j: b}: pass",
            "match x:\n case {-1: a, 1: b}: pass"):
    try:
        compile(src, "s", "exec")
        print("ok")
    except SyntaxError as e:
        print(e.msg, e.lineno, e.offset)
