# Mixed read/readline/tell, print(file=), write_through, IncrementalNewlineDecoder.
import io, os
p = '/tmp/krait_io_edge_%d' % os.getpid()
with open(p, 'w', encoding='utf-8') as f:
    print('a', 'é', sep='|', file=f)
    f.writelines(['x\n', 'y\n'])
with open(p, encoding='utf-8') as f:
    print(repr(f.read(2)), f.tell(), repr(f.readline()), f.tell(), repr(f.read(1)), f.tell())
    c = f.tell(); f.read(); f.seek(c); print(repr(f.read()))
with open(p, 'rb') as f:
    print(f.readlines(3), f.readline())
print(repr(io.StringIO('abc').read(None)), io.BytesIO(b'ab').read(None))
s = io.StringIO('x\ny')
for line in s: print(repr(line))
t = io.TextIOWrapper(io.BytesIO(), encoding='utf-8', write_through=True)
t.write('hi\n'); print(t.buffer.getvalue())
print(io.IncrementalNewlineDecoder(None, True).decode('a\r'), )
d = io.IncrementalNewlineDecoder(None, True); print(repr(d.decode('a\r')), repr(d.decode('\nb', final=True)), d.newlines, d.getstate())
os.unlink(p)
