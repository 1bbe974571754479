# Collections at (almost) every allocation while ordinary code runs:
# generators (running and suspended), closures, classes, exceptions with
# tracebacks, bound methods, sets and dicts must all survive intact.
import gc

runs = []
gc.callbacks.append(lambda phase, info: runs.append(phase))
gc.set_threshold(1, 1, 1)


def gen(n):
    acc = []
    for i in range(n):
        acc.append([i] * 3)          # allocates while the generator runs
        t = 0
        for x in acc:
            t += x[0]
        yield t


def counter():
    count = 0

    def inc():
        nonlocal count
        count += 1
        return count
    return inc


class Tree:
    def __init__(self, parent=None):
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)

    def depth(self):
        return 0 if self.parent is None else 1 + self.parent.depth()


def fail(n):
    if n == 0:
        raise ValueError("bottom")
    return fail(n - 1)


total = 0
for round_ in range(30):
    total += sum(gen(10))
    inc = counter()
    for _ in range(5):
        inc()
    total += inc()
    root = Tree()
    node = root
    for _ in range(10):
        node = Tree(node)
    total += node.depth()
    try:
        fail(5)
    except ValueError as e:
        err = e            # exception -> traceback -> frames: a cycle
        total += len(str(err))
    m = node.depth           # bound method
    total += m()
    s = {frozenset({round_, round_ + 1}), (round_, "x")}
    d = {i: [i, {i}] for i in range(20)}
    d["self"] = d
    total += len(s) + len(d)
    g = gen(5)
    next(g)                  # left suspended: collected with its frame
    del root, node, err, m, s, d, g, inc

print("total", total)
gc.set_threshold(700, 10, 10)
print("collections ran:", runs.count("start") > 100, runs.count("start") == runs.count("stop"))
gc.callbacks.clear()
print("end")
