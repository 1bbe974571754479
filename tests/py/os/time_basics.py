# time module: clocks, struct_time conversions, strftime/asctime, errors (differential vs CPython 3.11).
import time
t0 = time.time(); n0 = time.time_ns()
print(type(t0).__name__, type(n0).__name__, abs(t0 - n0 / 1e9) < 5)
m0 = time.monotonic(); time.sleep(0.01); m1 = time.monotonic()
print(m1 - m0 >= 0.01, time.perf_counter() <= time.perf_counter(), type(time.process_time()).__name__)
print(type(time.thread_time_ns()).__name__, type(time.monotonic_ns()).__name__, type(time.perf_counter_ns()).__name__)
for name in ("time", "monotonic", "perf_counter", "process_time", "thread_time"):
    print(time.get_clock_info(name))
g = time.gmtime(1234567890)
print(g, g.tm_zone, g.tm_gmtoff, len(g), g[0], tuple(g))
print(time.gmtime(0), time.gmtime(-1.5), time.gmtime(1e9 + 0.999))
print(time.strftime("%Y-%m-%d %H:%M:%S %j %a %b %%", g))
print(time.strftime("%Y-%m-%d %a", (2000, 0, 0, 0, 0, 0, 0, 0, 0)), time.strftime("", g))
print(time.asctime(g), time.asctime((2000, 1, 1, 0, 0, 0, 0, 1, 0)))
print(time.struct_time.n_fields, time.struct_time.n_sequence_fields, time.struct_time.__module__)
print(type(time.timezone).__name__, type(time.tzname).__name__, len(time.tzname), time.daylight in (0, 1))
lt = time.localtime(1234567890)
print(time.mktime(lt) == 1234567890.0, time.ctime(0) == time.asctime(time.localtime(0)))
print(time.CLOCK_REALTIME, time.CLOCK_MONOTONIC, time.clock_gettime_ns(time.CLOCK_REALTIME) > 0)
for f in [lambda: time.sleep(-1), lambda: time.gmtime(1e30), lambda: time.gmtime(float("nan")),
          lambda: time.strftime("%Y", (1,)), lambda: time.strftime("%Y", 5),
          lambda: time.get_clock_info("x"), lambda: time.strftime("%Y", (2000, 13, 1, 0, 0, 0, 0, 1, 0)),
          lambda: time.mktime(5), lambda: time.gmtime("x"), lambda: time.sleep("x"),
          lambda: time.asctime((2000, 1, 0, 0, 0, 0, 0, 1, 0))]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
