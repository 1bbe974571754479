# Many threads mutating shared containers, allocating cycles and weakrefs and
# running the collector while the GIL changes hands every few microseconds.
import sys, threading, gc, random, weakref, collections
sys.setswitchinterval(1e-5)
shared = {}
lst = []
dq = collections.deque()
class Node:
    def __init__(self, v): self.v = v; self.me = self
def worker(n):
    r = random.Random(n)
    for i in range(1000):
        k = r.randrange(100)
        shared[k] = [Node(i) for _ in range(3)]
        lst.append(i)
        if len(lst) > 1000: del lst[:500]
        dq.append(i)
        if dq: dq.popleft()
        s = "".join(str(x) for x in range(10))
        w = weakref.ref(Node(i))
        if i % 300 == 0: gc.collect()
        try:
            {}[k]
        except KeyError:
            pass
def gen_worker():
    def g():
        for i in range(1000): yield i
    for _ in range(20): sum(g())
ts = [threading.Thread(target=worker, args=(i,)) for i in range(6)] + [threading.Thread(target=gen_worker) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
print("ok", len(shared))
