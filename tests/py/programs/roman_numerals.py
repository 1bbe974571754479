# Converting integers to Roman numerals and back, checked by round trip.
values = [1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1]
symbols = ['M', 'CM', 'D', 'CD', 'C', 'XC', 'L', 'XL', 'X', 'IX', 'V', 'IV', 'I']
digit = {'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100, 'D': 500, 'M': 1000}

def to_roman(n):
    if n <= 0 or n >= 4000:
        raise ValueError('out of range: ' + str(n))
    out = ''
    for i in range(len(values)):
        while n >= values[i]:
            out = out + symbols[i]
            n = n - values[i]
    return out

def from_roman(s):
    total = 0
    for i in range(len(s)):
        v = digit[s[i]]
        if i + 1 < len(s) and digit[s[i + 1]] > v:
            total = total - v
        else:
            total = total + v
    return total

for n in [1, 4, 9, 14, 40, 90, 400, 1994, 2024, 3999]:
    r = to_roman(n)
    print(n, r, from_roman(r))
ok = True
for n in range(1, 4000):
    if from_roman(to_roman(n)) != n:
        ok = False
        print('mismatch', n)
print('round trip ok:', ok)
for bad in [0, 4000, -1]:
    try:
        to_roman(bad)
    except ValueError as e:
        print(e)
try:
    from_roman('XIZ')
except KeyError as e:
    print('bad digit', e)
