# A seeded Markov-chain text generator plus word statistics: random, collections, str methods, itertools.
import itertools, random, string
from collections import Counter, defaultdict
text = """It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of
foolishness, it was the epoch of belief, it was the epoch of incredulity, it was the season of Light, it
was the season of Darkness, it was the spring of hope, it was the winter of despair."""
words = [w.strip(string.punctuation).lower() for w in text.split()]
chain = defaultdict(list)
for a, b, c in zip(words, words[1:], words[2:]):
    chain[(a, b)].append(c)
rng = random.Random(2024)
state = ("it", "was")
out = list(state)
for _ in range(25):
    nxt = chain.get(state)
    if not nxt:
        break
    w = rng.choice(nxt)
    out.append(w)
    state = (state[1], w)
print(" ".join(out))
freq = Counter(words)
print(freq.most_common(5), len(freq), sum(freq.values()))
print(sorted(freq, key=lambda w: (-freq[w], w))[:8])
by_len = {k: sorted(set(g)) for k, g in itertools.groupby(sorted(words, key=len), key=len)}
print(by_len[4], max(by_len))
print(rng.sample(sorted(set(words)), 4), rng.randint(1, 100), rng.random(), rng.uniform(1, 2), rng.gauss(0, 1))
deck = [r + s for r in "A23456789TJQK" for s in "shdc"]
rng.shuffle(deck)
print(deck[:8], rng.choices(deck, k=3), rng.choices("ab", weights=[1, 9], k=5))
print(rng.getrandbits(64), rng.randrange(0, 1000, 7), rng.betavariate(2, 3), rng.expovariate(1.5))
print(random.Random(1).random() == random.Random(1).random(), rng.triangular(0, 10, 3))
st = rng.getstate()
a = [rng.random() for _ in range(3)]
rng.setstate(st)
print(a == [rng.random() for _ in range(3)])
print(" ".join(w.capitalize() for w in out[:6]), text.count("it was"), text.title()[:30], text.swapcase()[:20])
