# __setstate__ of itertools objects: argument checks and clamping of indices.
from itertools import *

def attempt(f, *a):
    try:
        r = f(*a)
        print('ok', r)
    except Exception as e:
        print(type(e).__name__, e)

attempt(chain().__setstate__, ())
attempt(chain().__setstate__, 7)
attempt(chain().__setstate__, ([],))
attempt(chain().__setstate__, (iter([]), []))
c = chain(); c.__setstate__((iter('abc'), iter('xy'))); print(list(c))
attempt(cycle('ab').__setstate__, ([1, 2], 1, 3))
attempt(cycle('ab').__setstate__, ('ab', 0))
attempt(cycle('ab').__setstate__, [[1], 0])
c = cycle('ab'); c.__setstate__(([9, 8], 1)); print(list(islice(c, 5)))
c = cycle(''); c.__setstate__(([9, 8], 0)); print(list(islice(c, 5)))
p = product('abc', 'de'); p.__setstate__((10, -5)); print(list(p))
p = product('abc', ''); p.__setstate__((1, 1)); print(list(p))
attempt(product('ab').__setstate__, (1, 2))
attempt(product('ab').__setstate__, ('x',))
c = combinations('abcde', 3); c.__setstate__((9, 0, -3)); print(list(c))
attempt(combinations('abc', 2).__setstate__, (0,))
c = combinations_with_replacement('abc', 2); c.__setstate__((1, 9)); print(list(c))
p = permutations('abcd', 2); p.__setstate__(((3, 2, 1, 0), (9, 0))); print(list(p)[:4])
attempt(permutations('abc').__setstate__, [(0, 1, 2), (1, 1, 1)])
attempt(permutations('abc').__setstate__, ((0, 1), (1, 1, 1)))
attempt(permutations('abc').__setstate__, (0, 1))
t = tee('abc')[0]
attempt(t.__setstate__, (1, 2))
attempt(t.__setstate__, ())
attempt(t.__setstate__, (t.__reduce__()[2][0], 58))
attempt(type(t.__reduce__()[2][0]), iter('a'), [1] * 58, None)
attempt(type(t.__reduce__()[2][0]), iter('a'), [1], t.__reduce__()[2][0])
attempt(type(t.__reduce__()[2][0]), iter('a'), (1,), None)
d = dropwhile(bool, [1, 0, 1]); d.__setstate__(1); print(list(d))
t2 = takewhile(bool, [1, 0, 1]); t2.__setstate__([1]); print(list(t2))
i = islice('abcdef', 0, None); i.__setstate__(3); print(list(i))
z = zip_longest('a', 'bcd'); z.__setstate__('*'); print(list(z))
a = accumulate([1, 2, 3]); a.__setstate__(10); print(list(a))
g = groupby('aab'); attempt(g.__setstate__, (1, 2)); attempt(g.__setstate__, [1, 2, 3])
