# Error behaviour: unpicklable objects, bad __reduce__ results, and
# malformed / truncated / hostile pickle data (must raise, never crash).
import io, pickle, re


def show(f, *a, **k):
    try:
        r = f(*a, **k)
        print('ok', repr(r)[:100])
    except Exception as e:
        print(type(e).__name__, re.sub(' at 0x[0-9a-f]+', '', str(e))[:200])


def local():
    def inner():
        pass
    return inner


class R:
    def __init__(self, r):
        self.r = r

    def __reduce__(self):
        return self.r


import threading
show(pickle.dumps, threading.Lock())
show(pickle.dumps, local())
show(pickle.dumps, lambda: 1)
show(pickle.dumps, (x for x in ()))
show(pickle.dumps, 1, 6)
show(pickle.dumps, 1, 'a')
show(pickle.dumps, 1, -1)
show(pickle.Pickler, 5)
for r in [1, (), (1,), (len,), (1, ()), (len, 1), (len, (), None, 5), (len, (), None, None, 5),
          (len, (), None, None, None, 5), (len, (), 1, 2, 3, 4, 5), 'nonexistent_name',
          (object.__reduce_ex__(R(1), 2)[0], ()), (object.__reduce_ex__(R(1), 2)[0], (1,))]:
    show(pickle.dumps, R(r), 2)

class NoInit(pickle.Pickler):
    def __init__(self):
        pass
show(NoInit().dump, 1)
class NoInitU(pickle.Unpickler):
    def __init__(self):
        pass
show(NoInitU().load)

bad = [b'', b'.', b'N', b'(', b'(.', b'0', b'I1', b'I1\n', b'Ixyz\n.', b'F1.5x\n.', b'Fabc\n.',
       b'S"abc\n.', b'Sabc\n.', b"S'ab'\n.", b'T\xff\xff\xff\xff.', b'\x80\x06.', b'\x80',
       b'K', b'M\x01', b'J\x01\x02', b'X\x05\x00\x00\x00ab', b'\x8c\x05ab', b'B\x03\x00\x00\x00a',
       b'h\x00.', b'j\x05\x00\x00\x00.', b'g7\n.', b'q\x00.', b'Nr\x00\x00\x00\x00.', b'N\x94\x94h\x01.',
       b'a.', b'N]a', b'e.', b'(e.', b'u.', b'}N.s', b'}(N.u', b'(Nd.', b'(NNNd.', b'N\x85\x85.',
       b'\x86.', b'\x87.', b't.', b'l.', b'(\x91.', b'\x90.', b'(\x90.', b'\x8f(N\x90.', b'b.', b'NNb.',
       b'}Nb.', b']Nb.', b'R.', b'NNR.', b'N)R.', b'\x81.', b'N)\x81.', b'cbuiltins\nint\n\x81.',
       b'cbuiltins\nint\nN\x81.', b'\x92.', b'cbuiltins\nint\n)N\x92.', b'\x93.', b'NN\x93.',
       b'cnosuchmodule\nx\n.', b'cbuiltins\nnosuch\n.', b'cbuiltins\n.', b'c\n\n.',
       b'\x82\x00.', b'\x82\x01.', b'\x83\x00\x00.', b'\x84\xff\xff\xff\xff.', b'\x8a\x02\xff', b'\x8b\xff\xff\xff\xff.',
       b'\x95\x05\x00\x00\x00\x00\x00\x00\x00N.', b'\x95\xff\xff\xff\xff\xff\xff\xff\xff',
       b'\x97.', b'\x98.', b'N\x98.', b'P1\n.', b'Q.', b'N2.', b'2.', b'1.', b'(1.', b'(N1.',
       b'\x96\x03\x00\x00\x00\x00\x00\x00\x00ab', b'\x8d\x01\x00\x00\x00\x00\x00\x00\x00', b'\x8e\x02',
       b'i\n.', b'(ibuiltins\nlist\n.', b'(ibuiltins\nnosuch\n.', b'o.', b'(o.', b'(cbuiltins\nlist\no.',
       b'\xff', b'\x00', b"'", b'\\', b'z', b'Vab', b'V\\u12\n.', b'L12\n.', b'L12L\n.', b'Lxx\n.',
       b'I01\n.', b'I00\n.', b'I010\n.', b'I99999999999999999999999\n.', b'(I1\nI2\n\x90.', b'\x80\x04\x95',
       b'NNNNs.', b'}NNs.']
for data in bad:
    print(data, end=' ')
    show(pickle.loads, data)
    print('   file', end=' ')
    show(pickle.load, io.BytesIO(data))

show(pickle.loads, 'str')
show(pickle.loads, b'N.', encoding=1)
show(pickle.Unpickler, 1)
show(pickle.load, io.StringIO('N.'))
good = pickle.dumps({'a': [1, 2.5, (3, 'x')], 'b': {4, 5}, 'c': b'xy'}, 5)
for i in range(len(good)):
    try:
        pickle.loads(good[:i])
    except Exception as e:
        print(i, type(e).__name__, e)
print(pickle.loads(good))
