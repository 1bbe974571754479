import sys, traceback
def a(n):
    if n == 0:
        return {"k": [1, 2]}["k"][5]
    return a(n - 1)
try:
    a(3)
except IndexError:
    traceback.print_exc()
def rec(n):
    return rec(n + 1) + 1
try:
    rec(0)
except RecursionError as e:
    tb = traceback.format_exc().splitlines()
    print(tb[0], tb[-1], len(tb) < 30, [l for l in tb if "repeated" in l][:1])
class K:
    def m(self):
        return self.missing_attr
try:
    K().m()
except AttributeError:
    traceback.print_exc(file=sys.stdout)
x = [lambda: 1 / 0]
try:
    x[0]()
except ZeroDivisionError:
    traceback.print_exc(file=sys.stdout)
try:
    [i for i in range(3) if i / (i - 1) > 5]
except ZeroDivisionError:
    traceback.print_exc(file=sys.stdout)
def gen():
    yield 1
    raise ValueError("in gen")
try:
    list(gen())
except ValueError:
    traceback.print_exc(file=sys.stdout)
try:
    try:
        int("abc")
    except ValueError as e:
        raise KeyError("wrapped") from e
except KeyError:
    traceback.print_exc(file=sys.stdout)
try:
    try:
        None.foo
    except AttributeError:
        {}["nokey"]
except KeyError:
    traceback.print_exc(file=sys.stdout)
def f(a, b):
    return a + \
        b
try:
    f(1, "2")
except TypeError:
    traceback.print_exc(file=sys.stdout)
try:
    d = {"a": {"b": None}}
    d["a"]["b"]["c"]
except TypeError:
    traceback.print_exc(file=sys.stdout)
e = ExceptionGroup("eg", [ValueError(1), ExceptionGroup("inner", [TypeError(2)])])
traceback.print_exception(e, file=sys.stdout)
try:
    raise ValueError("note me")
except ValueError as ex:
    ex.add_note("a note")
    ex.add_note("second")
    traceback.print_exc(file=sys.stdout)
print(traceback.format_exception_only(SyntaxError("bad", ("f.py", 3, 5, "x = = 1\n", 3, 6))))
try:
    exec("def f(:\n  pass")
except SyntaxError:
    traceback.print_exc(file=sys.stdout)
try:
    compile("a = (1,\n 2", "<s>", "exec")
except SyntaxError as se:
    print(se.msg, se.lineno, se.offset, se.end_lineno, se.end_offset)
1 + (2 * {}.get("x", None))
