# The strings2 C functions end to end through _codecs, int()/float(), bytearray
# pickling support and str.__format__ (differential against CPython 3.11).
import _codecs
print(int('\u0661\u0662'), float('\u0663.5'), int(' 7\u2003'))
try:
    int('1\xe92')
except ValueError as e:
    print(e)
print(_codecs.utf_7_encode('a+b é'), _codecs.utf_7_decode(b'a+AOk-b'))
print(_codecs.escape_decode(b'\\x41\\n'))
tbl = ''
for i in range(256): tbl += chr(i)
m = _codecs.charmap_build(tbl)
print(type(m).__name__, m.size())
print(_codecs.charmap_encode('ab\xe9', 'strict', m), _codecs.charmap_decode(b'\x00\x01', 'strict', 'xyz'))
print(bytearray(b'ab').__reduce__(), bytearray(b'ab').__reduce_ex__(4), bytearray(b'ab').__alloc__())
print(format('ab', '^6'), '{:>4}'.format('x'), f'{"q":*<3}')
print('ab'.__getnewargs__(), b'ab'.__getnewargs__())
