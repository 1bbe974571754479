# Odd corners: constructor argument handling, tzinfo/timezone base behaviour,
# strftime/format edge cases, mixed-type arithmetic and comparisons,
# pickle-state constructors, range limits (reprs with addresses are masked).
import os, re, time as _time
os.environ["TZ"] = "UTC"
_time.tzset()
from datetime import *
import datetime as dm
IC = type(date(2020,1,1).isocalendar())
for e in ["tzinfo(1)", "tzinfo()", "timezone()", "timezone(1)", "timezone(timedelta(0), 5)", "timezone(timedelta(0), None)",
          "timezone(offset=timedelta(hours=1), name='a')", "timezone(timedelta(0), 'a', 1)", "IC(2020, 1, 2)", "IC(2020, 1)",
          "IC(year=1, week=2, weekday=3).weekday", "date(2020,1,1).isocalendar()[0]", "len(date(2020,1,1).isocalendar())",
          "timedelta(1).__reduce_ex__(2)", "date.__reduce_ex__(date(2020,1,1), 2)", "time().__reduce__()",
          "datetime.__new__(date, 2020, 1, 1)", "date.__new__(datetime, 2020, 1, 1)", "timezone.utc.utcoffset(5)",
          "timezone.utc.tzname(date(2020,1,1))", "timezone.utc.dst(None)", "timezone.utc.fromutc(5)",
          "timezone.utc.fromutc(datetime(2020,1,1))", "tzinfo().utcoffset(None)", "tzinfo().tzname(None)", "tzinfo().dst(None)",
          "tzinfo().fromutc(datetime(2020,1,1))", "tzinfo().fromutc(5)", "tzinfo().__reduce__()", "timezone.utc.__reduce__()",
          "timezone.utc == timezone(timedelta(0))", "timezone.utc == 5", "timezone.utc < timezone.max",
          "hash(timezone(timedelta(0), 'x')) == hash(timezone.utc)", "str(timezone(-timedelta(hours=5, microseconds=3)))",
          "timezone(timedelta(hours=24))", "timezone(timedelta(hours=-24))", "timezone(timedelta(hours=-23, minutes=-59, seconds=-59, microseconds=-999999))",
          "datetime(2020,1,1).isoformat(timespec='auto')", "datetime(2020,1,1).isoformat(' ', timespec=None)",
          "time().isoformat(5)", "date(2020,1,1).strftime(5)", "date(2020,1,1).strftime('%Y\\x00%m')", "format(date(2020,1,1), 5)",
          "date(2020,1,1).strftime('%')", "date(2020,1,1).strftime('%Q')", "time(1).strftime('%Y %j')",
          "date(2020,1,1).__format__('')", "datetime.fromtimestamp(ts=5)", "datetime.fromtimestamp(timestamp=5, tz=timezone.utc)",
          "datetime.now(5)", "datetime.now(tz=None).tzinfo", "datetime.utcnow().tzinfo", "datetime.combine(date=date(2020,1,1), time=time(1))",
          "datetime.strptime(b'2020', '%Y')", "datetime.strptime('2020')", "date.today.__doc__[:20]",
          "dm.datetime_CAPI", "dm.MINYEAR", "dm.UTC is timezone.utc", "type(dm.datetime_CAPI)", "date(2020,1,1) + timedelta(hours=25)",
          "date(2020,1,1) - timedelta(hours=1)", "timedelta(1) - date(2020,1,1)", "timedelta(1) + date(2020,1,1)",
          "-timedelta(0)", "timedelta(microseconds=-1) == -timedelta.resolution", "abs(timedelta(-1, 5))",
          "timedelta(1) * True", "timedelta(seconds=1) / True", "timedelta(1) // 1.5", "1.5 * timedelta(1)", "timedelta(1) % 3",
          "3 / timedelta(1)", "timedelta(1) ** 2", "timedelta(1).total_seconds()", "timedelta(days=-1, microseconds=1).total_seconds()",
          "datetime(2020,1,1) < 5", "datetime(2020,1,1) == 5", "time(1) < 5", "date(2020,1,1) >= 5",
          "datetime(2020,1,1).__eq__(date(2020,1,1))", "date(2020,1,1).__eq__(datetime(2020,1,1))", "date(2020,1,1).__lt__(datetime(2020,1,2))",
          "datetime(2020,1,1) > date(2020,1,1)", "time(1).__reduce_ex__('x')", "time(5,tzinfo=timezone.utc).__reduce_ex__(2)",
          "time(b'\\x18\\x00\\x00\\x00\\x00\\x00')", "time(b'\\x98\\x00\\x00\\x00\\x00\\x00')", "datetime(b'\\x07\\xe4\\x0d\\x01\\x00\\x00\\x00\\x00\\x00\\x00')",
          "datetime(b'\\x07\\xe4\\x8c\\x01\\x00\\x00\\x00\\x00\\x00\\x00').fold", "datetime(b'\\x07\\xe4\\x0c\\x01\\x00\\x00\\x00\\x00\\x00\\x00', timezone.utc, 5)",
          "datetime(2020, 1, 1, 0, 0, 0, 0, None, 1)", "datetime(2020, 1, 1, fold=True)", "time(fold=-1)",
          "datetime(2020,1,1,1,1,1,1,timezone.utc).timetz()", "datetime(2020,1,1,fold=1).time()", "datetime(2020,1,1,tzinfo=timezone.utc).date()",
          "date.fromisoformat('2020-01-01\\ud800')", "time.fromisoformat('01:02\\ud800')", "date.fromordinal(-5)", "date.fromordinal(2**40)",
          "datetime.max.timestamp()", "datetime.min.timestamp()", "datetime(1970,1,1).timestamp() == datetime(1970,1,1).astimezone().timestamp()"]:
    try:
        print(e, "->", re.sub(r" at 0x[0-9a-f]+", "", repr(eval(e))))
    except Exception as ex:
        print(e, "->", type(ex).__name__, ex)
