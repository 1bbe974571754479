# tb_lineno is right however late it is read: after the frame has moved on,
# after the frame has finished, through tb_next chains and traceback.extract_tb.
import sys
import traceback


def inner(n):
    if n == 0:
        raise ValueError("boom")
    return inner(n - 1)


def outer():
    try:
        inner(2)
    except ValueError as e:
        tb = e.__traceback__
        x = 1  # the frame moves on before tb_lineno is read
        x += 1
        return tb


tb = outer()
lines = []
while tb is not None:
    lines.append((tb.tb_frame.f_code.co_name, tb.tb_lineno, tb.tb_lasti >= 0))
    tb = tb.tb_next
print(lines)

try:
    inner(1)
except ValueError:
    t = sys.exc_info()[2]
    print([(f.name, f.lineno, f.line) for f in traceback.extract_tb(t)])
    try:
        t.tb_lineno = 5
    except AttributeError as e:
        print("AttributeError", e)

def gen():
    yield 1
    raise KeyError("k")

try:
    list(gen())
except KeyError as e:
    print([fs.lineno for fs in traceback.extract_tb(e.__traceback__)])
traceback.print_exception(ValueError, ValueError("x"), None, file=sys.stdout)
try:
    exec(compile("1/0", "<s>", "exec"))
except ZeroDivisionError as e:
    print([(fs.filename, fs.lineno) for fs in traceback.extract_tb(e.__traceback__)])
