# The format mini-language for int, float, str, complex, and custom __format__.
vals_int = [0, 7, -42, 255, 123456789, -(10**20)]
specs_int = ["", "d", "5d", "<6", ">6", "^7", "=+8", "+", " ", "-", "x", "X", "#x", "#o", "#b", "08b",
             ",", "_", "_x", "_b", "#_o", ",d", "c", "n", "e", ".3e", "%", "010,", "*^12,", "+#010x"]
for v in vals_int:
    out = []
    for s in specs_int:
        try:
            out.append(format(v, s))
        except (ValueError, OverflowError) as e:
            out.append(f"<{type(e).__name__}: {e}>")
    print(v, out)

vals_float = [0.0, -0.0, 1.5, -2.25, 1e16, 1.23456789e-7, 123456.789, float("inf"), float("-inf"),
              float("nan"), 2.5, 3.5, 1/3]
specs_float = ["", "f", ".2f", ".0f", "#.0f", "e", ".3E", "g", ".3g", "#g", "G", "%", ".1%", "10.3f",
               "<10", "^+12.2e", "=010.2f", ",.2f", "_.3f", "z.1f", "r" if False else "n", ".10g", ".0e",
               "a" if False else "015", "-.1f", " .1f"]
for v in vals_float:
    out = []
    for s in specs_float:
        try:
            out.append(format(v, s))
        except ValueError as e:
            out.append(f"<ValueError: {e}>")
    print(repr(v), out)

for v in ["abc", "", "héllo"]:
    print([format(v, s) for s in ["", "5", "<5", ">5", "^6", "*^9", ".2", "10.1", "s"]])
for bad in ["d", "x", "+5", ",", "=5", "#"]:
    try:
        format("abc", bad)
    except ValueError as e:
        print("str", repr(bad), e)

for v in [1+2j, -1.5-0.5j, 1j, complex(0, -0.0), complex(float("inf"), float("nan"))]:
    print([format(v, s) for s in ["", ".2f", "^20", "+.1e", "g", ".3g"]])
for bad in ["=10", "010", "%"]:
    try:
        format(1j, bad)
    except ValueError as e:
        print("complex", repr(bad), e)

for bad in [".2d", "=s", "xx", ",b", "_,", ",_", "#c", "+c", "5.5.5", "1000000000000000000000d"]:
    try:
        print(format(42, bad))
    except ValueError as e:
        print("int", repr(bad), e)
for bad in ["d", "x", ",x", "#c"]:
    try:
        print(format(1.5, bad))
    except ValueError as e:
        print("float", repr(bad), e)

try:
    format(300000000, "c")
except OverflowError as e:
    print("OverflowError", e)
print(format(True, ""), format(True, "d"), format(False, "^5"), format(None, ""))
try:
    format(None, "5")
except TypeError as e:
    print("TypeError", e)
try:
    format(object(), "x")
except TypeError as e:
    print("TypeError", e)

class Money:
    def __init__(self, v):
        self.v = v
    def __format__(self, spec):
        if spec == "bad":
            return 5
        return f"${self.v:{spec or ',.2f'}}"
print(format(Money(1234.5)), f"{Money(3):>10.1f}", "{:.0f}".format(Money(9.5)))
try:
    format(Money(1), "bad")
except TypeError as e:
    print("TypeError", e)

# str.format field syntax
print("{0}{1}{0}".format("a", "b"), "{x.real} {y[1]} {y[0]!r:>5}".format(x=3j, y=["q", "r"]))
print("{:{w}.{p}f}|{!s:^{w}}".format(3.14159, "mid", w=9, p=2))
print("{{literal}} {0[key]} {0[1]}".format({"key": "v", 1: "one"}))
for bad in ["{", "}", "{0!x}", "{0:{1:{2}}}", "{a", "{0[}", "{!r}", "{0.}", "{0}{}", "{}{0}"]:
    try:
        print(repr(bad.format(1, 2, 3)))
    except (ValueError, IndexError, KeyError, AttributeError) as e:
        print(repr(bad), type(e).__name__, e)
print("{:%Y}".format(__import__("datetime").date(2020, 5, 1)))
print(format(12345.6789, ",.2f"), format(-12345678, "_d"), format(1e100, ".3"), format(123, ".5"))
