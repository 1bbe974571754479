# f_lineno of a frame that ended by an exception leaving a cleanup path
# (unmatched except, finally), and `pass` lines in tracing.
import sys


def lines_of(f):
    try:
        f()
    except Exception as ex:
        t = ex.__traceback__.tb_next
    out = []
    while t:
        out.append(t.tb_frame.f_lineno - t.tb_frame.f_code.co_firstlineno)
        t = t.tb_next
    return tuple(out)


def other_except():
    try:
        1/0
    except TypeError as ex:
        pass


def in_try():
    try:
        1/0
    finally:
        pass


def in_named_except():
    try:
        1/0
    except Exception as ex:
        1/0
        pass


def in_finally_except():
    try:
        1/0
    finally:
        1/0
        pass


for f in (other_except, in_try, in_named_except, in_finally_except):
    print(f.__name__, lines_of(f))


def traced():
    x = 1
    pass
    if x:
        pass
    return x


events = []
code = traced.__code__
def tr(frame, event, arg):
    if frame.f_code is code and event == "line":
        events.append(frame.f_lineno - code.co_firstlineno)
    return tr
sys.settrace(tr)
traced()
sys.settrace(None)
print(events)

for s in ['"\\\n"(1 for c in I,\\\n\\', 'f(x for x in y, 1)', 'f(x for x in y,']:
    try:
        compile(s, 'f', 'exec')
    except SyntaxError as e:
        print(e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
