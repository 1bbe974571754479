vals = [0, -0.0, 1.5, -2.25, 1e16, 1.2345678901234567e-7, float('inf'), float('nan'), 123456789, -42, True, 10**25]
specs = ["", "e", ".3e", "f", ".0f", "g", ".10g", "%", ".1%", "+,", "_", "020.4f", "<10", "^12.2f", "#x" , "#o", "#b", "n", "08.3E", " G", "=+12.3f", ",.2f", "#.0f", "#g"]
for v in vals:
    row = []
    for s in specs:
        try:
            row.append(format(v, s))
        except (ValueError, TypeError) as e:
            row.append(type(e).__name__ + ":" + str(e))
    print(repr(v), row)
for s in ["{:>{w}.{p}f}", "{0!r:^20}", "{x[1]}", "{0.real}", "{:*<8}", "{!a}", "{:c}"]:
    try:
        print(s.format(3.14159 if "f" in s else "é", w=10, p=3, x=[5, 6]))
    except Exception as e:
        print(type(e).__name__, e)
print("%5.2f|%-6d|%x|%X|%o|%e|%g|%r|%a|%c|%%|%5s|%.2s" % (3.14159, 42, 255, 255, 8, 12345.678, 0.00001234, "q", "é", 65, "abc", "xyz"))
print("%(a)s-%(b)05d" % {"a": "A", "b": 7}, "%#x %#o %+d % d" % (255, 8, 5, 5), "%*d|%-*d|" % (5, 1, 4, 2))
for bad in ["%d" , "%(a)s %s", "%z"]:
    try:
        print(bad % ("x",) if bad != "%(a)s %s" else bad % {"a": 1})
    except Exception as e:
        print(type(e).__name__, e)
print(f"{3.0:.0%}", f"{1234567.891:,.2f}", f"{-1234:_}", f"{0.1+0.2!r}", f"{'s'!r:>5}", f"{10:#_b}", f"{2**64:,}")
print(repr(1e22), repr(1e-5), repr(123456789012345678.0), 2.5.hex(), float.fromhex('0x1.8p3'), (0.1).as_integer_ratio())
print(round(2.675, 2), round(0.5), round(1.5), round(-0.5), round(1234.5678, -2), round(10**20 + 0.5), round(5, -1), round(15, -1), round(25, -1))
print(int("0x1f", 0), int(" -0b101 ", 0), int("1_000"), int("z", 36), int("١٢٣"), float(" 1_0.5e1 "), complex("1+2j"), complex(" (3-4j) "))
for bad in ["1__0", "0x", "_1", "1e", "--1"]:
    try:
        int(bad, 0) if not bad.startswith("1e") else float(bad)
    except ValueError as e:
        print("ValueError", e)
print(divmod(-7, 2), divmod(7.5, -2), -7 // 2, -7 % 2, 7 % -3.0, pow(3, -1, 7), pow(2, 100, 10**9+7), (-8) ** (1/3))
print(str(1/3), 1/3 * 3 == 1, 0.1 + 0.2, 1e308 * 10, -1e308 * 10, 2**0.5, 10 / 4, 10 // 4.0, abs(-0.0), (-0.0).__repr__())
print(format(1e100, ".2f")[:20], format(123.456, ".2a") if False else "", "%.100f" % 0.1)
print((12345).to_bytes(4, "little"), int.from_bytes(b"\xff\xfe", "big", signed=True), (-1).to_bytes(2, "big", signed=True), (255).bit_length(), (-255).bit_count())
print(complex(1, -0.0), complex(-0.0, 0), 1j ** 2, abs(3 + 4j), (1 + 2j) / (3 - 4j), format(1+2j, ".2f"), format(complex(1.5, -2), "^20"))
