# bytes and bytearray iterators pickle (iter(seq) + position) and restore with __setstate__.
import pickle
for t in (bytes, bytearray):
    it = iter(t(b'abcdef'))
    next(it); next(it)
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        d = pickle.loads(pickle.dumps(it, proto))
        print(t.__name__, proto, type(d).__name__, list(d))
    print(it.__reduce__())
    list(it)
    print(it.__reduce__())
    it = iter(t(b'xyz'))
    it.__setstate__(-5); print(list(it))
    it = iter(t(b'xyz'))
    it.__setstate__(2); print(list(it), it.__length_hint__())
    it = iter(t(b'xyz'))
    it.__setstate__(10); print(it.__length_hint__(), list(it))
b = bytearray(b'ab')
it = iter(b)
it.__setstate__(3)
b.extend(b'cdef')
print(list(it))
