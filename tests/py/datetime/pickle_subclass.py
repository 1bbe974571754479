# Pickling must produce CPython's exact bytes for protocols 0-5 (including
# the fold bit packed into the state from protocol 4 on), copy/deepcopy,
# unpickling Python 2 latin-1 states, and subclasses: their __new__ runs for
# the alternate constructors and for arithmetic results.
import copy
import re
import pickle
from datetime import date, time, datetime, timedelta, timezone, tzinfo

class FixedTZ(tzinfo):
    def __init__(self, minutes=0, name="F"):
        self.minutes, self.name = minutes, name
    def __getinitargs__(self):
        return (self.minutes, self.name)
    def utcoffset(self, dt):
        return timedelta(minutes=self.minutes)
    def dst(self, dt):
        return timedelta(0)
    def tzname(self, dt):
        return self.name

class PlainTZ(tzinfo):
    def utcoffset(self, dt):
        return timedelta(hours=2)

objs = [
    date(2020, 5, 17), date.min, date.max,
    time(), time(23, 59, 59, 999999), time(1, 2, 3, 4, tzinfo=timezone.utc), time(5, fold=1),
    time(5, 6, tzinfo=timezone(timedelta(hours=3), "X"), fold=1),
    datetime(2020, 5, 17, 1, 2, 3, 4), datetime(2020, 5, 17, fold=1),
    datetime(2020, 5, 17, 12, tzinfo=timezone(timedelta(minutes=-90))),
    datetime(2020, 5, 17, 12, tzinfo=FixedTZ(30, "half"), fold=1),
    timedelta(), timedelta(-1, 5, 7), timedelta.max,
    timezone.utc, timezone.min, timezone(timedelta(hours=1), "CET"), FixedTZ(60), PlainTZ(),
]
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    for o in objs:
        s = pickle.dumps(o, proto)
        back = pickle.loads(s)
        same = back == o if not isinstance(o, tzinfo) or isinstance(o, timezone) else type(back) is type(o)
        print(proto, type(o).__name__, s, same)
for o in objs:
    r = o.__reduce__()
    print(re.sub(r" at 0x[0-9a-f]+", "", repr(r)),
          o.__reduce_ex__(2) == o.__reduce__() if isinstance(o, (time, datetime)) else "")
print(time(5, fold=1).__reduce_ex__(4), datetime(2020, 5, 17, fold=1).__reduce_ex__(4))
print(copy.copy(objs[11]).tzinfo.minutes, copy.deepcopy(objs[11]).tzinfo.name, copy.deepcopy(objs[7]).fold)

# Python 2 pickles store the state as a latin-1 str.
print(repr(date("\x07\xe4\x05\x11")), repr(datetime("\x07\xe4\x05\x11\x01\x02\x03\x00\x00\x04")),
      repr(time("\x01\x02\x03\x00\x00\x04")), repr(time(b"\x81\x02\x03\x00\x00\x04")))
for bad in ["date('\\u0100\\x01\\x05\\x11')", "datetime('\\u0100\\x01\\x05\\x11\\x01\\x02\\x03\\x00\\x00\\x04')",
            "time('\\x01\\u0100\\x03\\x00\\x00\\x04')", "time(b'\\x01\\x02\\x03\\x00\\x00\\x04', 5)",
            "datetime(b'\\x07\\xe4\\x05\\x11\\x01\\x02\\x03\\x00\\x00\\x04', 'x')"]:
    try:
        print(repr(eval(bad)))
    except Exception as e:
        print(type(e).__name__, e)
py2 = (b"cdatetime\ndatetime\np0\n(S'\\x07\\xdf\\x01\\x02\\x03\\x04\\x05\\x00\\x00\\x06'\np1\n"
       b"tp2\nRp3\n.")
print(repr(pickle.loads(py2, encoding="latin1")))

class D(datetime):
    count = 0
    def __new__(cls, *args, **kw):
        cls.count += 1
        return super().__new__(cls, *args, **kw)
    def describe(self):
        return "D:" + self.isoformat()
results = [D(2020, 1, 1), D.now(), D.utcnow(), D.fromtimestamp(0), D.fromtimestamp(0, timezone.utc),
           D.utcfromtimestamp(5), D.combine(date(2020, 1, 1), time(1, fold=1)), D.fromisoformat("2020-01-01T05:06"),
           D.fromordinal(100), D.fromisocalendar(2020, 1, 1), D.today(), D.strptime("2020", "%Y"),
           D(2020, 1, 1) + timedelta(1), D(2020, 1, 1) - timedelta(1), D(2020, 1, 1).replace(year=2021),
           D(2020, 1, 1, tzinfo=timezone.utc).astimezone(timezone(timedelta(hours=2))),
           pickle.loads(pickle.dumps(D(2020, 1, 2, fold=1), 4))]
print([type(r).__name__ for r in results], D.count)
print(results[6].fold, results[16].fold, results[0].describe(), repr(results[14]), D(2020, 1, 1) - datetime(2019, 1, 1))

class T(time):
    def __new__(cls, *args, **kw):
        return super().__new__(cls, *args, **kw)
print(type(T.fromisoformat("01:02")).__name__, type(T(1).replace(hour=2)).__name__, repr(T(1, 2, fold=1)))

class DD(date):
    pass
print([type(x).__name__ for x in (DD.today(), DD.fromtimestamp(0), DD(2020, 1, 1) + timedelta(3), DD.fromordinal(1))])

class WithSlots(datetime):
    __slots__ = ("extra",)
w = WithSlots(2020, 1, 1)
w.extra = 5
print(w.extra, repr(w), pickle.loads(pickle.dumps(w)) == w)

class WithDict(date):
    pass
wd = WithDict(2020, 1, 1)
wd.note = "hi"
print(wd.__dict__, wd.__reduce__()[1], repr(copy.copy(wd)))

try:
    class TZSub(timezone):
        pass
except TypeError as e:
    print("TypeError", e)

# Subclass instances with a __dict__, every protocol (the state ignores the dict).
class PD(datetime): pass
class PT(time): pass
class PDD(date): pass
class PTD(timedelta): pass
class PTZ(tzinfo):
    def __init__(self, n=1): self.n = n
for o in [PD(2020,1,1,fold=1), PT(1, fold=1, tzinfo=timezone.utc), PDD(2020,1,1), PTD(1), PTZ(5)]:
    try: o.x = 1
    except AttributeError: pass
    for p in range(6):
        s = pickle.dumps(o, p)
        b = pickle.loads(s)
        print(p, s, type(b).__name__, getattr(b, '__dict__', None))
