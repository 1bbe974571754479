# int: big arithmetic, int(str, base), to_bytes/from_bytes, bit ops, str digit limit
import sys
big = 2 ** 200 + 12345
print(big, big // 7, big % 7, -big // 7, -big % 7, divmod(-big, 13))
print(big.bit_length(), (-big).bit_length(), (255).bit_count(), (-255).bit_count())
print(big >> 190, big << 3 >> 3 == big, -1 >> 100, ~big & 0xff)
print(pow(3, 200, 10 ** 9 + 7), pow(3, -1, 7), pow(-2, 65))
for s, b in [('ff', 16), ('0xff', 16), ('0xff', 0), ('0o17', 0), ('0b101', 0), ('z', 36),
             ('  -42  ', 10), ('1_000', 10), ('1_000', 0), ('077', 8), ('+7', 10)]:
    print(repr(s), b, int(s, b))
for s, b in [('08', 0), ('1__0', 10), ('', 10), ('12', 1), ('g', 16), ('_1', 10), ('0x', 16)]:
    try:
        print(int(s, b))
    except ValueError as e:
        print('ValueError', e)
try:
    int('5', 37)
except ValueError as e:
    print('ValueError', e)
try:
    int(5, 10)
except TypeError as e:
    print('TypeError', e)
print(int(3.99), int(-3.99), int(True), int(b'42'), int(bytearray(b' 7 ')))
print((1024).to_bytes(2, 'big'), (1024).to_bytes(4, 'little'), (-1).to_bytes(2, 'big', signed=True))
print((0).to_bytes(0, 'big'), (255).to_bytes(), int.from_bytes(b'\x01\x00', 'big'))
print(int.from_bytes(b'\xff\xff', 'little', signed=True), int.from_bytes([1, 2, 3], 'little'))
try:
    (256).to_bytes(1, 'big')
except OverflowError as e:
    print('OverflowError', e)
try:
    (-1).to_bytes(1, 'big')
except OverflowError as e:
    print('OverflowError', e)
try:
    (1).to_bytes(1, 'middle')
except ValueError as e:
    print('ValueError', e)
print(sys.int_info.bits_per_digit in (15, 30), sys.get_int_max_str_digits())
try:
    int('1' * 5000)
except ValueError as e:
    print('ValueError', str(e)[:60])
try:
    str(10 ** 5000)
except ValueError as e:
    print('ValueError', str(e)[:60])
print(len(hex(10 ** 5000)))
sys.set_int_max_str_digits(6000)
print(len(str(10 ** 5000)))
sys.set_int_max_str_digits(0)
print(len(str(10 ** 9000)))
try:
    sys.set_int_max_str_digits(10)
except ValueError as e:
    print('ValueError', e)
print((12).as_integer_ratio(), (5).conjugate(), (7).numerator, (7).denominator, (3).real, (3).imag)
print(int.__index__(9), round(12345, -2), round(-12355, -1), round(15, -1), round(25, -1))
print(abs(-big) == big, hash(2 ** 61 - 1), hash(2 ** 61), hash(-1), hash(-2))
print(10 ** 20 / 3, 2 ** 1000 / 2 ** 999, 7 // -2, 7 % -2, -7 // 2)
try:
    2 ** 10000 / 1.5 ** -1 * 10.0 ** 300
except OverflowError as e:
    print('OverflowError', e)
