# complex arithmetic and formatting, int/float interplay, rounding and integer division corner cases.
import math, cmath
z = complex(3, 4)
print(z, abs(z), z.conjugate(), z * 1j, z / 2, z ** 2, (1 + 2j) / (3 - 4j), -z, +z, z == 3 + 4j)
print(complex("1+2j"), complex(" 3j "), complex("-1.5e3-2j"), complex(2), complex(1, -0.0), repr(complex(-0.0, 0)))
for bad in ["1+", "j2", "1 + 2j", "(1+2j"]:
    try:
        complex(bad)
    except ValueError as e:
        print(repr(bad), "ValueError:", e)
print(complex("(1+2j)"), cmath.sqrt(-1), cmath.phase(-1), cmath.polar(1j), cmath.exp(1j * math.pi).real)
try:
    1j < 2j
except TypeError as e:
    print("TypeError:", e)
try:
    (1 + 1j) // 2
except TypeError as e:
    print("TypeError:", e)
print(0j ** 0, 2 ** 0.5, 4 ** -1, (-8) ** (1 / 3), 0.0 ** 0.0, pow(0, 0), 10 ** 20 / 10 ** 19)
try:
    0.0 ** -1
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    0j ** -1
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
print(7 // -2, -7 // 2, 7 % -3, -7 % 3, 7.0 // -2, divmod(-7.5, 2), -0.0 // 1, 5 % float("inf"), -5 % float("inf"))
print(round(0.5), round(1.5), round(2.675, 2), round(-1.5), round(1e300), round(123.456, -1), round(5, -1), round(15, -1))
print(math.floor(2.5), math.ceil(-2.5), math.trunc(2.9), int(-2.9), math.isclose(0.1 + 0.2, 0.3))
print(math.gcd(12, 18, 30), math.lcm(4, 6), math.isqrt(10 ** 20 + 1), math.comb(10, 3), math.perm(5, 2), math.prod([1, 2, 3]))
print(math.factorial(20), math.log(8, 2), math.log2(1024), math.log10(1e-5), math.hypot(3, 4, 12), math.dist((0, 0), (3, 4)))
for f in [lambda: math.sqrt(-1), lambda: math.log(0), lambda: math.factorial(-1), lambda: math.exp(1000), lambda: math.isqrt(-1)]:
    try:
        f()
    except (ValueError, OverflowError) as e:
        print(type(e).__name__ + ":", e)
print(math.nextafter(1, 2), math.ulp(1.0), math.copysign(3, -0.0), math.fmod(-1, 3), math.remainder(7, 4), math.frexp(8.0), math.ldexp(0.5, 4))
print(1 / 3 * 3 == 1, 0.1 * 3, 1e-320 * 1e10, float.fromhex("0x1.fffffffffffffp+1023") * 2, -(0.0), abs(-0.0))
print(True + 1, True / 2, 3 * False, int(True), -True, ~True, True & False, True | 2, bool(-0.0), bool(0j), bool(float("nan")))
