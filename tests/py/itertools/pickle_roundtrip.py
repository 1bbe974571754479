# Every itertools iterator pickles and copies mid-iteration and resumes where it was
# (3.11 still supports this): reduce values, setstate checks, exhausted iterators.
import copy, operator, pickle
from itertools import *

def states(make, steps=(0, 1, 3, 100)):
    for k in steps:
        it = make()
        consumed = list(islice(it, k))
        out = []
        for proto in range(pickle.HIGHEST_PROTOCOL + 1):
            d = pickle.loads(pickle.dumps(it, proto))
            out.append(list(islice(d, 12)))
        out.append(list(islice(copy.copy(make()), 5)))
        out.append(list(islice(copy.deepcopy(it), 12)))
        assert all(o == out[0] for o in out[1:-2]), out
        print(k, consumed, out[0], out[-1])

cases = {
    'accumulate': lambda: accumulate(range(6)),
    'accumulate_func': lambda: accumulate([2, 3, 4, 5], operator.mul),
    'accumulate_initial': lambda: accumulate(range(4), initial=100),
    'accumulate_none': lambda: accumulate([None, None, 1], lambda a, b: b),
    'chain': lambda: chain('abc', [1, 2], (), 'de'),
    'chain_from_iterable': lambda: chain.from_iterable(['ab', 'cd']),
    'combinations': lambda: combinations('abcd', 2),
    'combinations_big_r': lambda: combinations('abc', 5),
    'cwr': lambda: combinations_with_replacement('abc', 2),
    'compress': lambda: compress('abcdef', [1, 0, 1, 1, 0, 1]),
    'count': lambda: count(3, 2),
    'cycle': lambda: cycle('abc'),
    'dropwhile': lambda: dropwhile(lambda x: x < 3, [1, 2, 3, 4, 1]),
    'takewhile': lambda: takewhile(lambda x: x < 3, [1, 2, 3, 4, 1]),
    'filterfalse': lambda: filterfalse(None, [0, 1, '', 'a', 0.0]),
    'groupby': lambda: groupby('aabbbc'),
    'islice': lambda: islice(range(100), 2, 30, 3),
    'islice_open': lambda: islice(range(10), 1, None),
    'permutations': lambda: permutations('abc'),
    'permutations_r': lambda: permutations(range(4), 2),
    'product': lambda: product('ab', range(3)),
    'product_repeat': lambda: product([0, 1], repeat=3),
    'product_empty': lambda: product('ab', ''),
    'repeat': lambda: repeat('x', 4),
    'starmap': lambda: starmap(operator.pow, [(2, 3), (3, 2), (10, 2)]),
    'zip_longest': lambda: zip_longest('abcd', 'x', fillvalue='-'),
}
for name, make in cases.items():
    print(name)
    if name == 'groupby':
        for k in (0, 1, 2, 5):
            it = make()
            keys = [key for key, _ in islice(it, k)]
            for proto in range(pickle.HIGHEST_PROTOCOL + 1):
                d = pickle.loads(pickle.dumps(it, proto))
                print(k, keys, proto, [(key, list(g)) for key, g in d])
        continue
    states(make)

it = cycle('abc'); next(it)
print(it.__reduce__()[2])
for _ in range(5): next(it)
r = it.__reduce__()
print(r[0].__name__, r[2], list(islice(r[1][0], 5)))
print(islice(range(5), 2).__reduce__())
it = islice(range(5), 2); list(it); print(it.__reduce__()[1][1:], it.__reduce__()[2])
print(zip_longest('ab', 'c').__reduce__()[1:])
print(compress('ab', [1]).__reduce__()[1][0])
print(accumulate([1, 2], initial=5).__reduce__()[0].__name__)
print(combinations('ab', 1).__reduce__()[1:])
c = combinations('abcd', 2); next(c); next(c); print(c.__reduce__()[1:])
p = permutations('abc', 2); next(p); next(p); print(p.__reduce__()[1:])
p = product('ab', 'cd'); next(p); print(p.__reduce__()[1:])
list(p); print(p.__reduce__()[1:])
