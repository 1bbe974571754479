# marshal: CPython's format for data values.
import marshal
values = [None, True, False, 0, 1, -1, 2**31 - 1, -2**31, 2**31, 2**100, -(2**100), 1.5, -0.0,
          float("inf"), 1 + 2j, "", "a b", "é€𝄞", b"", b"\x00\xff", (), (1, "a"), [1, [2]],
          {"a": 1, 2: (3,)}, {1, 2}, frozenset({"x"}), ..., StopIteration, "x y" * 100, tuple(range(300))]
for v in values:
    data = marshal.dumps(v)
    back = marshal.loads(data)
    print(repr(v)[:40], back == v or (v != v), data[:12].hex() if not isinstance(v, (set, frozenset, dict)) else len(data))
s = "sha red"
print(marshal.dumps([s, s]).hex())
print(marshal.version)
for bad in [b"", b"i\x01", b"\x99", b"r\x05\x00\x00\x00"]:
    try:
        marshal.loads(bad)
    except (EOFError, ValueError) as e:
        print(type(e).__name__, e)
try:
    marshal.dumps(object())
except ValueError as e:
    print("ValueError", e)
print(marshal.loads(marshal.dumps(2**64) + b"trailing"))
