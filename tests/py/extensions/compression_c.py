# _bz2 and _lzma (lib-dynload): one-shot and incremental compression, files, errors.
import bz2
import io
import lzma

data = b"Krait compresses " * 500 + bytes(range(256))
c = bz2.compress(data, 9)
print(len(data), bz2.decompress(c) == data, c[:4])
comp = bz2.BZ2Compressor(5)
parts = [comp.compress(data[i:i + 1000]) for i in range(0, len(data), 1000)] + [comp.flush()]
print(bz2.decompress(b"".join(parts)) == data)
d = bz2.BZ2Decompressor()
out = d.decompress(c[:100]) + d.decompress(c[100:])
print(out == data, d.eof, d.unused_data, d.needs_input)
try:
    bz2.decompress(b"not bz2 data")
except OSError as e:
    print("OSError", e)
buf = io.BytesIO()
with bz2.BZ2File(buf, "wb") as f:
    f.write(data)
buf.seek(0)
with bz2.open(buf, "rb") as f:
    print(f.read(17), len(f.read()))

for fmt in (lzma.FORMAT_XZ, lzma.FORMAT_ALONE):
    c = lzma.compress(data, format=fmt)
    print(fmt, lzma.decompress(c) == data)
c = lzma.compress(data, format=lzma.FORMAT_RAW, filters=[{"id": lzma.FILTER_LZMA2, "preset": 1}])
print(lzma.decompress(c, format=lzma.FORMAT_RAW, filters=[{"id": lzma.FILTER_LZMA2}]) == data)
print(lzma.is_check_supported(lzma.CHECK_SHA256), lzma.CHECK_CRC64)
dec = lzma.LZMADecompressor()
x = lzma.compress(b"hello lzma") + b"trailing"
print(dec.decompress(x), dec.eof, dec.unused_data, dec.check)
try:
    lzma.decompress(b"garbage!")
except lzma.LZMAError as e:
    print("LZMAError", e)
try:
    lzma.LZMACompressor(format=99)
except ValueError as e:
    print("ValueError", e)
buf = io.BytesIO()
with lzma.open(buf, "wt", encoding="utf-8") as f:
    f.write("line one\nline two\n")
buf.seek(0)
with lzma.open(buf, "rt", encoding="utf-8") as f:
    print(f.readlines())
