# Recursive functions: factorial, fibonacci, gcd, Ackermann, mutual recursion, Hanoi.
def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)

print(fact(0), fact(5), fact(20), fact(50))

def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

for i in range(15):
    print(fib(i), end=' ')
print()
print(fib(20))

def gcd(a, b):
    if b == 0:
        return a
    return gcd(b, a % b)

print(gcd(48, 18), gcd(17, 5), gcd(0, 9), gcd(2 ** 40, 6 ** 20))

def ack(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ack(m - 1, 1)
    return ack(m - 1, ack(m, n - 1))

print(ack(2, 3), ack(3, 3))

def is_even(n):
    if n == 0:
        return True
    return is_odd(n - 1)

def is_odd(n):
    if n == 0:
        return False
    return is_even(n - 1)

print(is_even(10), is_odd(7), is_even(301))

moves = []
def hanoi(n, src, dst, via):
    if n == 0:
        return 0
    a = hanoi(n - 1, src, via, dst)
    moves.append(src + dst)
    b = hanoi(n - 1, via, dst, src)
    return a + b + 1

print(hanoi(3, 'A', 'C', 'B'), moves)
print(hanoi(10, 'A', 'C', 'B'))

def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)

print(depth(500))

def sum_list(lst, i):
    if i == len(lst):
        return 0
    return lst[i] + sum_list(lst, i + 1)

print(sum_list([1, 2, 3, 4, 5], 0))
