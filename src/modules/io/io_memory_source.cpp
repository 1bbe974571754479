// io_memory_source.cpp — Python source of the _io module's memory part (see io_module.cpp).
// Written for Krait from the documented behaviour of CPython 3.11's _io.
namespace krait::io {
extern const char kIoMemorySource[] = R"PY(
# _io in-memory streams: BytesIO and StringIO.

def _index_or_none(size):
    if size is None:
        return -1
    if isinstance(size, int):
        return size
    try:
        return size.__index__()
    except AttributeError:
        raise TypeError(f"argument should be integer or None, not '{type(size).__name__}'") from None

class BytesIO(_BufferedIOBase):
    def __init__(self, initial_bytes=None):
        self._buf = bytearray()
        self._pos = 0
        self._exports = 0
        if initial_bytes is not None:
            self._buf += initial_bytes
    def __getstate__(self):
        return (self.getvalue(), self._pos, self.__dict__.copy())
    def _chk(self):
        if self._buf is None:
            raise ValueError('I/O operation on closed file.')
    @property
    def closed(self):
        return self._buf is None
    def readable(self):
        self._chk()
        return True
    writable = seekable = readable
    def flush(self):
        self._chk()
    def isatty(self):
        self._chk()
        return False
    def close(self):
        if self._exports:
            raise BufferError('Existing exports of data: object cannot be re-sized')
        self._buf = None
    def getvalue(self):
        self._chk()
        return bytes(self._buf)
    def getbuffer(self):
        self._chk()
        return memoryview(self._buf)
    def tell(self):
        self._chk()
        return self._pos
    def read(self, size=-1):
        self._chk()
        size = _index_or_none(size)
        n = len(self._buf) - self._pos
        if size >= 0 and size < n:
            n = size
        if n <= 0:
            return b''
        out = bytes(self._buf[self._pos:self._pos + n])
        self._pos += n
        return out
    read1 = read
    def readline(self, size=-1):
        self._chk()
        size = _index_or_none(size)
        buf = self._buf
        end = len(buf)
        if self._pos >= end:
            return b''
        i = buf.find(b'\n', self._pos)
        stop = end if i < 0 else i + 1
        if size >= 0 and stop - self._pos > size:
            stop = self._pos + size
        out = bytes(buf[self._pos:stop])
        self._pos = stop
        return out
    def readlines(self, hint=None):
        self._chk()
        hint = _index_or_none(hint)
        lines = []
        total = 0
        while True:
            line = self.readline()
            if not line:
                break
            lines.append(line)
            total += len(line)
            if 0 < hint <= total:
                break
        return lines
    def __next__(self):
        self._chk()
        line = self.readline()
        if not line:
            raise StopIteration
        return line
    def readinto(self, b):
        self._chk()
        m = memoryview(b).cast('B')
        data = self.read(len(m))
        m[:len(data)] = data
        return len(data)
    readinto1 = readinto
    def write(self, b):
        self._chk()
        if isinstance(b, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        if self._exports:
            raise BufferError('Existing exports of data: object cannot be re-sized')
        data = bytes(b)
        n = len(data)
        if n == 0:
            return 0
        pos = self._pos
        if pos > len(self._buf):
            self._buf += bytes(pos - len(self._buf))
        self._buf[pos:pos + n] = data
        self._pos = pos + n
        return n
    def writelines(self, lines):
        self._chk()
        for line in lines:
            self.write(line)
    def seek(self, pos, whence=0):
        self._chk()
        if not isinstance(pos, int):
            pos = pos.__index__()
        if whence == 0:
            if pos < 0:
                raise ValueError(f'negative seek value {pos}')
        elif whence == 1:
            pos = max(0, self._pos + pos)
        elif whence == 2:
            pos = max(0, len(self._buf) + pos)
        else:
            raise ValueError(f'invalid whence ({whence}, should be 0, 1 or 2)')
        self._pos = pos
        return pos
    def truncate(self, size=None):
        self._chk()
        if size is None:
            size = self._pos
        else:
            size = _index_or_none(size)
            if size < 0:
                raise ValueError(f'negative size value {size}')
        if self._exports:
            raise BufferError('Existing exports of data: object cannot be re-sized')
        if size < len(self._buf):
            del self._buf[size:]
        return size

class StringIO(_TextIOBase):
    def __init__(self, initial_value='', newline='\n'):
        if newline is not None and not isinstance(newline, str):
            raise TypeError(f'newline must be str or None, not {type(newline).__name__}')
        if newline not in (None, '', '\n', '\r', '\r\n'):
            raise ValueError(f'illegal newline value: {newline!r}')
        if initial_value is not None and not isinstance(initial_value, str):
            raise TypeError(f'initial_value must be str or None, not {type(initial_value).__name__}')
        self._readuniversal = not newline
        self._readtranslate = newline is None
        self._readnl = newline
        self._writenl = newline if newline else None
        if newline is None:
            self._writenl = '\n'
        self._decoder = IncrementalNewlineDecoder(None, newline is None) if not newline else None
        if newline == '':
            self._decoder = IncrementalNewlineDecoder(None, False)
        self._buf = ''
        self._tail = []
        self._pos = 0
        self._closed = False
        if initial_value:
            self._write(initial_value)
            self._pos = 0
    def _chk(self):
        if self._closed:
            raise ValueError('I/O operation on closed file')
    def _value(self):
        if self._tail:
            self._buf += ''.join(self._tail)
            self._tail = []
        return self._buf
    def __getstate__(self):
        return (self.getvalue(), self._readnl, self._pos, self.__dict__.copy())
    @property
    def closed(self):
        return self._closed
    @property
    def line_buffering(self):
        self._chk()
        return False
    @property
    def newlines(self):
        self._chk()
        if self._decoder is None:
            return None
        return self._decoder.newlines
    def close(self):
        self._closed = True
        self._buf = ''
        self._tail = []
    def readable(self):
        self._chk()
        return True
    writable = seekable = readable
    def getvalue(self):
        self._chk()
        return self._value()
    def tell(self):
        self._chk()
        return self._pos
    def _write(self, s):
        if self._decoder is not None:
            s = self._decoder.decode(s, True)
        if self._writenl != '\n' and self._readnl:
            s = s.replace('\n', self._writenl)
        n = len(s)
        if n == 0:
            return
        size = len(self._buf) + sum(map(len, self._tail)) if self._tail else len(self._buf)
        if self._pos == size:
            self._tail.append(s)
        else:
            buf = self._value()
            if self._pos > len(buf):
                buf += '\0' * (self._pos - len(buf))
            self._buf = buf[:self._pos] + s + buf[self._pos + n:]
        self._pos += n
    def write(self, s):
        self._chk()
        if not isinstance(s, str):
            raise TypeError(f"string argument expected, got '{type(s).__name__}'")
        n = len(s)
        self._write(s)
        return n
    def read(self, size=-1):
        self._chk()
        size = _index_or_none(size)
        buf = self._value()
        if size < 0:
            out = buf[self._pos:]
        else:
            out = buf[self._pos:self._pos + size]
        self._pos += len(out)
        return out
    def readline(self, size=-1):
        self._chk()
        if size is not None and not isinstance(size, int):
            raise TypeError(f"integer argument expected, got '{type(size).__name__}'")
        size = -1 if size is None else size
        buf = self._value()
        pos = self._pos
        if pos >= len(buf):
            return ''
        if self._readuniversal and not self._readtranslate:
            i = pos
            n = len(buf)
            end = n
            while i < n:
                c = buf[i]
                if c == '\n':
                    end = i + 1
                    break
                if c == '\r':
                    end = i + 2 if i + 1 < n and buf[i + 1] == '\n' else i + 1
                    break
                i += 1
        else:
            nl = self._readnl or '\n'
            i = buf.find(nl, pos)
            end = len(buf) if i < 0 else i + len(nl)
        if size >= 0 and end - pos > size:
            end = pos + size
        self._pos = end
        return buf[pos:end]
    def __next__(self):
        self._chk()
        if type(self) is StringIO:
            line = StringIO.readline(self)
        else:
            line = self.readline()
            if not isinstance(line, str):
                raise OSError(f'readline() should have returned a str object, not \'{type(line).__name__}\'')
        if not line:
            raise StopIteration
        return line
    def seek(self, pos, whence=0):
        self._chk()
        if not isinstance(pos, int):
            pos = pos.__index__()
        if whence not in (0, 1, 2):
            raise ValueError(f'Invalid whence ({whence}, should be 0, 1 or 2)')
        if pos < 0 and whence == 0:
            raise ValueError(f'Negative seek position {pos}')
        if whence != 0 and pos != 0:
            raise OSError("Can't do nonzero cur-relative seeks")
        if whence == 1:
            pos = self._pos
        elif whence == 2:
            pos = len(self._value())
        self._pos = pos
        return pos
    def truncate(self, pos=None):
        self._chk()
        if pos is None:
            pos = self._pos
        else:
            pos = _index_or_none(pos)
            if pos < 0:
                raise ValueError(f'Negative size value {pos}')
        buf = self._value()
        if pos < len(buf):
            self._buf = buf[:pos]
        return pos
    def detach(self):
        _unsupported('detach')
    def __repr__(self):
        return object.__repr__(self)
)PY";
}  // namespace krait::io
