# divmod, //, % and * on ints of 1..200 digits of every sign, including divisors
# whose top digit is all ones and exact multiples (Knuth division edge cases).
import random
random.seed(5)
h = 0
for trial in range(2500):
    na = random.randint(1, 200); nb = random.randint(1, 200)
    a = random.getrandbits(na * 15) ; b = random.getrandbits(nb * 15) or 1
    if random.random() < 0.3: a = (1 << (30*random.randint(1,8))) - 1 - random.getrandbits(5)
    if random.random() < 0.3: b = (1 << (30*random.randint(1,4))) - 1 - random.getrandbits(3) or 7
    if random.random() < 0.2: a = b * random.getrandbits(random.randint(1, 100)) + random.randint(-3, 3)
    for sa in (1, -1):
        for sb in (1, -1):
            x, y = sa * a, sb * b
            q, r = divmod(x, y)
            h = (h * 1000003 + hash((q, r, x // y, x % y, x * y, y * x))) & 0xFFFFFFFFFFFF
print(h)
