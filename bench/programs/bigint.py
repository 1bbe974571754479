"""Big integers: factorials, Fibonacci by fast doubling, modular exponentiation, exact
square roots (Newton), and digit sums by repeated divmod.

Stresses: arbitrary-precision +, -, *, //, %, divmod, pow(a, b, m), shifts and comparisons on
integers of hundreds to tens of thousands of bits.
"""
# quick: 40
import sys


def factorial(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r


def fib_pair(n):
    """(F(n), F(n+1)) by fast doubling."""
    if n == 0:
        return 0, 1
    a, b = fib_pair(n >> 1)
    c = a * ((b << 1) - a)
    d = a * a + b * b
    if n & 1:
        return d, c + d
    return c, d


def isqrt(n):
    if n < 2:
        return n
    x = 1 << ((n.bit_length() + 1) >> 1)
    while True:
        y = (x + n // x) >> 1
        if y >= x:
            return x
        x = y


def digit_sum(n):
    """Sum of decimal digits, peeling off 18 digits at a time (no str(): 3.11 caps int->str)."""
    s = 0
    chunk = 10 ** 18
    while n:
        n, r = divmod(n, chunk)
        while r:
            r, d = divmod(r, 10)
            s += d
    return s


def main(n):
    total = 0
    m = (1 << 521) - 1  # a Mersenne prime
    for i in range(n):
        f = factorial(300 + i)
        total += digit_sum(f)
        a, b = fib_pair(2000 + 37 * i)
        total += (a ^ b).bit_length()
        total += pow(3 + i, (1 << 400) + i, m) % 1000003
        r = isqrt(f * 10 ** 60)
        total += r % 1000003
        total += (f // (a + 1)) % 1000003
    return total


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1200))
