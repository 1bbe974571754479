# cmath: every function on ordinary, huge, tiny and special (inf/nan/signed
# zero) arguments; printed with repr so signs of zeros and exact bits show.
import cmath
import math

print(sorted(n for n in dir(cmath) if not n.startswith('__')))
print(cmath.pi, cmath.e, cmath.tau, cmath.inf, cmath.infj, cmath.nan, cmath.nanj)
inf, nan = math.inf, math.nan
vals = [0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 3.0, 1e-310, -1e-310, 1e300, -1e300, 1.7e308, inf, -inf, nan]
funcs = ['acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'cos', 'cosh', 'exp', 'log', 'log10',
         'sin', 'sinh', 'sqrt', 'tan', 'tanh', 'phase', 'polar', 'isfinite', 'isinf', 'isnan']
for name in funcs:
    f = getattr(cmath, name)
    row = []
    for re_ in vals:
        for im in vals:
            try:
                row.append(repr(f(complex(re_, im))))
            except (ValueError, OverflowError) as e:
                row.append(type(e).__name__[0])
    print(name, ' '.join(row))
for r in [0.0, -0.0, 2.0, -2.0, inf, -inf, nan]:
    for phi in [0.0, -0.0, 1.0, -1.0, inf, -inf, nan]:
        try:
            print(repr(cmath.rect(r, phi)), end=' ')
        except ValueError:
            print('V', end=' ')
print()
print(cmath.log(8, 2), cmath.log(1j, 1j), cmath.log(100, 10))
print(cmath.sqrt(-1), cmath.sqrt(4), cmath.exp(1j * cmath.pi), cmath.sqrt(2.5), cmath.sqrt(3))
print(cmath.isclose(1, 1 + 1e-10), cmath.isclose(1j, 1.01j, rel_tol=0.1), cmath.isclose(inf, inf),
      cmath.isclose(nan, nan), cmath.isclose(0, 1e-10, abs_tol=1e-9))


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


t(lambda: cmath.sqrt('a'))
t(lambda: cmath.sqrt())
t(lambda: cmath.log())
t(lambda: cmath.log(1, 2, 3))
t(lambda: cmath.log(0))
t(lambda: cmath.log(1, 0))
t(lambda: cmath.log(1, 'x'))
t(lambda: cmath.rect('a', 1))
t(lambda: cmath.isclose(1))
t(lambda: cmath.isclose(1, 2, 3))
t(lambda: cmath.isclose(1, 2, rel_tol=-1))
t(lambda: cmath.exp(1000))
t(lambda: cmath.cosh(complex(1000, 1)))
t(lambda: cmath.polar(complex(1e308, 1e308)))
t(lambda: cmath.polar(complex(1.7e308, 1.7e308)))


class Cx:
    def __complex__(self):
        return 2j


class Fl:
    def __float__(self):
        return 4.0


class Ix:
    def __index__(self):
        return 9


print(cmath.sqrt(Cx()), cmath.sqrt(Fl()), cmath.sqrt(Ix()), cmath.phase(-1), cmath.sqrt(10**20))
t(lambda: cmath.sqrt(10**400))
print(cmath.sqrt.__text_signature__, cmath.log.__text_signature__, cmath.__doc__)
