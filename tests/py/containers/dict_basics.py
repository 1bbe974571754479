# Dict literals, lookup, assignment, get, len and insertion order.
d = {'a': 1, 'b': 2}
print(d, len(d), d['a'])
d['c'] = 3
d['a'] = 10
print(d)
print(d.get('b'), d.get('zz'), d.get('zz', 'default'), d.get('a', 0))
e = {}
print(e, len(e), e.get(1))
e[1] = 'int key'
e[2.5] = 'float key'
e['s'] = 'str key'
e[None] = 'none key'
e[True] = 'bool key'
print(e)
print({1: 'a', 1.0: 'b', True: 'c'})
nested = {'list': [1, 2, {'deep': [3, {}]}], 'dict': {'x': None}}
print(nested)
print(nested['list'][2]['deep'][0], nested['dict']['x'])
counts = {}
for w in ['a', 'b', 'a', 'c', 'b', 'a']:
    counts[w] = counts.get(w, 0) + 1
print(counts)
squares = {}
for i in range(-3, 4):
    squares[i] = i * i
print(squares)
order = {'z': 1, 'y': 2, 'x': 3}
order['y'] = 20
print(order)
print({'a': 1, 'a': 2}, {2 ** 100: 'big', -1: 'neg'})
print(d == {'c': 3, 'b': 2, 'a': 10})
