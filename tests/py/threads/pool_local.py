# Thread pools, queues, thread-local data and per-thread exceptions.
import concurrent.futures as cf, queue, threading
with cf.ThreadPoolExecutor(4) as ex:
    print(list(ex.map(lambda x: x * x, range(10))))
    fut = ex.submit(lambda: 1 / 0)
    try:
        fut.result()
    except ZeroDivisionError as e:
        print("future raised", e)
class Local(threading.local):
    def __init__(self, v):
        self.v = v
        self.seen = []
loc = Local(7)
def touch(n):
    loc.seen.append(n)
    return (loc.v, list(loc.seen))
with cf.ThreadPoolExecutor(1) as ex:
    print(ex.submit(touch, 1).result(), ex.submit(touch, 2).result())
print(touch(0), sorted(vars(loc)))
try:
    threading.local(1)
except TypeError as e:
    print("TypeError:", e)
q = queue.Queue()
def worker():
    while (item := q.get()) is not None:
        print("got", item)
        q.task_done()
    q.task_done()
w = threading.Thread(target=worker); w.start()
for i in range(3): q.put(i)
q.put(None); q.join(); w.join()
r = threading.RLock()
with r:
    with r:
        print("rlock reentrant", r._is_owned())
b = threading.Barrier(3)
out = []
def party(i):
    b.wait()
    out.append(i)
ts = [threading.Thread(target=party, args=(i,)) for i in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(out))
import _thread
print(_thread._count())
