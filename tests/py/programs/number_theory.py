# Prime factorization, digit sums, base conversion and perfect numbers with plain loops.
def factorize(n):
    factors = []
    d = 2
    while d * d <= n:
        while n % d == 0:
            factors.append(d)
            n = n // d
        d = d + 1
    if n > 1:
        factors.append(n)
    return factors

def to_base(n, base):
    digits = '0123456789abcdefghijklmnopqrstuvwxyz'
    if n == 0:
        return '0'
    sign = ''
    if n < 0:
        sign = '-'
        n = -n
    out = ''
    while n > 0:
        out = digits[n % base] + out
        n = n // base
    return sign + out

def digit_sum(n):
    s = 0
    for i in range(len(str(n))):
        s = s + int(str(n)[i])
    return s

for n in [2, 12, 97, 360, 1001, 65536, 999999, 2 ** 31 - 1, 600851475143]:
    print(n, factorize(n))
for n in [0, 5, 255, -255, 2 ** 64, 123456789]:
    print(n, to_base(n, 2), to_base(n, 16), to_base(n, 36))
print(digit_sum(2 ** 100), digit_sum(2 ** 1000))
perfect = []
for n in range(2, 10000):
    s = 1
    d = 2
    while d * d <= n:
        if n % d == 0:
            s = s + d
            if d * d != n:
                s = s + n // d
        d = d + 1
    if s == n:
        perfect.append(n)
print(perfect)
