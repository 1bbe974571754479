# _lsprof (lib-dynload): cProfile / Profiler over the profile hook.
import _lsprof
import cProfile
import pstats
import io

def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

def work():
    s = 0
    for i in range(5):
        s += fib(12)
    sorted([3, 1, 2])
    return s

p = cProfile.Profile()
p.enable()
r = work()
p.disable()
print(r)
st = pstats.Stats(p, stream=io.StringIO())
rows = {}
for (fn, line, name), (cc, nc, tt, ct, callers) in st.stats.items():
    rows[name] = (cc, nc)
print(rows["fib"], rows["work"])
print(sorted(k for k in rows if not k.startswith("<")))
prof = _lsprof.Profiler()
prof.enable()
fib(5)
prof.disable()
entries = prof.getstats()
# (C functions appear only on CPython: Krait emits no c_call profile events yet)
names = sorted((e.code.co_name, e.callcount) for e in entries if not isinstance(e.code, str))
print(names)
prof.clear()
print(prof.getstats())
p2 = cProfile.Profile()
print(p2.runcall(fib, 10))
print(sorted(v[1] for k, v in pstats.Stats(p2).stats.items() if k[2] == "fib"))
try:
    _lsprof.Profiler(timer=1, timeunit="x")
except TypeError as e:
    print("TypeError", e)
