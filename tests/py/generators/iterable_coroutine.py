# Generator-based coroutines (CO_ITERABLE_COROUTINE, what types.coroutine sets) and tracebacks through yield from.
def legacy():
    x = yield 'legacy'
    return x
try:
    legacy.__code__ = legacy.__code__.replace(co_flags=legacy.__code__.co_flags | 0x100)
    async def uses():
        return await legacy()
    c = uses(); print(c.send(None)); 
    try:
        c.send('v')
    except StopIteration as e:
        print('ret', e.value)
except Exception as e:
    print('replace failed', type(e).__name__, e)
def inner():
    yield 1
    raise ValueError('in gen')
def outer():
    yield from inner()
for x in outer():
    pass
