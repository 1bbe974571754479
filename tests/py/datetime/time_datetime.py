# time and datetime: construction/validation, reprs with fold and tzinfo,
# isoformat with every timespec, fromisoformat (3.11 grammar), strftime
# with %z/%Z/%f, replace, combine, comparisons (naive/aware, PEP 495 fold),
# hashing and arithmetic with timezones.
from datetime import date, time, datetime, timedelta, timezone, tzinfo
import _datetime

assert datetime is _datetime.datetime and time is _datetime.time

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

est = timezone(timedelta(hours=-5), "EST")
odd = timezone(timedelta(hours=5, minutes=30, seconds=15, microseconds=7))
for args, kw in [((), {}), ((23, 59, 59, 999999), {}), ((24,), {}), ((0, 60), {}), ((0, 0, 60), {}),
                 ((0, 0, 0, 10**6), {}), ((1,), {"fold": 2}), ((1, 2, 3, 4, est), {"fold": 1}),
                 ((1,), {"tzinfo": 5}), ((1, 2, 3, 4, None, 1), {}), ((), {"hour": 5, "second": 7})]:
    show(lambda: time(*args, **kw))
for args, kw in [((2020, 1, 1), {}), ((2020, 1, 1, 24), {}), ((2020, 1, 1, 1, 2, 3, 4, est), {"fold": 1}),
                 ((2020, 1, 1), {"tzinfo": "x"}), ((2020,), {}), ((2020, 1, 1, 0, 0, 0, 0, None, 0), {})]:
    show(lambda: datetime(*args, **kw))

t = time(13, 5, 9, 12345, tzinfo=odd)
dt = datetime(2021, 3, 4, 13, 5, 9, 12345, tzinfo=est)
naive = datetime(2021, 3, 4, 13, 5)
for spec in ["auto", "hours", "minutes", "seconds", "milliseconds", "microseconds", "bogus"]:
    show(lambda: t.isoformat(spec))
    show(lambda: dt.isoformat(" ", spec))
    show(lambda: naive.isoformat(timespec=spec))
for expr in ["str(t)", "str(dt)", "str(naive)", "dt.isoformat(sep='\u00e9')", "dt.isoformat('ab')",
             "dt.isoformat(sep=1)", "time(1).isoformat()", "t.utcoffset()", "t.tzname()", "t.dst()",
             "dt.utcoffset()", "dt.tzname()", "dt.dst()", "naive.utcoffset()", "dt.date()", "dt.time()",
             "dt.timetz()", "dt.ctime()", "dt.timetuple()", "dt.utctimetuple()", "naive.utctimetuple()",
             "dt.timestamp()", "dt.toordinal()", "dt.weekday()", "dt.isocalendar()",
             "t.strftime('%H:%M:%S.%f %z %Z %Y %%')", "dt.strftime('%c|%f|%z|%Z|%j')",
             "naive.strftime('%z|%Z|%f')", "format(dt, '%Y')", "format(dt, '')", "format(t, '')",
             "f'{t:%I%p}'", "time(1, fold=1)", "repr(time(1, 2, 3, tzinfo=timezone.utc, fold=1))",
             "repr(datetime(2020, 1, 1, fold=1, tzinfo=timezone.utc))", "time.min", "time.max",
             "time.resolution", "datetime.min", "datetime.max", "datetime.resolution",
             "t.replace(hour=1, tzinfo=None)", "t.replace(fold=1)", "t.replace(fold=3)",
             "dt.replace(year=2020, tzinfo=timezone.utc, fold=1)", "dt.replace(day=32)",
             "datetime.combine(date(2020, 1, 2), t)", "datetime.combine(date(2020, 1, 2), t, None)",
             "datetime.combine(date(2020, 1, 2), time(1, fold=1), tzinfo=est)",
             "datetime.combine(dt, t)", "datetime.combine(t, dt)",
             "bool(time())", "bool(time(0, tzinfo=est))"]:
    print(expr, end=" -> ")
    show(lambda: eval(expr))

for s in ["2020-01-02T03:04:05", "2020-01-02 03:04:05.123", "2020-01-02T03:04:05,5", "2020-01-02T03",
          "2020-01-02T0304", "2020-01-02T030405", "2020-01-02T03:04:05.1234567", "2020-01-02T03:04:05Z",
          "2020-01-02T03:04+05:30", "2020-01-02T03:04-0530", "2020-01-02T03:04:05+05:30:15.000001",
          "2020-01-02T03:04:05+24:00", "2020-01-02T03:04:05+00:00", "2020-01-02T24:00", "2020-01-02",
          "20200102T030405", "2020W01T03", "2020-W01-2T03:04", "2020W012 03:04", "2020-W01T03",
          "2020-01-02\ud80003:04", "2020-01-02T03:04:", "2020-01-02T03:04:05.", "2020-01-02T03:04Zx",
          "2020-01-02T3:04", "2020-01-02T03:4", "2020-01-02T03:04:05+5", "", "2020", "2020-01-02T03:04:05 ",
          "2020-01-02T03:04:05+05:30 ", "2020-01-02T03-04", "2018-01-31時時", "20180131時23:59",
          "2018-W01時23:59", "2018W011時23:59", "2018-01-3時123:59", "2018-01-31\x8023",
          "2018-01-31\x80", "2018時0131", "2018-01-31\ud800\ud80023:59", "2018-01-31T23:59\x00",
          "2018-01-31🐍23:59:47.124789", "2018-01-31T"]:
    show(lambda: datetime.fromisoformat(s))
for s in ["03:04:05", "T03:04", "030405.5", "03:04:05.123456+01:00", "03:04:05Z", "03:04:05z", "3:04",
          "03:04:05.", "24:00", "03:04:05+1:00", "", "T", "03:04:05-23:59:59.999999", "03:04:05\x00"]:
    show(lambda: time.fromisoformat(s))
show(lambda: datetime.fromisoformat(None))
show(lambda: time.fromisoformat(b"03:04"))

# Comparisons and hashing across zones.
utc_dt = datetime(2021, 3, 4, 18, 5, 9, 12345, tzinfo=timezone.utc)
print(dt == utc_dt, hash(dt) == hash(utc_dt), dt < utc_dt + timedelta(microseconds=1), utc_dt - dt)
print(naive == dt, naive != dt)
show(lambda: naive < dt)
show(lambda: naive - dt)
show(lambda: dt < date(2020, 1, 1))
print(dt == date(2021, 3, 4), dt != date(2021, 3, 4))
print(time(12, tzinfo=est) == time(17, tzinfo=timezone.utc), time(12, tzinfo=est) < time(17, 1, tzinfo=timezone.utc))
show(lambda: time(12) < time(12, tzinfo=est))
print(time(12) == time(12, tzinfo=est), hash(time(12, tzinfo=est)) == hash(time(17, tzinfo=timezone.utc)))
print(time(1, fold=1) == time(1), hash(time(1, fold=1)) == hash(time(1)))
print(dt + timedelta(days=1, hours=12), timedelta(hours=-30) + dt, dt - timedelta(weeks=3), (dt - naive.replace(tzinfo=est)))
show(lambda: datetime.max + timedelta(microseconds=1))
show(lambda: datetime.min - timedelta(microseconds=1))
show(lambda: dt + dt)
show(lambda: dt - 5)
show(lambda: t + timedelta(1))

# A tzinfo whose offset depends on fold: PEP 495 inter-zone equality.
class Foldy(tzinfo):
    def utcoffset(self, dt):
        return timedelta(hours=1 + (dt.fold if dt else 0))
    def dst(self, dt):
        return timedelta(0)
    def tzname(self, dt):
        return "F%d" % (dt.fold if dt else 0)
f0 = datetime(2020, 1, 1, 12, tzinfo=Foldy())
f1 = f0.replace(fold=1)
print(f0 == f1, f0 == f0.astimezone(timezone.utc), f1.astimezone(timezone.utc), f0.tzname(), f1.strftime("%Z %z"))
print(f0.utcoffset(), f1.utcoffset(), f0 < f1)

# Bad tzinfo results.
class Bad(tzinfo):
    def __init__(self, off, name="x"):
        self.off, self.name = off, name
    def utcoffset(self, dt):
        return self.off
    def dst(self, dt):
        return self.off
    def tzname(self, dt):
        return self.name
for off in [timedelta(hours=24), timedelta(hours=-24), timedelta(hours=23, minutes=59), 3600, "x", timedelta(microseconds=1)]:
    b = Bad(off)
    show(lambda: datetime(2020, 1, 1, tzinfo=b).utcoffset())
    show(lambda: datetime(2020, 1, 1, tzinfo=b).isoformat())
    show(lambda: time(1, tzinfo=b).dst())
show(lambda: datetime(2020, 1, 1, tzinfo=Bad(None, 5)).tzname())
show(lambda: datetime(2020, 1, 1, tzinfo=Bad(None, 5)).strftime("%Z"))
show(lambda: datetime(2020, 1, 1, tzinfo=Bad(None, "a%b")).strftime("[%Z]"))
show(lambda: datetime(2020, 1, 1, tzinfo=Bad(timedelta(0))) == datetime(2020, 1, 1, tzinfo=Bad(None)))
