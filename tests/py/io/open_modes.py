# open(): argument validation, buffering choice, types returned, text round trips.
import os, io

p = '/tmp/krait_io_%d_open' % os.getpid()

def show(fn):
    try:
        r = fn()
        print('ok', repr(r).replace(p, 'P'))
    except Exception as e:
        print(type(e).__name__, str(e).replace(p, 'P'))

with open(p, 'w') as f:
    print(type(f).__name__, f.mode, f.encoding, f.errors, f.line_buffering, type(f.buffer).__name__)
    print(repr(f).replace(p, 'P'), repr(f.buffer).replace(p, 'P'))
    print(f.write('line1\nline2\n'), f.write('x'), f.tell())
print(f.closed)
for mode, kw in [('rb', {}), ('rb', {'buffering': 0}), ('r+b', {}), ('ab', {}), ('wb', {})]:
    with open(p if mode != 'wb' else p + '2', mode, **kw) as f:
        print(mode, type(f).__name__, f.mode)
os.unlink(p + '2')
for args in [('rw',), ('rr',), ('U',), ('rt+b',), ('rbt',), ('',), ('+',), ('xr',)]:
    show(lambda: open(p, *args))
show(lambda: open(p, 'rb', encoding='utf-8'))
show(lambda: open(p, 'rb', errors='strict'))
show(lambda: open(p, 'rb', newline='\n'))
show(lambda: open(p, 'r', buffering=0))
show(lambda: open(p, 'r', newline='x'))
show(lambda: open(p, 'r', encoding=5))
show(lambda: open(p, 'r', encoding='nope-codec'))
show(lambda: open(p, 'r', encoding='rot13'))
show(lambda: open([]))
show(lambda: open(p, 5))
show(lambda: open(p + '_missing'))
show(lambda: io.open_code(b'x'))
with io.open_code(p) as f:
    print(type(f).__name__, f.read())
print(io.text_encoding(None), io.text_encoding('latin-1'))
with open(p, 'a') as f:
    f.write('line3')
with open(p) as f:
    print(f.readlines())
with open(p) as f:
    print(list(f))
with open(p, 'r+') as f:
    f.seek(0, 2)
    f.write('\nend\n')
    f.seek(0)
    print(repr(f.read()))
os.unlink(p)
