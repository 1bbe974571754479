# itertools: accumulate, groupby, chain, islice, tee, product, pairwise, starmap, takewhile/dropwhile, zip_longest
import itertools as it, operator
print(list(it.accumulate([1, 2, 3, 4])), list(it.accumulate([1, 2, 3], operator.mul)), list(it.accumulate([1, 2], initial=10)))
print([(k, list(g)) for k, g in it.groupby('aaabccdaa')], [(k, len(list(g))) for k, g in it.groupby([1, 3, 2, 4, 5], key=lambda v: v % 2)])
print(list(it.chain('ab', [1], ())), list(it.chain.from_iterable(['xy', 'z'])), list(it.islice(range(100), 5, 20, 4)), list(it.islice('abc', None)))
a, b = it.tee(iter([1, 2, 3])); print(next(a), list(a), list(b))
print(list(it.product('ab', repeat=2)), len(list(it.product(range(3), range(4)))), list(it.pairwise('abcd')))
print(list(it.starmap(pow, [(2, 3), (3, 2)])), list(it.takewhile(lambda v: v < 3, [1, 2, 5, 1])), list(it.dropwhile(lambda v: v < 3, [1, 2, 5, 1])))
print(list(it.zip_longest('abc', [1], fillvalue='-')), list(it.compress('abcdef', [1, 0, 1, 0, 1])), list(it.filterfalse(None, [0, 1, 0, 2])))
print(list(it.islice(it.count(10, 2.5), 4)), list(it.islice(it.cycle('xy'), 5)), list(it.repeat('r', 3)), list(map(pow, range(4), it.repeat(2))))
print(list(it.permutations([1, 2, 3], 2)), list(it.combinations('abcd', 3)), list(it.combinations_with_replacement('ab', 2)))
for bad in [lambda: it.islice('a', -1), lambda: it.repeat(1, 'x'), lambda: list(it.permutations([1], -1))]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
data = [('fruit', 'apple'), ('veg', 'kale'), ('fruit', 'fig'), ('veg', 'leek')]
for key, grp in it.groupby(sorted(data), key=operator.itemgetter(0)):
    print(key, [name for _, name in grp])
print(sum(1 for _ in it.combinations(range(10), 4)), list(it.accumulate([3, 1, 4, 1, 5], max)))
