# Exceptions raised and handled inside loops; the loop goes on after each one.
values = ['1', '2', 'x', '4', '', '6.5', '-7']
total = 0
bad = 0
for v in values:
    try:
        total = total + int(v)
    except ValueError as e:
        bad = bad + 1
        print('skip:', e)
print(total, bad)
results = []
for d in [2, 1, 0, -1, 0, 4]:
    try:
        results.append(12 // d)
    except ZeroDivisionError:
        results.append(None)
print(results)
i = 0
while i < 5:
    try:
        if i % 2 == 1:
            raise RuntimeError('odd ' + str(i))
        print('even', i)
    except RuntimeError as e:
        print('caught', e)
    i = i + 1
data = {'a': 1, 'c': 3}
for key in ['a', 'b', 'c', 'd']:
    try:
        print(key, data[key])
    except KeyError as e:
        print('missing', e)
        continue
    print('found', key)
for n in range(10):
    try:
        if n == 3:
            break
        print('n', n)
    except ValueError:
        print('never')
print('after break')
