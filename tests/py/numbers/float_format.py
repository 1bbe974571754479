# float: repr, str, format specs, hex/fromhex, as_integer_ratio, round, special values
import math
vals = [0.1, 1/3, 1e16, 1e-5, 123456789.0, 1e22, 2.5e-324, 1.7976931348623157e308, -0.0, 100.0]
for v in vals:
    print(repr(v), str(v), '%g' % v, '%.3e' % v, format(v, ''), format(v, '.3'))
for spec in ['f', '.0f', '.10f', 'e', '.2e', 'g', '.3g', '%', '10.2f', '<10.1f', '^12.3g', '+.1f', ' .1f', '012.3f', ',.2f', '_.1f', 'n', '#.0f', '#g', '.0e', 'E', 'G']:
    print(spec, format(1234.5678, spec), format(-0.000123, spec))
print(float.hex(1.0), (0.1).hex(), (-2.5).hex(), (0.0).hex(), float.fromhex('0x1.8p1'), float.fromhex('-0x.1p4'), float.fromhex('inf'))
print((0.75).as_integer_ratio(), (0.1).as_integer_ratio(), (-2.0).as_integer_ratio())
for bad in [float('inf'), float('nan')]:
    try:
        bad.as_integer_ratio()
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
print(round(2.5), round(3.5), round(-0.5), round(2.675, 2), round(1.25, 1), round(125.0, -1), round(0.5 + 1e-16))
print(type(round(2.5)), type(round(2.5, 0)), round(1e300, -300), round(7.0, 400))
print(float('  1.5  '), float('1_0.5'), float('-inf'), float('nan') != float('nan'), float('1e500'), float('-0'))
for bad in ['', '1.2.3', '1__0', 'nanx', '0x10']:
    try:
        float(bad)
    except ValueError as e:
        print('ValueError', e)
print((3.0).is_integer(), (3.5).is_integer(), math.isclose(0.1 + 0.2, 0.3), 0.1 + 0.2)
print(5.0 // 2, -5.0 // 2, 5.0 % -2, -5.5 % 2, divmod(7.5, 2), 2.0 ** -1, (-8.0) ** (1/3) if False else 0)
try:
    1.0 / 0
except ZeroDivisionError as e:
    print('ZeroDivisionError', e)
try:
    1.0 % 0
except ZeroDivisionError as e:
    print('ZeroDivisionError', e)
try:
    (-8.0) ** 0.5
    print('complex result', (-8.0) ** 0.5)
except ValueError as e:
    print('ValueError', e)
try:
    10.0 ** 400
except OverflowError as e:
    print('OverflowError', e)
print(math.inf > 1e308, -math.inf < -1e308, math.nan == math.nan, int(1e20), hash(1.5), hash(float('inf')))
try:
    int(float('nan'))
except ValueError as e:
    print('ValueError', e)
try:
    int(float('inf'))
except OverflowError as e:
    print('OverflowError', e)
print('%s %r %.2f %5.1f|%-8.3f|%+e' % (0.1, 0.1, 2.345, 3.14159, 2.0, 12345.678))
print(1e16 + 1 == 1e16, 2 ** 53 + 1 == float(2 ** 53 + 1), 0.1 * 3, 1.1 * 1.1)
