"""Fannkuch-redux: pancake-flip counts over all permutations of 1..9, repeated `reps` times.

Stresses: list slicing and slice assignment, small-int loops, permutation bookkeeping.
"""
# quick: 1
import sys


def fannkuch(n):
    perm = list(range(n))
    count = [0] * n
    checksum = 0
    max_flips = 0
    sign = 1
    r = n
    while True:
        while r != 1:
            count[r - 1] = r
            r -= 1
        # Count the flips for this permutation.
        first = perm[0]
        if first:
            p = perm[:]
            flips = 0
            k = first
            while k:
                p[:k + 1] = p[k::-1]
                flips += 1
                k = p[0]
            if flips > max_flips:
                max_flips = flips
            checksum += flips if sign > 0 else -flips
        sign = -sign
        # Next permutation: rotate prefixes, counting like an odometer.
        while True:
            if r == n:
                return checksum, max_flips
            head = perm[0]
            perm[:r] = perm[1:r + 1]
            perm[r] = head
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1


def main(reps, n=9):
    total = 0
    for _ in range(reps):
        checksum, max_flips = fannkuch(n)
        total += checksum + max_flips
    return "%d %d %d" % (checksum, max_flips, total)


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else 4))
