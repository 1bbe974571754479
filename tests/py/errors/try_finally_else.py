# try/except/else/finally ordering, finally overriding return, re-raise, exception groups of handlers.
def run(kind):
    log = []
    try:
        log.append('try')
        if kind == 'value':
            raise ValueError('v')
        if kind == 'key':
            raise KeyError('k')
    except ValueError:
        log.append('except')
    else:
        log.append('else')
    finally:
        log.append('finally')
    return log


print(run('none'), run('value'))
try:
    run('key')
except KeyError as e:
    print('key escaped', repr(e))


def finally_wins():
    try:
        return 'try'
    finally:
        return 'finally'


def finally_runs():
    try:
        return 'value'
    finally:
        print('finally before return')


print(finally_wins(), finally_runs())


def reraise():
    try:
        int('x')
    except ValueError:
        print('logging then re-raising')
        raise


try:
    reraise()
except ValueError as e:
    print('re-raised:', e, type(e).__name__)
try:
    raise TypeError('t')
except (ValueError, TypeError) as e:
    print('tuple handler', type(e).__name__)
try:
    [].pop()
except Exception as e:
    print('Exception catches', type(e).__name__, e)
try:
    raise LookupError('base')
except IndexError:
    print('wrong')
except LookupError as e:
    print('LookupError', e, issubclass(KeyError, LookupError))
for i in range(3):
    try:
        if i == 1:
            continue
        print('body', i)
    finally:
        print('finally', i)
print(isinstance(ZeroDivisionError(), ArithmeticError), ValueError.__mro__[1].__name__)
