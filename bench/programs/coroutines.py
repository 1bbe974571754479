"""Coroutines: a tiny round-robin scheduler running `async def` tasks that `await` each other,
driven by hand with .send() (no asyncio).

Stresses: coroutine creation, await chains (GET_AWAITABLE/SEND), custom awaitables with __await__,
passing values in and out of suspended frames, deque-like list rotation.
"""
# quick: 200
import sys


class Yield:
    """Awaitable that suspends the current task and hands `value` to the scheduler."""
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __await__(self):
        reply = yield self.value
        return reply


class Channel:
    def __init__(self):
        self.items = []

    async def put(self, v):
        self.items.append(v)
        await Yield(("put", v))

    async def get(self):
        while not self.items:
            await Yield(("wait", None))
        return self.items.pop(0)


async def leaf(x):
    got = await Yield(x)
    return got + x


async def middle(x):
    a = await leaf(x)
    b = await leaf(x + 1)
    return a * 3 + b


async def producer(ch, count):
    for i in range(count):
        await ch.put(await middle(i))
    await ch.put(-1)


async def consumer(ch):
    total = 0
    while True:
        v = await ch.get()
        if v < 0:
            return total
        total = (total + v) % 1000000007


def run(tasks):
    """Round-robin: every suspension gets the tick counter as its reply."""
    results = []
    ready = [(t, None) for t in tasks]
    tick = 0
    while ready:
        coro, value = ready.pop(0)
        try:
            coro.send(value)
        except StopIteration as stop:
            results.append(stop.value)
            continue
        tick += 1
        ready.append((coro, tick & 255))
    return results, tick


def main(n):
    total = 0
    for round_ in range(n):
        chans = [Channel() for _ in range(3)]
        tasks = []
        for ch in chans:
            tasks.append(producer(ch, 60))
            tasks.append(consumer(ch))
        results, ticks = run(tasks)
        total = (total + sum(r for r in results if r is not None) + ticks) % 1000000007
    return total


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else 3500))
