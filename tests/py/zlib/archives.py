# The stdlib on top of zlib: gzip, zipfile (deflate), tarfile (gz) and
# shutil.make_archive round trips, plus byte-exact gzip/zip output.
import gzip
import hashlib
import io
import os
import shutil
import tarfile
import tempfile
import zipfile
import zlib

data = b"".join(b"row %d, value %d\n" % (i, i * i) for i in range(5000))

g = gzip.compress(data, mtime=0)
print("gzip", len(g), hashlib.sha1(g).hexdigest(), gzip.decompress(g) == data)
for level in (0, 1, 9):
    print("gzip level", level, len(gzip.compress(data, level, mtime=0)))
print("gzip multi", gzip.decompress(g + gzip.compress(b"tail", mtime=0))[-4:])
try:
    gzip.decompress(g[:-3])
except Exception as e:
    print(type(e).__name__, e)
try:
    gzip.decompress(b"\x1f\x8bjunkjunkjunk")
except Exception as e:
    print(type(e).__name__, e)

buf = io.BytesIO()
with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, filename="") as f:
    for i in range(0, len(data), 3000):
        f.write(data[i:i + 3000])
print("gzipfile", hashlib.sha1(buf.getvalue()).hexdigest())
buf.seek(0)
with gzip.GzipFile(fileobj=buf) as f:
    print("readline", f.readline(), len(f.read()))

zbuf = io.BytesIO()
with zipfile.ZipFile(zbuf, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr(zipfile.ZipInfo("a.txt", (2020, 1, 2, 3, 4, 6)), data,
               compress_type=zipfile.ZIP_DEFLATED)
    z.writestr(zipfile.ZipInfo("b/c.txt", (2021, 5, 6, 7, 8, 10)), b"hello" * 100,
               compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    z.writestr(zipfile.ZipInfo("stored.txt", (2021, 5, 6, 7, 8, 10)), b"plain")
print("zip", len(zbuf.getvalue()), hashlib.sha1(zbuf.getvalue()).hexdigest())
with zipfile.ZipFile(zbuf) as z:
    for info in z.infolist():
        print(" ", info.filename, info.compress_type, info.file_size, info.compress_size,
              hex(info.CRC))
    print(" testzip", z.testzip(), z.read("a.txt") == data)
    with z.open("a.txt") as f:
        print(" stream", f.read(10), len(f.read()))

with tempfile.TemporaryDirectory() as tmp:
    src = os.path.join(tmp, "src")
    os.makedirs(os.path.join(src, "sub"))
    with open(os.path.join(src, "one.txt"), "wb") as f:
        f.write(data)
    with open(os.path.join(src, "sub", "two.txt"), "wb") as f:
        f.write(b"two\n" * 1000)
    tgz = os.path.join(tmp, "t.tar.gz")
    with tarfile.open(tgz, "w:gz") as t:
        t.add(src, arcname="src")
    with tarfile.open(tgz, "r:gz") as t:
        names = sorted(t.getnames())
        # (extractall rather than extractfile: the latter wraps the member in
        # io.BufferedReader, which is the io module's business, not zlib's)
        t.extractall(os.path.join(tmp, "x"))
        with open(os.path.join(tmp, "x", "src", "one.txt"), "rb") as f:
            print("tar", names, f.read() == data)
    with tarfile.open(tgz) as t:
        print("tar auto", len(t.getmembers()))
    for fmt in ("gztar", "zip"):
        arc = shutil.make_archive(os.path.join(tmp, "arc"), fmt, root_dir=src)
        out = os.path.join(tmp, "out_" + fmt)
        shutil.unpack_archive(arc, out)
        with open(os.path.join(out, "one.txt"), "rb") as f:
            same = f.read() == data
        with open(os.path.join(out, "sub", "two.txt"), "rb") as f:
            two = f.read()
        print("make_archive", fmt, os.path.basename(arc), same, len(two))
