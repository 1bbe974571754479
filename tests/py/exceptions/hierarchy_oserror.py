# exception hierarchy and OSError errno -> subclass mapping, OSError attributes
import errno
for cls in [ZeroDivisionError, OverflowError, FloatingPointError, KeyError, IndexError, ModuleNotFoundError,
            UnboundLocalError, RecursionError, NotImplementedError, IndentationError, TabError,
            UnicodeDecodeError, FileNotFoundError, ConnectionResetError, BrokenPipeError, TimeoutError,
            StopAsyncIteration, KeyboardInterrupt, SystemExit, GeneratorExit, DeprecationWarning,
            ResourceWarning, EncodingWarning, BaseExceptionGroup, ExceptionGroup]:
    print(cls.__name__, [c.__name__ for c in cls.__mro__[1:]])
for code in [errno.ENOENT, errno.EEXIST, errno.EACCES, errno.EPERM, errno.EISDIR, errno.ENOTDIR, errno.EAGAIN,
             errno.ECHILD, errno.EINTR, errno.ESRCH, errno.EPIPE, errno.ECONNREFUSED, errno.ECONNRESET,
             errno.ECONNABORTED, errno.ETIMEDOUT, errno.EINPROGRESS, errno.EINVAL, 9999]:
    e = OSError(code, 'msg')
    print(errno.errorcode.get(code, code), type(e).__name__, e.errno, e.strerror, str(e))
e = OSError(errno.ENOENT, 'No such file', 'a.txt')
print(type(e).__name__, e.filename, e.filename2, str(e), e.args)
e = OSError(errno.EXDEV, 'Cross', 'a', None, 'b')
print(str(e), e.filename2)
print(str(OSError('just msg')), OSError('just msg').errno, OSError().args, str(OSError(1, 2, 3, 4, 5, 6)))
print(IOError is OSError, EnvironmentError is OSError, type(FileNotFoundError(errno.EEXIST, 'x')).__name__)
try:
    open('/nonexistent/dir/file.txt')
except FileNotFoundError as e:
    print('FileNotFoundError', e.errno == errno.ENOENT, e.filename, e.strerror)
try:
    open('.', 'w')
except IsADirectoryError as e:
    print('IsADirectoryError', e.filename)
class MyOS(OSError): pass
print(type(MyOS(errno.ENOENT, 'x')).__name__)
b = BlockingIOError(errno.EAGAIN, 'blk', 7); print(b.characters_written)
try:
    OSError('x').characters_written
except AttributeError as e:
    print('AttributeError', e)
try:
    raise FileExistsError(errno.EEXIST, 'exists', 'f')
except OSError as e:
    print(type(e).__name__, e)
se = SyntaxError('bad syntax', ('f.py', 3, 5, 'x = = 1\n', 3, 6))
print(se.msg, se.filename, se.lineno, se.offset, se.text, se.end_lineno, se.end_offset, str(se))
try:
    compile('x = = 1', 'src.py', 'exec')
except SyntaxError as s:
    print(s.msg, s.filename, s.lineno, s.offset, repr(s.text), s.end_offset)
try:
    compile('if x:\npass', 'ind.py', 'exec')
except IndentationError as s:
    print(type(s).__name__, s.msg, s.lineno)
try:
    compile('if 1:\n\tx=1\n        y=2', 't.py', 'exec')
except SyntaxError as s:
    print(type(s).__name__, s.msg)
