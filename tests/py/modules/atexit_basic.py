# atexit: LIFO order at exit, args/kwargs, unregister, errors reported as unraisable.
import atexit, sys
def f(*a, **k): print("f", a, k)
def g(): print("g"); atexit.register(f, "late")
class Bad:
    def __repr__(self): return "<bad>"
    def __call__(self): raise ValueError("boom")
print(atexit.register(f, 1, x=2) is f)
atexit.register(g)
atexit.register(Bad())
atexit.register(f, 3)
atexit.register(print, "unreg me")
atexit.unregister(print)
print(atexit._ncallbacks())
try: atexit.register(5)
except TypeError as e: print(e)
try: atexit.register()
except TypeError as e: print(e)
atexit.register(sys.stdout.flush)
