# asyncio end to end: futures, async generators (sys.set/get_asyncgen_hooks),
# gather, queues, timeouts; the interpreter exits cleanly afterwards.
import asyncio, sys
print(sys.get_asyncgen_hooks())
async def agen():
    for i in range(3):
        yield i
        await asyncio.sleep(0)
async def main():
    fut = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().call_soon(fut.set_result, 42)
    print(await fut)
    print([x async for x in agen()])
    r = await asyncio.gather(*(asyncio.sleep(0.01, result=i) for i in range(3)))
    print(r)
    q = asyncio.Queue()
    async def prod():
        for i in range(3): await q.put(i)
    asyncio.create_task(prod())
    print([await q.get() for _ in range(3)])
    try:
        await asyncio.wait_for(asyncio.sleep(1), 0.01)
    except asyncio.TimeoutError:
        print("timeout")
asyncio.run(main())
print(sys.get_asyncgen_hooks())
try: sys.set_asyncgen_hooks(firstiter=1)
except TypeError as e: print(e)
