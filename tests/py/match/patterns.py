# Every pattern kind of PEP 634, bindings and guards.
class Point:
    __match_args__ = ('x', 'y')
    def __init__(self, x, y):
        self.x, self.y = x, y

class Color:
    RED = 'red'
    GREEN = 'green'

def describe(v):
    match v:
        case None:
            return 'none'
        case True | False as b:
            return f'bool {b}'
        case 0:
            return 'zero'
        case int(n) if n < 0:
            return f'negative {n}'
        case int() | float() as num:
            return f'number {num}'
        case Color.RED:
            return 'red!'
        case 'a' | 'b' | 'c' as letter:
            return f'letter {letter}'
        case str(s):
            return f'string {s!r}'
        case []:
            return 'empty list'
        case [x]:
            return f'one {x}'
        case [x, y] if x == y:
            return f'pair of {x}'
        case [first, *rest]:
            return f'first {first} rest {rest}'
        case {'kind': 'circle', 'r': r}:
            return f'circle {r}'
        case {'kind': kind, **others}:
            return f'{kind} with {sorted(others)}'
        case {}:
            return 'some mapping'
        case Point(0, 0):
            return 'origin'
        case Point(x=0, y=yy):
            return f'on y axis {yy}'
        case Point(xx, yy):
            return f'point {xx},{yy}'
        case (1, 2, *_, 9):
            return 'starts 1 2 ends 9'
        case _:
            return 'other'

for v in [None, True, False, 0, -3, 7, 2.5, 'red', 'b', 'zz', [], [1], [2, 2], [1, 2, 3],
          {'kind': 'circle', 'r': 2}, {'kind': 'sq', 'a': 1, 'b': 2}, {'x': 1}, Point(0, 0),
          Point(0, 5), Point(3, 4), (1, 2, 5, 6, 9), (1, 2, 3), object]:
    print(describe(v))

def seq(v):
    match v:
        case (a, b, c):
            return a + b + c
        case [a, [b, *c]]:
            return (a, b, c)
        case [*_, last]:
            return last
    return 'no'

print(seq((1, 2, 3)), seq([1, [2, 3, 4]]), seq([5, 6, 7, 8]), seq('abc'), seq(12))

def ors(v):
    match v:
        case [x, 1] | [1, x] | (x, 'q'):
            return x
        case {'a': y} | {'b': y}:
            return y
    return None

print(ors([5, 1]), ors([1, 6]), ors((7, 'q')), ors({'b': 3}), ors([2, 2]))

x = 'outer'
match 3:
    case 4:
        pass
    case y:
        print('bound', y)
print(x)

for cmd in ['go north', 'take a b', 'quit', 'drop']:
    match cmd.split():
        case ['go', direction]:
            print('going', direction)
        case ['take', *items]:
            print('taking', items)
        case ['quit']:
            print('bye')
        case _:
            print('?', cmd)

class Bad:
    __match_args__ = ['x']
try:
    match Bad():
        case Bad(1):
            pass
except TypeError as e:
    print('TypeError', e)
try:
    match Point(1, 2):
        case Point(1, 2, 3):
            pass
except TypeError as e:
    print('TypeError', e)

for src in ['match x:\n case y:\n  pass\n case 1:\n  pass\n',
            'match x:\n case _:\n  pass\n case 1:\n  pass\n',
            'match x:\n case [a] | b:\n  pass\n',
            'match x:\n case [a, a]:\n  pass\n',
            'match x:\n case {"a": 1, "a": 2}:\n  pass\n',
            'match x:\n case P(a=1, a=2):\n  pass\n']:
    try:
        compile(src, '<m>', 'exec')
    except SyntaxError as e:
        print('SyntaxError', e.msg, e.lineno, e.offset)
