# A signal handler's exception interrupts a blocking FileIO read (PEP 475).
import os, signal
r, w = os.pipe()
def handler(*a):
    raise TimeoutError("alarm during read")
signal.signal(signal.SIGALRM, handler)
signal.setitimer(signal.ITIMER_REAL, 0.05)
f = open(r, "rb", buffering=0)
try:
    f.read(10)
except TimeoutError as e:
    print("interrupted:", e)
signal.setitimer(signal.ITIMER_REAL, 0.05)
signal.signal(signal.SIGALRM, lambda *a: os.write(w, b"late"))
print(f.read(10))
