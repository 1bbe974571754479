import io, os, codecs
p = '/tmp/_t4.txt'
with open(p, 'w', encoding='utf-8') as f:
    print(f, f.encoding, f.errors, f.line_buffering, f.write_through, f._CHUNK_SIZE, f.newlines)
    f.write('héllo\nwörld\r\nthird\rlast'); print(f.tell())
with open(p, encoding='utf-8') as f:
    print(f.readline(), repr(f.readline()), f.tell(), f.read(3), f.tell(), f.newlines)
    c = f.tell(); print(repr(f.read())); f.seek(c); print(repr(f.read(2)))
    f.seek(0); print([l for l in f])
    try: f.tell()
    except OSError as e: print(e)
with open(p, newline='') as f: print([f.readline() for _ in range(5)], f.newlines)
with open(p, newline='\r') as f: print(f.readlines())
with open(p, newline='\r\n') as f: print(f.readlines())
for enc in ['utf-16', 'utf-8-sig', 'latin-1', 'ascii', 'cp1252', 'utf-32']:
    with open(p, 'w', encoding=enc, errors='replace') as f: f.write('aé€\nb\n'); t = f.tell()
    with open(p, 'rb') as f: print(enc, f.read(), t)
    with open(p, encoding=enc, errors='replace') as f:
        print(repr(f.read(2)), x := f.tell(), repr(f.read()), f.seek(x), repr(f.read()))
with open(p, 'w+', encoding='utf-8') as f:
    f.write('abc\ndef\n'); f.seek(0); print(f.read(1)); f.seek(0, 2); f.write('X'); f.seek(0); print(repr(f.read()))
    for bad in [lambda: f.seek(1, 1), lambda: f.seek(1, 2), lambda: f.seek(-1), lambda: f.seek(0, 7), lambda: f.write(b'x'), lambda: f.reconfigure(encoding='latin-1')]:
        try: print(bad())
        except Exception as e: print(type(e).__name__, e)
    f.reconfigure(line_buffering=True); print(f.line_buffering)
f = open(p, 'w'); f.close()
for bad in [lambda: f.write('x'), lambda: f.read(), lambda: io.TextIOWrapper(io.BytesIO(), encoding='rot13'), lambda: io.TextIOWrapper(io.BytesIO(), newline='x'), lambda: io.TextIOWrapper(io.BytesIO(), encoding=3), lambda: open(p).write('x'), lambda: open(p, 'w').read()]:
    try: print(bad())
    except Exception as e: print(type(e).__name__, e)
t = io.TextIOWrapper(io.BytesIO(b'abc\ndef'), encoding='ascii'); print(repr(t), t.readline(1), t.readline(10), type(t.detach()).__name__)
try: t.read()
except ValueError as e: print(e)
b = io.BytesIO(); t = io.TextIOWrapper(b, encoding='utf-8', newline='\r\n', write_through=True); t.write('a\nb'); print(b.getvalue())
t = io.TextIOWrapper(io.BytesIO(b'\xff\xfeabc'), encoding='utf-8', errors='surrogateescape'); print(ascii(t.read()))
t = io.TextIOWrapper(io.BytesIO(b'\xff'), encoding='utf-8')
try: t.read()
except UnicodeDecodeError as e: print(e)
with open(p, 'w') as f: f.write('x' * 10000 + '\n' + 'y' * 5)
with open(p) as f: print(len(f.readline()), f.tell(), f.read(), f.tell())
r, w = os.pipe(); wf = open(w, 'w'); rf = open(r); wf.write('pipe\nline\n'); wf.close(); print(rf.readlines(), rf.seekable()); rf.close()
print(open(p).name, repr(open(p, 'a')))
