# _decimal (lib-dynload, libmpdec): arithmetic, contexts (thread-local via contextvars), signals.
import decimal
from decimal import Decimal, localcontext, getcontext, Context, ROUND_HALF_UP

print(decimal.__name__, type(Decimal(1)).__module__, hasattr(decimal, "HAVE_CONTEXTVAR"), decimal.HAVE_CONTEXTVAR)
a, b = Decimal("1.1"), Decimal("2.2")
print(a + b, a * b, b / a, Decimal(1) / Decimal(7), Decimal(2).sqrt())
print(Decimal("123.456").quantize(Decimal("0.01")), Decimal("-0"), Decimal("1e-7"), Decimal(0.1))
print(Decimal("3.14159").as_tuple(), Decimal(10) ** 20, Decimal("1.50").normalize())
print(sum(Decimal("0.1") for _ in range(10)) == Decimal(1), float(Decimal("2.5")), int(Decimal("-7.9")))
print(round(Decimal("2.675"), 2), Decimal("NaN").is_nan(), Decimal("-Infinity"), Decimal(7) % Decimal(3))
print(getcontext().prec, getcontext().rounding)
with localcontext() as ctx:
    ctx.prec = 5
    print(Decimal(1) / Decimal(3), ctx.prec)
print(Decimal(1) / Decimal(3))
ctx = Context(prec=3, rounding=ROUND_HALF_UP)
print(ctx.divide(Decimal(2), Decimal(3)), ctx.add(Decimal("1.005"), 0))
try:
    Decimal(1) / Decimal(0)
except decimal.DivisionByZero as e:
    print("DivisionByZero", type(e).__mro__[1].__name__)
try:
    Decimal("abc")
except decimal.InvalidOperation as e:
    print("InvalidOperation", e)
c = decimal.getcontext().copy()
c.traps[decimal.Inexact] = True
try:
    c.divide(Decimal(1), Decimal(3))
except decimal.Inexact:
    print("Inexact trapped")
print(sorted(Decimal(x) for x in ["3", "1.5", "-2", "1e1"]))
print(hash(Decimal("1.0")) == hash(1), Decimal("1.0") == 1.0, f"{Decimal('1234.5678'):,.2f}")
print(Decimal(2) ** Decimal("0.5"), Decimal("1e999999").exp() if False else Decimal(1).exp(), Decimal(100).ln(), Decimal(100).log10())
import threading
out = []
def t():
    decimal.getcontext().prec = 4
    out.append(str(Decimal(1) / Decimal(3)))
th = threading.Thread(target=t); th.start(); th.join()
print(out, Decimal(1) / Decimal(3))
