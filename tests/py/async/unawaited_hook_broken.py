# A broken warnings._warn_unawaited_coroutine: its error goes to the
# unraisable hook and the RuntimeWarning is still issued directly.
import gc
import sys
import warnings

seen = []
sys.unraisablehook = lambda u: seen.append((u.exc_type.__name__, type(u.object).__name__))


async def corofn():
    pass

warnings._warn_unawaited_coroutine = lambda coro: 1 / 0
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    c = corofn()
    del c
    gc.collect()
print(seen)
print([(x.category.__name__, str(x.message)) for x in w])
