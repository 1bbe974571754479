# with: __enter__/__exit__ order, exception suppression, contextlib helpers, multiple managers.
import contextlib


class Tracker:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        print('enter', self.name)
        return self.name.upper()

    def __exit__(self, et, ev, tb):
        print('exit', self.name, et.__name__ if et else None, ev)
        return self.suppress


with Tracker('a') as v:
    print('body', v)
with Tracker('outer') as o, Tracker('inner') as i:
    print('both', o, i)
with Tracker('s', suppress=True):
    raise ValueError('swallowed')
print('after suppressed')
try:
    with Tracker('p'):
        1 / 0
except ZeroDivisionError as e:
    print('propagated', e)


@contextlib.contextmanager
def tag(name):
    print(f'<{name}>')
    try:
        yield name
    finally:
        print(f'</{name}>')


with tag('div'):
    with tag('p') as t:
        print('text in', t)
with contextlib.suppress(KeyError):
    {}['x']
print('suppressed KeyError')


def early():
    with Tracker('ret'):
        return 'returned'


print(early())
for k in range(3):
    with Tracker(str(k)):
        if k == 1:
            continue
        if k == 2:
            break
