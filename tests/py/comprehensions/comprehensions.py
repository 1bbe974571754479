# List, dict and set comprehensions, nested loops, conditions and scoping.
print([x * x for x in range(8)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(i, j) for i in range(3) for j in range(i)])
print([[i * j for j in range(4)] for i in range(3)])
print({w: len(w) for w in ['apple', 'fig', 'banana']})
print(sorted({x % 5 for x in range(100)}))
print({k: v for k, v in zip('abc', [1, 2, 3]) if v != 2})
x = 'outer'
print([x for x in 'ab'], x)
print([y if y > 0 else -y for y in [-2, -1, 0, 1]])
matrix = [[1, 2, 3], [4, 5, 6]]
print([list(col) for col in zip(*matrix)], [v for row in matrix for v in row])
print(sum(x for x in range(101)), max(len(w) for w in ['a', 'abc', 'ab']))
print([n for n in range(2, 40) if all(n % d for d in range(2, n))])
print({(a, b) for a in range(2) for b in range(2)} == {(0, 0), (0, 1), (1, 0), (1, 1)})
print([[j for j in range(i)] for i in range(4)])
print(sorted({frozenset([1, 2]), frozenset([2, 1]), frozenset()}, key=len))
