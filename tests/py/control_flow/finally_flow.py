# return/break/continue through finally, exception replacement, with statements with several managers.
def f1():
    try:
        return "try"
    finally:
        print("finally runs")
def f2():
    try:
        return "try"
    finally:
        return "finally wins"
def f3():
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            print("body", i)
        finally:
            print("finally", i)
    return i
def f4():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"
def f5():
    x = 0
    while True:
        try:
            x += 1
            if x > 2:
                return x
        finally:
            if x == 3:
                print("finally before return", x)
def f6():
    try:
        try:
            raise KeyError("first")
        finally:
            raise ValueError("second")
    except ValueError as e:
        return repr(e), repr(e.__context__)
def f7():
    for i in range(3):
        try:
            try:
                1 / 0
            except ZeroDivisionError:
                if i == 0:
                    continue
                if i == 1:
                    raise TypeError("in except")
        except TypeError as e:
            print("caught", e, "context", type(e.__context__).__name__)
        finally:
            print("outer finally", i)
    return "done"
for f in [f1, f2, f3, f4, f5, f6, f7]:
    print(f.__name__, f())

class CM:
    def __init__(self, name, suppress=False, fail_enter=False):
        self.name, self.suppress, self.fail_enter = name, suppress, fail_enter
    def __enter__(self):
        print("enter", self.name)
        if self.fail_enter:
            raise RuntimeError("enter failed " + self.name)
        return self.name.upper()
    def __exit__(self, t, v, tb):
        print("exit", self.name, t.__name__ if t else None)
        return self.suppress

with CM("a") as a, CM("b") as b:
    print("body", a, b)
with CM("outer", suppress=True), CM("inner"):
    raise ValueError("suppressed by outer")
print("after suppressed")
try:
    with CM("x"), CM("y", fail_enter=True), CM("z"):
        print("never")
except RuntimeError as e:
    print("RuntimeError", e)
with (CM("p") as p,
      CM("q") as q):
    print("parenthesized", p, q)
def ret_in_with():
    with CM("r"):
        return "returned"
print(ret_in_with())
for i in range(2):
    with CM(f"loop{i}"):
        if i == 0:
            continue
        break
try:
    with 5:
        pass
except TypeError as e:
    print("TypeError:", e)
class OnlyEnter:
    def __enter__(self):
        return self
try:
    with OnlyEnter():
        pass
except TypeError as e:
    print("TypeError:", e)
class ExitRaises(CM):
    def __exit__(self, *a):
        raise KeyError("from exit")
try:
    with ExitRaises("e"):
        raise ValueError("body")
except KeyError as e:
    print("KeyError", e, "context", repr(e.__context__))
import contextlib
@contextlib.contextmanager
def managed(tag):
    print("setup", tag)
    try:
        yield tag
    except ZeroDivisionError:
        print("handled in generator")
    finally:
        print("teardown", tag)
with managed("m") as m:
    1 / 0
with contextlib.ExitStack() as st:
    for n in "uv":
        st.enter_context(CM(n))
    st.callback(print, "callback")
with contextlib.suppress(KeyError):
    {}["x"]
print("end")
