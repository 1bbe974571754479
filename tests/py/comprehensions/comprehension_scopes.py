# Comprehension scoping: the iterable of the first `for` is evaluated in the enclosing scope,
# class bodies are not visible, walrus binds in the containing function, nested comprehensions.
x = 10
print([x for x in range(3)], x)
print({k: v for k, v in zip("ab", [1, 2])}, {c for c in "hello"} == set("helo"))
print(list(y * 2 for y in range(4)))

class C:
    items = [1, 2, 3]
    doubled = [i * 2 for i in items]          # first iterable: class scope OK
    try:
        bad = [i * len(items) for i in range(2)]
    except NameError as e:
        err = str(e)
print(C.doubled, C.err)

def walrus():
    data = [1, 5, 12, 7, 30]
    if any((big := v) > 10 for v in data):
        print("first big:", big)
    total = 0
    sums = [total := total + v for v in data]
    print(sums, total)
    print([last := ch for ch in "xyz"], last)
walrus()

def nested():
    m = [[i * j for j in range(4)] for i in range(3)]
    flat = [v for row in m for v in row if v % 2 == 0]
    pairs = [(a, b) for a in range(3) for b in range(a)]
    return m, flat, pairs
print(nested())

def closures():
    fs = [lambda: i for i in range(3)]
    gs = [lambda i=i: i for i in range(3)]
    return [f() for f in fs], [g() for g in gs]
print(closures())

gen = (n * n for n in range(5))
print(next(gen), list(gen), list(gen))

# Errors from the first iterable are raised when the comprehension is created.
try:
    g = (a for a in 5)
except TypeError as e:
    print("TypeError at creation:", e)
g = (a for a in [1] for b in 5)
try:
    next(g)
except TypeError as e:
    print("TypeError at next:", e)

for src in ["[i := 0 for i in range(3)]", "[j for i in range(3) if (i := 1)]",
            "class A:\n [(z := 1) for q in range(2)]", "[(a := 1) for a in range(2)]",
            "[x for x in (y := [1])]", "{(k := 1): 2 for k in 'a'}", "def f():\n return [(yield) for _ in []]",
            "[*a for a in b]", "{**d for d in x}", "(x for x in 1, 2)"]:
    try:
        compile(src, "<s>", "exec")
        print("compiles:", src)
    except SyntaxError as e:
        print("SyntaxError:", e.msg, e.offset)

# async comprehension outside async function
try:
    compile("[x async for x in y]", "<s>", "exec")
except SyntaxError as e:
    print("SyntaxError:", e.msg)
import asyncio
async def agen():
    for i in range(3):
        yield i
async def main():
    return [v async for v in agen() if v], {v: v async for v in agen()}, [await asyncio.sleep(0, r) for r in "ab"]
print(asyncio.run(main()))
print(sorted({frozenset([1]): 1, frozenset([2]): 2}.values()))
print([(i, j) for i in range(2) if i for j in range(3) if j != i])
