# A list that contains itself prints as [...]; so does a dict.
a = [1, 2]
a.append(a)
print(a)
print(len(a), a[2][2][0])
b = [a, a]
print(b)
d = {'x': 1}
d['self'] = d
print(d)
c = []
c.append(c)
c.append(c)
print(c)
outer = {'list': [1]}
outer['list'].append(outer)
print(outer)
