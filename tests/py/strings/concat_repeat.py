# String concatenation and repetition.
s = 'ab' + 'cd'
print(s)
print('ab' * 3, 3 * 'xy', 'x' * 0, 'x' * -2, '' * 100)
print('-' * 20)
print('a' + '' + 'b')
s = ''
i = 0
while i < 5:
    s = s + str(i)
    i = i + 1
print(s, len(s))
t = 'ha' * 3 + '!'
print(t, len(t))
print(('ab' + 'c') * 2)
print('x' * True, 'y' * False)
line = ''
for w in ['alpha', 'beta', 'gamma']:
    line = line + w + ','
print(line)
big = 'abc' * 1000
print(len(big), big[0], big[-1], big[1500])
print('é' * 3, 'é' + 'ü', len('é' * 3))
