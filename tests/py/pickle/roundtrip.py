# Round trips through every protocol of nested/recursive structures and
# objects relying on __getstate__/__setstate__/__reduce_ex__/copyreg.
import copy, pickle, collections


class WithState:
    def __init__(self):
        self.x = 1
        self.secret = 2

    def __getstate__(self):
        return {'x': self.x}

    def __setstate__(self, st):
        self.__dict__.update(st)
        self.restored = True


class SlotsAndDict:
    __slots__ = ('a', '__dict__')


class ListSub(list):
    pass


class DictSub(dict):
    pass


class Node:
    def __init__(self, v):
        self.v = v
        self.next = None


o = SlotsAndDict()
o.a = 5
o.b = 6
ls = ListSub([1, 2, 3])
ls.attr = 'L'
ds = DictSub(a=1)
ds.attr = 'D'
n1, n2 = Node(1), Node(2)
n1.next, n2.next = n2, n1
t = ([],)
t[0].append(t)
for proto in range(6):
    w = pickle.loads(pickle.dumps(WithState(), proto))
    print(proto, vars(w))
    oo = pickle.loads(pickle.dumps(o, proto))
    print(oo.a, oo.b)
    l2 = pickle.loads(pickle.dumps(ls, proto))
    print(type(l2).__name__, l2, l2.attr)
    d2 = pickle.loads(pickle.dumps(ds, proto))
    print(type(d2).__name__, d2, d2.attr)
    a = pickle.loads(pickle.dumps(n1, proto))
    print(a.v, a.next.v, a.next.next is a)
    t2 = pickle.loads(pickle.dumps(t, proto))
    print(t2[0][0] is t2)
    big = {'k%d' % i: [i, str(i), (i,)] for i in range(3000)}
    assert pickle.loads(pickle.dumps(big, proto)) == big
    c = collections.Counter('abracadabra')
    print(pickle.loads(pickle.dumps(c, proto)) == c)
print(copy.deepcopy([n1, t])[0].next.next.v)
print(copy.copy(WithState()).__dict__)
