# PEP 646 star annotations; interned identifier-like str constants; single-phase extension
# modules are not initialized twice (import_fresh_module of _decimal keeps its classes).
import sys
from typing import TypeVarTuple
Ts = TypeVarTuple("Ts")


def f(*args: *Ts, k: int): pass


def g(*a: *tuple[int, str]): pass


print(f.__annotations__, g.__annotations__)
try:
    def h(*a: *[1, 2]): pass
except ValueError as e:
    print("ValueError", e)
exec("from __future__ import annotations\ndef q(*a: *Ts): pass\nprint(q.__annotations__)")

s = "ROUND_UP"
ab = "a_b"
print(s is sys.intern("".join(["ROUND", "_UP"])), ab is sys.intern("_".join("ab")))
t = ("x_y", ("nested_1",))
print(t[0] is sys.intern("x_" + "y"), t[1][0] is sys.intern("nested" + "_1"))

import _pydecimal
import _decimal
print(_decimal.ROUND_UP is _pydecimal.ROUND_UP, _decimal.ROUND_HALF_EVEN is _pydecimal.ROUND_HALF_EVEN)
from test.support.import_helper import import_fresh_module
C1 = import_fresh_module("decimal", fresh=["_decimal"])
C2 = import_fresh_module("decimal", fresh=["_decimal"])
print(C1.Inexact is C2.Inexact, C1.Decimal is C2.Decimal, C1 is C2)
ctx = C2.Context()
ctx.flags[C1.Inexact] = True
print(ctx.flags[C2.Inexact], C1.Decimal("1.5") + C2.Decimal(1))
