# Game of Life on a set of cells, and a backtracking sudoku solver.
def step(cells):
    counts = {}
    for (x, y) in cells:
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                if dx or dy:
                    counts[(x + dx, y + dy)] = counts.get((x + dx, y + dy), 0) + 1
    return {c for c, n in counts.items() if n == 3 or (n == 2 and c in cells)}
glider = {(1, 0), (2, 1), (0, 2), (1, 2), (2, 2)}
cells = glider
for _ in range(8):
    cells = step(cells)
print(sorted(cells), sorted((x - 2, y - 2) for x, y in cells) == sorted(glider))
def render(cells, w=6, h=6):
    return "\n".join("".join("#" if (x, y) in cells else "." for x in range(w)) for y in range(h))
print(render(cells))
puzzle = ("530070000600195000098000060800060003400803001700020006060000280000419005000080079")
grid = [int(ch) for ch in puzzle]
def ok(g, i, v):
    r, c = divmod(i, 9)
    if any(g[r * 9 + k] == v for k in range(9)):
        return False
    if any(g[k * 9 + c] == v for k in range(9)):
        return False
    br, bc = 3 * (r // 3), 3 * (c // 3)
    return all(g[(br + a) * 9 + bc + b] != v for a in range(3) for b in range(3))
def solve(g):
    try:
        i = g.index(0)
    except ValueError:
        return True
    for v in range(1, 10):
        if ok(g, i, v):
            g[i] = v
            if solve(g):
                return True
            g[i] = 0
    return False
print(solve(grid))
for r in range(9):
    print(" ".join(map(str, grid[r * 9:(r + 1) * 9])))
print(sum(grid), all(sorted(grid[r * 9:(r + 1) * 9]) == list(range(1, 10)) for r in range(9)))
