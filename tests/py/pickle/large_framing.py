# Framing (protocol 4+): frame boundaries for large data, big bytes/str
# written outside frames, and dump() to a file producing the same bytes.
import io, pickle, hashlib

def h(b):
    return hashlib.sha1(b).hexdigest()

values = [
    b'x' * 70000, 'y' * 70000, bytearray(b'z' * 70000),
    [b'a' * 1000] * 200, [str(i) * 50 for i in range(3000)],
    {i: bytes([i % 256]) * 100 for i in range(2000)}, list(range(100000)),
    [b'a' * 65536, b'b' * 10, 'c' * 65535, b'd' * 65537],
]
for v in values:
    for proto in (0, 1, 2, 3, 4, 5):
        data = pickle.dumps(v, proto)
        f = io.BytesIO()
        pickle.dump(v, f, proto)
        p = io.BytesIO()
        pk = pickle.Pickler(p, proto)
        pk.dump(v)
        print(proto, len(data), h(data), f.getvalue() == data, h(p.getvalue()))
        assert pickle.loads(data) == v
        assert pickle.load(io.BytesIO(f.getvalue())) == v

# Several pickles in one stream are read back one at a time.
f = io.BytesIO()
for i in range(5):
    pickle.dump(['item', i, b'x' * (i * 30000)], f, 4)
f.seek(0)
u = pickle.Unpickler(f)
for i in range(5):
    r = u.load()
    print(r[0], r[1], len(r[2]))
try:
    u.load()
except EOFError as e:
    print('EOFError', e)
