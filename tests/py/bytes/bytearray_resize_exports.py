# bytearray: an empty value deletes an extended slice; no size change at all while a
# memoryview is exported (BufferError), even when the allocation would fit.
b = bytearray(range(10))
b[1:-1:2] = b""
print(b)
b[::3] = bytearray()
print(b)
try:
    b[::2] = b"x"
except ValueError as e: print(e)
b[::-2] = []
print(b)
b = bytearray(range(10))
v = memoryview(b)
for f in ("b[1:-1:2] = b''", "del b[::2]", "b[1:3] = b''", "b.pop()", "b.append(1)", "b += b'x'", "b *= 2", "del b[:]", "b[::2] = b'abcde'", "b.clear()", "b.extend(b'ab')", "b.insert(0, 1)", "b.remove(3)"):
    try:
        exec(f)
        print(f, 'ok', b)
    except Exception as e:
        print(f, type(e).__name__, e)
print(b)
