# An uncaught KeyboardInterrupt prints the traceback, then the process kills
# itself with SIGINT (the parent sees a signal death, not exit status 1).
import os, signal, sys
print("handler is default_int_handler:", signal.getsignal(signal.SIGINT) is signal.default_int_handler)
try:
    signal.raise_signal(signal.SIGINT)
except KeyboardInterrupt:
    print("caught KeyboardInterrupt")
def f(n):
    return n
try:
    os.kill(os.getpid(), signal.SIGINT)
    print("not reached")
except KeyboardInterrupt:
    print("caught again")
sys.stdout.flush()
for i in range(100):
    if i == 10:
        os.kill(os.getpid(), signal.SIGINT)
    f(i)
print("not reached", i)
