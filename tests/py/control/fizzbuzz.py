# The classic, with the output assembled in several ways.
for i in range(1, 31):
    if i % 15 == 0:
        print('FizzBuzz')
    elif i % 3 == 0:
        print('Fizz')
    elif i % 5 == 0:
        print('Buzz')
    else:
        print(i)
out = []
for i in range(1, 16):
    s = ''
    if i % 3 == 0:
        s = s + 'Fizz'
    if i % 5 == 0:
        s = s + 'Buzz'
    if s == '':
        s = str(i)
    out.append(s)
print(out)
