# TextIOWrapper: pending text goes out before a write that would overflow the chunk;
# a failed re-__init__ leaves the wrapper unusable; BufferedWriter over a full
# non-blocking pipe raises BlockingIOError with characters_written.
import io
import os


class Raw(io.RawIOBase):
    def __init__(self):
        self.stack = []

    def writable(self):
        return True

    def write(self, b):
        if len(b) > 8192:
            raise RuntimeError("too big")
        self.stack.append(bytes(b))
        return len(b)


raw = Raw()
t = io.TextIOWrapper(raw, encoding="ascii")
t.write("abc")
t.write("def")
print(raw.stack)
try:
    t.write("x" * 8193)
except RuntimeError as e:
    print("RuntimeError", e, raw.stack)

b = io.BufferedReader(io.BytesIO(b"\xc3\xa9\n\n"), 1000)
t = io.TextIOWrapper(b, encoding="utf-8")
try:
    t.__init__(b, encoding="utf-8", newline="xyzzy")
except ValueError as e:
    print("ValueError", e)
try:
    t.read()
except ValueError as e:
    print("read:", e)

r, w = os.pipe()
os.set_blocking(w, False)
wf = io.open(w, "wb", buffering=4096)
total = 0
try:
    while True:
        total += wf.write(b"x" * 1000)
except BlockingIOError as e:
    print("BlockingIOError", e.errno == 11, type(e.characters_written).__name__, total > 0)
os.close(r)
try:
    wf.close()
except OSError as e:
    print(type(e).__name__)
