# try/except* (PEP 654): splitting, handler order, re-raise and new raises.
def show(eg, depth=0):
    print('  ' * depth + f'{type(eg).__name__}({str(eg)!r})' if isinstance(eg, BaseExceptionGroup)
          else '  ' * depth + repr(eg))
    if isinstance(eg, BaseExceptionGroup):
        for e in eg.exceptions:
            show(e, depth + 1)

try:
    raise ExceptionGroup('eg', [ValueError(1), TypeError(2), ValueError(3)])
except* ValueError as e:
    print('values'); show(e)
except* TypeError as e:
    print('types'); show(e)

try:
    try:
        raise ExceptionGroup('eg', [ValueError(1), KeyError('k'), OSError('o')])
    except* ValueError:
        print('handled value')
    except* OSError:
        print('handled os')
except ExceptionGroup as rest:
    print('rest'); show(rest)

try:
    raise KeyError('naked')
except* KeyError as e:
    print('naked wrapped'); show(e)

try:
    try:
        raise ExceptionGroup('eg', [ValueError(1), TypeError(2)])
    except* ValueError:
        raise RuntimeError('new')
except ExceptionGroup as e:
    print('combined'); show(e)
    print(repr(e.exceptions[0].__context__))

try:
    try:
        raise ExceptionGroup('eg', [ValueError(1)])
    except* ValueError:
        raise
except ExceptionGroup as e:
    print('reraised'); show(e)

try:
    try:
        raise ExceptionGroup('outer', [ValueError(1), ExceptionGroup('inner', [ValueError(2), TypeError(3)])])
    except* TypeError:
        print('got type')
except ExceptionGroup as e:
    print('nested rest'); show(e)

def f():
    try:
        raise ExceptionGroup('x', [ValueError()])
    except* ValueError:
        pass
    else:
        print('no')
    finally:
        print('finally')
    return 'f done'
print(f())

try:
    try:
        raise ValueError('v')
    except* (TypeError, ValueError) as e:
        print('tuple match', type(e).__name__, e.exceptions)
except Exception as e:
    print('unexpected', e)

try:
    try:
        raise ValueError()
    except* ExceptionGroup:
        pass
except TypeError as e:
    print('TypeError', e)

for src in ['def f():\n    try:\n        pass\n    except* ValueError:\n        return 1\n',
            'for x in y:\n    try:\n        pass\n    except* ValueError:\n        break\n',
            'try:\n    pass\nexcept* ValueError:\n    for x in y:\n        continue\n']:
    try:
        compile(src, '<s>', 'exec')
        print('ok')
    except SyntaxError as e:
        print('SyntaxError', e.msg, e.lineno, e.offset)
