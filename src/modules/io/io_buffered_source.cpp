// io_buffered_source.cpp — Python source of the _io module's buffered part (see io_module.cpp).
// Written for Krait from the documented behaviour of CPython 3.11's _io.
namespace krait::io {
extern const char kIoBufferedSource[] = R"PY(
# _io buffered streams: one implementation, reader/writer halves enabled per class.

def _detached():
    raise ValueError('raw stream has been detached')

class _Buffered(_BufferedIOBase):
    _raw = None
    _ok = False
    def _setup(self, raw, buffer_size, read, write):
        if not isinstance(buffer_size, int):
            buffer_size = buffer_size.__index__()
        self._ok = False
        if read:
            raw._checkReadable()
        if write:
            raw._checkWritable()
        if buffer_size <= 0:
            raise ValueError('buffer size must be strictly positive')
        self._raw = raw
        self.buffer_size = buffer_size
        self._can_read = read
        self._can_write = write
        self._rbuf = b''
        self._rpos = 0
        self._wbuf = bytearray()
        self._ok = True
    def _r(self):
        if self._raw is None:
            if self._ok:
                _detached()
            raise ValueError('I/O operation on uninitialized object')
        return self._raw
    def _check_open(self, msg='I/O operation on closed file'):
        if self._r().closed:
            raise ValueError(msg)
    @property
    def raw(self):
        return self._r()
    @property
    def closed(self):
        return self._r().closed
    @property
    def name(self):
        return self._r().name
    @property
    def mode(self):
        return self._r().mode
    def fileno(self):
        return self._r().fileno()
    def isatty(self):
        return self._r().isatty()
    def seekable(self):
        return self._r().seekable()
    def readable(self):
        return self._r().readable()
    def writable(self):
        return self._r().writable()
    def __getstate__(self):
        raise TypeError(f"cannot pickle '{type(self).__name__}' object")
    def __repr__(self):
        tn = '_io.' + type(self).__name__ if type(self).__module__ == '_io' else type(self).__name__
        try:
            name = self.name
        except (AttributeError, ValueError):
            return f'<{tn}>'
        return f'<{tn} name={name!r}>'
    def close(self):
        raw = self._r()
        if raw.closed:
            return
        try:
            self.flush()
        except BaseException as e:
            try:
                raw.close()
            except BaseException as e2:
                e2.__context__ = e
                raise e2
            raise
        raw.close()
    def detach(self):
        raw = self._r()
        self.flush()
        self._raw = None
        return raw
    # -- writing
    def _flush_w(self):
        raw = self._raw
        while self._wbuf:
            try:
                n = raw.write(bytes(self._wbuf))
            except BlockingIOError:
                n = None
            if n is None:
                raise BlockingIOError(11, 'write could not complete without blocking', 0)
            if n > len(self._wbuf) or n < 0:
                raise OSError(f'raw write() returned invalid length {n} (should have been between 0 and {len(self._wbuf)})')
            del self._wbuf[:n]
    def flush(self):
        if not self._can_write:
            return self._r().flush()
        self._check_open('flush of closed file')
        self._flush_w()
    def write(self, b):
        if not self._can_write:
            _unsupported('write')
        self._check_open('write to closed file')
        if isinstance(b, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        if self._can_read and self._rpos < len(self._rbuf):
            # Drop read-ahead: position the raw stream where the caller is.
            self._raw.seek(self._rpos - len(self._rbuf), 1)
        self._rbuf = b''
        self._rpos = 0
        n = len(memoryview(b))
        self._wbuf += b
        if len(self._wbuf) > self.buffer_size:
            self._flush_w()
        return n
    def truncate(self, pos=None):
        raw = self._r()
        self._check_open('truncate of closed file')
        if not self._can_write:
            _unsupported('truncate')
        self.flush()
        if pos is None:
            pos = self.tell()
        self._drop_read()
        return raw.truncate(pos)
    # -- reading
    def _drop_read(self):
        if self._rpos < len(self._rbuf):
            self._raw.seek(self._rpos - len(self._rbuf), 1)
        self._rbuf = b''
        self._rpos = 0
    def _before_read(self):
        if not self._can_read:
            _unsupported('read')
        self._check_open('read of closed file')
        if self._can_write and self._wbuf:
            self._flush_w()
    def _fill(self):
        # Returns False at EOF, None when the raw stream would block.
        data = self._raw.read(self.buffer_size)
        if data is None:
            return None
        self._rbuf = self._rbuf[self._rpos:] + data
        self._rpos = 0
        return bool(data)
    def read(self, size=-1):
        if size is None:
            size = -1
        elif not isinstance(size, int):
            size = size.__index__()
        if size < -1:
            raise ValueError('read length must be non-negative or -1')
        self._before_read()
        avail = len(self._rbuf) - self._rpos
        if size == -1:
            head = self._rbuf[self._rpos:]
            self._rbuf = b''
            self._rpos = 0
            chunks = [head]
            readall = getattr(self._raw, 'readall', None)
            if readall is not None:
                data = readall()
                if data is None:
                    return head if head else None
                chunks.append(data)
            else:
                while True:
                    data = self._raw.read()
                    if data is None:
                        if len(chunks) == 1 and not head:
                            return None
                        break
                    if not data:
                        break
                    chunks.append(data)
            return b''.join(chunks)
        if size <= avail:
            out = self._rbuf[self._rpos:self._rpos + size]
            self._rpos += size
            return out
        chunks = [self._rbuf[self._rpos:]]
        need = size - avail
        self._rbuf = b''
        self._rpos = 0
        while need > 0:
            if need >= self.buffer_size:
                data = self._raw.read(need)
            else:
                data = self._raw.read(self.buffer_size)
            if data is None:
                if len(chunks) == 1 and not chunks[0]:
                    return None
                break
            if not data:
                break
            if len(data) > need:
                self._rbuf = data
                self._rpos = need
                data = data[:need]
            chunks.append(data)
            need -= len(data)
        return b''.join(chunks)
    def read1(self, size=-1):
        if size is None:
            size = -1
        self._before_read()
        if size < 0:
            size = self.buffer_size
        if size == 0:
            return b''
        if self._rpos >= len(self._rbuf):
            self._rbuf = b''
            self._rpos = 0
            if size > self.buffer_size:
                return self._raw.read(size) or b''
            if not self._fill():
                return b''
        out = self._rbuf[self._rpos:self._rpos + size]
        self._rpos += len(out)
        return out
    def peek(self, size=0):
        self._before_read()
        if self._rpos >= len(self._rbuf):
            self._fill()
        return self._rbuf[self._rpos:]
    def readinto(self, b):
        self._before_read()
        return _BufferedIOBase.readinto(self, b)
    def readinto1(self, b):
        self._before_read()
        return _BufferedIOBase.readinto1(self, b)
    def readline(self, size=-1):
        if size is None:
            size = -1
        elif not isinstance(size, int):
            size = size.__index__()
        self._before_read()
        chunks = []
        total = 0
        while True:
            buf, pos = self._rbuf, self._rpos
            end = len(buf)
            if size >= 0 and end - pos > size - total:
                end = pos + size - total
            i = buf.find(b'\n', pos, end)
            if i >= 0:
                chunks.append(buf[pos:i + 1])
                self._rpos = i + 1
                break
            chunks.append(buf[pos:end])
            total += end - pos
            self._rpos = end
            if size >= 0 and total >= size:
                break
            if not self._fill():
                break
        return b''.join(chunks)
    def __next__(self):
        self._check_open('I/O operation on closed file.')
        line = self.readline()
        if not line:
            raise StopIteration
        return line
    # -- positioning
    def tell(self):
        pos = self._r().tell()
        if pos < 0:
            raise OSError('Raw stream returned invalid position %d' % pos)
        pos -= len(self._rbuf) - self._rpos
        pos += len(self._wbuf)
        return max(pos, 0)
    def seek(self, pos, whence=0):
        if not isinstance(pos, int):
            if isinstance(pos, float):
                raise TypeError("'float' object cannot be interpreted as an integer")
            pos = pos.__index__()
        if whence not in (0, 1, 2):
            raise ValueError(f'whence value {whence} unsupported')
        self._check_open('seek of closed file')
        self._r()._checkSeekable()
        if whence != 2 and self._can_read and not self._wbuf:
            # Stay inside the read buffer when we can.
            cur = self._raw.tell()
            start = cur - len(self._rbuf)
            target = pos if whence == 0 else cur - (len(self._rbuf) - self._rpos) + pos
            if start <= target <= cur and self._rbuf:
                self._rpos = target - start
                return target
        if self._can_write:
            self._flush_w()
        if whence == 1:
            pos -= len(self._rbuf) - self._rpos
        self._rbuf = b''
        self._rpos = 0
        n = self._raw.seek(pos, whence)
        if n < 0:
            raise OSError('Raw stream returned invalid position %d' % n)
        return n

class BufferedReader(_Buffered):
    def __init__(self, raw, buffer_size=DEFAULT_BUFFER_SIZE):
        self._setup(raw, buffer_size, True, False)
    def truncate(self, pos=None):
        self._check_open('truncate of closed file')
        _unsupported('truncate')

class BufferedWriter(_Buffered):
    def __init__(self, raw, buffer_size=DEFAULT_BUFFER_SIZE):
        self._setup(raw, buffer_size, False, True)
    def read(self, size=-1):
        _unsupported('read')
    def read1(self, size=-1):
        _unsupported('read1')
    def readinto(self, b):
        _unsupported('read')
    def readinto1(self, b):
        _unsupported('read')
    def readline(self, size=-1):
        _unsupported('read')

class BufferedRandom(_Buffered):
    def __init__(self, raw, buffer_size=DEFAULT_BUFFER_SIZE):
        raw._checkSeekable()
        self._setup(raw, buffer_size, True, True)


class BufferedRWPair(_BufferedIOBase):
    def __init__(self, reader, writer, buffer_size=DEFAULT_BUFFER_SIZE):
        self.reader = BufferedReader(reader, buffer_size)
        self.writer = BufferedWriter(writer, buffer_size)
    def read(self, size=-1):
        return self.reader.read(size)
    def readinto(self, b):
        return self.reader.readinto(b)
    def write(self, b):
        return self.writer.write(b)
    def peek(self, size=0):
        return self.reader.peek(size)
    def read1(self, size=-1):
        return self.reader.read1(size)
    def readinto1(self, b):
        return self.reader.readinto1(b)
    def readable(self):
        return self.reader.readable()
    def writable(self):
        return self.writer.writable()
    def flush(self):
        return self.writer.flush()
    def close(self):
        try:
            self.writer.close()
        finally:
            self.reader.close()
    def isatty(self):
        return self.reader.isatty() or self.writer.isatty()
    @property
    def closed(self):
        return self.writer.closed
)PY";
}  // namespace krait::io
