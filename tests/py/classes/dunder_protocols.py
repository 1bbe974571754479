# Container and numeric protocols implemented in Python: len, getitem, iter, contains, call, bool, hash, ordering.
import functools


class Deck:
    def __init__(self, cards):
        self._cards = list(cards)

    def __len__(self):
        return len(self._cards)

    def __getitem__(self, i):
        return self._cards[i]

    def __contains__(self, c):
        return c in self._cards

    def __call__(self, n):
        return self._cards[:n]

    def __bool__(self):
        return bool(self._cards)


d = Deck('AKQJ')
print(len(d), d[0], d[-1], d[1:3], list(d), 'Q' in d, 'X' in d, d(2), bool(d), bool(Deck([])))
print([c for c in d], list(reversed(d)))


@functools.total_ordering
class Version:
    def __init__(self, s):
        self.parts = tuple(int(p) for p in s.split('.'))

    def __eq__(self, other):
        return self.parts == other.parts

    def __lt__(self, other):
        return self.parts < other.parts

    def __hash__(self):
        return hash(self.parts)

    def __repr__(self):
        return 'v' + '.'.join(map(str, self.parts))


vs = [Version(s) for s in ['1.10', '1.2', '1.2.1', '0.9']]
print(sorted(vs), max(vs), min(vs))
print(Version('1.2') >= Version('1.1'), Version('1.0') <= Version('0.9'))
print(len({Version('1.0'), Version('1.0'), Version('2.0')}))


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __add__(self, other):
        if isinstance(other, int):
            return Money(self.cents + other)
        return Money(self.cents + other.cents)

    __radd__ = __add__

    def __neg__(self):
        return Money(-self.cents)

    def __format__(self, spec):
        return format(self.cents / 100, spec)

    def __str__(self):
        return f'${self.cents / 100:.2f}'


print(sum([Money(150), Money(275)], Money(0)), -Money(5), 1 + Money(99))
print(f'{Money(12345):>10.1f}|')
