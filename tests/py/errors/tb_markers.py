# Traceback position markers (^^^ and ~~~^^^) for many expression kinds, printed via traceback.
import traceback

def show(f):
    try:
        f()
    except Exception:
        traceback.print_exc(limit=-1, file=__import__("sys").stdout)

def binop():
    a, b = 1, 0
    return a + b * 2 // b

def subscript():
    d = {"k": [1, 2]}
    return d["k"][5]

def attr():
    obj = None
    return obj.missing.deeper

def call():
    f = None
    return len([1]) + f(1, 2)

def nested_call():
    return int("12") + int("x" + "y")

def multiline():
    return (1 +
            2 +
            None)

def compare():
    return 1 < "a"

def unary():
    return -"s"

def method():
    s = "abc"
    return s.upper().nothing()

def aug():
    x = 5
    x += "s"

def slicing():
    return [1, 2][::0]

def dict_call():
    return {}.get()

def lambda_err():
    g = lambda v: v / 0
    return g(1)

for f in [binop, subscript, attr, call, nested_call, multiline, compare, unary, method, aug,
          slicing, dict_call, lambda_err]:
    show(f)
