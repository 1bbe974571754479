# exception attributes, args, str/repr, chaining (__cause__/__context__/__suppress_context__), __notes__
e = ValueError('a', 2)
print(e.args, str(e), repr(e), str(ValueError()), repr(ValueError('x')), str(ValueError('only')))
print(repr(KeyError('k')), str(KeyError('k')), str(KeyError()), str(KeyError('a', 'b')), str(KeyError(1)))
try:
    try:
        1 / 0
    except ZeroDivisionError as z:
        raise ValueError('wrapped') from z
except ValueError as v:
    print(type(v.__cause__).__name__, v.__suppress_context__, type(v.__context__).__name__)
try:
    try:
        {}['x']
    except KeyError:
        raise TypeError('implicit')
except TypeError as t:
    print(t.__cause__, type(t.__context__).__name__, t.__suppress_context__)
try:
    try:
        raise OSError('first')
    except OSError:
        raise RuntimeError('second') from None
except RuntimeError as r:
    print(r.__cause__, type(r.__context__).__name__, r.__suppress_context__)
err = Exception('with notes')
err.add_note('note one'); err.add_note('note two')
print(err.__notes__)
try:
    err.add_note(5)
except TypeError as x:
    print('TypeError', x)
class MyErr(Exception):
    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code
    def __str__(self): return f'[{self.code}] {self.args[0]}'
m = MyErr(404, 'not found')
print(m, repr(m), m.args, m.code)
print(StopIteration(5).value, StopIteration().value, SystemExit(3).code, SystemExit().code, SystemExit(1, 2).code)
ex = ImportError('msg', name='mod', path='/p')
print(ex.name, ex.path, ex.msg, ImportError().name)
ae = AttributeError('a', name='attr', obj=5)
print(ae.name, ae.obj)
ne = NameError('n', name='zz'); print(ne.name)
u = UnicodeDecodeError('utf-8', b'\xff\xfe', 0, 1, 'bad')
print(u.encoding, u.object, u.start, u.end, u.reason, str(u))
ue = UnicodeEncodeError('ascii', 'aé', 1, 2, 'nope'); print(str(ue))
e2 = Exception(); e2.args = ('new',); print(e2, e2.args)
e3 = Exception('tb'); print(e3.__traceback__, e3.with_traceback(None) is e3)
try:
    raise ValueError
except ValueError as v:
    print(repr(v), v.__traceback__ is not None, v.__traceback__.tb_lineno > 0)
try:
    raise 5
except TypeError as t:
    print('TypeError', t)
try:
    raise ValueError from 5
except TypeError as t:
    print('TypeError', t)
class NotExc: pass
try:
    raise NotExc
except TypeError as t:
    print('TypeError', t)
def reraise():
    try:
        raise KeyError('inner')
    except KeyError:
        raise
try:
    reraise()
except KeyError as k:
    print('reraised', k)
try:
    raise
except RuntimeError as r:
    print('RuntimeError', r)
print(BaseException.__subclasses__()[:0], issubclass(KeyboardInterrupt, Exception), issubclass(GeneratorExit, BaseException))
