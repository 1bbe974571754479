# Debian's python3-msgpack: its C extension (_cmsgpack) loads the
# datetime.datetime_CAPI capsule at init and builds/reads datetimes through
# it (timestamp extension type -1).
import datetime
import msgpack
from msgpack import _cmsgpack

print(msgpack.Packer is _cmsgpack.Packer, msgpack.Unpacker is _cmsgpack.Unpacker)
utc = datetime.timezone.utc
cases = [datetime.datetime(2020, 9, 13, 12, 26, 40, 123456, tzinfo=utc),
         datetime.datetime(1970, 1, 1, tzinfo=utc),
         datetime.datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=utc),
         datetime.datetime(2262, 4, 11, 23, 47, 16, tzinfo=utc),
         datetime.datetime(2021, 6, 1, 12, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))]
for dt in cases:
    b = msgpack.packb(dt, datetime=True)
    back = msgpack.unpackb(b, timestamp=3)
    print(b.hex(), repr(back), back == dt, repr(msgpack.unpackb(b)))
    print(msgpack.unpackb(b, timestamp=1), msgpack.unpackb(b, timestamp=2))
ts = msgpack.Timestamp.from_datetime(cases[0])
print(ts, ts.to_datetime(), msgpack.Timestamp(0, 5).to_datetime(), msgpack.Timestamp.from_unix(-1.5).to_datetime())
doc = {"when": cases[0], "list": [cases[1], cases[2]], "n": 3}
packed = msgpack.packb(doc, datetime=True)
print(msgpack.unpackb(packed, timestamp=3) == doc, len(packed))
unp = msgpack.Unpacker(timestamp=3)
unp.feed(packed + packed)
print([o == doc for o in unp])
for bad in [datetime.datetime(2020, 1, 1), datetime.date(2020, 1, 1)]:
    try:
        msgpack.packb(bad, datetime=True)
    except Exception as e:
        print(type(e).__name__, e)
print(msgpack.packb(cases[0], default=lambda o: o.isoformat()))
