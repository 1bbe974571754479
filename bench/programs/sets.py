"""Sets: Conway's game of life on an unbounded board stored as a set of live cells, plus set
algebra (union, intersection, difference, symmetric difference) and frozensets as dict keys.

Stresses: set insert/membership/iteration with tuple keys, set operators and comprehensions,
frozenset hashing.
"""
# quick: 10
import sys


def neighbours(cell):
    x, y = cell
    return ((x - 1, y - 1), (x, y - 1), (x + 1, y - 1), (x - 1, y), (x + 1, y),
            (x - 1, y + 1), (x, y + 1), (x + 1, y + 1))


def life_step(live):
    candidates = set(live)
    for c in live:
        candidates.update(neighbours(c))
    new = set()
    for c in candidates:
        n = 0
        for d in neighbours(c):
            if d in live:
                n += 1
        if n == 3 or (n == 2 and c in live):
            new.add(c)
    return new


def set_algebra(k):
    a = {i * 3 % 1009 for i in range(k)}
    b = {i * 5 % 1013 for i in range(k)}
    c = set(range(0, 1200, 7))
    u = a | b | c
    i = (a & b) | (b & c)
    d = (a - b) ^ c
    groups = {}
    for v in range(300):
        key = frozenset(x for x in (v % 7, v % 11, v % 13))
        groups[key] = groups.get(key, 0) + 1
    return len(u) + len(i) * 3 + len(d) * 7 + len(groups) + sum(groups.values())


def main(n):
    # an R-pentomino, an acorn and a glider
    live = {(1, 0), (2, 0), (0, 1), (1, 1), (1, 2)}
    live |= {(x + 30, y + 30) for x, y in [(1, 0), (3, 1), (0, 2), (1, 2), (4, 2), (5, 2), (6, 2)]}
    live |= {(x - 20, y + 10) for x, y in [(1, 0), (2, 1), (0, 2), (1, 2), (2, 2)]}
    total = 0
    for gen in range(n):
        live = life_step(live)
        total += len(live)
        if gen % 10 == 0:
            total += set_algebra(2000)
    xs = sorted(x for x, _ in live)
    return "%d %d %d" % (total, len(live), xs[0] + xs[-1] if xs else 0)


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000))
