# A signal that arrives while C code runs is handled right after the call
# returns (a safe point), inside the enclosing try.
import signal, time
def handler(*a):
    raise KeyError('alarm')
signal.signal(signal.SIGALRM, handler)
try:
    signal.setitimer(signal.ITIMER_REAL, 0.000001)
    time.sleep(0.5)
    print('not interrupted')
except KeyError as e:
    print('handled', e)
