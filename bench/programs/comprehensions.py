"""Comprehensions: list, dict and set comprehensions (nested, filtered), generator expressions
fed to sum/any/all/min/max, zip/enumerate/range iteration.

Stresses: comprehension frames (3.11 compiles each to a function), LIST_APPEND/MAP_ADD/SET_ADD,
builtin reductions over iterators, tuple unpacking in loops.
"""
# quick: 20
import sys


def matrix(nrows, ncols, seed):
    return [[(r * 31 + c * 17 + seed) % 23 for c in range(ncols)] for r in range(nrows)]


def transpose(m):
    return [list(col) for col in zip(*m)]


def matmul(a, b):
    bt = transpose(b)
    return [[sum(x * y for x, y in zip(row, col)) for col in bt] for row in a]


def main(n):
    total = 0
    for rep in range(n):
        a = matrix(30, 30, rep)
        b = matrix(30, 30, rep + 1)
        c = matmul(a, b)
        total += sum(sum(row) for row in c)
        flat = [v for row in c for v in row if v % 3]
        total += len(flat)
        squares = {i: i * i for i in range(400) if i % 3 != 1}
        total += sum(squares.values()) % 100000
        residues = {(i * i) % 97 for i in range(1000)}
        total += len(residues)
        pairs = [(i, j) for i in range(40) for j in range(i) if (i + j) % 5 == 0]
        total += len(pairs)
        total += max(v for row in a for v in row) + min(len(r) for r in b)
        if all(len(r) == 30 for r in c) and any(v > 1000 for v in flat):
            total += 1
        words = ["w%d" % (i % 37) for i in range(300)]
        lengths = {w: len(w) for w in words}
        total += sum(lengths.values())
        enum = [i * v for i, v in enumerate(flat[:200])]
        total += sum(enum) % 100000
        total %= 1000000007
    return total


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
