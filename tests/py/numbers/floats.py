# float: repr round-trips, parsing, hex, rounding, integer ratio, special values, comparisons with ints.
import math
vals = [0.1, 0.2, 0.1 + 0.2, 1e16, 1e22, 1.7976931348623157e308, 5e-324, 2.5e-5, 123456789.123, -0.0, 1/3, 2/3,
        100.0, 1e100, 9007199254740993.0, 0.30000000000000004]
for v in vals:
    print(repr(v), str(v), v.hex(), float.fromhex(v.hex()) == v, v.as_integer_ratio() if math.isfinite(v) else None)
for s in ["1.5", "  -2.5e3 ", "inf", "-Infinity", "nan", "+NaN", "1_0.5", "0x1p3", "1e500", "-1e-500", ".5", "5.",
          "1e", "", "1.5.5", "١.٥", "infinity", "in", "1__0"]:
    try:
        print(repr(s), float(s))
    except ValueError as e:
        print(repr(s), "ValueError:", e)
print(float.fromhex("0x1.8p1"), float.fromhex("-0x1p-1074"), float.fromhex("inf"), float.fromhex("0x.8"))
for bad in ["0x1p99999", "zz", "0x"]:
    try:
        float.fromhex(bad)
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
for v, n in [(2.675, 2), (0.5, 0), (1.5, 0), (2.5, 0), (-0.5, 0), (1234.5678, -2), (1e300, 2), (0.125, 2), (5e-324, 400)]:
    print(v, n, round(v, n))
print(round(2.5), round(3.5), round(-2.5), type(round(2.5)), round(1e20), round(0.1, None))
for bad in [float("inf"), float("nan")]:
    try:
        round(bad)
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
print(math.floor(-0.5), math.ceil(-0.5), math.trunc(-1.7), int(1e20), float(10**20) == 10**20)
print(1e16 == 10**16, 2**53 + 1 == float(2**53 + 1), 0.1 < 1, float("nan") == float("nan"), 1e308 * 10)
print(float("inf") > 10**400, float("-inf") < -10**400, 10**400 > 1e308, -10**400 < -1e308)
print(divmod(7.5, 2), divmod(-7.5, 2), 7.5 % -2, -0.0 % 1.0, math.fmod(-7.5, 2), 5.0 // 0.3)
for op in [lambda: 1.0 / 0, lambda: 1.0 % 0, lambda: divmod(1.0, 0.0), lambda: 0.0 ** -1, lambda: (-8.0) ** (1/3)]:
    try:
        print(op())
    except ZeroDivisionError as e:
        print("ZeroDivisionError", e)
print(hash(0.5), hash(-0.0), hash(1.0) == hash(1), hash(float("inf")), hash(1e100) == hash(int(1e100)))
print((1.5).is_integer(), (2.0).is_integer(), (3.7).conjugate(), (3.7).real, (3.7).imag, float.__getformat__("double"))
print(2.0 ** 0.5, 10 ** -2, (-2) ** 0.5, pow(2.0, 3), 1e-7, 1e-5, 0.0001, 123e18, 1e-310)
print(sum([0.1] * 10), math.fsum([0.1] * 10), sum([1e100, 1.0, -1e100]))
print(max(0.0, -0.0), min(0.0, -0.0), sorted([3.0, -1.5, float("inf"), 2]))
print(float(True), float(" 12 "), float(b"1.5"), float(bytearray(b"2")))
class F:
    def __float__(self):
        return 4.5
class I:
    def __index__(self):
        return 3
print(float(F()), float(I()))
try:
    float([])
except TypeError as e:
    print("TypeError", e)
