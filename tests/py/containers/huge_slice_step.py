# Extended slices whose step is near sys.maxsize must not overflow index arithmetic.
import array, sys
big = 1 << 333
for make in (list, bytearray, lambda r: array.array('i', r)):
    for st in (big, -big, sys.maxsize, -sys.maxsize):
        a = make(range(10))
        print(type(a).__name__, st == big, list(a[9::st]), list(a[0::st]), list(a[::st]))
        del a[9::st]
        print(list(a))
        a = make(range(10))
        del a[::st]
        print(list(a))
        a = make(range(10))
        a[3::st] = make([42])
        print(list(a))
for seq in (tuple(range(10)), "abcdefghij", b"abcdefghij", range(10), memoryview(b"abcdefghij")):
    print(type(seq).__name__, list(seq[9::big]), list(seq[::-big]), list(seq[1::sys.maxsize]))
m = memoryview(bytearray(b"abcdefghij"))
m[9::big] = b"Z"
print(bytes(m))
