# generators: send/throw/close, yield from delegation and return values, PEP 479, gi_ attributes
def echo():
    received = []
    try:
        while True:
            v = yield len(received)
            received.append(v)
    except GeneratorExit:
        print('closing with', received)
        raise
g = echo()
print(next(g), g.send('a'), g.send('b'))
g.close(); g.close()
try:
    g.send(1)
except StopIteration as e:
    print('StopIteration', e.value)
def fresh():
    yield 1
try:
    fresh().send(5)
except TypeError as e:
    print('TypeError', e)
def catcher():
    while True:
        try:
            yield 'ready'
        except ValueError as e:
            print('caught', e)
c = catcher(); next(c)
print(c.throw(ValueError('v1')), c.throw(ValueError, 'v2'))
try:
    c.throw(KeyError('k'))
except KeyError as e:
    print('propagated KeyError', e)
def inner():
    x = yield 'i1'
    print('inner got', x)
    yield 'i2'
    return 'inner-result'
def outer():
    r = yield from inner()
    print('outer got', r)
    yield 'o'
o = outer()
print(next(o), o.send('sent'), next(o))
print(list(o))
def bad_stop():
    yield 1
    raise StopIteration('explicit')
try:
    list(bad_stop())
except RuntimeError as e:
    print('RuntimeError', e, type(e.__cause__).__name__)
def ignore_exit():
    try:
        yield 1
    except GeneratorExit:
        yield 2
ig = ignore_exit(); next(ig)
try:
    ig.close()
except RuntimeError as e:
    print('RuntimeError', e)
def running():
    yield gr.gi_running
gr = running()
print(next(gr), gr.gi_running, gr.gi_frame is not None, gr.__name__, gr.__qualname__)
try:
    next(gr)
except StopIteration:
    print('exhausted', gr.gi_frame)
def selfref():
    yield next(sr)
sr = selfref()
try:
    next(sr)
except ValueError as e:
    print('ValueError', e)
def ret_value():
    yield 1
    return [1, 2]
it = ret_value(); next(it)
try:
    next(it)
except StopIteration as e:
    print('value', e.value, e.args)
def delegate_throw():
    yield from catcher()
d = delegate_throw(); next(d)
print(d.throw(ValueError('through')))
ge = (x for x in range(3))
print(type(ge).__name__, next(ge), list(ge), ge.gi_code.co_name)
def gen_with_finally():
    try:
        yield 1
    finally:
        print('cleanup')
gf = gen_with_finally(); next(gf); del gf
print('end')
