# timedelta: construction from mixed keyword units (float rounding halves to
# even), normalization, repr/str, arithmetic with ints/floats/timedeltas,
# comparisons, hashing, bounds and the exact error messages.
from datetime import timedelta
import _datetime

assert timedelta is _datetime.timedelta

def show(f):
    try:
        r = f()
        print(repr(r))
    except Exception as e:
        print(type(e).__name__, e)

cases = [
    timedelta(), timedelta(1), timedelta(-1), timedelta(0, -1), timedelta(0, 0, -1),
    timedelta(weeks=1.5, days=-0.25, hours=3, minutes=-7.5, seconds=61, milliseconds=1.5, microseconds=0.5),
    timedelta(microseconds=1.5), timedelta(microseconds=2.5), timedelta(microseconds=-0.5),
    timedelta(seconds=1e-6 * 3.5), timedelta(days=1e-10), timedelta(hours=1/3),
    timedelta(days=999999999, hours=23, minutes=59, seconds=59, microseconds=999999),
    timedelta(days=-999999999), timedelta(minutes=2**40),
]
for td in cases:
    print(repr(td), str(td), td.days, td.seconds, td.microseconds, td.total_seconds(), bool(td))

a, b = timedelta(days=3, hours=5, microseconds=7), timedelta(hours=-13, seconds=0.25)
for expr in ["a + b", "a - b", "-a", "+b", "abs(b)", "a * 3", "3 * a", "a * -2.5", "0.1 * a",
             "a / 7", "a / 0.3", "a / b", "a // b", "a // 5", "a % b", "divmod(a, b)",
             "a / 0", "a // 0", "a % timedelta(0)", "a * float('nan')", "a / float('inf')",
             "a + 1", "a * 'x'", "a < b", "a >= b", "a == timedelta(days=3, seconds=18000, microseconds=7)",
             "a == 1", "a < 1", "timedelta.max + timedelta(1)", "timedelta.min - timedelta(microseconds=1)",
             "timedelta.max * 2", "timedelta(days=10**9)", "timedelta(10**20)", "timedelta(days='1')",
             "timedelta(1, 2, 3, 4, 5, 6, 7, 8)", "timedelta(foo=1)", "timedelta(seconds=1.5) // 1.5",
             "timedelta.resolution", "timedelta.min", "timedelta.max", "a.__reduce__()",
             "hash(a) == hash(timedelta(days=3, hours=5, microseconds=7))",
             "timedelta(hours=1) / timedelta(minutes=7)", "round(timedelta(seconds=10) / 3 / timedelta(microseconds=1))",
             "timedelta(microseconds=-1) // timedelta(seconds=1)", "-timedelta.max"]:
    print(expr, end=" -> ")
    show(lambda: eval(expr))

class T(timedelta):
    def extra(self):
        return self.days * 2
t = T(days=2, hours=1)
print(repr(t), t.extra(), type(t + t).__name__, type(-t).__name__, type(t * 2).__name__, type(abs(t)).__name__)
print(t == timedelta(days=2, hours=1), {t: 1}[timedelta(days=2, hours=1)])
try:
    t.days = 5
except AttributeError as e:
    print("AttributeError", e)
