# TextIOWrapper: newline translation modes, encodings, seek/tell cookies, reconfigure.
import os, io

p = '/tmp/krait_io_%d_text' % os.getpid()
raw = b'a\nb\r\nc\rd\r\n\re'
with open(p, 'wb') as f:
    f.write(raw)
for nl in [None, '', '\n', '\r', '\r\n']:
    with open(p, newline=nl) as f:
        print(repr(nl), [f.readline() for _ in range(7)], f.newlines)
    with open(p, newline=nl) as f:
        print(repr(nl), repr(f.read()), f.newlines)
for nl in [None, '', '\n', '\r', '\r\n']:
    with open(p, 'w', newline=nl) as f:
        f.write('x\ny\r\nz')
    with open(p, 'rb') as f:
        print(repr(nl), f.read())
text = 'héllo wörld\nñ€𝄞 line\nlast'
for enc in ['utf-8', 'latin-1', 'utf-16', 'ascii']:
    try:
        with open(p, 'w', encoding=enc) as f:
            f.write(text)
    except UnicodeEncodeError as e:
        print(enc, 'UnicodeEncodeError', e.reason)
        continue
    with open(p, 'rb') as f:
        print(enc, len(f.read()))
    with open(p, encoding=enc) as f:
        print(enc, repr(f.read()) == repr(text))
with open(p, 'w', encoding='ascii', errors='replace') as f:
    f.write(text)
with open(p, encoding='ascii', errors='replace') as f:
    print(repr(f.read()))
with open(p, 'w', encoding='utf-8') as f:
    f.write(text)
with open(p, encoding='utf-8') as f:
    positions = []
    while True:
        t = f.tell()
        line = f.readline()
        if not line:
            break
        positions.append((t, line))
    for t, line in reversed(positions):
        f.seek(t)
        print(t, repr(f.readline()) == repr(line))
    f.seek(0)
    print(repr(f.read(3)), f.tell(), repr(f.read(3)))
    print(f.seek(0, 2), repr(f.read()))
    try:
        f.seek(3, 1)
    except Exception as e:
        print(type(e).__name__, e)
with open(p, 'r+', encoding='utf-8') as f:
    f.reconfigure(line_buffering=True)
    print(f.line_buffering, f.write_through)
    f.reconfigure(newline='\r\n')
    f.seek(0, 2)
    f.write('\nadded\n')
    f.flush()
with open(p, 'rb') as f:
    print(f.read()[-12:])
f = open(p)
if True:
    try:
        f.write('x')
    except Exception as e:
        print(type(e).__name__, e)
    try:
        f.read(-2)
        print('ok')
    except Exception as e:
        print(type(e).__name__, e)
    print(type(f.detach()).__name__)
    try:
        f.read()
    except ValueError as e:
        print(e)
f.buffer.close() if False else None
w = io.TextIOWrapper(io.BytesIO(b'abc\r\ndef'), encoding='latin-1', newline='')
print(w.readlines(), w.newlines, w.encoding, repr(w).startswith('<_io.TextIOWrapper'))
os.unlink(p)
