# for/else and while/else, the walrus operator, match statements, pass, assert, global.
for n in range(2, 20):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print(n, end=' ')
print()
k = 0
while k < 3:
    k += 1
else:
    print('while else', k)
while True:
    break
else:
    print('never')
data = [3, 7, 0, 9]
if (count := len(data)) > 3:
    print('count', count)
pos = 0
while (v := data[pos]) != 0:
    pos += 1
print('zero at', pos, v)


def describe(cmd):
    match cmd:
        case []:
            return 'empty'
        case ['go', direction]:
            return 'going ' + direction
        case ['take', *items] if items:
            return 'taking ' + ', '.join(items)
        case {'action': str(a), **rest}:
            return f'action {a} {rest}'
        case int(x) | float(x) if x < 0:
            return 'negative'
        case 0 | 1:
            return 'bit'
        case str() as s:
            return 'string ' + s
        case _:
            return 'unknown'


for c in [[], ['go', 'north'], ['take', 'a', 'b'], ['take'], {'action': 'run', 'x': 1}, -2, 1, 'hi', 3.5]:
    print(describe(c))


def noop():
    pass


print(noop())
assert 1 + 1 == 2, 'math'
try:
    assert False, 'assertion message'
except AssertionError as e:
    print('AssertionError', e)
