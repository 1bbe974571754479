# struct packing, base64 family, copy/deepcopy semantics, heapq and bisect
import struct, base64, copy, heapq, bisect
print(struct.pack('<hIq', -2, 7, 2 ** 40), struct.pack('>f d', 1.5, -0.25), struct.pack('3s2x?', b'abcd', True), struct.calcsize('@ibq'), struct.calcsize('=ibq'))
print(struct.unpack('<hI', b'\xfe\xff\x07\x00\x00\x00'), struct.unpack_from('>H', b'\x00\x01\x02', 1), list(struct.iter_unpack('<B', b'\x01\x02')))
for bad in [lambda: struct.pack('b', 200), lambda: struct.pack('i', 'x'), lambda: struct.unpack('i', b'12'), lambda: struct.calcsize('z')]:
    try:
        bad()
    except struct.error as e:
        print('struct.error', e)
s = struct.Struct('!HH'); print(s.size, s.format, s.pack(1, 2), s.unpack(b'\x00\x03\x00\x04'))
raw = b'hello world\xff'
print(base64.b64encode(raw), base64.b64decode(base64.b64encode(raw)) == raw, base64.urlsafe_b64encode(b'\xfb\xff'), base64.b32encode(b'ab'), base64.b16encode(b'\x01\xab'), base64.a85encode(b'abcd'), base64.b85encode(b'xy'))
try:
    base64.b64decode(b'abc', validate=True)
except Exception as e:
    print(type(e).__name__, e)
nested = {'list': [1, [2, 3]], 'tuple': (4, [5])}
sh, dp = copy.copy(nested), copy.deepcopy(nested)
nested['list'][1].append('X'); nested['tuple'][1].append('Y')
print(sh, dp, sh['list'] is nested['list'], dp['list'] is nested['list'])
class Node:
    def __init__(self, v): self.v, self.peer = v, None
    def __copy__(self): return 'custom copy'
n = Node(1); n.peer = n
d = copy.deepcopy(n); print(d.peer is d, d is not n, copy.copy(n))
memo_list = [1]; twice = [memo_list, memo_list]; dc = copy.deepcopy(twice); print(dc[0] is dc[1], copy.copy((1, 2)) == (1, 2))
h = [5, 1, 8, 3, 9, 2]; heapq.heapify(h); print(h, heapq.heappop(h), heapq.heappushpop(h, 0), heapq.nlargest(2, h), heapq.nsmallest(2, h, key=lambda v: -v))
heapq.heappush(h, 4); print(sorted(h), list(heapq.merge([1, 4, 7], [2, 3, 8])), heapq.heapreplace(h, 100))
a = [1, 2, 4, 4, 8]
print(bisect.bisect_left(a, 4), bisect.bisect_right(a, 4), bisect.bisect(a, 0), bisect.bisect_left(a, 5, key=None))
bisect.insort(a, 3); bisect.insort_left(a, 4); print(a)
print(bisect.bisect_left([('a', 1), ('c', 3)], 'b', key=lambda t: t[0]))
