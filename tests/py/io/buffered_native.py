import io, os
p = '/tmp/_t3.bin'
with open(p, 'wb') as f:
    print(f, f.raw, f.name, f.mode, f.write(b'0123456789' * 1000), f.tell(), f.seekable(), f.writable())
    f.write(b'\nline2\nline3')
with open(p, 'rb', buffering=16) as f:
    print(f.peek(3)[:5], f.read(5), f.read1(3), f.read1(), f.tell(), len(f.read(9000)), f.readline(), f.readline(3), f.readlines(), f.read())
    f.seek(0); print(next(f)[:10], f.tell(), f.seek(-3, 2), f.read())
    b = bytearray(10); print(f.seek(5), f.readinto(b), b, f.readinto1(b))
with open(p, 'r+b') as f:
    f.seek(3); f.write(b'XX'); print(f.read(3), f.tell()); f.seek(0); print(f.read(8)); print(f.truncate(20), f.tell()); f.seek(0); print(f.read())
    f.seek(0, 2); f.write(b'END'); f.seek(0); print(f.read())
r, w = os.pipe()
wf = open(w, 'wb'); rf = open(r, 'rb')
wf.write(b'hello\nworld\n'); wf.flush(); print(rf.readline(), rf.peek(1)[:1]); wf.close(); print(rf.read()); rf.close()
r, w = os.pipe()
pair = io.BufferedRWPair(io.FileIO(r, 'r'), io.FileIO(w, 'w'))
print(pair.write(b'abc'), pair.flush(), pair.read(3), pair.readable(), pair.writable(), pair.closed)
pair.close(); print(pair.closed)
f = open(p, 'rb'); f.close()
for bad in [lambda: f.read(), lambda: f.seek(0), lambda: f.tell(), lambda: open(p,'rb').read(-2), lambda: open(p,'rb').seek(0, 5), lambda: io.BufferedReader(io.BytesIO(), 0), lambda: open(p, 'wb').read(), lambda: open(p,'rb').write(b'x'), lambda: open(p,'rb').readinto('x'), lambda: io.BufferedWriter(io.BytesIO()).write('x')]:
    try: print(bad())
    except Exception as e: print(type(e).__name__, e)
print(repr(io.BufferedReader(io.BytesIO(b'x'))), repr(open(p, 'rb')))
b = io.BufferedReader(io.BytesIO(b'ab\ncd')); print(list(b), b.raw.closed)
d = io.BufferedReader(io.BytesIO(b'ab')); raw = d.detach(); print(type(raw).__name__, repr(d))
try: d.read()
except ValueError as e: print(e)
class R(io.RawIOBase):
    def readable(self): return True
    def readinto(self, b): b[:2] = b'zz'; return 2
print(io.BufferedReader(R()).read(5))
w = io.BufferedWriter(io.BytesIO(), 4); print(w.write(b'abcdefghij'), w.raw.getvalue(), w.write(b'k'), w.raw.getvalue()); w.flush(); print(w.raw.getvalue())
