# FileIO: modes, read/write/seek/tell/truncate, attributes, repr, errors.
import os, io, _io

base = '/tmp/krait_io_%d' % os.getpid()
p = base + '_f'

def show(fn):
    try:
        r = fn()
        print('ok', repr(r).replace(base, 'B'))
    except Exception as e:
        print(type(e).__name__, str(e).replace(base, 'B'))

f = _io.FileIO(p, 'w')
print(f.mode, f.closefd, f.readable(), f.writable(), f.seekable(), f.isatty())
print(repr(f).replace(p, 'P'))
print(f.write(b'hello world\n'), f.tell())
show(lambda: f.read())
f.close()
print(f.closed, repr(f))
show(lambda: f.write(b'x'))
show(lambda: f.fileno())
f = _io.FileIO(p)
print(f.mode, f.read(5), f.tell(), f.read(), f.read(), f.seek(0), f.readall())
show(lambda: f.write(b'x'))
b = bytearray(4)
f.seek(6)
print(f.readinto(b), b)
f.close()
for m in ['r+', 'a', 'ab+', 'w+b', 'rw', 'rr', 'q', '', 'b', 'a+']:
    show(lambda: _io.FileIO(p, m).mode)
with _io.FileIO(p, 'r+') as f:
    print(f.truncate(5), f.tell(), f.seek(0, 2), f.read())
    f.seek(0)
    print(f.read())
show(lambda: _io.FileIO(-1))
show(lambda: _io.FileIO(1.5))
show(lambda: _io.FileIO(p, closefd=False))
show(lambda: _io.FileIO('/tmp'))
show(lambda: _io.FileIO(base + '_missing'))
os.unlink(p)
show(lambda: _io.FileIO(p, 'x').mode)
show(lambda: _io.FileIO(p, 'x'))
fd = os.open(p, os.O_RDONLY)
f = _io.FileIO(fd, closefd=False)
print(f.name == fd, f.closefd, repr(f) == "<_io.FileIO name=%d mode='rb' closefd=False>" % fd)
f.close()
os.close(fd)
opened = []
def opener(path, flags):
    opened.append(path == p)
    return os.open(path, flags)
with _io.FileIO(p, 'w', opener=opener) as f:
    f.write(b'abc')
print(opened)
show(lambda: _io.FileIO(p, opener=lambda p, f: 'x'))
show(lambda: _io.FileIO(p, opener=lambda p, f: -3))
print(issubclass(io.UnsupportedOperation, OSError), issubclass(io.UnsupportedOperation, ValueError))
print(io.DEFAULT_BUFFER_SIZE, io.FileIO is _io.FileIO, isinstance(_io.FileIO(p), io.RawIOBase))
os.unlink(p)
