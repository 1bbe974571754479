# sys.tracebacklimit bounds the C-level traceback printer (sys.__excepthook__ and
# uncaught exceptions) to the innermost entries; <= 0 prints no traceback at all.
import sys


def f1():
    1 / 0


def f2():
    f1()


def report(limit):
    if limit is None:
        sys.__dict__.pop("tracebacklimit", None)
    else:
        sys.tracebacklimit = limit
    try:
        f2()
    except ZeroDivisionError:
        sys.__excepthook__(*sys.exc_info())
    sys.stderr.write("--\n")


for limit in [10, 3, 2, 1, 0, -1, 1 << 1000, -1 << 1000, "x", None]:
    report(limit)
sys.tracebacklimit = 1
f2()
