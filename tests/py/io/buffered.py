# Buffered streams: read/peek/read1/readline/seek/tell and interleaved read-write.
import os, io

p = '/tmp/krait_io_%d_buf' % os.getpid()
with open(p, 'wb') as f:
    print(type(f).__name__, f.write(b'0123456789\nabcdef\nxyz'), f.tell())
    print(f.raw.tell(), f.flush(), f.raw.tell())
with open(p, 'rb', buffering=4) as f:
    print(f.read(2), f.peek(1)[:1], f.read1(3), f.tell(), f.readline(), f.readline(3), f.tell())
    print(f.seek(1), f.read(3), f.seek(-2, 2), f.read(), f.seek(0), f.read(-1))
    try:
        f.read(-2)
    except ValueError as e:
        print(e)
    try:
        f.write(b'x')
    except io.UnsupportedOperation as e:
        print('Unsupported', e)
f = open(p, 'r+b')
print(type(f).__name__, f.read(3), f.write(b'ABC'), f.tell(), f.read(2))
f.seek(0)
print(f.read())
raw = f.detach()
print(type(raw).__name__, raw.closed)
try:
    f.read()
except ValueError as e:
    print(e)
raw.close()
with open(p, 'rb') as f:
    print([len(l) for l in f])
b = io.BufferedReader(io.BytesIO(b'abc\ndef'))
print(b.readline(), b.read(), repr(b).startswith('<_io.BufferedReader'))
w = io.BufferedWriter(io.BytesIO())
w.write(b'xyz')
print(w.raw.getvalue())
w.flush()
print(w.raw.getvalue())
pair = io.BufferedRWPair(io.BytesIO(b'in'), io.BytesIO())
print(pair.read(), pair.write(b'out'), pair.readable(), pair.writable())
try:
    io.BufferedReader(io.BytesIO(), 0)
except ValueError as e:
    print(e)
f = open(p, 'rb')
f.close()
for fn in [f.read, f.tell, f.flush]:
    try:
        fn()
    except ValueError as e:
        print(e)
os.unlink(p)
