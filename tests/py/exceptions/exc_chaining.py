# Exception chaining as printed by the default hook: __cause__, __context__, suppress, nested groups.
import sys, traceback
def show(exc):
    traceback.print_exception(exc, file=sys.stdout)
try:
    try:
        {}["a"]
    except KeyError as e:
        raise ValueError("converted") from e
except ValueError as e:
    show(e)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise TypeError("during handling")
except TypeError as e:
    show(e)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise TypeError("suppressed") from None
except TypeError as e:
    show(e)
    print(e.__suppress_context__, repr(e.__context__))
def cyc():
    try:
        raise ValueError("a")
    except ValueError as a:
        try:
            raise KeyError("b")
        except KeyError as b:
            a.__context__ = b
            raise a
try:
    cyc()
except ValueError as e:
    show(e)
e = RuntimeError("with notes")
e.add_note("note one")
e.add_note("line a\nline b")
show(e)
class Unprintable(Exception):
    def __str__(self):
        raise RuntimeError("no str")
show(Unprintable())
print("".join(traceback.format_exception_only(KeyError, KeyError("k"))), end="")
print(traceback.format_exception_only(ValueError("v"))[0], end="")
print(repr(traceback.format_exc()))
try:
    raise Exception("tb")
except Exception:
    print(traceback.format_exc().splitlines()[-1], len(traceback.extract_tb(sys.exc_info()[2])))
def f():
    raise OSError(2, "No such file", "missing.txt")
try:
    f()
except OSError as e:
    show(e)
class E(Exception):
    pass
E.__module__ = "custom.mod"
show(E("custom module"))
show(SyntaxError("bad syntax", ("prog.py", 4, 9, "    x = (1 +\n", 4, 12)))
show(ExceptionGroup("eg", [ValueError("v"), ExceptionGroup("inner", [KeyError("k")])]))
