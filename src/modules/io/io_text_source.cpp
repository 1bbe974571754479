// io_text_source.cpp — Python source of the _io module's text part (see io_module.cpp).
// Written for Krait from the documented behaviour of CPython 3.11's _io.
namespace krait::io {
extern const char kIoTextSource[] = R"PY(
# _io text layer: IncrementalNewlineDecoder and TextIOWrapper.

def _locale_encoding():
    try:
        import _locale
        return _locale.getencoding()
    except Exception:
        return 'UTF-8'

class TextIOWrapper(_TextIOBase):
    _CHUNK_SIZE = 2048
    _buffer = None
    _fast_encode = False
    def __init__(self, buffer, encoding=None, errors=None, newline=None, line_buffering=False, write_through=False):
        self._ok = False
        self._check_newline(newline)
        if encoding is not None and not isinstance(encoding, str):
            raise TypeError(f"TextIOWrapper() argument 'encoding' must be str or None, not {type(encoding).__name__}")
        if encoding is None or encoding == 'locale':
            encoding = _locale_encoding()
        if '\0' in encoding:
            raise ValueError('embedded null character')
        if errors is None:
            errors = 'strict'
        elif not isinstance(errors, str):
            raise TypeError(f"TextIOWrapper() argument 'errors' must be str or None, not {type(errors).__name__}")
        import codecs
        info = codecs.lookup(encoding)
        if not getattr(info, '_is_text_encoding', True):
            raise LookupError(f"{encoding!r} is not a text encoding; use codecs.open() to handle arbitrary codecs")
        self._buffer = buffer
        self._encoding = encoding
        self._errors = errors
        self._line_buffering = bool(line_buffering)
        self._write_through = bool(write_through)
        self._set_newline(newline)
        self._seekable = self._telling = buffer.seekable()
        self._has_read1 = hasattr(buffer, 'read1')
        self._encoder = self._decoder = None
        self._setup_codecs()
        self._ok = True
    def _check_newline(self, newline):
        if newline is not None and not isinstance(newline, str):
            raise TypeError(f"TextIOWrapper() argument 'newline' must be str or None, not {type(newline).__name__}")
        if newline not in (None, '', '\n', '\r', '\r\n'):
            raise ValueError(f'illegal newline value: {newline}')
    def _set_newline(self, newline):
        self._readuniversal = not newline
        self._readtranslate = newline is None
        self._readnl = newline
        self._writetranslate = newline != ''
        self._writenl = newline or '\n'
    def _setup_codecs(self):
        import codecs
        buffer = self._buffer
        self._decoded = ''
        self._decoded_used = 0
        self._snapshot = None
        if buffer.readable():
            dec = codecs.getincrementaldecoder(self._encoding)(self._errors)
            if self._readuniversal:
                dec = IncrementalNewlineDecoder(dec, self._readtranslate)
            self._decoder = dec
        else:
            self._decoder = None
        if buffer.writable():
            self._encoder = codecs.getincrementalencoder(self._encoding)(self._errors)
            # Stateless codecs: str.encode gives the same bytes, much faster.
            name = codecs.lookup(self._encoding).name
            self._fast_encode = name in ('utf-8', 'latin-1', 'iso8859-1', 'ascii')
            if self._seekable:
                try:
                    if buffer.tell() != 0:
                        self._encoder.setstate(0)
                except OSError:
                    pass
        else:
            self._encoder = None
    def _chk(self):
        if self._buffer is None:
            if self._ok:
                raise ValueError('underlying buffer has been detached')
            raise ValueError('I/O operation on uninitialized object')
        return self._buffer
    def _chk_closed(self):
        if self._chk().closed:
            raise ValueError('I/O operation on closed file.')
    @property
    def buffer(self):
        return self._chk()
    @property
    def encoding(self):
        return self._encoding
    @property
    def errors(self):
        return self._errors
    @property
    def line_buffering(self):
        return self._line_buffering
    @property
    def write_through(self):
        return self._write_through
    @property
    def closed(self):
        return self._chk().closed
    @property
    def name(self):
        return self._chk().name
    @property
    def newlines(self):
        d = self._decoder
        return getattr(d, 'newlines', None) if d is not None else None
    def fileno(self):
        return self._chk().fileno()
    def isatty(self):
        return self._chk().isatty()
    def seekable(self):
        self._chk_closed()
        return self._seekable
    def readable(self):
        return self._chk().readable()
    def writable(self):
        return self._chk().writable()
    def __getstate__(self):
        raise TypeError(f"cannot pickle '{type(self).__name__}' object")
    def __repr__(self):
        tn = '_io.TextIOWrapper' if type(self) is TextIOWrapper else type(self).__name__
        parts = [f'<{tn}']
        try:
            name = self.name
        except (AttributeError, ValueError):
            pass
        else:
            parts.append(f' name={name!r}')
        try:
            mode = self.mode
        except AttributeError:
            pass
        else:
            parts.append(f' mode={mode!r}')
        parts.append(f' encoding={self._encoding!r}>')
        return ''.join(parts)
    def flush(self):
        self._chk_closed()
        self._telling = self._seekable
        self._buffer.flush()
    def close(self):
        buf = self._chk()
        if buf.closed:
            return
        try:
            self.flush()
        finally:
            buf.close()
    def detach(self):
        buf = self._chk()
        self.flush()
        self._buffer = None
        return buf
    def reconfigure(self, *, encoding=None, errors=None, newline=Ellipsis, line_buffering=None, write_through=None):
        if self._decoder is not None and (encoding is not None or errors is not None or newline is not Ellipsis):
            if self._decoded_used < len(self._decoded) or self._snapshot is not None:
                _unsupported('It is not possible to set the encoding or newline of stream after the first read')
        if newline is not Ellipsis:
            self._check_newline(newline)
        if encoding is None and errors is not None:
            encoding = self._encoding
        elif encoding is not None and errors is None:
            errors = 'strict'
        self.flush()
        if encoding is not None:
            if encoding == 'locale':
                encoding = _locale_encoding()
            import codecs
            codecs.lookup(encoding)
            self._encoding = encoding
            self._errors = errors
        if newline is not Ellipsis:
            self._set_newline(newline)
        if encoding is not None or newline is not Ellipsis:
            self._setup_codecs()
        if line_buffering is not None:
            self._line_buffering = bool(line_buffering)
        if write_through is not None:
            self._write_through = bool(write_through)
    # -- writing
    def write(self, s):
        self._chk_closed()
        if not isinstance(s, str):
            raise TypeError(f'write() argument must be str, not {type(s).__name__}')
        if self._encoder is None:
            _unsupported('not writable')
        n = len(s)
        haslf = (self._writetranslate or self._line_buffering) and '\n' in s
        if haslf and self._writetranslate and self._writenl != '\n':
            s = s.replace('\n', self._writenl)
        needflush = self._line_buffering and (haslf or '\r' in s)
        b = s.encode(self._encoding, self._errors) if self._fast_encode else self._encoder.encode(s)
        self._buffer.write(b)
        if needflush:
            self._buffer.flush()
        if self._snapshot is not None or self._decoded:
            self._decoded = ''
            self._decoded_used = 0
            self._snapshot = None
        if self._decoder is not None:
            self._decoder.reset()
        return n
    # -- reading
    def _read_chunk(self):
        # Decodes one more chunk; remembers (decoder state, bytes fed) for tell().
        if self._telling:
            dec_buf, dec_flags = self._decoder.getstate()
        data = self._buffer.read1(self._CHUNK_SIZE) if self._has_read1 else self._buffer.read(self._CHUNK_SIZE)
        if data is None:
            data = b''
        eof = not data
        text = self._decoder.decode(data, eof)
        self._decoded = text
        self._decoded_used = 0
        if self._telling:
            self._snapshot = (dec_flags, dec_buf + data)
        return not eof
    def _pending(self):
        return self._decoded[self._decoded_used:]
    def _need_read(self):
        self._chk_closed()
        if self._decoder is None:
            _unsupported('not readable')
    def read(self, size=-1):
        self._need_read()
        if size is None:
            size = -1
        elif not isinstance(size, int):
            try:
                size = size.__index__()
            except AttributeError:
                raise TypeError(f"argument should be integer or None, not '{type(size).__name__}'") from None
        if size < 0:
            if self._encoder is not None:
                self._buffer.flush()
            data = self._buffer.read()
            if data is None:
                data = b''
            result = self._pending() + self._decoder.decode(data, True)
            self._decoded = ''
            self._decoded_used = 0
            self._snapshot = None
            return result
        parts = []
        remaining = size
        while remaining > 0:
            avail = len(self._decoded) - self._decoded_used
            if avail == 0:
                if not self._read_chunk():
                    if self._decoded:
                        continue
                    break
                continue
            take = min(avail, remaining)
            parts.append(self._decoded[self._decoded_used:self._decoded_used + take])
            self._decoded_used += take
            remaining -= take
        return ''.join(parts)
    def _find_line_end(self, line, start):
        # Returns (end index after the terminator, or -1; index where scanning may resume).
        if self._readtranslate or self._readnl == '\n':
            i = line.find('\n', start)
            return (i + 1 if i >= 0 else -1), len(line)
        if self._readuniversal:
            i = start
            n = len(line)
            while i < n:
                c = line[i]
                if c == '\n':
                    return i + 1, n
                if c == '\r':
                    if i + 1 < n:
                        return (i + 2 if line[i + 1] == '\n' else i + 1), n
                    return -1, i
                i += 1
            return -1, n
        nl = self._readnl
        i = line.find(nl, start)
        if i >= 0:
            return i + len(nl), len(line)
        return -1, max(start, len(line) - len(nl) + 1)
    def readline(self, size=-1):
        self._need_read()
        if size is None:
            size = -1
        elif not isinstance(size, int):
            size = size.__index__()
        chunk = self._decoded
        line = chunk[self._decoded_used:]
        cstart = -self._decoded_used
        start = 0
        eof = False
        while True:
            end, start = self._find_line_end(line, start)
            if end >= 0:
                break
            if size >= 0 and len(line) >= size:
                end = size
                break
            if eof:
                end = len(line)
                break
            more = self._read_chunk()
            while more and not self._decoded:
                more = self._read_chunk()
            if not more and not self._decoded:
                eof = True
            cstart = len(line)
            line += self._decoded
        if size >= 0 and end > size:
            end = size
        # Put the rest back as the pending decoded chunk.
        self._decoded = line[cstart:] if cstart >= 0 else chunk
        self._decoded_used = end - cstart
        return line[:end]
    def __next__(self):
        self._telling = False
        line = self.readline()
        if not line:
            self._snapshot = None
            self._telling = self._seekable
            raise StopIteration
        return line
    # -- positioning (cookie = start | dec_flags<<64 | feed<<128 | skip<<192 | eof<<256)
    def tell(self):
        self._chk_closed()
        if not self._seekable:
            _unsupported('underlying stream is not seekable')
        if not self._telling:
            raise OSError('telling position disabled by next() call')
        self.flush()
        pos = self._buffer.tell()
        dec = self._decoder
        if dec is None or self._snapshot is None:
            return pos
        dec_flags, next_input = self._snapshot
        pos -= len(next_input)
        skip = self._decoded_used
        if skip == 0:
            return pos | (dec_flags << 64)
        saved = dec.getstate()
        try:
            dec.setstate((b'', dec_flags))
            start_pos, start_flags, fed, chars = pos, dec_flags, 0, 0
            safe_fed, safe_chars = 0, 0
            for i in range(len(next_input)):
                chars += len(dec.decode(next_input[i:i + 1]))
                fed += 1
                buf, flags = dec.getstate()
                if not buf and chars <= skip:
                    start_pos += fed
                    start_flags = flags
                    skip -= chars
                    fed, chars = 0, 0
                if chars >= skip:
                    break
            else:
                chars += len(dec.decode(b'', final=True))
                if chars < skip:
                    raise OSError("can't reconstruct logical file position")
                return start_pos | (start_flags << 64) | (fed << 128) | (skip << 192) | (1 << 256)
            return start_pos | (start_flags << 64) | (fed << 128) | (skip << 192)
        finally:
            dec.setstate(saved)
    def truncate(self, pos=None):
        self.flush()
        if pos is None:
            pos = self.tell()
        return self._buffer.truncate(pos)
    def seek(self, cookie, whence=0):
        self._chk_closed()
        if not self._seekable:
            _unsupported('underlying stream is not seekable')
        if not isinstance(cookie, int):
            raise TypeError(f"an integer is required")
        if whence == 1:
            if cookie != 0:
                _unsupported("can't do nonzero cur-relative seeks")
            cookie = self.tell()
        elif whence == 2:
            if cookie != 0:
                _unsupported("can't do nonzero end-relative seeks")
            self.flush()
            pos = self._buffer.seek(0, 2)
            self._decoded = ''
            self._decoded_used = 0
            self._snapshot = None
            if self._decoder is not None:
                self._decoder.reset()
            self._reset_encoder(pos)
            return pos
        elif whence != 0:
            raise ValueError(f'invalid whence ({whence}, should be 0, 1 or 2)')
        if cookie < 0:
            raise ValueError(f'negative seek position {cookie}')
        self.flush()
        start = cookie & ((1 << 64) - 1)
        dec_flags = (cookie >> 64) & ((1 << 64) - 1)
        feed = (cookie >> 128) & ((1 << 64) - 1)
        skip = (cookie >> 192) & ((1 << 64) - 1)
        need_eof = cookie >> 256
        self._buffer.seek(start)
        self._decoded = ''
        self._decoded_used = 0
        self._snapshot = None
        if self._decoder is not None:
            self._decoder.reset()
            if cookie == 0:
                pass
            else:
                self._decoder.setstate((b'', dec_flags))
            self._snapshot = (dec_flags, b'')
        if skip or feed:
            data = self._buffer.read(feed)
            self._snapshot = (dec_flags, data)
            self._decoded = self._decoder.decode(data, bool(need_eof))
            if len(self._decoded) < skip:
                raise OSError("can't restore logical file position")
            self._decoded_used = skip
        self._reset_encoder(cookie)
        return cookie
    def _reset_encoder(self, pos):
        if self._encoder is not None:
            if pos == 0:
                self._encoder.reset()
            else:
                self._encoder.setstate(0)
)PY";
}  // namespace krait::io
