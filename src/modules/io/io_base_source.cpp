// io_base_source.cpp — Python source of the _io module's base part (see io_module.cpp).
// Written for Krait from the documented behaviour of CPython 3.11's _io.
namespace krait::io {
extern const char kIoBaseSource[] = R"PY(
# _io base classes, FileIO, open(). Executed in the _io module namespace.
import posix as _os
import _stat
DEFAULT_BUFFER_SIZE = 8192

class UnsupportedOperation(OSError, ValueError):
    pass
UnsupportedOperation.__module__ = 'io'

def _unsupported(name):
    raise UnsupportedOperation(name)

def _closed_error(msg='I/O operation on closed file.'):
    raise ValueError(msg)

class _IOBase:
    def seek(self, *args):
        _unsupported('seek')
    def tell(self):
        return self.seek(0, 1)
    def truncate(self, *args):
        _unsupported('truncate')
    def flush(self):
        self._checkClosed()
    @property
    def closed(self):
        return self.__dict__.get('__IOBase_closed', False)
    def close(self):
        if self.__dict__.get('__IOBase_closed', False):
            return
        try:
            self.flush()
        finally:
            self.__dict__['__IOBase_closed'] = True
    def __del__(self):
        try:
            closed = self.closed
        except Exception:
            return
        if closed:
            return
        try:
            self.close()
        except Exception:
            pass
    def seekable(self):
        return False
    def readable(self):
        return False
    def writable(self):
        return False
    def _checkClosed(self, *args):
        if self.closed:
            _closed_error()
    def _checkSeekable(self, *args):
        if not self.seekable():
            raise UnsupportedOperation('File or stream is not seekable.')
    def _checkReadable(self, *args):
        if not self.readable():
            raise UnsupportedOperation('File or stream is not readable.')
    def _checkWritable(self, *args):
        if not self.writable():
            raise UnsupportedOperation('File or stream is not writable.')
    def __enter__(self):
        self._checkClosed()
        return self
    def __exit__(self, *args):
        self.close()
    def fileno(self):
        _unsupported('fileno')
    def isatty(self):
        self._checkClosed()
        return False
    def readline(self, size=-1):
        if size is None:
            size = -1
        elif not isinstance(size, int):
            raise TypeError(f"argument should be integer or None, not '{type(size).__name__}'")
        peek = getattr(self, 'peek', None)
        res = bytearray()
        while size < 0 or len(res) < size:
            nreadahead = 1
            if peek is not None:
                ahead = peek(1)
                if not isinstance(ahead, bytes):
                    raise OSError(f'peek() should have returned a bytes object, not {type(ahead).__name__}')
                if ahead:
                    i = ahead.find(b'\n') + 1
                    nreadahead = i if i > 0 else len(ahead)
                    if size >= 0:
                        nreadahead = min(nreadahead, size - len(res))
            b = self.read(nreadahead)
            if b is None:
                break
            if not isinstance(b, bytes):
                raise OSError(f'read() should have returned a bytes object, not {type(b).__name__}')
            if not b:
                break
            res += b
            if res.endswith(b'\n'):
                break
        return bytes(res)
    def __iter__(self):
        self._checkClosed()
        return self
    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line
    def readlines(self, hint=None):
        if hint is None or hint <= 0:
            return list(self)
        n = 0
        lines = []
        for line in self:
            lines.append(line)
            n += len(line)
            if n >= hint:
                break
        return lines
    def writelines(self, lines):
        self._checkClosed()
        for line in iter(lines):
            self.write(line)

class _RawIOBase(_IOBase):
    def read(self, size=-1):
        if size is None:
            size = -1
        if size < 0:
            return self.readall()
        b = bytearray(size.__index__())
        n = self.readinto(b)
        if n is None:
            return None
        del b[n:]
        return bytes(b)
    def readall(self):
        res = bytearray()
        while True:
            data = self.read(DEFAULT_BUFFER_SIZE)
            if data is None:
                if not res:
                    return None
                break
            if not isinstance(data, bytes):
                raise TypeError('read() should return bytes')
            if not data:
                break
            res += data
        return bytes(res)

class _BufferedIOBase(_IOBase):
    def read(self, size=-1):
        _unsupported('read')
    def read1(self, size=-1):
        _unsupported('read1')
    def write(self, b):
        _unsupported('write')
    def detach(self):
        _unsupported('detach')
    def readinto(self, b):
        return self._readinto(b, False)
    def readinto1(self, b):
        return self._readinto(b, True)
    def _readinto(self, b, one):
        m = memoryview(b).cast('B')
        data = self.read1(len(m)) if one else self.read(len(m))
        n = len(data)
        m[:n] = data
        return n

class _TextIOBase(_IOBase):
    def detach(self):
        _unsupported('detach')
    def read(self, *args):
        _unsupported('read')
    def readline(self, *args):
        _unsupported('readline')
    def write(self, *args):
        _unsupported('write')
    @property
    def encoding(self):
        return None
    @property
    def newlines(self):
        return None
    @property
    def errors(self):
        return None

def _fd_closed_error():
    raise ValueError('I/O operation on closed file')

class FileIO(_RawIOBase):
    _fd = -1
    _created = _readable = _writable = _appending = False
    _seekable = None
    _closefd = True
    _blksize = DEFAULT_BUFFER_SIZE
    def __init__(self, file, mode='r', closefd=True, opener=None):
        if self._fd >= 0:
            if self._closefd:
                _os.close(self._fd)
            self._fd = -1
        fd = -1
        if isinstance(file, int):
            fd = file
            if fd < 0:
                raise ValueError('negative file descriptor')
        elif not isinstance(file, (str, bytes)):
            file = _os.fspath(file)
        if not isinstance(mode, str):
            raise TypeError(f"FileIO() argument 'mode' must be str, not {type(mode).__name__}")
        rwa = plus = False
        created = readable = writable = appending = False
        flags = 0
        for c in mode:
            if c in 'xrwa':
                if rwa:
                    raise ValueError('Must have exactly one of create/read/write/append mode and at most one plus')
                rwa = True
                if c == 'x':
                    created = writable = True
                    flags |= _os.O_EXCL | _os.O_CREAT
                elif c == 'r':
                    readable = True
                elif c == 'w':
                    writable = True
                    flags |= _os.O_CREAT | _os.O_TRUNC
                else:
                    writable = appending = True
                    flags |= _os.O_APPEND | _os.O_CREAT
            elif c == '+':
                if plus:
                    raise ValueError('Must have exactly one of create/read/write/append mode and at most one plus')
                readable = writable = plus = True
            elif c == 'b':
                pass
            else:
                raise ValueError(f'invalid mode: {mode}')
        if not rwa:
            raise ValueError('Must have exactly one of create/read/write/append mode and at most one plus')
        if readable and writable:
            flags |= _os.O_RDWR
        elif readable:
            flags |= _os.O_RDONLY
        else:
            flags |= _os.O_WRONLY
        flags |= getattr(_os, 'O_CLOEXEC', 0)
        self._created, self._readable, self._writable, self._appending = created, readable, writable, appending
        self._seekable = None
        if fd >= 0:
            self._closefd = bool(closefd)
        else:
            self._closefd = True
            if not closefd:
                raise ValueError('Cannot use closefd=False with file name')
            if opener is None:
                fd = _os.open(file, flags, 0o666)
            else:
                fd = opener(file, flags)
                if not isinstance(fd, int):
                    raise TypeError('expected integer from opener')
                if fd < 0:
                    raise ValueError(f'opener returned {fd}')
        self._fd = fd
        try:
            try:
                st = _os.fstat(fd)
            except OSError as e:
                if e.errno == 9:
                    raise
            else:
                if _stat.S_ISDIR(st.st_mode):
                    raise IsADirectoryError(21, _os.strerror(21), file)
                if st.st_blksize > 1:
                    self._blksize = st.st_blksize
            self.name = file
            if appending:
                _os.lseek(fd, 0, 2)
        except BaseException:
            if self._closefd:
                _os.close(fd)
            self._fd = -1
            raise
    def __del__(self):
        if self._fd >= 0 and self._closefd:
            try:
                self.close()
            except Exception:
                pass
    def __getstate__(self):
        raise TypeError(f"cannot pickle '{type(self).__name__}' object")
    def _chk(self):
        if self._fd < 0:
            _fd_closed_error()
    def _chk_read(self):
        if self._fd < 0:
            _fd_closed_error()
        if not self._readable:
            raise UnsupportedOperation('File not open for reading')
    def _chk_write(self):
        if self._fd < 0:
            _fd_closed_error()
        if not self._writable:
            raise UnsupportedOperation('File not open for writing')
    @property
    def closed(self):
        return self._fd < 0
    @property
    def closefd(self):
        return self._closefd
    @property
    def mode(self):
        if self._created:
            return 'xb+' if self._readable else 'xb'
        if self._appending:
            return 'ab+' if self._readable else 'ab'
        if self._readable:
            return 'rb+' if self._writable else 'rb'
        return 'wb'
    def fileno(self):
        self._chk()
        return self._fd
    def readable(self):
        self._chk()
        return self._readable
    def writable(self):
        self._chk()
        return self._writable
    def seekable(self):
        self._chk()
        if self._seekable is None:
            try:
                _os.lseek(self._fd, 0, 1)
            except OSError:
                self._seekable = False
            else:
                self._seekable = True
        return self._seekable
    def isatty(self):
        self._chk()
        return _os.isatty(self._fd)
    def read(self, size=-1):
        self._chk_read()
        if size is None:
            size = -1
        elif not isinstance(size, int):
            size = size.__index__()
        if size < 0:
            return self.readall()
        try:
            return _os.read(self._fd, size)
        except BlockingIOError:
            return None
    def readall(self):
        self._chk_read()
        chunks = []
        bufsize = DEFAULT_BUFFER_SIZE
        try:
            end = _os.fstat(self._fd).st_size
            pos = _os.lseek(self._fd, 0, 1)
            if end > pos:
                bufsize = end - pos + 1
        except OSError:
            pass
        while True:
            try:
                data = _os.read(self._fd, bufsize)
            except BlockingIOError:
                if not chunks:
                    return None
                break
            if not data:
                break
            chunks.append(data)
            if bufsize < 65536:
                bufsize = DEFAULT_BUFFER_SIZE * 8
        return b''.join(chunks)
    def readinto(self, b):
        self._chk_read()
        m = memoryview(b).cast('B')
        try:
            data = _os.read(self._fd, len(m))
        except BlockingIOError:
            return None
        n = len(data)
        m[:n] = data
        return n
    def write(self, b):
        self._chk_write()
        try:
            return _os.write(self._fd, b)
        except BlockingIOError:
            return None
    def seek(self, pos, whence=0):
        self._chk()
        if isinstance(pos, float):
            raise TypeError('an integer is required')
        return _os.lseek(self._fd, pos, whence)
    def tell(self):
        self._chk()
        return _os.lseek(self._fd, 0, 1)
    def truncate(self, size=None):
        self._chk_write()
        if size is None:
            size = self.tell()
        _os.ftruncate(self._fd, size)
        return size
    def close(self):
        if self._fd < 0:
            return
        try:
            _RawIOBase.close(self)
        finally:
            fd, self._fd = self._fd, -1
            if self._closefd:
                _os.close(fd)
    def __repr__(self):
        tn = 'FileIO' if type(self) is FileIO else type(self).__name__
        tn = '_io.FileIO' if type(self) is FileIO else tn
        if self._fd < 0:
            return f'<{tn} [closed]>'
        try:
            name = self.name
        except AttributeError:
            return f"<{tn} fd={self._fd} mode='{self.mode}' closefd={self._closefd}>"
        return f"<{tn} name={name!r} mode='{self.mode}' closefd={self._closefd}>"

def text_encoding(encoding, stacklevel=2):
    if encoding is None:
        import sys
        return 'utf-8' if sys.flags.utf8_mode else 'locale'
    return encoding

def open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True, opener=None):
    if not isinstance(file, int):
        file = _os.fspath(file)
    if not isinstance(file, (str, bytes, int)):
        raise TypeError(f'invalid file: {file!r}')
    if not isinstance(mode, str):
        raise TypeError(f"open() argument 'mode' must be str, not {type(mode).__name__}")
    buffering = buffering.__index__() if not isinstance(buffering, int) else buffering
    for argname, v in (('encoding', encoding), ('errors', errors), ('newline', newline)):
        if v is not None and not isinstance(v, str):
            raise TypeError(f"open() argument '{argname}' must be str or None, not {type(v).__name__}")
    seen = set()
    for c in mode:
        if c not in 'rwxa+tb' or c in seen:
            raise ValueError(f'invalid mode: {mode!r}')
        seen.add(c)
    creating, reading, writing, appending = 'x' in seen, 'r' in seen, 'w' in seen, 'a' in seen
    updating, text, binary = '+' in seen, 't' in seen, 'b' in seen
    rawmode = ''
    if creating: rawmode += 'x'
    if reading: rawmode += 'r'
    if writing: rawmode += 'w'
    if appending: rawmode += 'a'
    if updating: rawmode += '+'
    if text and binary:
        raise ValueError("can't have text and binary mode at once")
    if creating + reading + writing + appending > 1:
        raise ValueError('must have exactly one of create/read/write/append mode')
    if not (creating or reading or writing or appending):
        raise ValueError('Must have exactly one of create/read/write/append mode and at most one plus')
    if binary and encoding is not None:
        raise ValueError("binary mode doesn't take an encoding argument")
    if binary and errors is not None:
        raise ValueError("binary mode doesn't take an errors argument")
    if binary and newline is not None:
        raise ValueError("binary mode doesn't take a newline argument")
    if binary and buffering == 1:
        import warnings
        warnings.warn("line buffering (buffering=1) isn't supported in binary mode, the default buffer size will be used", RuntimeWarning, 2)
    raw = FileIO(file, rawmode, closefd, opener=opener)
    result = raw
    try:
        line_buffering = False
        if buffering == 1 or (buffering < 0 and raw.isatty()):
            buffering = -1
            line_buffering = True
        if buffering < 0:
            buffering = raw._blksize
        if buffering == 0:
            if binary:
                return result
            raise ValueError("can't have unbuffered text I/O")
        if updating:
            buffer = BufferedRandom(raw, buffering)
        elif creating or writing or appending:
            buffer = BufferedWriter(raw, buffering)
        else:
            buffer = BufferedReader(raw, buffering)
        result = buffer
        if binary:
            return result
        text = TextIOWrapper(buffer, encoding, errors, newline, line_buffering)
        result = text
        text.mode = mode
        return result
    except BaseException:
        result.close()
        raise

def open_code(path):
    if not isinstance(path, str):
        raise TypeError(f"open_code() argument 'path' must be str, not {type(path).__name__}")
    return open(path, 'rb')
)PY";
}  // namespace krait::io
