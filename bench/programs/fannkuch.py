"""Fannkuch-redux: pancake-flip counts over all permutations of 1..n.

Stresses: list slicing and slice assignment, small-int loops, permutation bookkeeping.
"""
# quick: 7
import sys


def main(n):
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
                return "%d %d" % (checksum, max_flips)
            head = perm[0]
            perm[:r] = perm[1:r + 1]
            perm[r] = head
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else 9))
