# int: constructors, bases, to_bytes/from_bytes, bit ops, methods and error messages.
for s, b in [("42", 10), ("-0x1f", 16), ("0b101", 0), ("0o17", 0), ("  12_000  ", 10), ("z", 36), ("Z", 36),
             ("١٢٣", 10), ("+7", 0), ("0_7", 0), ("00", 0), ("07", 0), ("1__0", 10), ("", 10), ("12", 1),
             ("12", 37), ("0x", 16), ("_1", 10), ("1_", 10), ("ff", 15), ("-", 10), ("\t-0b1_1\n", 0)]:
    try:
        print(repr(s), b, int(s, b))
    except ValueError as e:
        print(repr(s), b, "ValueError:", e)
print(int(3.99), int(-3.99), int("10", base=2), int(b"12"), int(bytearray(b"-5")), int(True), int())
for bad in [float("inf"), float("nan"), "1.5", [1], None, 1j]:
    try:
        int(bad)
    except (ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)
try:
    int(5, 10)
except TypeError as e:
    print("TypeError", e)

class Trunc:
    def __trunc__(self):
        return 9
class Idx:
    def __index__(self):
        return 4
class IntM:
    def __int__(self):
        return 3
print(int(Trunc()), int(Idx()), int(IntM()))
print((1024).to_bytes(2, "big"), (1024).to_bytes(2, "little"), (-1).to_bytes(2, "big", signed=True))
print((255).to_bytes(), int.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"\xff\xff", "little", signed=True))
print(int.from_bytes([1, 2, 3], "big"), int.from_bytes(b"", "big"))
for call in [lambda: (256).to_bytes(1, "big"), lambda: (-1).to_bytes(1, "big"), lambda: (1).to_bytes(1, "middle"),
             lambda: (1).to_bytes(-1, "big")]:
    try:
        call()
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
print((37).bit_length(), (-37).bit_length(), (0).bit_length(), (255).bit_count(), (-7).bit_count())
print((10).as_integer_ratio(), (7).conjugate(), (5).real, (5).imag, (5).numerator, (5).denominator)
print(divmod(-7, 2), divmod(7, -2), -7 // 2, -7 % 2, 7 % -2, pow(2, -1), pow(3, 4, 5), pow(3, -1, 7))
for args in [(2, 3, 0), (2, -1, 4), (2.0, 3, 5)]:
    try:
        print(pow(*args))
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(1 << 100, (1 << 100) >> 99, -1 >> 10, ~5, 6 & 3, 6 | 3, 6 ^ 3, -(2**64) & 0xFFFF)
try:
    1 << -1
except ValueError as e:
    print("ValueError", e)
print(round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2), round(7, 2), round(15, -1))
print(hash(-1), hash(-2), hash(2**61 - 1), hash(2**61), hash(-(2**61)), hash(10**30))
print(int.__new__(int, 5), bool.__mro__, isinstance(True, int), True + True, True * 3.5)
print(format(10**25, ","), hex(-255), oct(8), bin(-5), 0x_ff, 1_000_000)
print(abs(-10**30), -(-(10**20)), +5, (2**100).__index__() == 2**100)
print((123).__format__("08d"), int.from_bytes(b"\x00\x10", byteorder="big"), (3).__round__(), (3).__trunc__())
print(sorted([3, -1, 10**20, -10**20, 0]), max(1, 2**70), min(-2**70, 5))
print(7 / 2, -7 / 2, 10**30 / 10**10, (2**1100) // 3 % 1000)
try:
    print(2**1100 / 3)
except OverflowError as e:
    print("OverflowError", e)
try:
    float(2**1100)
except OverflowError as e:
    print("OverflowError", e)
print(10**400 // 10**398, (10**400).bit_length(), int(str(3**1000))[:20] if False else str(3**500)[:30])
