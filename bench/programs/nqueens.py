"""N-queens: count all placements of 9 non-attacking queens, two ways, repeated `reps` times.

Stresses: recursion, sets (membership, add/discard), generators yielding partial solutions, tuples.
"""
# quick: 1
import sys


def solve_sets(n):
    """Backtracking with sets of occupied columns and diagonals; returns the solution count."""
    cols, diag1, diag2 = set(), set(), set()

    def place(row):
        if row == n:
            return 1
        found = 0
        for c in range(n):
            if c in cols or row + c in diag1 or row - c in diag2:
                continue
            cols.add(c)
            diag1.add(row + c)
            diag2.add(row - c)
            found += place(row + 1)
            cols.discard(c)
            diag1.discard(row + c)
            diag2.discard(row - c)
        return found

    return place(0)


def solutions(n, prefix=()):
    """Generate every solution as a tuple of column indices."""
    row = len(prefix)
    if row == n:
        yield prefix
        return
    for c in range(n):
        ok = True
        for r, pc in enumerate(prefix):
            if pc == c or row - r == abs(c - pc):
                ok = False
                break
        if ok:
            yield from solutions(n, prefix + (c,))


def main(reps, n=9):
    result = None
    for _ in range(reps):
        result = one_board(n)
    return result


def one_board(n):
    a = solve_sets(n)
    b = 0
    weight = 0
    for sol in solutions(n):
        b += 1
        weight += sol[0] * n + sol[-1]
    if a != b:
        raise SystemExit("nqueens: %d != %d" % (a, b))
    return "%d %d" % (a, weight)


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else 60))
