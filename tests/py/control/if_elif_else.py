# if/elif/else chains, nesting and truthiness of each basic type.
def classify(n):
    if n < 0:
        return 'negative'
    elif n == 0:
        return 'zero'
    elif n < 10:
        return 'small'
    elif n < 100:
        return 'medium'
    else:
        return 'large'

for n in [-5, 0, 3, 42, 1000, -0.5, 9.99]:
    print(n, classify(n))

for v in [0, 1, -1, 0.0, 0.1, '', 'x', [], [0], {}, {'a': 1}, None, True, False]:
    if v:
        print('truthy', v)
    else:
        print('falsy', v)

x = 15
if x % 3 == 0:
    if x % 5 == 0:
        print('fizzbuzz')
    else:
        print('fizz')
elif x % 5 == 0:
    print('buzz')

if 1 < x < 20 and not x == 16:
    print('range ok')
if x > 100 or x < 0:
    print('unreachable')
else:
    print('else branch')
