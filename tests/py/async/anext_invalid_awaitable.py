# 'async for' with an __anext__ result whose __await__ fails: TypeError with
# the original error as __cause__; async with whose __aexit__ returns a
# non-awaitable on break; coroutine getset docs.
import types


class F:
    def __aiter__(self):
        return self

    def __anext__(self):
        return self

    def __await__(self):
        1 / 0


async def main():
    async for _ in F():
        pass

try:
    main().send(None)
except TypeError as e:
    print(e, repr(e.__cause__), repr(e.__context__))


class CM:
    async def __aenter__(self):
        return self

    def __aexit__(self, *e):
        return 456


async def brk():
    for i in range(2):
        async with CM():
            break

try:
    brk().send(None)
except TypeError as e:
    print(e, repr(e.__context__))

for t in (types.CoroutineType, types.AsyncGeneratorType, types.GeneratorType):
    print(t.__dict__['__name__'].__doc__, '|', t.__dict__['__qualname__'].__doc__)
