# Busy threads share the interpreter: the GIL is handed over at safe points,
# so two spinning threads both make progress and a waiting one is woken.
import sys, threading, time
print(sys.getswitchinterval())
sys.setswitchinterval(0.001)
print(sys.getswitchinterval())
try:
    sys.setswitchinterval(0)
except ValueError as e:
    print("ValueError:", e)
counts = [0, 0]
stop = False
def spin(i):
    while not stop:
        counts[i] += 1
threads = [threading.Thread(target=spin, args=(i,)) for i in range(2)]
for t in threads: t.start()
time.sleep(0.2)
stop = True
for t in threads: t.join()
print("both ran:", counts[0] > 0 and counts[1] > 0)
ev = threading.Event()
def waiter():
    print("event:", ev.wait(5))
t = threading.Thread(target=waiter); t.start()
time.sleep(0.02)
ev.set(); t.join()
c = threading.Condition()
with c:
    print("condition timeout:", c.wait(0.01))
print(threading.active_count(), threading.current_thread().name)
