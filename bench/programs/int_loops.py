"""Integer loops: a sieve of Eratosthenes, Collatz chain lengths and bit tricks with while-loops.

Stresses: small-int arithmetic (+, -, *, //, %, &, >>, <<), comparisons, while loops, list indexing.
Every value stays well inside a machine word.
"""
# quick: 20000
import sys


def sieve(limit):
    flags = [1] * (limit + 1)
    flags[0] = flags[1] = 0
    i = 2
    while i * i <= limit:
        if flags[i]:
            j = i * i
            while j <= limit:
                flags[j] = 0
                j += i
        i += 1
    count = 0
    total = 0
    for k in range(limit + 1):
        if flags[k]:
            count += 1
            total += k
    return count, total % 1000000007


def collatz_longest(limit):
    best_len = 0
    best = 0
    for start in range(1, limit):
        n = start
        steps = 0
        while n != 1:
            if n & 1:
                n = 3 * n + 1
            else:
                n >>= 1
            steps += 1
        if steps > best_len:
            best_len = steps
            best = start
    return best, best_len


def popcounts(limit):
    total = 0
    for v in range(limit):
        x = v
        c = 0
        while x:
            x &= x - 1
            c += 1
        total += c ^ (v % 7)
    return total


def gcd_sum(limit):
    total = 0
    for a in range(1, limit):
        b = (a * 7919) % 10007 + 1
        x, y = a, b
        while y:
            x, y = y, x % y
        total += x
    return total


def main(n):
    c, s = sieve(n * 10)
    best, blen = collatz_longest(n)
    return "%d %d %d %d %d %d" % (c, s, best, blen, popcounts(n * 2), gcd_sum(n * 2))


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else 225000))
