# zlib: one-shot and streaming (de)compression, every method and attribute,
# wbits container formats, zdict, copy, flush modes and error messages.
import copy
import zlib

data = b"".join(b"line %d: the quick brown fox jumps over the lazy dog\n" % i
                for i in range(2000))


def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        if isinstance(r, bytes) and len(r) > 40:
            r = (len(r), zlib.crc32(r))
        print(label, repr(r))


print(sorted(n for n in dir(zlib) if not n.startswith("__")))
print(zlib.ZLIB_VERSION == zlib.ZLIB_RUNTIME_VERSION, zlib.__version__)
for name in sorted(dir(zlib)):
    v = getattr(zlib, name)
    if isinstance(v, int):
        print(name, v)

# one-shot, every level and container
for level in range(-1, 10):
    c = zlib.compress(data, level)
    print("level", level, len(c), zlib.decompress(c) == data)
for wbits in (9, 12, 15, -9, -15, 25, 31):
    c = zlib.compress(data, wbits=wbits)
    print("wbits", wbits, len(c), zlib.crc32(c), zlib.decompress(c, wbits) == data)
    print(" auto", zlib.decompress(c, 47) == data if wbits > 0 else None)
show("bufsize0", lambda: zlib.decompress(zlib.compress(data), bufsize=0) == data)
show("bufsize1", lambda: zlib.decompress(zlib.compress(data), 15, 1) == data)
show("kw", lambda: zlib.compress(data=b"x"))
show("kwlevel", lambda: zlib.compress(b"abc", level=9))
show("empty", lambda: zlib.compress(b""))
show("empty-d", lambda: zlib.decompress(zlib.compress(b"")))
show("bytearray", lambda: zlib.compress(bytearray(b"abc")))
show("memoryview", lambda: zlib.decompress(memoryview(zlib.compress(b"abc"))))

# errors
show("hdr", lambda: zlib.decompress(b"abc"))
show("trunc", lambda: zlib.decompress(zlib.compress(data)[:-10]))
show("trunc2", lambda: zlib.decompress(b"x\x9c"))
show("badlevel", lambda: zlib.compress(b"a", 12))
show("badwbits", lambda: zlib.compress(b"a", wbits=99))
show("badwbits-d", lambda: zlib.decompress(b"a", 99))
show("corrupt", lambda: zlib.decompress(b"x\x9c\xff\xff\xff\xff"))
show("raw-as-zlib", lambda: zlib.decompress(zlib.compress(b"x" * 100, wbits=-15)))
show("str", lambda: zlib.compress("abc"))
show("noarg", lambda: zlib.compress())
show("negbuf", lambda: zlib.decompress(b"", bufsize=-1))
show("float", lambda: zlib.compress(b"a", 1.0))
show("checksum-noarg", lambda: zlib.crc32())
show("checksum-3", lambda: zlib.adler32(b"", 1, 2))
show("checksum-str", lambda: zlib.crc32("abc"))
show("trailing", lambda: zlib.decompress(zlib.compress(b"abc") + b"junk"))

# checksums
for f in (zlib.crc32, zlib.adler32):
    print(f.__name__, f(b""), f(b"abc"), f(data), f(b"abc", 0), f(b"abc", 1),
          f(b"abc", -1), f(b"abc", 2**32 + 5), f(data[:1000], f(data[1000:2000])))

# Compress objects
co = zlib.compressobj(9, zlib.DEFLATED, -12, 9, zlib.Z_FILTERED)
parts = [co.compress(data[i:i + 777]) for i in range(0, len(data), 777)]
parts.append(co.flush())
raw = b"".join(parts)
print("co", len(raw), zlib.decompress(raw, -12) == data)
show("after-finish", lambda: co.compress(b"more"))
show("flush-again", lambda: co.flush())
for mode in (zlib.Z_NO_FLUSH, zlib.Z_PARTIAL_FLUSH, zlib.Z_SYNC_FLUSH, zlib.Z_FULL_FLUSH,
             zlib.Z_BLOCK, zlib.Z_FINISH):
    co = zlib.compressobj()
    a = co.compress(b"abc" * 50)
    b = co.flush(mode)
    c = co.flush() if mode != zlib.Z_FINISH else b""
    print("mode", mode, a, b, len(c), zlib.decompress(a + b + c))
for strategy in (zlib.Z_DEFAULT_STRATEGY, zlib.Z_FILTERED, zlib.Z_HUFFMAN_ONLY, zlib.Z_RLE,
                 zlib.Z_FIXED):
    co = zlib.compressobj(strategy=strategy)
    out = co.compress(data) + co.flush()
    print("strategy", strategy, len(out), zlib.decompress(out) == data)
show("co-badmethod", lambda: zlib.compressobj(method=3))
show("co-badmem", lambda: zlib.compressobj(memLevel=0))
show("co-badwbits", lambda: zlib.compressobj(wbits=40))
show("co-badlevel", lambda: zlib.compressobj(level=20))
show("co-zdict-none", lambda: zlib.compressobj(zdict=None))
show("co-zdict-str", lambda: zlib.compressobj(zdict="x"))
show("co-kw", lambda: zlib.compressobj(nonesuch=1))
show("co-new", lambda: type(zlib.compressobj())())
print(type(zlib.compressobj()), type(zlib.decompressobj()))

# copy
co = zlib.compressobj()
head = co.compress(data[:5000])
co2 = co.copy()
co3 = copy.copy(co)
co4 = copy.deepcopy(co)
tails = [c.compress(data[5000:]) + c.flush() for c in (co, co2, co3, co4)]
print("copies", len(set(tails)), zlib.decompress(head + tails[0]) == data)
show("copy-finished", lambda: co.copy())

# zdict
zd = b"the quick brown fox jumps over the lazy dog"
co = zlib.compressobj(zdict=zd)
z = co.compress(data) + co.flush()
print("zdict", len(z))
show("need-dict", lambda: zlib.decompress(z))
do = zlib.decompressobj(zdict=zd)
print("zdict-ok", do.decompress(z) == data)
do = zlib.decompressobj(zdict=bytearray(zd))
print("zdict-ba", do.decompress(z) == data)
do = zlib.decompressobj()
show("zdict-missing", lambda: do.decompress(z))
show("zdict-wrong", lambda: zlib.decompressobj(zdict=b"other").decompress(z))
co = zlib.compressobj(wbits=-15, zdict=zd)
zr = co.compress(data) + co.flush()
print("raw-zdict", zlib.decompressobj(-15, zdict=zd).decompress(zr) == data)
show("do-zdict-str", lambda: zlib.decompressobj(zdict="x"))

# Decompress objects: max_length / unconsumed_tail / unused_data / eof / flush
comp = zlib.compress(data)
do = zlib.decompressobj()
print(repr(do.unused_data), repr(do.unconsumed_tail), do.eof)
out = []
chunk = do.decompress(comp, 1000)
out.append(chunk)
print("ml", len(chunk), len(do.unconsumed_tail), do.eof)
while do.unconsumed_tail:
    out.append(do.decompress(do.unconsumed_tail, 4096))
print("ml-done", b"".join(out) == data, do.eof, repr(do.unused_data), len(out))
do = zlib.decompressobj()
x = do.decompress(comp + b"extra", 10)
print("ml-extra", len(x), len(do.unconsumed_tail), do.eof)
rest = do.flush()
print("flush", len(x) + len(rest), do.eof, do.unused_data, repr(do.unconsumed_tail))
show("flush-again", lambda: do.flush())
do = zlib.decompressobj()
pieces = [do.decompress(comp[i:i + 100]) for i in range(0, len(comp), 100)]
print("pieces", b"".join(pieces) == data, do.eof)
x = do.decompress(b"after")
print("after-eof", x, do.unused_data, do.eof)
x = do.decompress(b"more")
print("after-eof2", x, do.unused_data)
do = zlib.decompressobj()
x = do.decompress(comp[:50])
y = do.flush(1)
print("partial-flush", len(x), len(y), do.eof)
do = zlib.decompressobj()
show("bad", lambda: do.decompress(b"xyzzy" * 5))
show("neg-ml", lambda: zlib.decompressobj().decompress(b"", -1))
show("zero-flush", lambda: zlib.decompressobj().flush(0))
show("neg-flush", lambda: zlib.decompressobj().flush(-5))
show("do-badwbits", lambda: zlib.decompressobj(3))
show("ml-kw", lambda: zlib.decompressobj().decompress(comp, max_length=5))
show("data-kw", lambda: zlib.decompressobj().decompress(data=comp))
do = zlib.decompressobj()
do.decompress(comp[:3000])
d2 = do.copy()
d3 = copy.deepcopy(do)
print("dcopy", do.decompress(comp[3000:]) == d2.decompress(comp[3000:]) ==
      d3.decompress(comp[3000:]))
do.flush()
show("dcopy-flushed", lambda: do.copy())

# gzip container through decompressobj
gz = zlib.compressobj(wbits=31)
g = gz.compress(data) + gz.flush()
print("gzip", g[:3], zlib.decompressobj(31).decompress(g) == data,
      zlib.decompressobj(47).decompress(g) == data)
show("gzip-as-zlib", lambda: zlib.decompress(g))
try:
    zlib.decompress(b"abc")
except zlib.error as e:
    print(type(e), e.args, zlib.error.__mro__)
