# random with fixed seeds: reproducible sequences for every common method
import random
random.seed(12345)
print(random.random(), random.randint(1, 100), random.randrange(0, 50, 5), random.uniform(1, 2), random.getrandbits(40))
print(random.choice('abcdefg'), random.choices(range(10), k=5), random.choices('ab', weights=[9, 1], k=6), random.sample(range(100), 5))
lst = list(range(10)); random.shuffle(lst); print(lst)
r = random.Random(7); print([r.randint(0, 9) for _ in range(10)], r.gauss(0, 1), r.normalvariate(10, 2), r.expovariate(1.5), r.triangular(0, 10, 3), r.betavariate(2, 3))
state = r.getstate(); a = r.random(); r.setstate(state); print(a == r.random())
r2 = random.Random('string seed'); print(r2.random(), random.Random(b'bytes').randint(0, 1000), random.Random(2 ** 100).random())
print(r.randbytes(6), r.sample(['x', 'y', 'z'], counts=[2, 1, 1], k=3), r.choice([None]))
for bad in [lambda: random.choice([]), lambda: random.randrange(5, 5), lambda: random.sample([1], 2), lambda: random.randint(3, 1)]:
    try:
        bad()
    except (IndexError, ValueError) as e:
        print(type(e).__name__, e)
random.seed(0)
print([round(random.vonmisesvariate(0, 1), 6), round(random.paretovariate(2), 6), round(random.weibullvariate(1, 2), 6), round(random.lognormvariate(0, 1), 6)])
