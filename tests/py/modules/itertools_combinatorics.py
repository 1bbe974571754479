from itertools import product, permutations, combinations, combinations_with_replacement

def show(label, it):
    try:
        print(label, list(it))
    except Exception as e:
        print(label, "raised", type(e).__name__, e)

def err(label, f, *a, **k):
    try:
        r = f(*a, **k)
        print(label, "ok", list(r))
    except Exception as e:
        print(label, type(e).__name__, e)

show("product", product("ab", range(3)))
show("product repeat", product("01", repeat=3))
show("product 2x2", product("ab", "c", repeat=2))
show("product none", product())
show("product zero", product("ab", repeat=0))
show("product empty", product("ab", []))
err("product neg", product, "a", repeat=-1)
err("product kw", product, "a", foo=1)
err("product noniter", product, 1)
err("product repeat0 noniter", product, 1, repeat=0)
err("product repeat str", product, "a", repeat="2")
print(len(list(product(range(4), repeat=4))))
res = []
for t in product("abc", "de"):
    res.append(t)
print(res)

show("perm", permutations("abc"))
show("perm r2", permutations(range(4), 2))
show("perm r0", permutations("ab", 0))
show("perm r big", permutations("ab", 3))
show("perm empty", permutations(""))
show("perm r kw", permutations(iterable="abc", r=1))
err("perm r neg", permutations, "a", -1)
err("perm r str", permutations, "a", "x")
err("perm r float", permutations, "a", 1.0)
print(len(list(permutations(range(6)))))

show("comb", combinations("ABCD", 2))
show("comb 3", combinations(range(5), 3))
show("comb 0", combinations("abc", 0))
show("comb big", combinations("abc", 4))
show("comb empty r0", combinations("", 0))
err("comb neg", combinations, "a", -2)
err("comb missing", combinations, "a")
err("comb str", combinations, "a", "b")
err("comb kw", combinations, iterable="abc", r=2)

show("cwr", combinations_with_replacement("ABC", 2))
show("cwr 3", combinations_with_replacement(range(3), 3))
show("cwr empty", combinations_with_replacement("", 2))
show("cwr empty0", combinations_with_replacement("", 0))
show("cwr r0", combinations_with_replacement("ab", 0))
err("cwr neg", combinations_with_replacement, "a", -1)
err("cwr missing", combinations_with_replacement, "a")
print(len(list(combinations_with_replacement(range(5), 4))))
print(type(product()).__name__, repr(type(permutations("")))) 
class P(product):
    pass
print(list(P("ab", "c")), type(P("a")).__name__)
