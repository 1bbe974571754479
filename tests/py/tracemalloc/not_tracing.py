# _tracemalloc while not tracing, and tracemalloc.py on top of it.
import _tracemalloc
import tracemalloc

t = _tracemalloc
print(t.is_tracing(), t.get_traceback_limit(), t.get_traced_memory(), t._get_traces(),
      t._get_object_traceback(1), t.clear_traces(), t.reset_peak(), t.stop())
print(tracemalloc.is_tracing(), tracemalloc.get_object_traceback(object()), tracemalloc.get_traced_memory())
for args in [(0,), (70000,), ('a',), (1, 2)]:
    try:
        t.start(*args)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    tracemalloc.take_snapshot()
except RuntimeError as e:
    print('RuntimeError', e)
print(t.start.__text_signature__, t.is_tracing.__doc__)
