# Coroutines, async generators, async for/with, driven by a tiny scheduler (no asyncio).

class Sleep:
    def __init__(self, tag):
        self.tag = tag
    def __await__(self):
        got = yield ('sleep', self.tag)
        return f'woke {self.tag} with {got}'

def run(coro):
    value = None
    steps = 0
    while True:
        try:
            req = coro.send(value)
        except StopIteration as e:
            return e.value, steps
        steps += 1
        value = f'reply{steps}'

async def add(a, b):
    r = await Sleep('add')
    return a + b, r

async def main():
    s, r = await add(1, 2)
    print('add', s, r)
    print(await Sleep('direct'))
    return 'main done'

print(run(main()))

class Resource:
    def __init__(self, name):
        self.name = name
    async def __aenter__(self):
        await Sleep('enter ' + self.name)
        print('enter', self.name)
        return self
    async def __aexit__(self, t, v, tb):
        print('exit', self.name, t.__name__ if t else None)
        return t is KeyError

async def use():
    async with Resource('a') as ra, Resource('b'):
        print('inside', ra.name)
    async with Resource('c'):
        raise KeyError('swallowed')
    for i in range(3):
        async with Resource('loop%d' % i):
            if i == 1:
                break
    return 'used'

print(run(use()))

async def agen(n):
    for i in range(n):
        await Sleep(i)
        yield i * 10
    print('agen finished')

class ARange:
    def __init__(self, n):
        self.i, self.n = 0, n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i

async def loops():
    out = []
    async for v in agen(3):
        out.append(v)
    async for v in ARange(4):
        if v == 3:
            break
        out.append(v)
    else:
        out.append('no')
    async for v in ARange(0):
        pass
    else:
        out.append('else')
    return out

print(run(loops()))

async def agen2():
    try:
        yield 1
        yield 2
    finally:
        print('agen2 cleanup')

async def protocol():
    g = agen2()
    print(await g.asend(None))
    print(await g.__anext__())
    await g.aclose()
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print('exhausted')
    g = agen2()
    await g.asend(None)
    try:
        await g.athrow(ValueError('boom'))
    except ValueError as e:
        print('athrow', e)
    print(type(g).__name__, g.ag_running, g.ag_frame)
    return 'ok'

print(run(protocol()))

async def raiser():
    await Sleep('r')
    raise RuntimeError('inner')

async def catcher():
    try:
        await raiser()
    except RuntimeError as e:
        return 'caught ' + str(e)

print(run(catcher()))

c = add(1, 1)
print(type(c).__name__, c.cr_running, c.cr_await, c.cr_code.co_name, c.cr_frame is not None)
c.send(None)
print(c.cr_suspended, type(c.cr_await).__name__)
c.close()
print(c.cr_frame)
try:
    c.send(None)
except RuntimeError as e:
    print(e)
w = main().__await__()
print(type(w).__name__, next(w))
w.close()

async def returns():
    return 5
co = returns()
try:
    co.send(None)
except StopIteration as e:
    print('returned', e.value)
try:
    co.send(None)
except RuntimeError as e:
    print(e)

async def aw_non():
    await 3
try:
    run(aw_non())
except TypeError as e:
    print(e)
for src in ['await x', 'def f():\n    await x', 'async def f():\n    yield from x',
            'async def f():\n    yield 1\n    return 2', 'def f():\n    async for x in y: pass',
            'def f():\n    async with x: pass', 'yield 1', 'class C:\n    yield']:
    try:
        compile(src, '<a>', 'exec')
    except SyntaxError as e:
        print('SyntaxError', e.msg, e.lineno, e.offset)
