# Subclasses of the C types _thread._local and _thread.RLock are created and
# freed many times; the collector's reference checks must stay balanced.
import gc, threading
class R(type(threading.RLock())):
    pass
class L(threading.local):
    def __init__(self, v):
        self.v = v
for i in range(200):
    r = R()
    with r:
        pass
    l = L(i)
    l.cycle = l
del r, l
print(gc.collect() >= 0)
loc = L(5)
def worker():
    print("worker sees", loc.v)
t = threading.Thread(target=worker); t.start(); t.join()
print(loc.v)
