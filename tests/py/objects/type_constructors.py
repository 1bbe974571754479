# types.FunctionType / MethodType / TracebackType can be called; sys.unraisablehook is consulted.
import sys, types

def outer():
    y = 5
    def inner(a, b=2):
        return a + b + y
    return inner

inner = outer()
g = types.FunctionType(inner.__code__, {"__builtins__": __builtins__}, "renamed", (10,), inner.__closure__)
print(g.__name__, g(1), g(1, 1))
for args in [(1, {}), (inner.__code__, 1), (inner.__code__, {}, 5), (inner.__code__, {}, None, 5),
             (inner.__code__, {}), (inner.__code__, {}, None, None, (1,)), (outer.__code__, {}, None, None, ())]:
    try:
        types.FunctionType(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

class C:
    def m(self, x):
        return (type(self).__name__, x)
m = types.MethodType(C.m, C())
print(m(3), m.__func__ is C.m)
for args in [(1, 2), (C.m, None), (C.m,)]:
    try:
        types.MethodType(*args)
    except TypeError as e:
        print(e)
try:
    types.MethodType(C.m, C(), x=1)
except TypeError as e:
    print(e)

try:
    1 / 0
except ZeroDivisionError as e:
    tb = e.__traceback__
t2 = types.TracebackType(None, tb.tb_frame, 4, 99)
print(t2.tb_lineno, t2.tb_lasti, t2.tb_next, t2.tb_frame is tb.tb_frame)
try:
    types.TracebackType(5, tb.tb_frame, 0, 0)
except TypeError as e:
    print(e)

seen = []
def hook(args):
    seen.append((args.exc_type.__name__, str(args.exc_value), args.err_msg, args.object))
sys.unraisablehook = hook
class D:
    def __del__(self):
        raise ValueError("from del")
D()
print(seen[0][0], seen[0][1], seen[0][2])
sys.unraisablehook = sys.__unraisablehook__
try:
    sys.unraisablehook(1)
except TypeError as e:
    print(e)
class BadHook:
    def __call__(self, args):
        raise KeyError("bad")
    def __repr__(self):
        return "<BadHook>"
sys.unraisablehook = BadHook()
D()
print("done")
