# date: construction and validation messages, ordinals, ISO calendar, string
# forms (isoformat, ctime, strftime/__format__), fromisoformat (3.11's
# extended formats), arithmetic with timedelta, comparisons and replace().
from datetime import date, datetime, timedelta, MINYEAR, MAXYEAR
import _datetime

assert date is _datetime.date

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for args in [(2000, 2, 29), (1, 1, 1), (9999, 12, 31), (2001, 2, 29), (0, 1, 1), (10000, 1, 1),
             (2000, 0, 1), (2000, 13, 1), (2000, 4, 31), (2000, 1, 0), (2000.0, 1, 1), ("2000", 1, 1)]:
    show(lambda: date(*args))
show(lambda: date(year=2020, month=5, day=17))
show(lambda: date(2020, 5))
show(lambda: date(2020, 5, day=1, month=2))

d = date(2020, 5, 17)
print(d.year, d.month, d.day, d.toordinal(), d.weekday(), d.isoweekday(), d.isocalendar(),
      d.isocalendar().week, d.isoformat(), str(d), d.ctime(), hash(d) == hash(date(2020, 5, 17)))
print(d.timetuple())
print(d.strftime("%Y-%m-%d %a %A %b %B %j %U %W %%|%f|%z|%Z|"), format(d, ""), f"{d:%d/%m/%y}")
for y in (2004, 2005, 2008, 2009, 2010, 2015, 2020, 2026, 1, 9999):
    for md in ((1, 1), (1, 4), (12, 28), (12, 31)):
        print(date(y, *md).isocalendar(), end=" ")
    print()
for o in (1, 2, 365, 366, 730120, 3652059, 0, 3652060):
    show(lambda: date.fromordinal(o))
for args in [(2020, 1, 1), (2020, 53, 7), (2021, 53, 1), (2004, 53, 1), (9999, 52, 5), (9999, 52, 6),
             (0, 1, 1), (2020, 0, 1), (2020, 1, 8), (2020, 1, 0)]:
    show(lambda: date.fromisocalendar(*args))
for s in ["2020-05-17", "20200517", "2020-W20-7", "2020W207", "2020-W01", "2020W01", "2020-5-17",
          "2020-05-1", "2020-05-17T", "2020-0517", "202005-17", "2020-W54-1", "2020-W20-8",
          "2020-02-30", "", "abcdefgh", "2020-05-17\ud800", "20200517 ", "2020W20-7", "2020-W207"]:
    show(lambda: date.fromisoformat(s))
show(lambda: date.fromisoformat(20200517))

delta = timedelta(days=40, hours=30)
print(d + delta, delta + d, d - delta, d - date(2019, 1, 1), date(2019, 1, 1) - d)
for expr in ["date.max + timedelta(1)", "date.min - timedelta(1)", "d + 1", "d - 1", "d - datetime(2020, 1, 1)",
             "d < date(2020, 5, 18)", "d == date(2020, 5, 17)", "d == datetime(2020, 5, 17)",
             "d < datetime(2020, 5, 17)", "d != 'x'", "d < 'x'", "date.min", "date.max", "date.resolution",
             "d.replace(day=31)", "d.replace(year=2021, month=2)", "d.replace(month=2, day=30)",
             "d.replace(2021)", "d.__reduce__()", "date(b'\\x07\\xe4\\x05\\x11')", "date('\\x07\\xe4\\x05\\x11')",
             "date(b'\\x07\\xe4\\x0d\\x11')", "date.today() >= date(2020, 1, 1)",
             "date.fromtimestamp(1e9)", "date.fromtimestamp('x')", "date.fromtimestamp(float('nan'))",
             "date.fromtimestamp(1e30)", "MINYEAR, MAXYEAR"]:
    print(expr, end=" -> ")
    show(lambda: eval(expr))

class MyDate(date):
    def __new__(cls, y, m, d, tag="x"):
        self = super().__new__(cls, y, m, d)
        self.tag = tag
        return self
m = MyDate(2020, 2, 28, "t")
for r in [m, m + timedelta(1), m - timedelta(1), MyDate.fromordinal(5), MyDate.fromisoformat("2020-02-02"),
          MyDate.fromisocalendar(2020, 2, 2), m.replace(day=1)]:
    print(type(r).__name__, repr(r), getattr(r, "tag", None))
print(m - date(2020, 1, 1), repr(m), m == date(2020, 2, 28))
