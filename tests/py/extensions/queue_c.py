# _queue (lib-dynload): SimpleQueue in C, with timeouts (_PyTime/_PyDeadline) and threads.
import _queue
import queue
import threading

print(queue.SimpleQueue is _queue.SimpleQueue, queue.Empty is _queue.Empty)
q = queue.SimpleQueue()
for i in range(5):
    q.put(i)
print(q.qsize(), q.empty(), [q.get() for _ in range(5)], q.empty())
try:
    q.get(block=False)
except queue.Empty:
    print("Empty (nowait)")
try:
    q.get(timeout=0.01)
except queue.Empty:
    print("Empty (timeout)")
try:
    q.get(timeout=-1)
except ValueError as e:
    print("ValueError", e)
q.put_nowait("x")
print(q.get_nowait())
results = []
def producer():
    for i in range(100):
        q.put(i)
    q.put(None)
t = threading.Thread(target=producer)
t.start()
while (item := q.get(timeout=5)) is not None:
    results.append(item)
t.join()
print(len(results), sum(results))
print(queue.SimpleQueue[int], repr(type(q)))
# queue.Queue (pure Python) still works alongside
qq = queue.Queue(maxsize=2)
qq.put(1); qq.put(2)
try:
    qq.put(3, timeout=0.01)
except queue.Full:
    print("Full")
print(qq.get(), qq.get())
