# String equality and ordering are by code point.
print('a' == 'a', 'a' == 'A', 'a' != 'b')
print('a' < 'b', 'b' < 'a', 'a' < 'aa', 'aa' < 'b')
print('A' < 'a', 'Z' < 'a', '9' < 'A', ' ' < '!')
print('' == '', '' < ' ', 'abc' <= 'abc', 'abc' >= 'abd')
print('é' > 'z', '€' > 'é', '😀' > '€')
print('apple' < 'banana' < 'cherry')
print('10' < '9', 10 < 9)
words = ['pear', 'apple', 'fig', 'banana', 'Apple']
smallest = words[0]
for w in words:
    if w < smallest:
        smallest = w
print(smallest)
print('abc' == 'ab' + 'c', 'ab' * 2 == 'abab')
print(str(12) == '12', int('12') == 12, '12' == 12)
