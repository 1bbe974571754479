"""Pi digits: Gibbons' unbounded spigot, producing decimal digits of pi with exact integers.

Stresses: big-integer multiply, add and floor division on numbers with thousands of digits.
"""
# quick: 300
import sys


def pi_digits(count):
    # The state is a linear fractional transformation (q r / 0 t) composed with
    # the terms (k, 4k+2, 0, 2k+1) of a continued series for pi.
    q, r, t = 1, 0, 1
    k = 0
    out = []
    while len(out) < count:
        k += 1
        k2 = 2 * k + 1
        # compose with the next term
        r = (2 * q + r) * k2
        q = q * k
        t = t * k2
        if q > r:
            continue
        # the digit is safe when floor((3q+r)/t) == floor((4q+r)/t)
        d, rem = divmod(3 * q + r, t)
        if rem + q >= t:
            continue
        out.append(d)
        # extract the digit: multiply by 10 and subtract d
        r = 10 * (r - d * t)
        q = 10 * q
    return out


def main(n):
    digits = pi_digits(n)
    total = 0
    for i, d in enumerate(digits):
        total = (total * 31 + d * (i + 1)) % 1000000007
    return "%s %d" % ("".join(map(str, digits[-10:])), total)


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else 8000))
