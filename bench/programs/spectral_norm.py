"""Spectral norm: power iteration for the largest singular value of an infinite matrix.

Stresses: float division and multiply-add in tight loops, small function calls, list indexing.
"""
# quick: 60
import sys


def entry(i, j):
    s = i + j
    return 1.0 / ((s * (s + 1) >> 1) + i + 1)


def times(u, out):
    n = len(u)
    for i in range(n):
        acc = 0.0
        for j in range(n):
            acc += entry(i, j) * u[j]
        out[i] = acc


def times_transposed(u, out):
    n = len(u)
    for i in range(n):
        acc = 0.0
        for j in range(n):
            acc += entry(j, i) * u[j]
        out[i] = acc


def times_ata(u, out, tmp):
    times(u, tmp)
    times_transposed(tmp, out)


def main(n):
    u = [1.0] * n
    v = [0.0] * n
    tmp = [0.0] * n
    for _ in range(10):
        times_ata(u, v, tmp)
        times_ata(v, u, tmp)
    vbv = vv = 0.0
    for a, b in zip(u, v):
        vbv += a * b
        vv += b * b
    return "%.9f" % ((vbv / vv) ** 0.5)


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else 600))
