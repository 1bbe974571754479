# Async generators and coroutines driven by hand (send/throw/close) and by asyncio.
import asyncio, types

async def agen(n):
    try:
        for i in range(n):
            got = yield i
            if got:
                print("agen got", got)
    finally:
        print("agen finally")

async def main():
    g = agen(3)
    print(await g.__anext__(), await g.asend("x"), await g.asend(None))
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("exhausted")
    g2 = agen(5)
    await g2.asend(None)
    await g2.aclose()
    print(g2.ag_frame, g2.ag_running)
    g3 = agen(5)
    await g3.__anext__()
    try:
        await g3.athrow(ValueError("thrown"))
    except ValueError as e:
        print("athrow propagated", e)
    print([x async for x in agen(2)])
    async with Ctx() as c:
        print("inside", c)
    try:
        async with Ctx(fail=True):
            raise KeyError("body")
    except KeyError as e:
        print("not suppressed", e)
    async for v in ARange(3):
        print("arange", v)

class Ctx:
    def __init__(self, fail=False):
        self.fail = fail
    async def __aenter__(self):
        print("aenter")
        return "ctx"
    async def __aexit__(self, *exc):
        print("aexit", exc[0].__name__ if exc[0] else None)
        return False

class ARange:
    def __init__(self, n):
        self.i, self.n = 0, n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        await asyncio.sleep(0)
        return self.i

asyncio.run(main())

async def coro(x):
    return x * 2
c = coro(4)
try:
    c.send(None)
except StopIteration as e:
    print("coroutine returned", e.value)
c2 = coro(1)
c2.close()
print(c2.cr_frame, type(c2).__name__)
try:
    c2.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)

@types.coroutine
def yielder():
    v = yield "suspend"
    return v
async def uses():
    r = await yielder()
    return "got " + r
u = uses()
print(u.send(None))
try:
    u.send("value")
except StopIteration as e:
    print(e.value)

async def awaits_bad():
    await 5
try:
    awaits_bad().send(None)
except TypeError as e:
    print("TypeError:", e)

class AwaitableObj:
    def __await__(self):
        yield "from await"
        return 7
async def use_obj():
    return await AwaitableObj()
o = use_obj()
print(o.send(None))
try:
    o.send(None)
except StopIteration as e:
    print(e.value)

async def gen_in_gen():
    async def inner():
        yield 1
        yield 2
    return [v async for v in inner()]
print(asyncio.run(gen_in_gen()))

async def stop_in_agen():
    yield 1
    raise StopAsyncIteration
async def drive():
    try:
        async for v in stop_in_agen():
            print("v", v)
    except RuntimeError as e:
        print("RuntimeError:", e)
asyncio.run(drive())

async def gather_demo():
    async def work(n):
        await asyncio.sleep(0.001 * (3 - n))
        return n
    return await asyncio.gather(*(work(i) for i in range(3)))
print(asyncio.run(gather_demo()))
print(asyncio.iscoroutinefunction(coro), asyncio.iscoroutinefunction(agen), types.AsyncGeneratorType.__name__)
