import asyncio, contextlib

async def worker(name, q, results):
    while True:
        item = await q.get()
        if item is None:
            q.task_done()
            break
        await asyncio.sleep(0)
        results.append((name, item * item))
        q.task_done()

async def agen(n):
    for i in range(n):
        yield i
        await asyncio.sleep(0)

class ACM:
    async def __aenter__(self):
        print("enter"); return self
    async def __aexit__(self, *exc):
        print("exit", exc[0].__name__ if exc[0] else None); return True

async def failing(n):
    await asyncio.sleep(0)
    raise ValueError(f"fail {n}")

async def main():
    q = asyncio.Queue()
    results = []
    ws = [asyncio.create_task(worker(f"w{i}", q, results)) for i in range(3)]
    for i in range(10):
        await q.put(i)
    for _ in ws:
        await q.put(None)
    await q.join()
    await asyncio.gather(*ws)
    print(sorted(r[1] for r in results))
    print([x async for x in agen(5)], [x async for x in agen(6) if x % 2])
    async with ACM() as a:
        raise KeyError("swallowed")
    r = await asyncio.gather(failing(1), asyncio.sleep(0, "ok"), return_exceptions=True)
    print([repr(x) for x in r])
    try:
        await asyncio.wait_for(asyncio.sleep(10), timeout=0.01)
    except asyncio.TimeoutError:
        print("timeout")
    t = asyncio.create_task(asyncio.sleep(10))
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled", t.cancelled())
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(failing(2))
            tg.create_task(failing(3))
    except* ValueError as eg:
        print("eg", sorted(str(e) for e in eg.exceptions))
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_soon(fut.set_result, 99)
    print(await fut)
    ev = asyncio.Event()
    async def setter():
        await asyncio.sleep(0.001); ev.set()
    asyncio.create_task(setter())
    await ev.wait(); print("event set")
    lock = asyncio.Lock()
    order = []
    async def crit(i):
        async with lock:
            order.append(i); await asyncio.sleep(0); order.append(-i)
    await asyncio.gather(*(crit(i) for i in range(1, 4)))
    print(order)
    sem = asyncio.Semaphore(2)
    print(await asyncio.to_thread(lambda: sum(range(100))))
    done, pending = await asyncio.wait([asyncio.create_task(asyncio.sleep(0, i)) for i in range(3)])
    print(sorted(d.result() for d in done), pending)
    async def gen_close():
        try:
            yield 1
            yield 2
        finally:
            print("agen finalized")
    g = gen_close()
    print(await g.__anext__())
    await g.aclose()
    print(contextlib.AsyncExitStack.__name__)
    async with contextlib.AsyncExitStack() as st:
        await st.enter_async_context(ACM())
asyncio.run(main())
print(asyncio.run(asyncio.sleep(0, "done")))
