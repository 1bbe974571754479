# itertools constructors reject keywords, also in subclasses, unless the subclass
# defines __init__ (which may then take them).
import operator
from itertools import *
cases = [(repeat, (1, 2)), (filterfalse, (None, [0, 1])), (chain, ([1, 2], [3, 4])),
         (starmap, (operator.pow, ((2, 3), (3, 2)))), (islice, ([1, 2, 3, 4], 1, 3)),
         (takewhile, (bool, [2, 3, 0])), (dropwhile, (bool, [2, 0, 4])), (cycle, ([1, 2],)),
         (compress, ('ABC', [1, 0, 1])), (pairwise, ('abc',)), (groupby, ('aab',)),
         (zip_longest, ('ab', 'c')), (count, (1,)), (product, ('ab',)), (permutations, ('ab',))]
for cls, args in cases:
    try:
        class sub(cls):
            pass
    except TypeError as e:
        print(cls.__name__, 'TypeError', e)
        continue
    print(cls.__name__, type(sub(*args)).__name__, [x if cls is not groupby else x[0] for x in islice(sub(*args), 0, 3)])
    for c in (cls, sub):
        try:
            c(*args, newarg=3)
            print(' accepted')
        except TypeError as e:
            print(' TypeError', e)
    class with_init(cls):
        def __init__(self, *args, newarg=None):
            self.newarg = newarg
    try:
        u = with_init(*args, newarg=3)
        print(' init', u.newarg, list(islice(u, 0, 3)))
    except TypeError as e:
        print(' init TypeError', e)
