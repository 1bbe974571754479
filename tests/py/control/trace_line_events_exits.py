# Line events at function exits (the implicit return takes the line of the
# path that reaches it) and for-loop back edges.
import sys

def trace(fn, *args):
    lines = []
    code = fn.__code__
    def tr(frame, event, arg):
        if frame.f_code is code and event == 'line':
            lines.append(frame.f_lineno - code.co_firstlineno)
        return tr
    sys.settrace(tr)
    try:
        fn(*args)
    except Exception:
        pass
    finally:
        sys.settrace(None)
    return lines

def m(command):
    match command.split():
        case ["go", d] if d in "nesw":
            return d
        case ["go", _]:
            return "no go"

def m2(x):
    match x:
        case 1:
            y = 1
        case 2:
            y = 2

def iff(x):
    if x:
        a = 1

def iff2(x):
    if x:
        return 1

def loop(n):
    for i in range(n):
        a = i

class CM:
    def __enter__(self): return self
    def __exit__(self, *a): pass

def wi():
    with CM():
        a = 1


def ie(x):
    if x:
        a = 1
    else:
        a = 2

for f, args in [(m, ("spam",)), (m, ("go x",)), (m, ("go n",)), (m2, (1,)), (m2, (3,)), (iff, (0,)), (iff, (1,)),
                (iff2, (0,)), (loop, (2,)), (wi, ()), (ie, (0,)), (ie, (1,))]:
    print(f.__name__, args, trace(f, *args))
