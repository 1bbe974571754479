"""Dicts: word frequency counting, an inverted index, a graph as dict-of-lists searched
breadth-first, and a dict used as a memo for a recurrence.

Stresses: dict lookup/insert/delete with str, int and tuple keys, .get/.setdefault/.items/.pop,
dict iteration in insertion order, dict comprehensions.
"""
# quick: 20
import sys


def make_words(count, seed):
    syll = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "ve", "zu", "ha", "ji"]
    words = []
    x = seed
    for _ in range(count):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        w = syll[x % 12] + syll[(x >> 8) % 12]
        if x & 0x100000:
            w += syll[(x >> 16) % 12]
        words.append(w)
    return words


def word_stats(words):
    freq = {}
    for w in words:
        freq[w] = freq.get(w, 0) + 1
    index = {}
    for pos, w in enumerate(words):
        index.setdefault(w[:2], []).append(pos)
    total = 0
    for k, v in freq.items():
        total += v * len(k)
    for k in list(freq):
        if freq[k] < 3:
            del freq[k]
    total += len(freq) + sum(len(v) for v in index.values())
    return total


def bfs(n_nodes):
    graph = {}
    for i in range(n_nodes):
        graph[i] = [(i * 3 + 1) % n_nodes, (i * 7 + 2) % n_nodes, (i + 1) % n_nodes]
    dist = {0: 0}
    frontier = [0]
    while frontier:
        nxt = []
        for u in frontier:
            du = dist[u] + 1
            for v in graph[u]:
                if v not in dist:
                    dist[v] = du
                    nxt.append(v)
        frontier = nxt
    return sum(dist.values())


def grid_paths(w, h):
    memo = {}
    for x in range(w):
        for y in range(h):
            if x == 0 or y == 0:
                memo[(x, y)] = 1
            else:
                memo[(x, y)] = (memo[(x - 1, y)] + memo[(x, y - 1)] + memo[(x - 1, y - 1)]) % 1000003
    inverted = {v: k for k, v in memo.items()}
    return memo[(w - 1, h - 1)] + len(inverted)


def main(n):
    total = 0
    for rep in range(n):
        words = make_words(3000, rep + 1)
        total += word_stats(words)
        total += bfs(4000 + rep)
        total += grid_paths(40, 40 + rep % 5)
        attrs = {"x": rep, "y": rep * 2}
        for i in range(500):
            attrs["x"] = attrs["x"] + attrs["y"] % 7
            attrs["k%d" % (i % 20)] = i
        total += attrs.pop("x") + len(attrs)
        total %= 1000000007
    return total


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else 350))
