# Async comprehensions and async generator expressions; interactive-mode echo.
async def agen(n):
    for i in range(n):
        yield i
class Aw:
    def __await__(self):
        return (yield 'x')
async def main():
    a = [x async for x in agen(4)]
    b = {x: x * 2 async for x in agen(3) if x}
    c = [await Aw() for _ in range(2)]
    g = (x * 3 async for x in agen(3))
    d = [y async for y in g]
    e = [(x, y) async for x in agen(2) for y in 'ab']
    return a, b, c, d, e, type(g).__name__
co = main()
v = None
while True:
    try:
        co.send(v)
    except StopIteration as s:
        print(s.value)
        break
    v = 'sent'
try:
    compile('def f():\n    return [x async for x in y]', '<s>', 'exec')
except SyntaxError as e:
    print(e.msg, e.lineno, e.offset)
# 'single' mode echoes expression statements through sys.displayhook.
exec(compile('1+1', '<i>', 'single'))
exec(compile('None', '<i>', 'single'))
exec(compile('for i in range(2): i\n', '<i>', 'single'))
def f():
    exec(compile('[1, 2]', '<i>', 'single'))
f()
