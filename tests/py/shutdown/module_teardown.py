# At exit the modules are torn down as in CPython: after atexit callbacks,
# globals are cleared, so suspended generators run their finally blocks,
# __del__ methods run (seeing imported modules still bound).
import atexit, threading

def gen():
    try:
        yield 1
    finally:
        print("gen finally")

g = gen()
next(g)

class D:
    def __del__(self):
        print("D.__del__ sees", type(threading).__name__)

d = D()
atexit.register(lambda: print("atexit first"))
_private = D()
