# BytesIO and StringIO.
import io

def show(fn):
    try:
        print('ok', repr(fn()))
    except Exception as e:
        print(type(e).__name__, e)

b = io.BytesIO(b'hello\nworld\n')
print(b.read(3), b.tell(), b.readline(), b.readlines(), b.read(), b.tell())
print(b.seek(2), b.write(b'XY'), b.getvalue(), b.seek(20), b.write(b'!'), b.getvalue())
print(b.seek(-3, 2), b.read(), b.truncate(4), b.getvalue(), b.tell())
show(lambda: b.seek(-1))
show(lambda: b.seek(0, 3))
show(lambda: b.write('s'))
show(lambda: b.truncate(-1))
b.seek(0)
print(list(b), b.readable(), b.writable(), b.seekable(), b.isatty())
ba = bytearray(3)
b.seek(1)
print(b.readinto(ba), ba, bytes(b.getbuffer()), b.read1(1))
b.close()
print(b.closed)
show(lambda: b.read())
show(lambda: b.getvalue())
with io.BytesIO() as b2:
    b2.writelines([b'a', b'b'])
    print(b2.getvalue())

s = io.StringIO('one\ntwo\r\nthree\rfour')
print(repr(s.read(2)), s.tell(), repr(s.readline()), s.readlines())
print(s.getvalue() == 'one\ntwo\r\nthree\rfour', s.newlines, s.line_buffering)
for nl in [None, '', '\n', '\r', '\r\n']:
    s = io.StringIO(newline=nl)
    s.write('a\nb\r\nc\rd')
    print(repr(nl), repr(s.getvalue()), s.newlines)
    s.seek(0)
    print(repr(nl), list(s))
s = io.StringIO()
print(s.write('hello'), s.seek(2), s.write('XY'), s.getvalue(), s.seek(10), s.write('!'), repr(s.getvalue()))
print(s.truncate(3), s.getvalue(), s.tell(), s.seek(0, 2))
show(lambda: s.seek(1, 1))
show(lambda: s.seek(-1))
show(lambda: s.seek(0, 5))
show(lambda: s.write(b'x'))
show(lambda: io.StringIO(newline='x'))
show(lambda: io.StringIO(5))
s.close()
show(lambda: s.read())
print(repr(s.closed), repr(s.encoding), repr(s.errors))
print(isinstance(io.StringIO(), io.TextIOBase), isinstance(io.BytesIO(), io.BufferedIOBase))
