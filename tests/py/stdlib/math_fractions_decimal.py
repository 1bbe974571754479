# math, statistics, fractions, decimal: exact results and error messages
import math, statistics as st
from fractions import Fraction as F
from decimal import Decimal as D, getcontext, ROUND_HALF_UP, InvalidOperation, localcontext
print(math.gcd(12, 18, 27), math.lcm(4, 6), math.isqrt(10 ** 20 + 1), math.comb(10, 3), math.perm(5, 2), math.factorial(20), math.prod([1, 2, 3, 4]))
print(math.floor(-2.5), math.ceil(2.1), math.trunc(-3.9), math.fsum([0.1] * 10), math.copysign(1, -0.0), math.fmod(-7, 3), math.remainder(7, 4))
print(math.hypot(3, 4), math.dist((0, 0), (1, 1)), math.log(8, 2), math.log2(1024), math.log10(0.001), math.exp(0), round(math.sin(math.pi), 10))
print(math.isfinite(1e308), math.isinf(-math.inf), math.isnan(math.nan), math.degrees(math.pi), math.radians(180), math.frexp(8.0), math.ldexp(0.5, 4), math.modf(3.25))
for bad in [lambda: math.sqrt(-1), lambda: math.log(0), lambda: math.factorial(-1), lambda: math.factorial(2.5), lambda: math.exp(1000), lambda: math.comb(3, -1)]:
    try:
        bad()
    except (ValueError, OverflowError, TypeError) as e:
        print(type(e).__name__, e)
data = [2, 4, 4, 4, 5, 5, 7, 9]
print(st.mean(data), st.median(data), st.mode(data), st.pstdev(data), st.variance(data), st.median_low([1, 2, 3, 4]), st.median_high([1, 2, 3, 4]))
print(st.fmean([1, 2, 3]), st.geometric_mean([1, 4]), st.harmonic_mean([1, 2, 4]), st.multimode('aabbc'), st.quantiles(range(1, 11), n=4))
try:
    st.mean([])
except st.StatisticsError as e:
    print('StatisticsError', e)
print(F(1, 3) + F(1, 6), F('3/4') * 2, F(0.5), F('1.25'), F(1, 3) ** 2, F(-7, 2) // 1, float(F(1, 8)), F(3, 9), repr(F(2, 4)))
print(F(1.1).limit_denominator(100), F(355, 113) < math.pi, round(F(7, 2)), round(F(5, 2)), F(1, 3).as_integer_ratio(), abs(F(-1, 2)))
try:
    F(1, 0)
except ZeroDivisionError as e:
    print('ZeroDivisionError', e)
print(D('0.1') + D('0.2'), D(1) / D(7), D('1.10') * 3, D('2.675').quantize(D('0.01'), rounding=ROUND_HALF_UP), D(0.5), D('-0'), D('1e3').normalize())
with localcontext() as ctx:
    ctx.prec = 5
    print(D(1) / D(3), D(2).sqrt())
print(D('NaN').is_nan(), D('Infinity') > 0, D('3.14').as_tuple(), str(D('1E+2')), D(10) // D(3), D(-10) % D(3), int(D('9.99')))
try:
    D('abc')
except InvalidOperation as e:
    print('InvalidOperation', type(e).__mro__[1].__name__)
try:
    D(1) / D(0)
except Exception as e:
    print(type(e).__name__)
print(getcontext().prec, sum([D('0.1')] * 10), max(D('1.5'), D('1.50')), D('1.5') == 1.5, hash(D('1.5')) == hash(1.5))
