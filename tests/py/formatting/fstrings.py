# f-strings and format specs: width, alignment, precision, sign, grouping, bases, !r/!s/!a and =.
name = 'Krait'
n = 1234567.891
i = 255
print(f'{name}|{name!r}|{name:>8}|{name:<8}|{name:^9}|{name:*^9}')
print(f'{n:.2f}|{n:,.1f}|{n:_.0f}|{n:e}|{n:.3g}|{n:10.1f}|{-n:+.1f}|{n:+.0f}')
print(f'{i:d}|{i:5d}|{i:05d}|{i:x}|{i:X}|{i:#x}|{i:o}|{i:#b}|{i:,}|{-i:+d}|{i: d}')
print(f'{0.5:%}|{0.125:.1%}|{1e-7:g}|{1e20:g}|{123.0:g}|{float("inf"):f}|{float("nan"):>5}')
print(f'{3.14159:.3}|{2.5:.0f}|{3.5:.0f}|{-0.0:.1f}|{1/3:.15f}|{2**64:,}')
print(f'{name=}, {i*2=}, {n = :.1f}')
print(f'{"nested":{"^"}{12}}|{[1, 2]!s}|{"é"!a}|{{literal}}')
width, prec = 10, 3
print(f'{3.14159265:{width}.{prec}f}|')
print(f'{True}|{None}|{True:>6}|{1+2j}|{[1, "a"]}|{ {"k": 1} }')
print(f'''multi
{name.upper()} {len(name)}''')
print(format(12.5, '08.3f'), format(42, 'b'), format('x', '>3'), '{:>{}}'.format('y', 4))
print('{0[1]} {1[k]} {2.real}'.format([5, 6], {'k': 'v'}, 3 + 4j))
