# Builtin exception attributes, constructors, reprs and the errno -> OSError subclass mapping.
import errno, pickle
for args in [(), (errno.ENOENT, "nope"), (errno.EACCES, "denied", "file.txt"), (errno.EEXIST, "exists", "a", 0, "b"),
             (errno.EAGAIN, "again"), (errno.EPIPE, "pipe"), (errno.ECHILD, "child"), (errno.ESRCH, "srch"),
             (errno.EINTR, "intr"), (errno.ETIMEDOUT, "timeout"), (errno.ECONNREFUSED, "refused"), (errno.EISDIR, "isdir"),
             (errno.ENOTDIR, "notdir"), (errno.EPERM, "perm"), (errno.ECONNRESET, "reset"), (9999, "unknown"), ("x",)]:
    e = OSError(*args)
    print(type(e).__name__, repr(e), str(e), e.errno, e.strerror, e.filename, e.filename2, e.args)
print(FileNotFoundError(2, "x").errno, issubclass(IOError, OSError), IOError is OSError, EnvironmentError is OSError)
e = OSError(1, "m", "f")
e.filename = "g"
print(str(e), e.characters_written if hasattr(e, "characters_written") else "-")
b = BlockingIOError(11, "blocked", 5)
print(b.characters_written, str(b))
try:
    BlockingIOError(11, "x").characters_written
except AttributeError as ex:
    print("AttributeError:", ex)
for k in [KeyError("k"), KeyError(), KeyError(1, 2), KeyError(("t",))]:
    print(repr(k), str(k))
se = SyntaxError("bad", ("f.py", 3, 5, "x = = 1\n", 3, 7))
print(repr(se), str(se), se.filename, se.lineno, se.offset, repr(se.text), se.end_lineno, se.end_offset, se.msg)
print(str(SyntaxError("m")), str(SyntaxError("m", ("f", 1, None, None))), str(IndentationError("i", ("g.py", 2, 1, "  x", 2, 2))))
try:
    SyntaxError("m", ("f",))
except Exception as ex:
    print(type(ex).__name__, ex)
si = StopIteration(5, 6)
print(si.value, StopIteration().value, StopAsyncIteration(1).args)
print(SystemExit(3).code, SystemExit().code, SystemExit(1, 2).code)
ue = UnicodeDecodeError("utf-8", b"\xff\xfe", 0, 1, "invalid start byte")
print(str(ue), ue.encoding, ue.object, ue.start, ue.end, ue.reason)
ue2 = UnicodeEncodeError("ascii", "h\xe9llo", 1, 2, "ordinal not in range(128)")
print(str(ue2), repr(ue2))
print(str(UnicodeEncodeError("ascii", "ab\U0001F600", 2, 3, "r")), str(UnicodeTranslateError("x\u1234", 1, 2, "no")))
try:
    UnicodeDecodeError("utf-8", "str", 0, 1, "r")
except TypeError as ex:
    print("TypeError:", ex)
ai = AttributeError("m", name="nm", obj=5)
print(ai.name, ai.obj, NameError("n", name="q").name, ImportError("i", name="mod", path="/p").path)
try:
    ImportError("x", bogus=1)
except TypeError as ex:
    print("TypeError:", ex)
print(repr(ImportError("msg", name="m")), str(ModuleNotFoundError("no mod")))
for cls in [ValueError, ZeroDivisionError, RecursionError, NotImplementedError, UnboundLocalError,
            TimeoutError, BrokenPipeError, EncodingWarning, ResourceWarning, BytesWarning]:
    print(cls.__name__, [c.__name__ for c in cls.__mro__[1:]])
e = ValueError("a", 2)
e.extra = "attr"
e2 = pickle.loads(pickle.dumps(e))
print(repr(e2), e2.extra, e.__reduce__()[0].__name__, e.__reduce__()[1])
o = pickle.loads(pickle.dumps(OSError(2, "nf", "path")))
print(type(o).__name__, o.filename)
print(BaseException().with_traceback(None), repr(BaseException("x").with_traceback(None)))
try:
    BaseException().with_traceback(5)
except TypeError as ex:
    print("TypeError:", ex)
ex = Exception("base")
ex.__cause__ = ValueError("cause")
print(ex.__suppress_context__, repr(ex.__cause__), ex.__context__)
try:
    ex.__cause__ = 5
except TypeError as err:
    print("TypeError:", err)
try:
    ex.__context__ = "s"
except TypeError as err:
    print("TypeError:", err)
class MyErr(Exception):
    def __init__(self, a, b):
        super().__init__(a)
        self.b = b
    def __str__(self):
        return f"MyErr({self.args[0]}, {self.b})"
print(str(MyErr(1, 2)), repr(MyErr(1, 2)), MyErr(1, 2).args)
print(repr(Exception()), repr(Exception("one")), repr(Exception("a", "b")), str(Exception("a", "b")), str(Exception()))
print(Warning.__doc__ is not None, type(Exception.args).__name__, Exception.__new__(Exception, 1, 2).args)
print(isinstance(ExceptionGroup("x", [ValueError()]), Exception), issubclass(BaseExceptionGroup, BaseException))
