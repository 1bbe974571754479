# complex numbers: construction, arithmetic, repr, attributes and errors
z = 3 + 4j
print(z, repr(z), abs(z), z.real, z.imag, z.conjugate(), -z, +z)
print(complex(1), complex(1, 2), complex('1+2j'), complex(' 3j '), complex('-1.5e2-0.5j'), complex(2j, 1j))
print(1j * 1j, (1 + 2j) * (3 - 4j), (1 + 2j) / (3 - 4j), (2 + 0j) ** 2, 1j ** 0, (1+1j) ** 3)
print(complex(0, -0.0), complex(-0.0, 0), 0j, -0j, complex('inf+nanj'), complex(1e300, 1e300) * 10)
print(z == 3 + 4j, z == complex(3, 4), 3 + 0j == 3, hash(3 + 0j) == hash(3), z != 5)
print(format(z, ''), format(z, '.2f'), format(z, '>20'), format(1.5 - 2j, '+.3e'), '%s' % (1j,))
for bad in ['1+', 'j1', '1 + 2j', '', '(1+2j']:
    try:
        complex(bad)
    except ValueError as e:
        print('ValueError', repr(bad), e)
try:
    z < z
except TypeError as e:
    print('TypeError', e)
try:
    1 / 0j
except ZeroDivisionError as e:
    print('ZeroDivisionError', e)
try:
    z // 2
except TypeError as e:
    print('TypeError', e)
try:
    int(z)
except TypeError as e:
    print('TypeError', e)
try:
    complex('1', 2)
except TypeError as e:
    print('TypeError', e)
class C:
    def __complex__(self): return 5j
print(complex(C()), complex(True), (1+2j).__class__.__name__, isinstance(1j, complex))
print(sum([1j, 2, 3.5]), pow(1j, 2), 0j ** 0)
try:
    0j ** -1
except ZeroDivisionError as e:
    print('ZeroDivisionError', e)
print(repr(complex(1.0, 1e-20)), repr(complex(123456789012345678.0, 1)))
