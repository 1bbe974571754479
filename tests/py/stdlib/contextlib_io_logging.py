# contextlib helpers, io.StringIO/BytesIO, and logging into a StringIO handler
import contextlib, io, logging
@contextlib.contextmanager
def tag(name):
    print('<%s>' % name)
    try:
        yield name.upper()
    except KeyError as e:
        print('handled', e)
    finally:
        print('</%s>' % name)
with tag('a') as t:
    print('inside', t)
with tag('b'):
    raise KeyError('kb')
with contextlib.suppress(ZeroDivisionError, KeyError):
    1 / 0
print('suppressed')
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    print('captured line')
print(repr(buf.getvalue()))
with contextlib.ExitStack() as stack:
    for n in 'xyz':
        stack.enter_context(tag(n))
    stack.callback(print, 'callback ran')
class Closer:
    def close(self): print('closed')
with contextlib.closing(Closer()): pass
with contextlib.nullcontext(5) as v: print('null', v)
s = io.StringIO('line1\nline2\nline3')
print(s.readline(), s.read(3), s.tell(), s.seek(0), s.readlines(), s.getvalue().count('\n'))
b = io.BytesIO(); b.write(b'abc'); b.seek(1); b.write(b'Z'); print(b.getvalue(), b.tell(), b.read(), io.BytesIO(b'xy').read1(1))
logger = logging.getLogger('corpus')
logger.setLevel(logging.DEBUG)
stream = io.StringIO()
h = logging.StreamHandler(stream)
h.setFormatter(logging.Formatter('%(levelname)s:%(name)s:%(message)s'))
logger.addHandler(h); logger.propagate = False
logger.debug('debug %d', 1); logger.info('info'); logger.warning('warn %s', 'x'); logger.error('err')
child = logging.getLogger('corpus.child'); child.critical('from child')
try:
    1 / 0
except ZeroDivisionError:
    logger.exception('boom')
h.setLevel(logging.ERROR); logger.warning('filtered'); logger.error('kept')
print(stream.getvalue().splitlines()[:8])
print(logging.getLevelName(30), logging.getLevelName('ERROR'), logger.isEnabledFor(5), logger.getEffectiveLevel())
