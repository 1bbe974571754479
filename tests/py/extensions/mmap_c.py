# mmap (lib-dynload): anonymous and file-backed maps, find/rfind, slicing, resize.
import mmap
import os
import tempfile

m = mmap.mmap(-1, 64)
m.write(b"hello world, hello mmap")
print(len(m), m.tell(), m[:5], m[6:11], m.find(b"hello"), m.find(b"hello", 1), m.rfind(b"hello"))
print(m.find(b"zzz"), m.rfind(b"o", 0, 10), m[0], m[-1])
m.seek(0)
print(m.readline(), m.read(5))
m[0:5] = b"HELLO"
print(m[:11])
m.move(0, 6, 5)
print(m[:11])
try:
    m[100]
except IndexError as e:
    print("IndexError", e)
try:
    m[0:2] = b"abc"
except IndexError as e:
    print("IndexError", e)
m.close()
print(m.closed)
try:
    m.read(1)
except ValueError as e:
    print("ValueError", e)
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "f.bin")
    with open(path, "wb") as f:
        f.write(b"0123456789" * 10)
    with open(path, "r+b") as f:
        mm = mmap.mmap(f.fileno(), 0)
        print(len(mm), mm.size(), mm[10:20], mm.find(b"789", 50))
        mm[0:3] = b"abc"
        mm.flush()
        mm.resize(200)
        print(len(mm), os.path.getsize(path))
        mm.close()
    with open(path, "rb") as f:
        print(f.read(12))
        mr = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        try:
            mr[0] = 1
        except TypeError as e:
            print("TypeError", e)
        print(bytes(memoryview(mr)[:4]))
        mr.close()
print(mmap.PAGESIZE % 4096, mmap.ACCESS_COPY, mmap.MAP_SHARED)
