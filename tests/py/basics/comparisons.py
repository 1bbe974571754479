# Comparison operators, chained comparisons and mixed int/float/bool comparisons.
print(1 < 2, 2 < 1, 1 <= 1, 1 >= 2, 1 == 1, 1 != 1)
print(1 < 2 < 3)
print(1 < 3 < 2)
print(3 > 2 > 1 > 0)
print(1 == 1.0)
print(1 < 1.5 < 2)
print(0 == -0.0)
print(True == 1 == 1.0)
print(2**53 == 2.0**53)
print(2**53 + 1 == 2.0**53 + 1)
print(2**53 + 1 > 2.0**53)
print(10**30 > 1e29)
print(-10**30 < -1e29)
print('abc' < 'abd', 'abc' < 'ab', '' < 'a', 'Z' < 'a')
print('abc' == 'abc', 'a' != 'b')
print([1, 2] == [1, 2], [1, 2] < [1, 3], [1, 2] < [1, 2, 0], [] < [0])
print({'a': 1} == {'a': 1}, {'a': 1} != {'a': 2})
print(1 == 'a', None == 0, None == None)
print(float('nan') == float('nan'))
print(float('nan') < 1, float('nan') > 1)
print(float('inf') > 10**300)

def v(n):
    print('v', n)
    return n

print(v(1) < v(2) < v(0) < v(5))
print(v(3) < v(2) < v(4))
