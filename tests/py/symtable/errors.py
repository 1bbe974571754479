# _symtable.symtable() argument checking and the SyntaxErrors of parsing and
# of symbol-table analysis (location attributes, args).
import _symtable

def attempt(*args):
    try:
        _symtable.symtable(*args)
    except Exception as e:
        print(type(e).__name__, e, e.args if not isinstance(e, SyntaxError) else "")
        if isinstance(e, SyntaxError):
            print("   ", e.msg, e.filename, e.lineno, e.offset, e.end_lineno, e.end_offset, repr(e.text))
    else:
        print("ok")

attempt(1, "f", "exec")
attempt("x", 1, "exec")
attempt("x", "f", "bad")
attempt("x", "f", 1)
attempt("x\0", "f", "exec")
attempt("x", "f")
attempt("x", b"bytesname", "exec")
attempt(b"x = 1", "f", "exec")
attempt(bytearray(b"x = 1"), "f", "exec")
attempt("a b", "f", "exec")
attempt("def f(x):\n    global x", "f", "exec")
attempt("def f(x): global x", "spam", "exec")
attempt("def f():\n    y = 1\n    global y", "f", "exec")
attempt("def f():\n    print(y)\n    global y", "f", "exec")
attempt("nonlocal q", "f", "exec")
attempt("def f():\n    nonlocal q", "f", "exec")
attempt("def f(a, a): pass", "f", "exec")
attempt("from os import *\ndef f():\n    from os import *", "f", "exec")
attempt("[(yield) for i in x]", "f", "exec")
attempt("[i := 0 for i in x]", "f", "exec")
attempt("class C:\n    [y := 0 for i in x]", "f", "exec")
try:
    _symtable.symtable(source="x", filename="f", startstr="exec")
except TypeError as e:
    print(e)
