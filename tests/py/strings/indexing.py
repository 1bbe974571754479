# Indexing strings, positive and negative, including non-ASCII characters.
s = 'hello'
print(s[0], s[1], s[4], s[-1], s[-5])
i = 0
while i < len(s):
    print(i, s[i], s[-1 - i])
    i = i + 1
u = 'héllo wörld €😀'
print(len(u))
print(u[1], u[7], u[-1], u[-2], u[12])
abc = 'abc'
for i in range(len(abc)):
    print(abc[i], end=' ')
print()
for i in range(len(u)):
    print(u[i], end='|')
print()
print('x'[0], 'x'[-1])
print(len(''), len('a'), len('\n'), len('\x00'), len('😀'))
