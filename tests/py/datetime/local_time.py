# The local time zone: with TZ set and time.tzset(), fromtimestamp() detects
# fold in a repeated hour, timestamp() solves local time (gaps and folds per
# PEP 495), astimezone() with no argument builds a fixed-offset timezone
# named after tm_zone, and strftime/strptime round trips.
import os
import time as _time
from datetime import datetime, date, timedelta, timezone

for zone in ["Europe/Paris", "America/New_York", "Australia/Lord_Howe", "UTC"]:
    os.environ["TZ"] = zone
    _time.tzset()
    print(zone)
    # Around Paris's and New York's 2021 autumn transitions.
    for ts in [1635640200, 1635643800, 1635645600, 1635647400, 1636264800, 1636268400, 1636272000,
               0, -86400 * 365, 2**31 - 1, 1e9 + 0.5, 1e9 + 0.0000005, 1e9 + 0.0000015]:
        d = datetime.fromtimestamp(ts)
        print(" ", ts, repr(d), d.timestamp(), repr(d.astimezone()), d.astimezone().tzname())
    for fold in (0, 1):
        for args in [(2021, 10, 31, 2, 30), (2021, 3, 28, 2, 30), (2021, 11, 7, 1, 30), (2021, 3, 14, 2, 30)]:
            d = datetime(*args, fold=fold)
            print(" ", args, fold, d.timestamp(), d.astimezone(timezone.utc), d.astimezone().utcoffset())
    aware = datetime(2021, 7, 1, 12, tzinfo=timezone.utc)
    print(" ", aware.astimezone(), aware.astimezone().tzinfo, date.fromtimestamp(1635640200))
    print(" ", datetime(2021, 1, 1).astimezone(timezone(timedelta(hours=3))))

os.environ["TZ"] = "UTC"
_time.tzset()
d = datetime(2023, 2, 3, 4, 5, 6, 7)
s = d.strftime("%Y-%m-%d %H:%M:%S.%f")
print(s, datetime.strptime(s, "%Y-%m-%d %H:%M:%S.%f") == d)
print(datetime.strptime("2023-02-03T04:05:06+0130", "%Y-%m-%dT%H:%M:%S%z"))
print(repr(datetime.strptime("Fri Feb  3 04:05:06 2023", "%c")))
for bad in [("2023", "%Y-%m"), ("x", "%Y"), (5, "%Y")]:
    try:
        datetime.strptime(*bad)
    except Exception as e:
        print(type(e).__name__, e)
print(datetime.fromtimestamp(1e9, timezone.utc), datetime.utcfromtimestamp(-1.25))
for bad in [float("nan"), float("inf"), 1e20, "1", None]:
    for f in (datetime.fromtimestamp, datetime.utcfromtimestamp, date.fromtimestamp):
        try:
            print(f(bad))
        except Exception as e:
            print(f.__name__, type(e).__name__, e)
try:
    datetime.fromtimestamp(0, tz=5)
except TypeError as e:
    print("TypeError", e)
print(datetime(1, 1, 1, tzinfo=timezone.utc).timestamp(), datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=timezone.utc).timestamp())
try:
    datetime.min.astimezone(timezone(timedelta(hours=-1)))
except OverflowError as e:
    print("OverflowError", e)

# time.mktime ignores the weekday (imaplib passes -1); strftime/asctime check it.
for t in [(2033, 5, 18, 5, 33, 20, -1, -1, -1), (2033, 5, 18, 5, 33, 20, -2, 1, -1),
          (2033, 5, 18, 5, 33, 20, 7, 400, -1), (2033, 5, 18, 5, 33, 20, -8, 1, 0)]:
    for f in (lambda: _time.mktime(t), lambda: _time.strftime("%Y %a", t), lambda: _time.asctime(t)):
        try:
            print(f())
        except Exception as e:
            print(type(e).__name__, e)

# localtime()/gmtime() failures are OSError (EOVERFLOW), like datetime's.
for v in [2**60, 2**63, 1e200, -2**40]:
    for f in (_time.localtime, _time.gmtime, _time.ctime, datetime.fromtimestamp, datetime.utcfromtimestamp):
        try:
            print(f(v))
        except Exception as e:
            print(f.__name__, type(e).__name__, e)
