from _random import Random

def err(label, f, *a, **k):
    try:
        print(label, "ok", f(*a, **k))
    except Exception as e:
        print(label, type(e).__name__, e)

for seed in [0, 1, 42, -42, 2**32, 2**32 - 1, 2**100 + 7, 12345678901234567890, 1.5, "abc", b"xy", (1, 2), True]:
    r = Random(seed)
    print(repr(seed), [r.random() for _ in range(3)], r.getrandbits(5), r.getrandbits(32), r.getrandbits(70), r.getrandbits(0))
r = Random(7)
s = r.getstate()
print(len(s), s[-1], s[:3])
a = [r.random() for _ in range(700)]
r.setstate(s)
b = [r.random() for _ in range(700)]
print(a == b, a[-1], sum(a))
r.seed(99); print(r.random())
r.seed(); x = r.random(); print(0.0 <= x < 1.0)
err("bits neg", r.getrandbits, -1)
err("bits float", r.getrandbits, 1.5)
err("setstate list", r.setstate, [1])
err("setstate size", r.setstate, (1, 2))
err("setstate index", r.setstate, (0,) * 624 + (625,))
err("seed 2", r.seed, 1, 2)
err("Random 2", Random, 1, 2)
err("Random kw", Random, x=1)
err("seed list", r.seed, [1])
class Sub(Random):
    def __init__(self, x, y=None):
        self.seed(x)
s = Sub(5, y=3); print(s.random(), Random(5).random())
print(Random(2**64).getrandbits(128))
