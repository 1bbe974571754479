# Times each _capibench benchmark under the running implementation; prints
# "name seconds" lines (best of --reps). Run by bench/capi/run.py with the
# built module's directory first on sys.path.
import sys
import time

import _capibench as m

N = int(sys.argv[1]) if len(sys.argv) > 1 else 200000
REPS = int(sys.argv[2]) if len(sys.argv) > 2 else 3


def loop_noargs(n):
    f = m.noargs
    for _ in range(n):
        f()


def loop_onearg(n):
    f = m.onearg
    for i in range(n):
        f(i)


def loop_varargs(n):
    f = m.varargs
    for i in range(n):
        f(i, 2)


def loop_keywords(n):
    f = m.keywords
    for i in range(n):
        f(i, b=2)


def loop_fastcall(n):
    f = m.fastcall
    for i in range(n):
        f(i, 2)


def loop_ctype_method(n):
    c = m.Counter()
    incr = c.incr
    add = c.add
    for _ in range(n):
        incr()
        add(2)
    assert c.value == 3 * n


class Obj:
    def __init__(self):
        self.attr = 1


LIST = [None, 1] * 50
BENCHES = [
    ('call noargs', loop_noargs),
    ('call onearg', loop_onearg),
    ('call varargs', loop_varargs),
    ('call keywords', loop_keywords),
    ('call fastcall', loop_fastcall),
    ('C type methods', loop_ctype_method),
    ('int alloc', lambda n: m.int_alloc(4 * n)),
    ('tuple alloc', lambda n: m.tuple_alloc(4 * n)),
    ('list GET_ITEM', lambda n: m.list_macro(LIST, n // 10)),
    ('list GetItem', lambda n: m.list_api(LIST, n // 10)),
    ('dict build', lambda n: m.dict_build(n // 100)),
    ('callback to Python', lambda n: m.callback(lambda x: x, n)),
    ('getattr', lambda n: m.getattr(Obj(), 'attr', 4 * n)),
    ('UTF-8 conversion', lambda n: m.utf8(n)),
    ('iterate from C', lambda n: m.iterate(list(range(100)), n // 50)),
]

only = sys.argv[3].split(',') if len(sys.argv) > 3 and sys.argv[3] else None
# "cpu": time with process_time (CPU time of this process), which a loaded
# shared machine distorts far less than wall-clock perf_counter.
clock = time.process_time if len(sys.argv) > 4 and sys.argv[4] == 'cpu' else time.perf_counter
for name, fn in BENCHES:
    if only and not any(o in name for o in only):
        continue
    best = None
    for _ in range(REPS):
        t0 = clock()
        fn(N)
        dt = clock() - t0
        best = dt if best is None or dt < best else best
    print(f'{name}\t{best:.6f}', flush=True)
