# Graph algorithms: BFS, DFS (iterative and recursive), Dijkstra with heapq, topological sort, union-find, SCC.
import heapq
from collections import defaultdict, deque
edges = [("A", "B", 4), ("A", "C", 2), ("B", "C", 5), ("B", "D", 10), ("C", "E", 3), ("E", "D", 4), ("D", "F", 11),
         ("E", "F", 20), ("G", "H", 1)]
g = defaultdict(list)
for a, b, w in edges:
    g[a].append((b, w))
    g[b].append((a, w))
def bfs(start):
    seen, order, q = {start}, [], deque([start])
    while q:
        v = q.popleft()
        order.append(v)
        for n, _ in sorted(g[v]):
            if n not in seen:
                seen.add(n)
                q.append(n)
    return order
def dfs(v, seen=None):
    seen = seen if seen is not None else []
    seen.append(v)
    for n, _ in sorted(g[v]):
        if n not in seen:
            dfs(n, seen)
    return seen
def dijkstra(src):
    dist = {src: 0}
    prev = {}
    pq = [(0, src)]
    while pq:
        d, v = heapq.heappop(pq)
        if d > dist.get(v, float("inf")):
            continue
        for n, w in g[v]:
            nd = d + w
            if nd < dist.get(n, float("inf")):
                dist[n], prev[n] = nd, v
                heapq.heappush(pq, (nd, n))
    return dist, prev
def path(prev, t):
    out = [t]
    while t in prev:
        t = prev[t]
        out.append(t)
    return out[::-1]
print(bfs("A"), dfs("A"))
dist, prev = dijkstra("A")
print(sorted(dist.items()), path(prev, "F"))
deps = {"app": ["lib", "utils"], "lib": ["core"], "utils": ["core", "log"], "core": [], "log": []}
def topo(d):
    indeg = {k: 0 for k in d}
    for k, vs in d.items():
        for v in vs:
            indeg[k] += 1
    rev = defaultdict(list)
    for k, vs in d.items():
        for v in vs:
            rev[v].append(k)
    q = deque(sorted(k for k, n in indeg.items() if n == 0))
    out = []
    while q:
        v = q.popleft()
        out.append(v)
        for w in sorted(rev[v]):
            indeg[w] -= 1
            if indeg[w] == 0:
                q.append(w)
    if len(out) != len(d):
        raise ValueError("cycle")
    return out
print(topo(deps))
try:
    topo({"a": ["b"], "b": ["a"]})
except ValueError as e:
    print("ValueError:", e)
parent = {}
def find(x):
    parent.setdefault(x, x)
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x
def union(a, b):
    parent[find(a)] = find(b)
for a, b, _ in edges:
    union(a, b)
groups = defaultdict(set)
for v in list(parent):
    groups[find(v)].add(v)
print(sorted(sorted(s) for s in groups.values()))
dg = {1: [2], 2: [3], 3: [1, 4], 4: [5], 5: [6], 6: [4], 7: [6, 8], 8: []}
def tarjan(graph):
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]
    def strong(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(sorted(comp))
    for v in graph:
        if v not in index:
            strong(v)
    return out
print(tarjan(dg))
grid = ["S.#.....", ".##.###.", "....#...", "###.#.#E"]
def maze():
    R, C = len(grid), len(grid[0])
    start = next((r, c) for r in range(R) for c in range(C) if grid[r][c] == "S")
    q, seen = deque([(start, 0)]), {start}
    while q:
        (r, c), d = q.popleft()
        if grid[r][c] == "E":
            return d
        for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            nr, nc = r + dr, c + dc
            if 0 <= nr < R and 0 <= nc < C and grid[nr][nc] != "#" and (nr, nc) not in seen:
                seen.add((nr, nc))
                q.append(((nr, nc), d + 1))
print(maze())
