# close() of a generator delegating to an object whose __getattr__ raises: the error is
# unraisable and close() completes; send/throw propagate it.
import sys


class Broken:
    def __iter__(self):
        return self

    def __next__(self):
        return 1

    def __getattr__(self, attr):
        1 / 0


def g():
    yield from Broken()


seen = []
sys.unraisablehook = lambda u: seen.append((u.exc_type.__name__, type(u.object).__name__))
for act in ("send", "throw", "close"):
    gi = g()
    next(gi)
    try:
        if act == "send":
            gi.send(1)
        elif act == "throw":
            gi.throw(AttributeError)
        else:
            gi.close()
        print(act, "completed", seen)
    except Exception as e:
        print(act, type(e).__name__, seen)
