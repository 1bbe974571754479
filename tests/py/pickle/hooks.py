# Pickler/Unpickler subclass hooks: persistent_id/persistent_load (methods
# and attributes), dispatch_table, reducer_override, find_class, memo
# proxies, clear_memo, fast mode, copyreg extensions, buffer_callback.
import copyreg, io, pickle, pickletools


class Thing:
    def __init__(self, n):
        self.n = n

    def __repr__(self):
        return 'Thing(%r)' % self.n


class PidPickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, Thing):
            return ('thing', obj.n)
        return None


class PidUnpickler(pickle.Unpickler):
    def persistent_load(self, pid):
        return Thing(pid[1] * 10)


for proto in range(6):
    f = io.BytesIO()
    PidPickler(f, proto).dump([Thing(1), 'x', Thing(2)])
    print(proto, f.getvalue().hex())
    print(PidUnpickler(io.BytesIO(f.getvalue())).load())

# persistent_id as an attribute
f = io.BytesIO()
p = pickle.Pickler(f, 2)
p.persistent_id = lambda o: 'P' if o == 42 else None
p.dump([41, 42])
u = pickle.Unpickler(io.BytesIO(f.getvalue()))
u.persistent_load = lambda pid: ('loaded', pid)
print(f.getvalue().hex(), u.load())
try:
    pickle.loads(f.getvalue())
except pickle.UnpicklingError as e:
    print('UnpicklingError', e)
try:
    p.persistent_id = 5
except TypeError as e:
    print('TypeError', e)
try:
    del p.persistent_id
except TypeError as e:
    print('TypeError', e)
try:
    pickle.Pickler(io.BytesIO()).persistent_id
except AttributeError as e:
    print('AttributeError', e)

# protocol 0 persistent ids must be ASCII
class BadPid(pickle.Pickler):
    def persistent_id(self, obj):
        return 'é' if obj == 1 else None
try:
    BadPid(io.BytesIO(), 0).dump(1)
except pickle.PicklingError as e:
    print('PicklingError', e)

# dispatch_table
def reduce_thing(t):
    return (Thing, (t.n + 100,))
f = io.BytesIO()
p = pickle.Pickler(f, 3)
p.dispatch_table = {Thing: reduce_thing}
p.dump(Thing(1))
print(f.getvalue().hex(), pickle.loads(f.getvalue()))

class DTPickler(pickle.Pickler):
    dispatch_table = copyreg.dispatch_table.copy()
    dispatch_table[Thing] = reduce_thing
f = io.BytesIO()
DTPickler(f, 4).dump([Thing(2)])
print(pickle.loads(f.getvalue()))

# reducer_override
class RO(pickle.Pickler):
    def reducer_override(self, obj):
        if obj is len:
            return (str, ('not len',))
        if isinstance(obj, Thing):
            return (Thing, (-obj.n,))
        return NotImplemented
f = io.BytesIO()
RO(f, 5).dump([len, Thing(3), 7, 'x'])
print(f.getvalue().hex(), pickle.loads(f.getvalue()))

# find_class override
class Restricted(pickle.Unpickler):
    def find_class(self, module, name):
        if module == 'builtins' and name in ('set', 'frozenset'):
            return super().find_class(module, name)
        raise pickle.UnpicklingError('global %s.%s is forbidden' % (module, name))
for proto in range(6):
    print(Restricted(io.BytesIO(pickle.dumps({1, 2}, proto))).load())
    try:
        Restricted(io.BytesIO(pickle.dumps(Thing(1), proto))).load()
    except pickle.UnpicklingError as e:
        print('UnpicklingError', e)

# memo proxies
f = io.BytesIO()
p = pickle.Pickler(f, 2)
lst = [1]
p.dump(lst)
m = p.memo
print(type(m).__name__, sorted(v[0] for v in m.copy().values()))
p.dump(lst)
print(f.getvalue().hex())
p.clear_memo()
print(len(p.memo.copy()))
p.memo = {id(lst): (0, lst)}
p.dump(lst)
print(f.getvalue().hex())
try:
    p.memo = [1]
except TypeError as e:
    print('TypeError', e)
try:
    p.memo = {1: 2}
except TypeError as e:
    print('TypeError', e)
u = pickle.Unpickler(io.BytesIO(pickle.dumps([[1], 'a'], 2)))
u.load()
print(type(u.memo).__name__, u.memo.copy())
u.memo = {5: 'five'}
print(u.memo.copy())
u.memo.clear()
print(u.memo.copy())

# fast mode
f = io.BytesIO()
p = pickle.Pickler(f, 2)
p.fast = True
s = [1]
p.dump([s, s])
print(f.getvalue().hex())
r = []
r.append(r)
try:
    p.dump(r)
except ValueError as e:
    print('ValueError', str(e).split(' at ')[0])

# copyreg extension registry
class Ext:
    pass
Ext.__module__ = '__main__'
import __main__
__main__.Ext = Ext
copyreg.add_extension('__main__', 'Ext', 0xf0)
copyreg.add_extension('builtins', 'len', 0x1234)
copyreg.add_extension('builtins', 'abs', 0x123456)
for proto in range(6):
    d = pickle.dumps([Ext, len, abs, Ext], proto)
    print(proto, d.hex(), pickle.loads(d) == [Ext, len, abs, Ext])
copyreg.remove_extension('__main__', 'Ext', 0xf0)
copyreg.remove_extension('builtins', 'len', 0x1234)
copyreg.remove_extension('builtins', 'abs', 0x123456)

# out-of-band buffers
buf = pickle.PickleBuffer(bytearray(b'abcdef'))
rbuf = pickle.PickleBuffer(b'readonly')
bufs = []
d = pickle.dumps([buf, rbuf], 5, buffer_callback=bufs.append)
print(d.hex(), len(bufs))
out = pickle.loads(d, buffers=bufs)
print([bytes(x) for x in out], [type(x).__name__ for x in out])
print(pickle.loads(pickle.dumps([buf, rbuf], 5)))
try:
    pickle.loads(d)
except pickle.UnpicklingError as e:
    print('UnpicklingError', e)
try:
    pickle.loads(d, buffers=[])
except pickle.UnpicklingError as e:
    print('UnpicklingError', e)
try:
    pickle.dumps(buf, 4)
except pickle.PicklingError as e:
    print('PicklingError', e)
try:
    pickle.dumps(1, 4, buffer_callback=print)
except ValueError as e:
    print('ValueError', e)
print(bytes(buf.raw()), buf.raw().format)
buf.release()
try:
    buf.raw()
except ValueError as e:
    print('ValueError', e)

# Python 2 pickles: fix_imports, encoding, errors
py2 = b"(lp0\nS'abc'\np1\naS'\\xe9'\np2\nac__builtin__\nxrange\np3\n(I0\nI5\nI1\ntp4\nRp5\na."
print(pickle.loads(py2, encoding='latin1'))
print(pickle.loads(py2, encoding='bytes'))
try:
    pickle.loads(py2)
except UnicodeDecodeError as e:
    print('UnicodeDecodeError', e)
print(pickle.loads(py2, errors='replace'))
print(pickle.dumps(range(3), 2).hex(), pickle.dumps(range(3), 2, fix_imports=False).hex())
print(pickletools.dis(pickle.dumps([1, 'a', (2,)], 1)) is None)
