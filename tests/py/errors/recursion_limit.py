# Unbounded recursion raises RecursionError, which can be caught; the program then carries on.
import sys


def down(n):
    return down(n + 1)


try:
    down(0)
except RecursionError as e:
    print('RecursionError:', e)
print(sys.getrecursionlimit())


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


print(depth(900))
