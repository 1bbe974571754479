# 3.11: an async comprehension nested in a (sync) comprehension inside an
# async function is allowed; the outer comprehension becomes awaitable.
import asyncio


async def agen(items):
    for i in items:
        yield i


async def nested():
    a = [[i + j async for i in agen([1, 2])] for j in [10, 20]]
    b = {j: [i async for i in agen(range(j))] for j in range(3)}
    c = [[await asyncio.sleep(0, i) for i in range(2)] for j in range(2)]
    d = [x async for x in (y async for y in agen([5, 6]))]
    return a, b, c, d


print(asyncio.run(nested()))

srcs = [
    "async def f():\n return [[i async for i in g()] for j in x]",
    "def f():\n return [[i async for i in g()] for j in x]",
    "def f():\n return ([i async for i in g()] for j in x)",
    "async def f():\n def g():\n  return [[i async for i in g()] for j in x]",
    "def f():\n return [[await i for i in g()] for j in x]",
    "async def f():\n return [lambda: [i async for i in g()] for j in x]",
    "[[i async for i in g()] for j in x]",
    "([i async for i in g()] for j in x)",
]
for src in srcs:
    try:
        compile(src, "s", "exec")
        print("ok", repr(src))
    except SyntaxError as e:
        print("SyntaxError", e.msg, e.lineno, e.offset)
