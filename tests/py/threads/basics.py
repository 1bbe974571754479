import threading, time
results = []
lock = threading.Lock()
def work(n):
    s = 0
    for i in range(200000):
        s += i
    with lock:
        results.append((n, s))
ts = [threading.Thread(target=work, args=(i,)) for i in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(results))
loc = threading.local()
loc.x = 1
def f():
    loc.x = 2
    print("in thread", loc.x)
t = threading.Thread(target=f); t.start(); t.join()
print("main", loc.x, threading.active_count())
def boom(): raise ValueError("x")
t = threading.Thread(target=boom, name="T1"); t.start(); t.join()
import queue
q = queue.Queue()
def prod():
    for i in range(5): q.put(i); time.sleep(0.001)
    q.put(None)
threading.Thread(target=prod).start()
out=[]
while (v := q.get()) is not None: out.append(v)
print(out)
