# array: every typecode through the mutating methods, slicing (incl. extended), pickling, buffers, iterators.
import array
import pickle
for tc in 'bBhHiIlLqQfd':
    a = array.array(tc, [1, 2, 3, 4, 5])
    a.append(6); a.extend([7, 8]); a.insert(0, 9); a[1:3] = array.array(tc, [3]); del a[::3]
    a[::2] = array.array(tc, [1]*len(a[::2])); a.reverse()
    print(tc, a, a.tolist(), a.tobytes() == bytes(a), a.index(1), a.count(1), a.pop(), len(a), a * 2, a + a, a == a[:], a < a + a, a[::-1], 3 in a, a.__sizeof__(), a.itemsize, a.typecode)
    print(array._array_reconstructor(array.array, tc, a.__reduce_ex__(3)[1][2], a.tobytes()) == a)
u = array.array('u', 'hello'); u.fromunicode('!'); print(u, u.tounicode(), repr(array.array('d')))
print(memoryview(array.array('i',[1,2])).tolist())
it = iter(array.array('b',[1,2])); print(next(it), it.__reduce__()[1:])
b = array.array('b', range(10)); del b[::-2]; print(b); b[::-1] = array.array('b', range(5)); print(b)
