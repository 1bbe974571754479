# memoryview: slicing, casting, tolist, release, readonly, comparisons
m = memoryview(b'abcdef')
print(m[0], m[-1], bytes(m[1:3]), m.tobytes(), m.tolist()[:3], len(m), m.readonly, m.format, m.itemsize, m.ndim, m.shape, m.strides)
ba = bytearray(b'hello')
mv = memoryview(ba)
mv[0] = ord('J'); mv[1:3] = b'EL'
print(ba, mv.readonly, mv.nbytes, mv.hex(), mv.hex(':'))
try:
    m[0] = 1
except TypeError as e:
    print('TypeError', e)
try:
    mv[0:2] = b'abc'
except ValueError as e:
    print('ValueError', e)
ints = memoryview(bytearray(range(8))).cast('I')
print(ints.format, ints.itemsize, len(ints), ints.tolist() == list(memoryview(bytes(range(8))).cast('I')))
c2 = memoryview(bytes(range(12))).cast('B', (3, 4))
print(c2.shape, c2.tolist(), c2.ndim)
try:
    memoryview(b'abc').cast('I')
except TypeError as e:
    print('TypeError', e)
except ValueError as e:
    print('ValueError', e)
print(m == b'abcdef', m == bytearray(b'abcdef'), m[::2].tobytes(), m[::-1].tobytes(), m[1:4].obj is m.obj)
with memoryview(b'xyz') as r:
    print(r.tobytes())
try:
    r.tobytes()
except ValueError as e:
    print('ValueError', e)
try:
    len(r)
except ValueError as e:
    print('ValueError', e)
import array
a = array.array('h', [1, -2, 3])
am = memoryview(a)
print(am.format, am.itemsize, am.tolist(), am[1], am.cast('B').tolist())
am[1] = 100
print(a)
try:
    memoryview(5)
except TypeError as e:
    print('TypeError', e)
b2 = bytearray(b'abc')
v = memoryview(b2)
try:
    b2.append(1)
except BufferError as e:
    print('BufferError', e)
v.release()
b2.append(100); print(b2)
print(memoryview(b'ab').toreadonly().readonly, hash(memoryview(b'ab')) == hash(b'ab'))
try:
    hash(memoryview(bytearray(b'a')))
except ValueError as e:
    print('ValueError', e)
print(list(memoryview(b'\x01\x02')), bytes(memoryview(b'q')), str(memoryview(b'')[:0].tobytes()))
