# CPython's own _zoneinfo C extension (lib-dynload) on Krait's _datetime: it
# imports the datetime.datetime_CAPI capsule, subclasses tzinfo through it and
# reads fields with <datetime.h>'s macros. Conversions across DST
# transitions, fold in repeated hours, gaps, tzname/dst and pickling.
import pickle
import _zoneinfo
import zoneinfo
from datetime import datetime, timedelta, timezone, time

assert zoneinfo.ZoneInfo is _zoneinfo.ZoneInfo
paris = zoneinfo.ZoneInfo("Europe/Paris")
ny = zoneinfo.ZoneInfo("America/New_York")
lhi = zoneinfo.ZoneInfo("Australia/Lord_Howe")
print(repr(paris), str(ny), paris is zoneinfo.ZoneInfo("Europe/Paris"))

# Fall back in Paris: 02:00-03:00 happens twice on 2021-10-31.
start = datetime(2021, 10, 30, 23, 30, tzinfo=timezone.utc)
for i in range(6):
    u = start + timedelta(minutes=30 * i)
    local = u.astimezone(paris)
    print(u.time(), local, local.fold, local.tzname(), local.dst(), local.astimezone(timezone.utc) == u)
for fold in (0, 1):
    d = datetime(2021, 10, 31, 2, 30, tzinfo=paris, fold=fold)
    print(repr(d), d.utcoffset(), d.tzname(), d.timestamp(), d.astimezone(ny))

# Spring forward: 02:30 on 2021-03-28 does not exist.
for fold in (0, 1):
    d = datetime(2021, 3, 28, 2, 30, tzinfo=paris, fold=fold)
    print(d.utcoffset(), d.tzname(), d.astimezone(timezone.utc))
print(datetime(2021, 3, 28, 1, 59, tzinfo=paris) + timedelta(minutes=2))

# Lord Howe shifts by 30 minutes.
for m in (0, 30, 60, 90):
    u = datetime(2021, 4, 4, 14, 30, tzinfo=timezone.utc) + timedelta(minutes=m)
    print(u.astimezone(lhi), u.astimezone(lhi).fold)

# Inter-zone comparison follows PEP 495: an ambiguous time never equals one
# in another zone.
amb = datetime(2021, 10, 31, 2, 30, tzinfo=paris)
print(amb == amb.astimezone(timezone.utc), amb.replace(fold=1) == amb, amb < amb.replace(fold=1))
print(sorted([datetime(2021, 6, 1, 12, tzinfo=ny), datetime(2021, 6, 1, 12, tzinfo=paris)]))
print(datetime.fromtimestamp(1635640200, paris), datetime.fromtimestamp(1635643800, paris).fold)
print(datetime.now(paris).tzinfo is paris, paris.utcoffset(None), paris.tzname(None))
print(time(12, tzinfo=paris).utcoffset(), datetime(1900, 1, 1, tzinfo=paris).utcoffset(),
      datetime(2100, 7, 1, tzinfo=paris).tzname())
print(pickle.loads(pickle.dumps(paris)) is paris, pickle.loads(pickle.dumps(amb.replace(fold=1), 4)).fold)
print(sorted(zoneinfo.available_timezones())[:3] == sorted(zoneinfo.available_timezones())[:3])
try:
    zoneinfo.ZoneInfo("Nowhere/Atlantis")
except zoneinfo.ZoneInfoNotFoundError as e:
    print("ZoneInfoNotFoundError", e)
try:
    paris.fromutc(datetime(2020, 1, 1))
except ValueError as e:
    print("ValueError", e)
