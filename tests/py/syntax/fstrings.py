# f-strings: conversions, format specs, nested specs, self-documenting expressions
x, y, name = 42, 3.14159, 'Ada'
print(f'{x} {y:.2f} {name!r} {name!s} {name!a}')
print(f'{x:>8}|{x:<8}|{x:^8}|{x:08}|{x:+d}|{x: d}')
print(f'{x:x} {x:X} {x:o} {x:b} {x:#x} {x:#o} {x:#b} {x:_b}')
print(f'{1234567:,} {1234567:_} {1234567.891:,.2f}')
print(f'{y:e} {y:E} {y:g} {y:%} {0.5:.0%}')
w, p = 10, 3
print(f'{y:{w}.{p}f}|{name:*^{w}}|')
print(f'{x=} {y=:.1f} {name = }')
print(f'{x!r:>6}', f'{"nested " + name}', f"{'q'}")
print(f'{{literal}} {{{x}}}')
d = {'k': 'v'}
print(f"{d['k']} {len(d)} {[i for i in range(3)]}")
print(f'{3 if x > 40 else 4} {(lambda: 7)()}')
import datetime
dt = datetime.date(2024, 2, 29)
print(f'{dt:%Y/%m/%d} {dt!r}')
print(f'{"multi"}' f'{"ple"}' 'plain')
class F:
    def __format__(self, spec): return 'F<' + spec + '>'
print(f'{F()} {F():abc} {F():{w}x}')
try:
    f'{x:q}'
except ValueError as e:
    print('ValueError', e)
try:
    f'{name:d}'
except ValueError as e:
    print('ValueError', e)
try:
    exec("f'{}'")
except SyntaxError as e:
    print('SyntaxError', e.msg)
try:
    exec("f'{x!z}'")
except SyntaxError as e:
    print('SyntaxError', e.msg)
print(f'{-0.0:+.1f} {float("inf"):10} {float("nan"):>5}')
print(f'{12345.6789:=+12.2f}')
print(f'{"abc":.2}|{"abc":5.1}|')
print(f'{True:d} {True} {None!r:>6}')
print(f'''{
x
}''')
print(rf'\n{x}', fr'{name}\t')
